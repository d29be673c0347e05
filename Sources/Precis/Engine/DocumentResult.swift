/// What running the pipeline on one input item produced, already encoded for the writers.
///
/// Encoding happens on the worker that processed the document, so a ``ResultWriter`` only copies
/// bytes. Per-step values are for the steps whose output is written
/// (``PipelinePlan/Step/writesOutput``), in plan order, as ``OutputContext/steps`` lists them.
public struct DocumentResult: Sendable {
  /// The outcome of one document.
  public enum Status: String, Sendable, Codable {
    case ok, error, skipped
  }

  public internal(set) var id: String
  public internal(set) var source: String
  public internal(set) var status: Status
  /// The error that stopped the document (its `stage` names the step, `input` when it never loaded).
  public internal(set) var error: PipelineError?
  /// The `documents.jsonl` record, without its line end: JSON with sorted keys.
  public internal(set) var record: [UInt8]
  /// Each written step's output as JSON (`nil` where the step did not run).
  public internal(set) var stageOutputs: [[UInt8]?]
  /// The `documents.csv` cells, in ``OutputContext/csvHeader`` order.
  public internal(set) var csvCells: [String]
  /// Seconds spent in each plan step in the processing pass (0 for steps that did not run).
  package var stageSeconds: [Double]
  /// Seconds spent in each plan step in the counting pass (empty for a run of one pass).
  package var countingSeconds: [Double] = []
  /// The document's language code (`und` when unknown), for the corpus summaries.
  public internal(set) var language = "und"
  /// Rows of each written step's tidy table (empty for steps without one).
  public internal(set) var tidyRows: [[[String]]] = []
  /// Terms each written step ranked (for `corpus-<stage>.csv`).
  public internal(set) var rankedTerms: [[String]] = []
  /// The document's token layer in CoNLL-U (empty unless the run writes `tokens.conllu`).
  public internal(set) var conllu: [UInt8] = []
  /// The ``InputLoad/fingerprint`` of the item it came from, for the run's journal.
  package var inputDigest: [UInt8] = []
}

/// Turns a processed document into the bytes of every output: JSON with sorted keys at every level,
/// so the same document always gives the same bytes.
package struct RecordEncoder: Sendable {
  let steps: [(name: String, columns: [CSVColumn], tidyColumns: [String])]

  /// The names of the steps whose output is written.
  let written: Set<String>
  /// Whether the plan makes a token layer (``LayerKey/tokens``), written or not.
  let hasTokenLayer: Bool
  /// Whether the run writes `tokens.conllu`: the output is asked for and the plan makes tokens.
  let writesCoNLLU: Bool
  /// Metadata fields with a `documents.csv` column of their own (``InputSource/metadataColumns``);
  /// the rest of a document's metadata goes to the `metadata` column as JSON.
  package var metadataColumns: [String] = []

  /// An encoder for the outputs of `plan`'s steps that write theirs (``PipelinePlan/Step/writesOutput``).
  package init(plan: PipelinePlan) {
    let writing = plan.steps.filter(\.writesOutput)
    steps = writing.map { ($0.name, $0.stage.csvColumns, $0.stage.tidyColumns) }
    written = Set(writing.map(\.name))
    hasTokenLayer = plan.steps.contains { $0.stage.provides.contains(.tokens) }
    writesCoNLLU = hasTokenLayer && plan.outputs.contains("conllu")
  }

  /// The columns of `documents.csv`: the document's, each written stage's, and last `metadata`
  /// (the input's other fields as a JSON object, empty when it has none).
  package var csvHeader: [String] {
    let own = ["id", "source", "status", "error", "chars"] + steps.flatMap { step in step.columns.map { $0.header(stage: step.name) } }
    // A field named like a column already there (`title` beside the layout's) is `metadata.title`.
    let taken = Set(own + ["metadata"])
    return own + metadataColumns.map { taken.contains($0) ? "metadata.\($0)" : $0 } + ["metadata"]
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
    var metadataJSON = ""
    if !document.metadata.isEmpty, let metadata = try? JSONText.encode(document.metadata) {
      fields.append(("metadata", metadata))
      var rest = document.metadata
      for column in metadataColumns { rest[column] = nil }
      if !rest.isEmpty, let encoded = try? JSONText.encode(rest) { metadataJSON = String(decoding: encoded, as: UTF8.self) }
    }
    var stageOutputs: [[UInt8]?] = []
    var cells = [document.id, document.source, status.rawValue, failure?.message ?? "", String(document.text.scalarCount)]
    for step in steps {
      let json = stageJSON[step.name]
      if let json { fields.append((step.name, json)) }
      stageOutputs.append(json)
      let output = document.output(ofStage: step.name)
      let stageCells = output?.csvCells ?? [:]
      cells += step.columns.map { stageCells[$0.key] ?? "" }
    }
    cells += metadataColumns.map { document.metadata[$0]?.plainText ?? "" }
    cells.append(metadataJSON)
    var result = DocumentResult(
      id: document.id, source: document.source, status: status, error: failure, record: JSONText.object(fields.sorted { $0.0 < $1.0 }),
      stageOutputs: stageOutputs, csvCells: cells, stageSeconds: stageSeconds)
    result.language = document.languageCode ?? "und"
    result.tidyRows = steps.map { step in step.tidyColumns.isEmpty ? [] : document.output(ofStage: step.name)?.tidyRows ?? [] }
    result.rankedTerms = steps.map { document.output(ofStage: $0.name)?.rankedTerms ?? [] }
    if writesCoNLLU, let layer = document[.tokens] {
      result.conllu = CoNLLU.block(documentID: document.id, sentences: document[.sentences]?.sentences ?? [], layer: layer)
    }
    return result
  }

  /// The result for an item that never became a document (unreadable, binary, too large, bad line).
  package func encodeFailure(id: String, source: String, error: PipelineError, skipped: Bool) -> DocumentResult {
    let status: DocumentResult.Status = skipped ? .skipped : .error
    let fields = header(id: id, source: source, status: status, error: error)
    let cells = [id, source, status.rawValue, error.message, ""] + steps.flatMap { $0.columns.map { _ in "" } }
      + metadataColumns.map { _ in "" } + [""]
    return DocumentResult(
      id: id, source: source, status: status, error: error, record: JSONText.object(fields.sorted { $0.0 < $1.0 }),
      stageOutputs: steps.map { _ in nil }, csvCells: cells,
      stageSeconds: steps.map { _ in 0 })
  }

  func header(id: String, source: String, status: DocumentResult.Status, error: PipelineError?) -> [(String, [UInt8])] {
    [
      ("id", JSONText.string(id)), ("source", JSONText.string(source)), ("status", JSONText.string(status.rawValue)),
      ("error", error.map(Self.errorObject) ?? Array("null".utf8)),
    ]
  }

  /// `{"code", "message", "stage"}` for an error; `stage` is `"input"` for loading failures.
  package static func errorObject(_ error: PipelineError) -> [UInt8] {
    JSONText.object([
      ("code", JSONText.string(error.code.description)), ("message", JSONText.string(error.message)),
      ("stage", JSONText.string(error.stage ?? "input")),
    ])
  }
}
