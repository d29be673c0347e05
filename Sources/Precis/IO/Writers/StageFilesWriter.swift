/// `stages/<name>.jsonl`: each written stage's own output per document, `{"id", "output", "error"?}`
/// (the error when that stage stopped the document).
final class StageFilesWriter: ResultWriter {
  private let files: [(name: String, file: OutputFile)]

  init(context: OutputContext) throws(PipelineError) {
    var files: [(String, OutputFile)] = []
    for step in context.steps { files.append((step.name, try context.file("stages/\(step.name).jsonl"))) }
    self.files = files
  }

  func write(_ result: DocumentResult) throws(PipelineError) {
    for (index, (name, file)) in files.enumerated() {
      var fields: [(String, [UInt8])] = [
        ("id", JSONText.string(result.id)), ("output", result.stageOutputs.indices.contains(index) ? result.stageOutputs[index] ?? Array("null".utf8) : Array("null".utf8)),
      ]
      if let error = result.error, error.stage == name { fields.append(("error", RecordEncoder.errorObject(error))) }
      try file.write(JSONText.object(fields) + [10])
    }
  }
}
