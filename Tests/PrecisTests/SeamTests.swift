import Foundation
import Testing
@testable import Precis

/// The seams for inputs and outputs: a new input format or output file is one type and one registration.
@Suite struct SeamTests {
  /// A `.tsv` file of `id<TAB>text` lines, one document each.
  final class TabSeparatedSource: InputSource {
    private var rows: [(id: String, text: String)]
    private let path: String
    var count: Int? { rows.count }

    init(path: String) throws(PipelineError) {
      guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
        throw PipelineError(.unreadableInput, "cannot read \(path)")
      }
      self.path = path
      rows = text.split(separator: "\n").map { line in
        let fields = line.split(separator: "\t", maxSplits: 1).map(String.init)
        return (fields[0], fields.count > 1 ? fields[1] : "")
      }
    }

    func next(_ limit: Int) -> [InputItem] {
      let taken = rows.prefix(limit)
      rows.removeFirst(taken.count)
      return taken.map { row in
        let source = "\(path)#\(row.id)"
        return InputItem(source: source) { maxBytes in
          row.text.utf8.count > maxBytes
            ? .failed(id: row.id, error: PipelineError(.documentTooLarge, "too large"), skipped: true)
            : .document(Document(id: row.id, source: source, text: row.text))
        }
      }
    }
  }

  /// `sentence-counts.txt`: one `id count` line per document.
  final class SentenceCountWriter: ResultWriter {
    let file: OutputFile
    let step: Int?

    init(context: OutputContext) throws(PipelineError) {
      file = try context.file("sentence-counts.txt")
      step = context.steps.firstIndex { $0.name == "sentences" }
    }

    func write(_ result: DocumentResult) throws(PipelineError) {
      let output = step.flatMap { result.stageOutputs[$0] }.map { String(decoding: $0, as: UTF8.self) } ?? "[]"
      let count = (try? JSONSerialization.jsonObject(with: Data(output.utf8)) as? [Any])?.count ?? 0
      try file.write("\(result.id) \(count)\n")
    }
  }

  @Test func aNewInputFormatAndANewOutputRunLikeTheBuiltInOnes() throws {
    let folder = try TestSupport.temporaryDirectory()
    let input = folder.appendingPathComponent("articles.tsv")
    try "a\tEin Satz. Noch einer.\nb\tOne sentence only.\n".write(to: input, atomically: true, encoding: .utf8)
    var formats = InputFormats.builtIn
    try formats.register("tsv", matches: { $0.path.hasSuffix(".tsv") }) { request throws(PipelineError) in
      try TabSeparatedSource(path: request.path)
    }
    #expect(formats.names.first == "tsv")
    var outputs = OutputFormats.builtIn
    try outputs.register("sentence-counts", summary: "sentences per document") { context throws(PipelineError) in
      try SentenceCountWriter(context: context)
    }
    let spec = try TestSupport.spec(TestSupport.sentencesPipeline + "\noutputs: [jsonl, sentence-counts]\n")
    let plan = try PipelinePlan(spec: spec, registry: .builtIn, outputFormats: outputs)
    #expect(plan.outputs == ["jsonl", "sentence-counts"])
    let output = folder.appendingPathComponent("out")
    var options = Runner.Options(jobs: 2)
    options.inputFormats = formats
    let report = try Runner(plan: plan, options: options).run(inputPath: input.path, outputDirectory: output.path)
    #expect(report.documents.ok == 2 && report.inputItemsRead == 2)
    #expect(try String(contentsOf: output.appendingPathComponent("sentence-counts.txt"), encoding: .utf8) == "a 2\nb 1\n")
    #expect(try TestSupport.records(output).map { $0["id"] as? String } == ["a", "b"])
    #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("documents.csv").path))
  }

  @Test func anUnknownOutputIsAConfigErrorAtItsLine() {
    let error = TestSupport.planError("outputs: [default, jsom]\nstages:\n  - kind: normalize\n")
    #expect(error?.description == "config test.yaml:1:10: unknown output 'jsom'; did you mean 'json'? (outputs: default, jsonl, csv, errors, tables, corpus-terms, statistics, json, conllu, stages)")
  }
}
