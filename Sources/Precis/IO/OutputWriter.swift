internal import Foundation

/// Writes a run's outputs into a folder; every file appears under its final name only once
/// the run is complete (see ``AtomicFile``).
///
/// Files: `documents.jsonl`, `documents.json`, `documents.csv`, `errors.jsonl`,
/// `stages/<name>.jsonl` per stage, and `run.json`, written by ``finish(report:)``.
package final class OutputWriter {
  package let directory: String
  private let documentsJSONL: AtomicFile
  private let documentsJSON: AtomicFile
  private let documentsCSV: AtomicFile
  private let errors: AtomicFile
  private let stageFiles: [AtomicFile]
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
    try documentsJSON.write("[")
    try documentsCSV.write(CSVText.row(encoder.csvHeader))
  }

  /// Appends one document's outputs; call in input order.
  package func write(_ result: DocumentResult) throws(PipelineError) {
    try documentsJSONL.write(result.record + [10])
    try documentsJSON.write((written == 0 ? [10] : [44, 10]) + result.record)
    try documentsCSV.write(CSVText.row(result.csvCells))
    for (file, line) in zip(stageFiles, result.stageLines) { try file.write(line + [10]) }
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

  /// Writes `run.json` and moves every file into place.
  package func finish(report: RunReport) throws(PipelineError) {
    try documentsJSON.write(written == 0 ? "]\n" : "\n]\n")
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
    for file in [documentsJSONL, documentsJSON, documentsCSV, errors] + stageFiles + [runFile] {
      try file.commit()
    }
  }
}
