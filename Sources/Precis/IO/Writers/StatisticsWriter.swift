internal import Foundation

/// `statistics/<stage>.json`: each corpus stage's statistics, to reuse with `--stats`.
final class StatisticsWriter: ResultWriter {
  private let context: OutputContext

  init(context: OutputContext) { self.context = context }

  func write(_ result: DocumentResult) throws(PipelineError) {}

  func finish(report: RunReport, statistics: [String: CorpusStatistics]) throws(PipelineError) {
    context.adopt(try CorpusStatistics.files(statistics, inFolder: (context.directory as NSString).appendingPathComponent("statistics")))
  }
}
