/// `errors.jsonl`: one line per document that failed or was skipped, with the stage, code and message.
final class ErrorsWriter: ResultWriter {
  private let file: OutputFile

  init(context: OutputContext) throws(PipelineError) { file = try context.file("errors.jsonl") }

  func write(_ result: DocumentResult) throws(PipelineError) {
    guard let error = result.error else { return }
    let line = JSONText.object([
      ("id", JSONText.string(result.id)), ("source", JSONText.string(result.source)),
      ("status", JSONText.string(result.status.rawValue)),
      ("stage", JSONText.string(error.stage ?? "input")), ("code", JSONText.string(error.code.description)),
      ("message", JSONText.string(error.message)),
    ])
    try file.write(line + [10])
  }
}
