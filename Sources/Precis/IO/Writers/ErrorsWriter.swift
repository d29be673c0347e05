/// `errors.jsonl` and `errors.csv`: one line (row) per document that failed or was skipped, with the
/// stage, code and message. The CSV always has its header, so a run without errors still gives a
/// table that pandas, polars and DuckDB load (as zero rows with the right columns), which an empty
/// JSON-lines file cannot be for polars.
final class ErrorsWriter: ResultWriter {
  /// The columns of both files, in order.
  static let columns = ["id", "source", "status", "stage", "code", "message"]

  private let lines: OutputFile
  private let table: OutputFile

  init(context: OutputContext) throws(PipelineError) {
    lines = try context.file("errors.jsonl")
    table = try context.file("errors.csv")
    try table.writeRow(Self.columns)
  }

  func write(_ result: DocumentResult) throws(PipelineError) {
    guard let error = result.error else { return }
    let values = [
      result.id, result.source, result.status.rawValue, error.stage ?? "input", error.code.description, error.message,
    ]
    try lines.write(JSONText.object(zip(Self.columns, values.map(JSONText.string)).map { ($0, $1) }) + [10])
    try table.writeRow(values)
  }
}
