internal import Foundation

/// Writes a run's outputs into a folder; every file appears under its final name only once
/// the run is complete (see ``AtomicFile``).
///
/// Files: `documents.jsonl`, `documents.json`, `documents.csv`, `errors.jsonl`,
/// `stages/<name>.jsonl` per stage, and `run.json`, written by ``finish(report:)``.
/// Where the runner sends results, in input order.
package protocol ResultSink {
  func write(_ result: DocumentResult) throws(PipelineError)
  /// Called after each window.
  func flush() throws(PipelineError)
  func finish(report: RunReport, statistics: [String: CorpusStatistics]) throws(PipelineError)
}

/// Writes each document's record as one line on standard output (the `--jsonl` mode).
package final class StreamWriter: ResultSink {
  private let stdoutStream: UnsafeMutablePointer<FILE>

  package init() throws(PipelineError) {
    guard let stream = fdopen(1, "wb") else { throw PipelineError(.outputFailed, "cannot write to standard output") }
    stdoutStream = stream
  }

  package func write(_ result: DocumentResult) throws(PipelineError) {
    let line = result.record + [10]
    guard fwrite(line, 1, line.count, stdoutStream) == line.count else {
      throw PipelineError(.outputFailed, "cannot write to standard output (\(String(cString: strerror(errno))))")
    }
  }

  package func flush() throws(PipelineError) {
    guard fflush(stdoutStream) == 0 else {
      throw PipelineError(.outputFailed, "cannot write to standard output (\(String(cString: strerror(errno))))")
    }
  }

  package func finish(report: RunReport, statistics: [String: CorpusStatistics]) throws(PipelineError) {
    try flush()
  }

}

package final class OutputWriter: ResultSink {
  package let directory: String
  private let documentsJSONL: AtomicFile
  private let documentsJSON: AtomicFile
  private let documentsCSV: AtomicFile
  private let errors: AtomicFile
  private let stageFiles: [AtomicFile]
  /// `<stage>.csv` for steps with a tidy table, by step index.
  private let tidyFiles: [Int: AtomicFile]
  /// Documents per ranked term, per language, per step index (for `corpus-<stage>.csv`).
  private var termCounts: [Int: [String: [String: Int]]] = [:]
  private let stepNames: [String]
  private var written = 0

  /// Creates `directory` (and `stages/`) if needed and opens every output.
  /// - Throws: `PipelineError` (`outputFailed`) when the folder cannot be created or written.
  package init(directory: String, encoder: RecordEncoder) throws(PipelineError) {
    self.directory = directory
    let stagesDirectory = (directory as NSString).appendingPathComponent("stages")
    do {
      try FileManager.default.createDirectory(atPath: stagesDirectory, withIntermediateDirectories: true)
    } catch {
      throw PipelineError(.outputFailed, "cannot create output folder '\(directory)' (\(error.localizedDescription)); choose another with --output")
    }
    let file = { (name: String) throws(PipelineError) in
      try AtomicFile(path: (directory as NSString).appendingPathComponent(name))
    }
    documentsJSONL = try file("documents.jsonl")
    documentsJSON = try file("documents.json")
    documentsCSV = try file("documents.csv")
    errors = try file("errors.jsonl")
    var stageFiles: [AtomicFile] = []
    for step in encoder.steps { stageFiles.append(try file("stages/\(step.name).jsonl")) }
    self.stageFiles = stageFiles
    var tidyFiles: [Int: AtomicFile] = [:]
    for (index, step) in encoder.steps.enumerated() where !step.tidyColumns.isEmpty {
      let file = try file("\(step.name).csv")
      try file.write(CSVText.row(["id"] + step.tidyColumns))
      tidyFiles[index] = file
    }
    self.tidyFiles = tidyFiles
    stepNames = encoder.steps.map(\.name)
    try documentsJSON.write("[")
    try documentsCSV.write(CSVText.row(encoder.csvHeader))
  }

  /// Appends one document's outputs; call in input order.
  package func write(_ result: DocumentResult) throws(PipelineError) {
    try documentsJSONL.write(result.record + [10])
    try documentsJSON.write((written == 0 ? [10] : [44, 10]) + result.record)
    try documentsCSV.write(CSVText.row(result.csvCells))
    for (file, line) in zip(stageFiles, result.stageLines) { try file.write(line + [10]) }
    for (index, file) in tidyFiles.sorted(by: { $0.key < $1.key }) where index < result.tidyRows.count {
      for row in result.tidyRows[index] { try file.write(CSVText.row([result.id] + row)) }
    }
    for (index, terms) in result.rankedTerms.enumerated() where !terms.isEmpty {
      countTerms(Set(terms), language: result.language, step: index)
    }
    if let error = result.error {
      let line = JSONText.object([
        ("id", JSONText.string(result.id)), ("source", JSONText.string(result.source)),
        ("status", JSONText.string(result.status.rawValue)),
        ("stage", JSONText.string(error.stage ?? "input")), ("code", JSONText.string(error.code.description)),
        ("message", JSONText.string(error.message)),
      ])
      try errors.write(line + [10])
    }
    written += 1
  }

  /// Counts one document's terms; past 200,000 terms in a language, terms seen once are dropped
  /// (so the summary is approximate for huge corpora, and memory stays bounded).
  private func countTerms(_ terms: Set<String>, language: String, step: Int) {
    // Mutated in place through the subscripts: a copy of the counts would copy the whole table.
    for term in terms { termCounts[step, default: [:]][language, default: [:]][term, default: 0] += 1 }
    if let counts = termCounts[step]?[language], counts.count > 200_000 {
      termCounts[step]?[language] = nil
      termCounts[step]?[language] = counts.filter { $0.value > 1 }
    }
  }

  /// `corpus-<stage>.csv`: per language, the 100 terms in the most documents.
  private func corpusSummaryFiles() throws(PipelineError) -> [AtomicFile] {
    var files: [AtomicFile] = []
    for (step, languages) in termCounts.sorted(by: { $0.key < $1.key }) {
      let file = try AtomicFile(path: (directory as NSString).appendingPathComponent("corpus-\(stepNames[step]).csv"))
      try file.write(CSVText.row(["language", "rank", "term", "documents"]))
      for (language, counts) in languages.sorted(by: { $0.key < $1.key }) {
        let ranked = counts.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }.prefix(100)
        for (rank, entry) in ranked.enumerated() {
          try file.write(CSVText.row([language, String(rank + 1), entry.key, String(entry.value)]))
        }
      }
      files.append(file)
    }
    return files
  }

  package func flush() throws(PipelineError) {}

  /// Writes `run.json` and `statistics/<stage>.json`, and moves every file into place.
  package func finish(report: RunReport, statistics: [String: CorpusStatistics] = [:]) throws(PipelineError) {
    try documentsJSON.write(written == 0 ? "]\n" : "\n]\n")
    let statisticsFiles = try CorpusStatistics.files(statistics, inFolder: (directory as NSString).appendingPathComponent("statistics"))
    let runFile = try AtomicFile(path: (directory as NSString).appendingPathComponent("run.json"))
    do {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
      try runFile.write([UInt8](try encoder.encode(report)) + [10])
    } catch let error as PipelineError {
      throw error
    } catch {
      throw PipelineError(.outputFailed, "cannot encode run.json: \(error)")
    }
    let tidy = tidyFiles.sorted(by: { $0.key < $1.key }).map(\.value)
    let summaries = try corpusSummaryFiles()
    for file in [documentsJSONL, documentsJSON, documentsCSV, errors] + stageFiles + tidy + summaries + statisticsFiles + [runFile] {
      try file.commit()
    }
  }
}
