/// `documents.jsonl`: each document's record on a line of its own, in input order.
final class DocumentsJSONLinesWriter: ResultWriter {
  private let file: OutputFile

  init(context: OutputContext) throws(PipelineError) { file = try context.file("documents.jsonl") }

  func write(_ result: DocumentResult) throws(PipelineError) { try file.write(result.record + [10]) }
}
