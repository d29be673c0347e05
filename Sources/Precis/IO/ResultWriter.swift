internal import Foundation

/// Writes one output of a run (a file or a set of files) from each document's results.
///
/// A writer makes its files through ``OutputContext/file(_:)``: they appear under their final
/// names only once the whole run has succeeded, all together. Register a new output in
/// ``OutputFormats`` and name it in a pipeline's `outputs:` to have it written.
public protocol ResultWriter: AnyObject {
  /// Called once before the first document's results, with the corpus statistics the run uses
  /// (counted in its first pass or given with `--stats`; empty without corpus stages).
  func begin(statistics: [String: CorpusStatistics]) throws(PipelineError)
  /// Appends one document's results; called in input order, on one thread.
  func write(_ result: DocumentResult) throws(PipelineError)
  /// Called once after the last document, before the run's files are moved into place.
  func finish(report: RunReport, statistics: [String: CorpusStatistics]) throws(PipelineError)
}

extension ResultWriter {
  public func begin(statistics: [String: CorpusStatistics]) throws(PipelineError) {}
  public func finish(report: RunReport, statistics: [String: CorpusStatistics]) throws(PipelineError) {}
}

/// How a run writes CSV cells: with the spreadsheet formula guard or not (`--no-csv-safe`), and
/// how many cells the guard changed (recorded in `run.json`).
final class CSVPolicy {
  let guards: Bool
  var guarded = 0

  init(guards: Bool) { self.guards = guards }
}

/// A file a writer fills; see ``OutputContext/file(_:)``.
public final class OutputFile {
  let file: AtomicFile
  private let csv: CSVPolicy

  init(_ file: AtomicFile, csv: CSVPolicy) {
    self.file = file
    self.csv = csv
  }

  /// Appends one CSV row (RFC 4180, CRLF), with the run's formula guard (see ``CSVText``).
  public func writeRow(_ cells: [String]) throws(PipelineError) {
    try file.write(CSVText.row(cells, guards: csv.guards, guarded: &csv.guarded))
  }

  /// Appends `bytes`.
  public func write(_ bytes: [UInt8]) throws(PipelineError) { try file.write(bytes) }
  /// Appends `text` as UTF-8.
  public func write(_ text: String) throws(PipelineError) { try file.write(text) }
}

/// What a writer knows of the run it writes: the output folder and the written steps.
public final class OutputContext {
  /// One step whose output is written, in plan order.
  public struct Step: Sendable {
    public let name: String
    public let csvColumns: [CSVColumn]
    /// Columns (after `id`) of the step's tidy table; empty: none.
    public let tidyColumns: [String]
  }

  public let directory: String
  /// The written steps, in the order of ``DocumentResult``'s per-step values.
  public let steps: [Step]
  /// The columns of `documents.csv`, in ``DocumentResult/csvCells`` order.
  public let csvHeader: [String]
  /// Whether the plan makes a token layer (``LayerKey/tokens``), written or not.
  public let hasTokenLayer: Bool
  /// Every file made so far, in order; committed together at the end.
  private(set) var files: [AtomicFile] = []
  /// Folders made for those files, which a run that does not commit removes again.
  private(set) var createdFolders: [String] = []

  /// The run's CSV settings, shared by its files.
  let csv: CSVPolicy

  init(directory: String, encoder: RecordEncoder, csvGuard: Bool = true) {
    self.directory = directory
    csv = CSVPolicy(guards: csvGuard)
    steps = encoder.steps.map { Step(name: $0.name, csvColumns: $0.columns, tidyColumns: $0.tidyColumns) }
    csvHeader = encoder.csvHeader
    hasTokenLayer = encoder.hasTokenLayer
  }

  /// A new file at `relativePath` in the output folder (folders made as needed), under a temporary
  /// name until the run is complete.
  /// - Throws: `PipelineError` (`outputFailed`) when it cannot be made.
  public func file(_ relativePath: String) throws(PipelineError) -> OutputFile {
    OutputFile(try atomicFile(relativePath), csv: csv)
  }

  func atomicFile(_ relativePath: String) throws(PipelineError) -> AtomicFile {
    let path = (directory as NSString).appendingPathComponent(relativePath)
    let folder = (path as NSString).deletingLastPathComponent
    var missing = folder
    while missing.count > directory.count, !FileManager.default.fileExists(atPath: missing) {
      createdFolders.append(missing)
      missing = (missing as NSString).deletingLastPathComponent
    }
    do {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    } catch {
      throw PipelineError(.outputFailed, "cannot create output folder '\(folder)' (\(error.localizedDescription)); choose another with --output")
    }
    let file = try AtomicFile(path: path)
    files.append(file)
    return file
  }
}

/// The outputs a run can write, by name; a pipeline's `outputs:` chooses among them.
public struct OutputFormats: Sendable {
  /// Makes the writer of one output for a run.
  public typealias Factory = @Sendable (OutputContext) throws(PipelineError) -> any ResultWriter

  /// One output the registry knows.
  public struct Entry: Sendable {
    public let name: String
    /// What it writes, for `precis stages` and error messages.
    public let summary: String
    /// Whether `outputs: [default]` (and a pipeline without `outputs:`) includes it.
    public let isDefault: Bool
    let factory: Factory
  }

  private(set) var entries: [Entry] = []

  /// No outputs.
  public init() {}

  /// The outputs Precis writes. By default every one but `json` and `stages`, which repeat what
  /// `documents.jsonl` holds (its text and sentences among it), and `conllu` (the token layer in
  /// CoNLL-U, several times the size of the input): those are written only when asked.
  public static var builtIn: OutputFormats {
    var formats = OutputFormats()
    // Distinct names, registered once: cannot fail.
    try? formats.register("jsonl", summary: "documents.jsonl: one record per document", isDefault: true) { context throws(PipelineError) in try DocumentsJSONLinesWriter(context: context) }
    try? formats.register("csv", summary: "documents.csv: one row per document, a column per stage cell", isDefault: true) { context throws(PipelineError) in try DocumentsCSVWriter(context: context) }
    try? formats.register("errors", summary: "errors.jsonl and errors.csv: one line per failed or skipped document", isDefault: true) { context throws(PipelineError) in try ErrorsWriter(context: context) }
    try? formats.register("tables", summary: "<stage>.csv: a tidy table per stage with items (keywords.csv)", isDefault: true) { context throws(PipelineError) in try TidyTablesWriter(context: context) }
    try? formats.register("corpus-terms", summary: "corpus-<stage>.csv: per language, the terms in most documents", isDefault: true) { context throws(PipelineError) in CorpusTermsWriter(context: context) }
    try? formats.register("statistics", summary: "statistics/<stage>.json: the corpus statistics, reusable with --stats", isDefault: true) { context throws(PipelineError) in StatisticsWriter(context: context) }
    try? formats.register("json", summary: "documents.json: the documents.jsonl records as one JSON array", isDefault: false) { context throws(PipelineError) in try DocumentsJSONArrayWriter(context: context) }
    try? formats.register("conllu", summary: "tokens.conllu: the token layer (form, lemma, UPOS) in CoNLL-U", isDefault: false) { context throws(PipelineError) in try CoNLLUWriter(context: context) }
    try? formats.register("stages", summary: "stages/<name>.jsonl: each stage's own output per document", isDefault: false) { context throws(PipelineError) in try StageFilesWriter(context: context) }
    return formats
  }

  /// Adds an output.
  /// - Throws: `PipelineError` (`duplicateKind`) when `name` is taken.
  public mutating func register(
    _ name: String, summary: String, isDefault: Bool = false, factory: @escaping Factory
  ) throws(PipelineError) {
    guard !entries.contains(where: { $0.name == name }) else {
      throw PipelineError(.duplicateKind, "output '\(name)' is already registered; give yours another name")
    }
    entries.append(Entry(name: name, summary: summary, isDefault: isDefault, factory: factory))
  }

  /// The registered output names, in registration order.
  public var names: [String] { entries.map(\.name) }

  /// The outputs `requested` names, in registration order; `default` stands for the default ones.
  /// - Throws: `PipelineError` (`invalidConfig`) for a name no output has, at `location`.
  public func resolve(_ requested: [String], location: PipelineError.Location? = nil) throws(PipelineError) -> [String] {
    var chosen = Set<String>()
    for name in requested {
      if name == "default" {
        chosen.formUnion(entries.filter(\.isDefault).map(\.name))
      } else if entries.contains(where: { $0.name == name }) {
        chosen.insert(name)
      } else {
        var message = "unknown output '\(name)'"
        if let near = Suggestion.nearest(to: name, in: names + ["default"]) { message += "; did you mean '\(near)'?" }
        message += " (outputs: default, \(names.joined(separator: ", ")))"
        throw PipelineError(.invalidConfig, message, location: location)
      }
    }
    return names.filter(chosen.contains)
  }

  /// The writers of the outputs `names`, in that order.
  func writers(_ names: [String], context: OutputContext) throws(PipelineError) -> [any ResultWriter] {
    var writers: [any ResultWriter] = []
    for name in names {
      guard let entry = entries.first(where: { $0.name == name }) else { continue }
      writers.append(try entry.factory(context))
    }
    return writers
  }
}
