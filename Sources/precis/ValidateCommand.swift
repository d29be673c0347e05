import ArgumentParser
import Precis

struct ValidateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "validate",
    abstract: "Check a pipeline file without reading any document.",
    discussion: "Exit status 0 when the file is valid, 64 with the file, line and fix when not.")

  @Argument(help: "The pipeline file (YAML or JSON), or a bundled pipeline's name.", completion: Completions.pipelines)
  var pipeline: String

  func run() throws {
    do {
      let plan = try loadPlan(pipeline)
      print("\(pipeline): valid pipeline '\(plan.spec.name)' with \(plan.steps.count) stages")
      print(plan.summary)
    } catch {
      throw reportFailure(error)
    }
  }
}
