/// `documents.csv`: one row per document: id, source, status, error, length, then each written
/// stage's cells.
final class DocumentsCSVWriter: ResultWriter {
  private let file: OutputFile

  init(context: OutputContext) throws(PipelineError) {
    file = try context.file("documents.csv")
    try file.writeRow(context.csvHeader)
  }

  func write(_ result: DocumentResult) throws(PipelineError) { try file.writeRow(result.csvCells) }
}
