internal import Foundation

/// `statistics/<stage>.json`: each corpus stage's statistics, to reuse with `--stats`, written as
/// soon as they are counted (while the first documents of the processing pass are processed), so
/// that the run's commit does not wait for them.
final class StatisticsWriter: ResultWriter {
  private let context: OutputContext

  init(context: OutputContext) { self.context = context }

  func begin(statistics: [String: CorpusStatistics]) throws(PipelineError) {
    _ = try CorpusStatistics.files(statistics) { name throws(PipelineError) in try context.atomicFile("statistics/" + name) }
  }

  func write(_ result: DocumentResult) throws(PipelineError) {}
}
