import ArgumentParser
import Foundation
import Precis

struct StatsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stats",
    abstract: "Count and merge corpus statistics, for sharded and distributed runs.",
    subcommands: [CountCommand.self, MergeCommand.self])

  struct CountCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "count",
      abstract: "Run only the counting pass of a pipeline's corpus stages.",
      discussion: """
        With --output, writes OUTPUT/<stage>.json. Without it, prints one JSON line mapping stage
        names to statistics (what `precis stats merge` and `precis run --stats` read).
        """)

    @Argument(help: "The pipeline file, or a bundled pipeline's name.", completion: Completions.pipelines)
    var pipeline: String

    @Option(help: "Input folder or .jsonl file (default: the pipeline's `input:`; `-` reads JSON lines from standard input).")
    var input: String?

    @Option(help: "Output folder for <stage>.json files (default: print a JSON line).")
    var output: String?

    @Option(help: "Count only shard i of n of a folder input.")
    var shard: String?

    @Option(help: "Worker threads (default: all cores).")
    var jobs: Int = Runner.defaultJobs

    func run() throws {
      do {
        let plan = try loadPlan(pipeline)
        let shard = try parseShard(self.shard)
        let inputPath: String?
        if input == "-" {
          inputPath = nil
        } else if let path = input.map(absolute) ?? plan.spec.input {
          inputPath = path
        } else {
          throw ValidationError("no input: pass --input PATH (or - for standard input) or set `input:` in \(pipeline)")
        }
        let statistics = try Runner(plan: plan, options: .init(jobs: jobs, shard: shard)).countStatistics(inputPath: inputPath)
        guard !statistics.isEmpty else {
          throw ValidationError("\(pipeline) has no corpus stage (keywords, summary); there is nothing to count")
        }
        if let output {
          try CorpusStatistics.write(statistics, toFolder: absolute(output))
        } else {
          try CorpusStatistics.writeBundleLine(statistics) { piece throws(PipelineError) in print(piece, terminator: "") }
        }
      } catch {
        throw reportFailure(error)
      }
    }
  }

  struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "merge",
      abstract: "Add up corpus statistics (statistics folders, <stage>.json files or JSON-line bundles).",
      discussion: "Refuses statistics made with different settings. Writes OUTPUT/<stage>.json.")

    @Argument(help: "Statistics to merge.")
    var inputs: [String]

    @Option(name: [.short, .long], help: "Output folder.")
    var output: String

    func run() throws {
      do {
        guard !inputs.isEmpty else { throw ValidationError("give the statistics to merge") }
        var merged: [String: CorpusStatistics] = [:]
        for input in inputs {
          try CorpusStatistics.merge(try CorpusStatistics.loadAll(path: input), into: &merged)
        }
        try CorpusStatistics.write(merged, toFolder: absolute(output))
        printError("precis: merged \(inputs.count) inputs into \(output) (\(merged.keys.sorted().joined(separator: ", ")))")
      } catch {
        throw reportFailure(error)
      }
    }
  }
}
