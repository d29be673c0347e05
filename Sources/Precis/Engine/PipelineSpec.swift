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
    /// Where its `kind:` value is (an unknown kind is reported there).
    public var kindLocation: PipelineError.Location?
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
  /// What a lenient parse found wrong (see ``load(path:lenient:)``); empty otherwise.
  public var problems: [PipelineError] = []

  static let topLevelKeys = ["name", "description", "input", "output", "include", "exclude", "text-field", "id-field", "outputs", "stages"]
  static let stageKeys = ["name", "kind", "options", "needs", "write"]
  /// Names of the files and folders a run writes besides the stages' own (compared in lower case,
  /// for case-insensitive file systems).
  static let reservedStageNames: Set<String> = ["documents", "errors", "run", "statistics", "stages", "report"]
  /// The default `include` patterns for folder input.
  public static let defaultInclude = ["*.txt", "*.md"]

  /// Reads and parses the pipeline file at `path`.
  /// - Throws: `PipelineError` naming the file, line and column and what to change.
  /// - Parameter lenient: return what can be read, its problems in ``problems``, instead of
  ///   throwing them (a structural problem still throws), so that a planner can add its own.
  public static func load(path: String, lenient: Bool = false) throws(PipelineError) -> PipelineSpec {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw PipelineError(
        .inputNotFound, "cannot read pipeline file '\(path)'; check the path (see Pipelines/ for examples)")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw PipelineError(.invalidConfig, "the file is not UTF-8 text", location: .init(file: path))
    }
    let base = URL(fileURLWithPath: path).deletingLastPathComponent().path
    return try parse(text, file: path, baseDirectory: base, lenient: lenient)
  }

  /// Parses pipeline text; relative `input` and `output` paths are resolved against `baseDirectory`.
  /// - Throws: `PipelineError` naming `file`, the line and column and what to change.
  public static func parse(_ text: String, file: String, baseDirectory: String, lenient: Bool = false) throws(PipelineError)
    -> PipelineSpec
  {
    let reader = ConfigReader(file: file)
    let root: Node
    do {
      // The reader gives scalars their types itself (YAML 1.2 core rules, `optionValue`) and reads
      // only nodes, so Yams resolves no tags and constructs no values: its default resolver
      // compiles a dozen regular expressions, and its default constructor builds maps of every
      // YAML type, in every process.
      let constructor = Constructor(Constructor.ScalarMap(), Constructor.MappingMap(), Constructor.SequenceMap())
      guard let node = try Yams.compose(yaml: text, .basic, constructor, .utf8) else {
        throw reader.error(nil, "the file is empty; a pipeline needs at least `stages:` (see Pipelines/news.yaml)")
      }
      root = node
    } catch let error as PipelineError {
      throw error
    } catch {
      throw reader.syntaxError(error)
    }
    // Every problem of the file is collected and reported at once, each at its own line.
    var problems: [PipelineError] = []
    let top = try reader.mapping(root, what: "the pipeline file", allowed: topLevelKeys, problems: &problems)
    var spec = PipelineSpec(
      name: "pipeline", file: file, input: nil, output: nil, include: defaultInclude, exclude: [],
      stages: [], source: text)
    func check(_ body: () throws(PipelineError) -> Void) {
      do { try body() } catch { problems.append(error) }
    }
    check { () throws(PipelineError) in if let node = top["name"] { spec.name = try reader.string(node, what: "name") } }
    check { () throws(PipelineError) in
      if let node = top["input"] { spec.input = resolve(try reader.string(node, what: "input"), base: baseDirectory) }
    }
    check { () throws(PipelineError) in
      if let node = top["output"] { spec.output = resolve(try reader.string(node, what: "output"), base: baseDirectory) }
    }
    check { () throws(PipelineError) in if let node = top["include"] { spec.include = try reader.stringList(node, what: "include") } }
    check { () throws(PipelineError) in if let node = top["exclude"] { spec.exclude = try reader.stringList(node, what: "exclude") } }
    check { () throws(PipelineError) in if let node = top["text-field"] { spec.fields.text = try reader.string(node, what: "text-field") } }
    check { () throws(PipelineError) in if let node = top["id-field"] { spec.fields.id = try reader.string(node, what: "id-field") } }
    check { () throws(PipelineError) in
      if let node = top["outputs"] {
        spec.outputs = try reader.stringList(node, what: "outputs")
        spec.outputsLocation = reader.location(node)
      }
    }
    guard let stagesNode = top["stages"] else {
      problems.append(reader.error(root, "missing `stages:`; list the stages to run, e.g. `- kind: normalize`"))
      throw PipelineError.combined(problems)!
    }
    guard case .sequence(let sequence) = stagesNode, !sequence.isEmpty else {
      problems.append(reader.error(stagesNode, "`stages:` must be a non-empty list of stages (`- name: ...`)"))
      throw PipelineError.combined(problems)!
    }
    var seen: [String: PipelineError.Location] = [:]
    for node in sequence {
      check { () throws(PipelineError) in
        let stage = try reader.stage(node)
        // Compared in lower case: "Keywords" and "keywords" would share files on macOS or Windows.
        if let first = seen[stage.name.lowercased()] {
          throw reader.error(
            node, "duplicate stage name '\(stage.name)' (first used at line \(first.line ?? 0)); give each stage a unique `name:`")
        }
        seen[stage.name.lowercased()] = stage.location
        spec.stages.append(stage)
      }
    }
    if lenient {
      spec.problems = problems
    } else if let combined = PipelineError.combined(problems) {
      throw combined
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
    var problems: [PipelineError] = []
    let entries = try mapping(node, what: what, allowed: allowed, problems: &problems)
    if let combined = PipelineError.combined(problems) { throw combined }
    return entries
  }

  /// The mapping's entries in file order; a key outside `allowed` or given twice is left out and
  /// its error added to `problems`, so that the rest is still checked.
  func mapping(_ node: Node, what: String, allowed: [String]?, problems: inout [PipelineError]) throws(PipelineError)
    -> OrderedEntries
  {
    guard case .mapping(let mapping) = node else {
      throw error(node, "\(what) must be a mapping of `key: value` lines")
    }
    var entries = OrderedEntries()
    for (keyNode, value) in mapping {
      guard case .scalar(let scalar) = keyNode else {
        problems.append(error(keyNode, "keys in \(what) must be plain names"))
        continue
      }
      let key = scalar.string
      if let allowed, !allowed.contains(key) {
        var message = "unknown key '\(key)' in \(what)"
        if let near = Suggestion.nearest(to: key, in: allowed) { message += "; did you mean '\(near)'?" }
        problems.append(error(keyNode, message + " (allowed: " + allowed.joined(separator: ", ") + ")"))
        continue
      }
      if entries[key] != nil {
        problems.append(error(keyNode, "key '\(key)' appears twice in \(what); keep one"))
        continue
      }
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

  /// One stage of `stages:`; every problem in it is thrown together.
  func stage(_ node: Node) throws(PipelineError) -> PipelineSpec.StageSpec {
    var problems: [PipelineError] = []
    let entries = try mapping(node, what: "a stage", allowed: PipelineSpec.stageKeys, problems: &problems)
    guard let kindNode = entries["kind"] else {
      problems.append(error(node, "stage has no `kind:`; add one (`precis stages` lists the kinds)"))
      throw PipelineError.combined(problems)!
    }
    let kind = try string(kindNode, what: "kind")
    var name = kind
    if let nameNode = entries["name"] {
      do { name = try stageName(nameNode) } catch { problems.append(error) }
    }
    var options: [String: OptionValue] = [:]
    var optionLocations: [String: PipelineError.Location] = [:]
    if let optionsNode = entries["options"], !isNull(optionsNode) {
      do {
        for entry in try mapping(optionsNode, what: "the options of stage '\(name)'", allowed: nil, problems: &problems).items {
          do {
            options[entry.key] = try optionValue(entry.node, option: entry.key, stage: name)
            optionLocations[entry.key] = location(entry.keyNode)
          } catch {
            problems.append(error)
          }
        }
      } catch {
        problems.append(error)
      }
    }
    var needs: [String] = []
    if let needsNode = entries["needs"] {
      do { needs = try stringList(needsNode, what: "needs") } catch { problems.append(error) }
    }
    var stage = PipelineSpec.StageSpec(
      name: name, kind: kind, options: options, needs: needs, location: location(node),
      optionLocations: optionLocations)
    stage.kindLocation = location(kindNode)
    if let writeNode = entries["write"] {
      do { stage.write = try bool(writeNode, what: "write") } catch { problems.append(error) }
    }
    if let combined = PipelineError.combined(problems) { throw combined }
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
