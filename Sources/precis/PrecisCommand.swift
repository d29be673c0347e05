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
    subcommands: [RunCommand.self, ValidateCommand.self, StagesCommand.self, InspectCommand.self, ReportCommand.self, BenchSentencesCommand.self, SentenceSpansCommand.self, BenchLanguageCommand.self, BenchMorphologyCommand.self, LanguagesCommand.self, StatsCommand.self, GenerateScalarTablesCommand.self]
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
func loadPlan(_ path: String, outputs: String? = nil) throws -> PipelinePlan {
  var spec = try PipelineSpec.load(path: path)
  if let outputs {
    spec.outputs = outputs.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    spec.outputsLocation = nil
  }
  return try PipelinePlan(spec: spec, registry: .builtIn)
}
