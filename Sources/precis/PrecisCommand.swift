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
    subcommands: [RunCommand.self, ValidateCommand.self, StagesCommand.self, InspectCommand.self, BenchSentencesCommand.self, SentenceSpansCommand.self, BenchLanguageCommand.self, BenchMorphologyCommand.self, LanguagesCommand.self, StatsCommand.self, GenerateScalarTablesCommand.self]
  )
}

/// Exit codes: 0 all documents succeeded, 1 some failed, 64 (EX_USAGE) bad usage or config.
enum Exit {
  static let documentsFailed = ExitCode(1)
  static let usage = ExitCode(64)
}

/// Prints `error` to standard error and returns the exit code for a usage or config problem.
func reportUsageError(_ error: any Error) -> ExitCode {
  FileHandle.standardError.write(Data("precis: error: \(error)\n".utf8))
  return Exit.usage
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
