/// A unit of work applied to one document.
///
/// Implementations are value types (or otherwise `Sendable`): the runner calls ``process(_:context:)``
/// concurrently on different documents, so a stage must not keep mutable state between calls.
/// A stage kind becomes usable in pipeline files once it is registered in a ``StageRegistry``.
public protocol Stage: Sendable {
  /// The kind name used in pipeline files, lowercase and hyphenated, for example `"sentences"`.
  static var kind: String { get }
  /// One line saying what the stage does, shown by `precis stages`.
  static var summary: String { get }
  /// The options the stage accepts; pipeline files are checked against them before any document is read.
  static var options: [OptionSpec] { get }

  /// Keys that must be provided by an earlier stage; the planner rejects the pipeline otherwise.
  var requires: Set<OutputKey> { get }
  /// Keys the stage reads when some stage provides them; they only order the stages.
  var uses: Set<OutputKey> { get }
  /// Keys the stage's output provides to later stages.
  var provides: Set<OutputKey> { get }
  /// The flat columns this stage adds to `documents.csv`; its outputs fill them through
  /// ``StageOutput/csvCells``, keyed by ``CSVColumn/key``.
  var csvColumns: [CSVColumn] { get }
  /// Columns (after `id`) of a tidy per-item table `<stage>.csv`; empty: no such table.
  var tidyColumns: [String] { get }

  /// Returns the stage's output for `document`.
  /// - Throws: any error for this document only; the runner records it and goes on with the others.
  func process(_ document: Document, context: StageContext) throws -> any StageOutput
}

extension Stage {
  public static var options: [OptionSpec] { [] }
  public var requires: Set<OutputKey> { [] }
  public var uses: Set<OutputKey> { [] }
  public var csvColumns: [CSVColumn] { [] }
  public var tidyColumns: [String] { [] }
}

/// What the runner tells a stage about the call it is making.
public struct StageContext: Sendable {
  /// The stage's name in the pipeline file (several stages may share a kind).
  public let stageName: String
  /// For a ``CorpusStage``: the statistics of the whole corpus.
  public let statistics: CorpusStatistics?

  /// When the document's time budget (`--document-timeout`) runs out, if it has one.
  public let deadline: ContinuousClock.Instant?

  public init(stageName: String, statistics: CorpusStatistics? = nil, deadline: ContinuousClock.Instant? = nil) {
    self.stageName = stageName
    self.statistics = statistics
    self.deadline = deadline
  }

  /// Throws once the document's time budget is spent: a stage that loops over many items (calls
  /// out to a service, runs a model per sentence) calls it now and then, so that a pathological
  /// document is recorded as a `document-timeout` error instead of holding its worker. The
  /// runner also checks the budget between stages, so a stage that never calls it is stopped
  /// after it returns.
  public func checkDeadline() throws(PipelineError) {
    guard let deadline, ContinuousClock.now > deadline else { return }
    throw PipelineError(
      .documentTimeout,
      "the document ran over its time limit in stage '\(stageName)', which stopped; its remaining stages were not run (raise --document-timeout, or 0 for none)",
      stage: stageName)
  }
}

/// A column a stage adds to `documents.csv`.
public struct CSVColumn: Sendable, Hashable {
  /// The key of the cell in ``StageOutput/csvCells``.
  public let key: String
  private let fixedName: String?

  /// A column named after the stage: `<stage>` for an empty key, else `<stage>_<key>`, so two
  /// stages of one kind never clash.
  public static func stage(_ key: String = "") -> CSVColumn { CSVColumn(key: key, fixedName: nil) }

  /// A column with a fixed name, such as `title`, whatever the stage is called.
  public static func named(_ name: String) -> CSVColumn { CSVColumn(key: name, fixedName: name) }

  /// The column's header for a stage named `stage`.
  public func header(stage: String) -> String {
    fixedName ?? (key.isEmpty ? stage : "\(stage)_\(key)")
  }
}
