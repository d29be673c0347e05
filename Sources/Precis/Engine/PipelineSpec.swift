internal import Foundation
internal import Yams

/// A pipeline file, parsed and checked for shape (not yet against a registry; see ``PipelinePlan``).
///
/// Pipeline files are YAML (JSON is accepted too, as the YAML subset it is). Every value keeps the
/// line and column it came from, so later checks can point at the exact place to fix.
public struct PipelineSpec: Sendable {
  /// One entry of `stages:`.
  public struct StageSpec: Sendable {
    /// Unique within the pipeline; names the stage's output.
    public var name: String
    public var kind: String
    public var options: [String: OptionValue]
    /// Stage names this stage must run after, besides those inferred from requires/provides.
    public var needs: [String]
    /// Where the stage entry starts in the file.
    public var location: PipelineError.Location
    /// Where each option's value is in the file.
    public var optionLocations: [String: PipelineError.Location]
    /// Whether the stage's output is written (`documents.jsonl`, `documents.json`, `stages/`, its
    /// CSV columns and tables); `write: false` keeps a layer that later stages only read internal.
    public var write: Bool = true
  }

  public var name: String
  /// The file the spec was read from, as given.
  public var file: String
  /// The input folder or `.jsonl` file, resolved against the file's folder; `nil` if not set.
  public var input: String?
  /// The output folder, resolved against the file's folder; `nil` if not set.
  public var output: String?
  /// Glob patterns a file in an input folder must match (by name or relative path).
  public var include: [String]
  /// Glob patterns that exclude files of an input folder.
  public var exclude: [String]
  /// The fields (JSON keys, CSV and TSV columns) that hold each record's text and id
  /// (`text-field:`, `id-field:`; `text` and `id` by default).
  public var fields = InputFields()
  public var stages: [StageSpec]
  /// The outputs to write (``OutputFormats`` names; `default` for the default ones).
  public var outputs: [String] = ["default"]
  /// Where `outputs:` is in the file, when it is there.
  public var outputsLocation: PipelineError.Location?
  /// The file's text, for the hash recorded in `run.json`.
  public var source: String

  static let topLevelKeys = ["name", "description", "input", "output", "include", "exclude", "text-field", "id-field", "outputs", "stages"]
  static let stageKeys = ["name", "kind", "options", "needs", "write"]
  /// Names of the files and folders a run writes besides the stages' own (compared in lower case,
  /// for case-insensitive file systems).
  static let reservedStageNames: Set<String> = ["documents", "errors", "run", "statistics", "stages", "report"]
  /// The default `include` patterns for folder input.
  public static let defaultInclude = ["*.txt", "*.md"]

  /// Reads and parses the pipeline file at `path`.
  /// - Throws: `PipelineError` naming the file, line and column and what to change.
  public static func load(path: String) throws(PipelineError) -> PipelineSpec {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw PipelineError(
        .inputNotFound, "cannot read pipeline file '\(path)'; check the path (see Pipelines/ for examples)")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw PipelineError(.invalidConfig, "the file is not UTF-8 text", location: .init(file: path))
    }
    let base = URL(fileURLWithPath: path).deletingLastPathComponent().path
    return try parse(text, file: path, baseDirectory: base)
  }

  /// Parses pipeline text; relative `input` and `output` paths are resolved against `baseDirectory`.
  /// - Throws: `PipelineError` naming `file`, the line and column and what to change.
  public static func parse(_ text: String, file: String, baseDirectory: String) throws(PipelineError)
    -> PipelineSpec
  {
    let reader = ConfigReader(file: file)
    let root: Node
    do {
      guard let node = try Yams.compose(yaml: text) else {
        throw reader.error(nil, "the file is empty; a pipeline needs at least `stages:` (see Pipelines/news.yaml)")
      }
      root = node
    } catch let error as PipelineError {
      throw error
    } catch {
      throw reader.syntaxError(error)
    }
    let top = try reader.mapping(root, what: "the pipeline file", allowed: topLevelKeys)
    var spec = PipelineSpec(
      name: "pipeline", file: file, input: nil, output: nil, include: defaultInclude, exclude: [],
      stages: [], source: text)
    if let node = top["name"] { spec.name = try reader.string(node, what: "name") }
    if let node = top["input"] { spec.input = resolve(try reader.string(node, what: "input"), base: baseDirectory) }
    if let node = top["output"] { spec.output = resolve(try reader.string(node, what: "output"), base: baseDirectory) }
    if let node = top["include"] { spec.include = try reader.stringList(node, what: "include") }
    if let node = top["exclude"] { spec.exclude = try reader.stringList(node, what: "exclude") }
    if let node = top["text-field"] { spec.fields.text = try reader.string(node, what: "text-field") }
    if let node = top["id-field"] { spec.fields.id = try reader.string(node, what: "id-field") }
    if let node = top["outputs"] {
      spec.outputs = try reader.stringList(node, what: "outputs")
      spec.outputsLocation = reader.location(node)
    }
    guard let stagesNode = top["stages"] else {
      throw reader.error(root, "missing `stages:`; list the stages to run, e.g. `- kind: normalize`")
    }
    guard case .sequence(let sequence) = stagesNode, !sequence.isEmpty else {
      throw reader.error(stagesNode, "`stages:` must be a non-empty list of stages (`- name: ...`)")
    }
    var seen: [String: PipelineError.Location] = [:]
    for node in sequence {
      let stage = try reader.stage(node)
      // Compared in lower case: "Keywords" and "keywords" would share files on macOS or Windows.
      if let first = seen[stage.name.lowercased()] {
        throw reader.error(
          node, "duplicate stage name '\(stage.name)' (first used at line \(first.line ?? 0)); give each stage a unique `name:`")
      }
      seen[stage.name.lowercased()] = stage.location
      spec.stages.append(stage)
    }
    return spec
  }

  static func resolve(_ path: String, base: String) -> String {
    let expanded = NSString(string: path).expandingTildeInPath
    if expanded.hasPrefix("/") { return URL(fileURLWithPath: expanded).standardizedFileURL.path }
    return URL(fileURLWithPath: base).appendingPathComponent(expanded).standardizedFileURL.path
  }
}

/// Reads YAML nodes into pipeline values, turning every problem into a located `PipelineError`.
private struct ConfigReader {
  let file: String

  func location(_ node: Node?) -> PipelineError.Location {
    PipelineError.Location(file: file, line: node?.mark?.line, column: node?.mark?.column)
  }

  func error(_ node: Node?, _ message: String) -> PipelineError {
    PipelineError(.invalidConfig, message, location: location(node))
  }

  func syntaxError(_ error: any Error) -> PipelineError {
    var mark: Mark?
    var problem = "\(error)"
    if let yaml = error as? YamlError {
      switch yaml {
      case .scanner(_, let text, let at, _), .parser(_, let text, let at, _), .composer(_, let text, let at, _):
        mark = at
        problem = text
      default: break
      }
    }
    return PipelineError(
      .invalidConfig, "YAML syntax error: \(problem); check indentation and quoting",
      location: PipelineError.Location(file: file, line: mark?.line, column: mark?.column))
  }

  /// The mapping's entries in file order, refusing keys outside `allowed` and duplicate keys.
  func mapping(_ node: Node, what: String, allowed: [String]?) throws(PipelineError) -> OrderedEntries {
    guard case .mapping(let mapping) = node else {
      throw error(node, "\(what) must be a mapping of `key: value` lines")
    }
    var entries = OrderedEntries()
    for (keyNode, value) in mapping {
      guard case .scalar(let scalar) = keyNode else { throw error(keyNode, "keys in \(what) must be plain names") }
      let key = scalar.string
      if let allowed, !allowed.contains(key) {
        var message = "unknown key '\(key)' in \(what)"
        if let near = Suggestion.nearest(to: key, in: allowed) { message += "; did you mean '\(near)'?" }
        throw error(keyNode, message + " (allowed: " + allowed.joined(separator: ", ") + ")")
      }
      if entries[key] != nil { throw error(keyNode, "key '\(key)' appears twice in \(what); keep one") }
      entries.append(key: key, node: value, keyNode: keyNode)
    }
    return entries
  }

  func string(_ node: Node, what: String) throws(PipelineError) -> String {
    guard case .scalar(let scalar) = node, !scalar.string.isEmpty else {
      throw error(node, "`\(what)` must be a non-empty string")
    }
    return scalar.string
  }

  func bool(_ node: Node, what: String) throws(PipelineError) -> Bool {
    guard case .scalar(let scalar) = node, scalar.style == .plain else {
      throw error(node, "`\(what)` must be true or false")
    }
    switch scalar.string {
    case "true", "True", "TRUE": return true
    case "false", "False", "FALSE": return false
    default: throw error(node, "`\(what)` must be true or false, not '\(scalar.string)'")
    }
  }

  func stringList(_ node: Node, what: String) throws(PipelineError) -> [String] {
    if case .scalar = node { return [try string(node, what: what)] }
    guard case .sequence(let sequence) = node else { throw error(node, "`\(what)` must be a list of strings") }
    var result: [String] = []
    for item in sequence { result.append(try string(item, what: what)) }
    return result
  }

  /// A stage's `name:`, checked: it names the stage's output files (`stages/<name>.jsonl`,
  /// `<name>.csv`), so it is a safe file name that no file of the run already uses.
  func stageName(_ node: Node) throws(PipelineError) -> String {
    let name = try string(node, what: "name")
    let allowed = name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
    guard !name.isEmpty, name.count <= 64, allowed, name.first != "-" else {
      throw error(
        node,
        "stage name '\(name)' must be 1 to 64 letters, digits, '-' or '_' (not starting with '-'): it names the stage's output files; rename it, e.g. `name: my-keywords`")
    }
    let lowered = name.lowercased()
    if PipelineSpec.reservedStageNames.contains(lowered) || lowered.hasPrefix("corpus-") {
      throw error(
        node,
        "stage name '\(name)' is taken by the run's own files (\(PipelineSpec.reservedStageNames.sorted().joined(separator: ", ")), corpus-*); choose another `name:`")
    }
    return name
  }

  func stage(_ node: Node) throws(PipelineError) -> PipelineSpec.StageSpec {
    let entries = try mapping(node, what: "a stage", allowed: PipelineSpec.stageKeys)
    guard let kindNode = entries["kind"] else {
      throw error(node, "stage has no `kind:`; add one (`precis stages` lists the kinds)")
    }
    let kind = try string(kindNode, what: "kind")
    let name = try entries["name"].map { node throws(PipelineError) in try stageName(node) } ?? kind
    var options: [String: OptionValue] = [:]
    var optionLocations: [String: PipelineError.Location] = [:]
    if let optionsNode = entries["options"], !isNull(optionsNode) {
      for entry in try mapping(optionsNode, what: "the options of stage '\(name)'", allowed: nil).items {
        options[entry.key] = try optionValue(entry.node, option: entry.key, stage: name)
        optionLocations[entry.key] = location(entry.keyNode)
      }
    }
    let needs = try entries["needs"].map { node throws(PipelineError) in try stringList(node, what: "needs") } ?? []
    var stage = PipelineSpec.StageSpec(
      name: name, kind: kind, options: options, needs: needs, location: location(node),
      optionLocations: optionLocations)
    if let writeNode = entries["write"] { stage.write = try bool(writeNode, what: "write") }
    return stage
  }

  func isNull(_ node: Node) -> Bool {
    if case .scalar(let scalar) = node, scalar.style == .plain, ["", "~", "null", "Null", "NULL"].contains(scalar.string) {
      return true
    }
    return false
  }

  /// Converts an option value with YAML 1.2 core-schema rules: only `true`/`false` are booleans,
  /// so `language: no` stays the string "no" (Norwegian), unlike YAML 1.1.
  func optionValue(_ node: Node, option: String, stage: String) throws(PipelineError) -> OptionValue {
    switch node {
    case .scalar(let scalar):
      let text = scalar.string
      guard scalar.style == .plain else { return .string(text) }
      if ["true", "True", "TRUE"].contains(text) { return .bool(true) }
      if ["false", "False", "FALSE"].contains(text) { return .bool(false) }
      if let number = Int(text) { return .integer(number) }
      if let number = Double(text), text.contains(where: \.isNumber) { return .number(number) }
      return .string(text)
    case .sequence(let sequence):
      var items: [String] = []
      for item in sequence {
        guard case .scalar(let scalar) = item else {
          throw error(item, "option '\(option)' of stage '\(stage)' must be a list of plain values")
        }
        items.append(scalar.string)
      }
      return .stringList(items)
    default:
      throw error(node, "option '\(option)' of stage '\(stage)' must be a value or a list, not a mapping")
    }
  }
}

/// Mapping entries in file order with lookup by key.
private struct OrderedEntries {
  struct Item {
    let key: String
    let node: Node
    let keyNode: Node
  }
  private(set) var items: [Item] = []

  mutating func append(key: String, node: Node, keyNode: Node) {
    items.append(Item(key: key, node: node, keyNode: keyNode))
  }

  subscript(key: String) -> Node? { items.first { $0.key == key }?.node }
}
