/// What running the pipeline on one input item produced, already encoded for the writers.
///
/// Encoding happens on the worker that processed the document, so the writer only copies bytes.
package struct DocumentResult: Sendable {
  /// The outcome of one document.
  package enum Status: String, Sendable, Codable {
    case ok, error, skipped
  }

  package var id: String
  package var source: String
  package var status: Status
  package var error: PipelineError?
  /// The `documents.jsonl` line, without its line end.
  package var record: [UInt8]
  /// One `stages/<name>.jsonl` line per written plan step, in plan order.
  package var stageLines: [[UInt8]]
  /// The `documents.csv` cells, in ``RecordEncoder/csvHeader`` order.
  package var csvCells: [String]
  /// Seconds spent in each plan step in the processing pass (0 for steps that did not run).
  package var stageSeconds: [Double]
  /// Seconds spent in each plan step in the counting pass (empty for a run of one pass).
  package var countingSeconds: [Double] = []
  /// The document's language code (`und` when unknown), for the corpus summaries.
  package var language = "und"
  /// Rows of each written step's tidy table (empty for steps without one), in plan order.
  package var tidyRows: [[[String]]] = []
  /// Terms each written step ranked, in plan order.
  package var rankedTerms: [[String]] = []
}

/// Turns a processed document into the bytes of every output: JSON with sorted keys at every level,
/// so the same document always gives the same bytes.
package struct RecordEncoder: Sendable {
  let steps: [(name: String, columns: [CSVColumn], tidyColumns: [String])]

  /// The names of the steps whose output is written.
  let written: Set<String>

  /// An encoder for the outputs of `plan`'s steps that write theirs (``PipelinePlan/Step/writesOutput``).
  package init(plan: PipelinePlan) {
    let writing = plan.steps.filter(\.writesOutput)
    steps = writing.map { ($0.name, $0.stage.csvColumns, $0.stage.tidyColumns) }
    written = Set(writing.map(\.name))
  }

  /// The columns of `documents.csv`.
  package var csvHeader: [String] {
    ["id", "source", "status", "error", "chars"]
      + steps.flatMap { step in step.columns.map { $0.header(stage: step.name) } }
  }

  /// Encodes `document` after its stages ran; `failure` is the stage error that stopped it, if any.
  package func encode(
    _ document: Document, failure: PipelineError?, stageSeconds: [Double]
  ) -> DocumentResult {
    var failure = failure
    var stageJSON: [String: [UInt8]] = [:]
    for (stage, value) in document.outputs where written.contains(stage) {
      do {
        stageJSON[stage] = try JSONText.encode(value)
      } catch {
        failure = failure ?? PipelineError(
          .stageFailed, "its output cannot be written as JSON (\(error)); this is a bug in the stage",
          documentID: document.id, stage: stage)
      }
    }
    let status: DocumentResult.Status = failure == nil ? .ok : .error
    var fields = header(id: document.id, source: document.source, status: status, error: failure)
    if !document.metadata.isEmpty, let metadata = try? JSONText.encode(document.metadata) {
      fields.append(("metadata", metadata))
    }
    var stageLines: [[UInt8]] = []
    var cells = [document.id, document.source, status.rawValue, failure?.message ?? "", String(document.text.scalarCount)]
    for step in steps {
      let json = stageJSON[step.name]
      if let json { fields.append((step.name, json)) }
      stageLines.append(stageLine(id: document.id, output: json, error: failure?.stage == step.name ? failure : nil))
      let output = document.output(ofStage: step.name)
      let stageCells = output?.csvCells ?? [:]
      cells += step.columns.map { stageCells[$0.key] ?? "" }
    }
    var result = DocumentResult(
      id: document.id, source: document.source, status: status, error: failure, record: JSONText.object(fields.sorted { $0.0 < $1.0 }),
      stageLines: stageLines, csvCells: cells, stageSeconds: stageSeconds)
    result.language = document.languageCode ?? "und"
    result.tidyRows = steps.map { step in step.tidyColumns.isEmpty ? [] : document.output(ofStage: step.name)?.tidyRows ?? [] }
    result.rankedTerms = steps.map { document.output(ofStage: $0.name)?.rankedTerms ?? [] }
    return result
  }

  /// The result for an item that never became a document (unreadable, binary, too large, bad line).
  package func encodeFailure(id: String, source: String, error: PipelineError, skipped: Bool) -> DocumentResult {
    let status: DocumentResult.Status = skipped ? .skipped : .error
    let fields = header(id: id, source: source, status: status, error: error)
    let cells = [id, source, status.rawValue, error.message, ""] + steps.flatMap { $0.columns.map { _ in "" } }
    return DocumentResult(
      id: id, source: source, status: status, error: error, record: JSONText.object(fields.sorted { $0.0 < $1.0 }),
      stageLines: steps.map { _ in stageLine(id: id, output: nil, error: nil) }, csvCells: cells,
      stageSeconds: steps.map { _ in 0 })
  }

  func header(id: String, source: String, status: DocumentResult.Status, error: PipelineError?) -> [(String, [UInt8])] {
    [
      ("id", JSONText.string(id)), ("source", JSONText.string(source)), ("status", JSONText.string(status.rawValue)),
      ("error", error.map(Self.errorObject) ?? Array("null".utf8)),
    ]
  }

  func stageLine(id: String, output: [UInt8]?, error: PipelineError?) -> [UInt8] {
    var fields: [(String, [UInt8])] = [("id", JSONText.string(id)), ("output", output ?? Array("null".utf8))]
    if let error { fields.append(("error", Self.errorObject(error))) }
    return JSONText.object(fields)
  }

  /// `{"code", "message", "stage"}` for an error; `stage` is `"input"` for loading failures.
  static func errorObject(_ error: PipelineError) -> [UInt8] {
    JSONText.object([
      ("code", JSONText.string(error.code.description)), ("message", JSONText.string(error.message)),
      ("stage", JSONText.string(error.stage ?? "input")),
    ])
  }
}
