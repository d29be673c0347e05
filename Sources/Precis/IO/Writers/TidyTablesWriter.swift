/// `<stage>.csv`: for each written stage with items (keywords), one row per item after the document id.
final class TidyTablesWriter: ResultWriter {
  /// The step's index among the written steps, and its table.
  private let tables: [(step: Int, file: OutputFile)]

  init(context: OutputContext) throws(PipelineError) {
    var tables: [(Int, OutputFile)] = []
    for (index, step) in context.steps.enumerated() where !step.tidyColumns.isEmpty {
      let file = try context.file("\(step.name).csv")
      try file.writeRow(["id"] + step.tidyColumns)
      tables.append((index, file))
    }
    self.tables = tables
  }

  func write(_ result: DocumentResult) throws(PipelineError) {
    for (step, file) in tables where step < result.tidyRows.count {
      for row in result.tidyRows[step] { try file.writeRow([result.id] + row) }
    }
  }
}
