/// `documents.json`: the records of `documents.jsonl` as one JSON array, one record a line.
final class DocumentsJSONArrayWriter: ResultWriter {
  private let file: OutputFile
  private var written = 0

  init(context: OutputContext) throws(PipelineError) {
    file = try context.file("documents.json")
    try file.write("[")
  }

  func write(_ result: DocumentResult) throws(PipelineError) {
    try file.write((written == 0 ? [10] : [44, 10]) + result.record)
    written += 1
  }

  func finish(report: RunReport, statistics: [String: CorpusStatistics]) throws(PipelineError) {
    try file.write(written == 0 ? "]\n" : "\n]\n")
  }
}
