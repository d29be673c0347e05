internal import Foundation

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

/// Writes a run's chosen outputs (see ``OutputFormats``) into a folder, then `run.json`; every
/// file appears under its final name only once the run is complete (see ``AtomicFile``).
package final class OutputFolder: ResultSink {
  package let directory: String
  private let context: OutputContext
  private let writers: [any ResultWriter]

  /// Creates `directory` if needed and opens the writers of `outputs`.
  /// - Throws: `PipelineError` (`outputFailed`) when the folder cannot be created or written.
  package init(directory: String, encoder: RecordEncoder, formats: OutputFormats, outputs: [String]) throws(PipelineError) {
    self.directory = directory
    var status = stat()
    if stat(directory, &status) == 0, (status.st_mode & S_IFMT) != S_IFDIR {
      throw PipelineError(.outputFailed, "the output path '\(directory)' is a file, not a folder; choose a folder with --output")
    }
    do {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    } catch {
      throw PipelineError(.outputFailed, "cannot create output folder '\(directory)' (\(error.localizedDescription)); choose another with --output")
    }
    context = OutputContext(directory: directory, encoder: encoder)
    writers = try formats.writers(outputs, context: context)
  }

  package func write(_ result: DocumentResult) throws(PipelineError) {
    for writer in writers { try writer.write(result) }
  }

  package func flush() throws(PipelineError) {}

  /// Finishes every writer, writes `run.json`, and moves every file into place.
  package func finish(report: RunReport, statistics: [String: CorpusStatistics] = [:]) throws(PipelineError) {
    for writer in writers { try writer.finish(report: report, statistics: statistics) }
    let runFile = try context.atomicFile("run.json")
    do {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
      try runFile.write([UInt8](try encoder.encode(report)) + [10])
    } catch let error as PipelineError {
      throw error
    } catch {
      throw PipelineError(.outputFailed, "cannot encode run.json: \(error)")
    }
    for file in context.files { try file.commit() }
  }
}
