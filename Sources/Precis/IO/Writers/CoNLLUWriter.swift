/// `tokens.conllu`: every document's token layer in CoNLL-U (see ``CoNLLU``), for a pipeline
/// with a `tokens` stage; nothing is written for one without.
final class CoNLLUWriter: ResultWriter {
  private let file: OutputFile?

  init(context: OutputContext) throws(PipelineError) {
    file = context.hasTokenLayer ? try context.file("tokens.conllu") : nil
  }

  func write(_ result: DocumentResult) throws(PipelineError) {
    guard let file, !result.conllu.isEmpty else { return }
    try file.write(result.conllu)
  }
}
