import ArgumentParser
import Foundation
import Precis

/// The `precis` command line: run, validate, list stages, inspect outputs.
@main
struct PrecisCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "precis",
    abstract: "Batch NLP pipeline: sentences, languages, keywords and summaries for a folder of documents.",
    version: Precis.version,
    subcommands: [RunCommand.self, ValidateCommand.self, StagesCommand.self, InspectCommand.self, ReportCommand.self, InitCommand.self, BenchSentencesCommand.self, SentenceSpansCommand.self, BenchLanguageCommand.self, BenchMorphologyCommand.self, LanguagesCommand.self, StatsCommand.self, GenerateScalarTablesCommand.self, GenerateDateNumberWordsCommand.self]
  )
}

/// Exit codes: 0 all documents succeeded, 1 some failed or were skipped, 64 (EX_USAGE) bad usage
/// or config (fix the command or the pipeline), 74 (EX_IOERR) an input or output could not be
/// read or written (fix the file system, or retry): a scheduler can tell them apart.
enum Exit {
  static let documentsFailed = ExitCode(1)
  static let usage = ExitCode(64)
  static let io = ExitCode(74)

  /// The code for `error`: usage or config problems are 64, reading and writing failures 74.
  static func code(for error: any Error) -> ExitCode {
    guard let error = error as? PipelineError else {
      return error is ValidationError ? usage : io  // a system error from Foundation: I/O
    }
    switch error.code {
    case .unreadableInput, .outputFailed: return io
    default: return usage
    }
  }
}

/// Prints `error` to standard error and returns its exit code (see ``Exit``).
func reportFailure(_ error: any Error) -> ExitCode {
  FileHandle.standardError.write(Data("precis: error: \(error)\n".utf8))
  return Exit.code(for: error)
}

func printError(_ text: String) {
  FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// `path` made absolute and standardized.
func absolute(_ path: String) -> String {
  URL(fileURLWithPath: path).standardizedFileURL.path
}

/// The `--shard i/n` value, if given.
/// - Throws: `ValidationError` saying the form when `text` is not one.
func parseShard(_ text: String?) throws -> Shard? {
  guard let text else { return nil }
  guard let shard = Shard(text) else { throw ValidationError("--shard must be i/n with 0 ≤ i < n, e.g. 0/3") }
  return shard
}

/// Loads and plans a pipeline file with the built-in stages.
func loadPlan(_ path: String, outputs: String? = nil, input: InputOptions? = nil) throws -> PipelinePlan {
  let file = try BundledPipelines.file(for: path)
  // The file's own problems and the planner's come out together, each at its line.
  var spec = try PipelineSpec.load(path: file, lenient: true)
  let problems = spec.problems
  input?.apply(to: &spec)
  if file != path {
    // A bundled pipeline used by name reads what --input gives and writes under ./out/<name>.
    spec.input = nil
    spec.output = absolute("out/" + spec.name)
  }
  if let outputs {
    spec.outputs = outputs.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    spec.outputsLocation = nil
  }
  let plan: PipelinePlan
  do {
    plan = try PipelinePlan(spec: spec, registry: .builtIn)
  } catch {
    throw PipelineError.combined(problems + [error])!
  }
  if let combined = PipelineError.combined(problems) { throw combined }
  return plan
}

/// What the shell completes for arguments that name pipelines or stages (`precis --generate-completion-script`).
enum Completions {
  /// Bundled pipeline names, then pipeline files and folders under what is typed.
  static let pipelines = CompletionKind.custom { _, _, prefix in
    BundledPipelines.names.filter { $0.hasPrefix(prefix) } + files(prefix, endings: ["yaml", "yml", "json"])
  }

  /// The stages of the run whose output folder is the command's first argument (from its run.json).
  static let stages = CompletionKind.custom { words, _, prefix in
    guard let folder = words.dropFirst(2).first(where: { !$0.hasPrefix("-") }),
      let stages = OutputFolder.runFile(in: folder)?["stages"] as? [[String: Any]]
    else { return [] }
    return stages.compactMap { $0["name"] as? String }.filter { $0.hasPrefix(prefix) }
  }

  /// Folders (with a trailing `/`) and files with one of `endings` whose path starts with `prefix`.
  static func files(_ prefix: String, endings: Set<String>) -> [String] {
    let folder = prefix.contains("/") ? String(prefix[...prefix.lastIndex(of: "/")!]) : ""
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder)) ?? []
    return names.sorted().compactMap { name in
      let path = folder + name
      guard path.hasPrefix(prefix), !name.hasPrefix(".") else { return nil }
      var isFolder: ObjCBool = false
      if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue { return path + "/" }
      return endings.contains((name as NSString).pathExtension.lowercased()) ? path : nil
    }
  }
}

/// How input is read, over what the pipeline file says: the fields of records, the globs of folders.
struct InputOptions: ParsableArguments {
  @Option(
    name: [.customLong("text-field"), .customLong("text-column")],
    help: "The field (JSON key, CSV/TSV column) holding each record's text, instead of the pipeline's `text-field:` (default text).")
  var textField: String?

  @Option(
    name: [.customLong("id-field"), .customLong("id-column")],
    help: "The field holding each record's id, instead of the pipeline's `id-field:` (default id).")
  var idField: String?

  @Option(help: "Glob of the files to read from an input folder, instead of the pipeline's `include:` (repeat it or separate with commas; case does not matter), e.g. '*.txt,*.html'.")
  var include: [String] = []

  @Option(help: "Glob of files to leave out of an input folder, instead of the pipeline's `exclude:`.")
  var exclude: [String] = []

  func apply(to spec: inout PipelineSpec) {
    if let textField { spec.fields.text = textField }
    if let idField { spec.fields.id = idField }
    let split = { (values: [String]) in values.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } } }
    if !include.isEmpty { spec.include = split(include) }
    if !exclude.isEmpty { spec.exclude = split(exclude) }
  }
}

/// The pipelines that come with Precis, usable by name (`precis run news`): `pipelines/` beside
/// the executable or `share/precis/pipelines/` above it (a release), or `Pipelines/` of the
/// checkout the executable was built in.
enum BundledPipelines {
  /// The folders searched, in order.
  static var folders: [String] {
    let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    let binFolder = (executable as NSString).deletingLastPathComponent
    var folders = [
      (binFolder as NSString).appendingPathComponent("pipelines"),
      ((binFolder as NSString).deletingLastPathComponent as NSString).appendingPathComponent("share/precis/pipelines"),
    ]
    var folder = binFolder
    while folder.count > 1 {
      if FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent("Package.swift")) {
        folders.append((folder as NSString).appendingPathComponent("Pipelines"))
        break
      }
      folder = (folder as NSString).deletingLastPathComponent
    }
    return folders
  }

  /// The names of the bundled pipelines.
  static var names: [String] {
    Array(Set(folders.flatMap { folder in
      ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }
    })).sorted()
  }

  /// `argument` when it is a file, else the bundled pipeline of that name.
  /// - Throws: `ValidationError` naming the bundled pipelines when it is neither.
  static func file(for argument: String) throws -> String {
    if FileManager.default.fileExists(atPath: argument) || argument.contains("/") || argument.hasSuffix(".yaml") || argument.hasSuffix(".json") {
      return argument
    }
    for folder in folders {
      let path = (folder as NSString).appendingPathComponent(argument + ".yaml")
      if FileManager.default.fileExists(atPath: path) { return path }
    }
    let known = names
    var message = "no pipeline file '\(argument)' and no bundled pipeline of that name"
    if let near = Suggestion.nearest(to: argument, in: known) { message += "; did you mean '\(near)'?" }
    message += known.isEmpty ? "" : " (bundled: \(known.joined(separator: ", ")))"
    throw ValidationError(message + "; `precis init NAME` writes a starter pipeline")
  }
}
