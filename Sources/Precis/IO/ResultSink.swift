internal import Foundation

/// Where the runner sends results, in input order.
package protocol ResultSink {
  /// Called once before the first result, with the corpus statistics the run uses.
  func begin(statistics: [String: CorpusStatistics]) throws(PipelineError)
  func write(_ result: DocumentResult) throws(PipelineError)
  /// Called after each window.
  func flush() throws(PipelineError)
  /// Completes the outputs; returns `report` as written, with what the sink adds to it (the
  /// files and the CSV cells the formula guard changed, for an output folder).
  func finish(report: RunReport, statistics: [String: CorpusStatistics]) throws(PipelineError) -> RunReport
}

extension ResultSink {
  package func begin(statistics: [String: CorpusStatistics]) throws(PipelineError) {}
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

  package func finish(report: RunReport, statistics: [String: CorpusStatistics]) throws(PipelineError) -> RunReport {
    try flush()
    return report
  }

}

/// Writes a run's chosen outputs (see ``OutputFormats``) into a folder, then `run.json`; every
/// file appears under its final name only once the run is complete (see ``AtomicFile``).
package final class OutputFolder: ResultSink {
  package let directory: String
  private let context: OutputContext
  private let writers: [any ResultWriter]
  /// The held lock on `.precis.lock` (released when the folder object goes).
  private let lock: OutputLock

  /// Creates `directory` if needed, takes its lock, and opens the writers of `outputs`.
  /// - Throws: `PipelineError`: `outputFailed` when the folder cannot be created or written or
  ///   another run holds it, `invalidConfig` when it holds files no run wrote (without `force`).
  /// - Parameter force: write even into a folder that holds files but no `run.json`.
  package init(
    directory: String, encoder: RecordEncoder, formats: OutputFormats, outputs: [String], force: Bool = false,
    csvGuard: Bool = true
  ) throws(PipelineError) {
    self.directory = directory
    var status = stat()
    if stat(directory, &status) == 0, (status.st_mode & S_IFMT) != S_IFDIR {
      throw PipelineError(.outputFailed, "the output path '\(directory)' is a file, not a folder; choose a folder with --output")
    }
    // Ours: a folder a run committed (run.json) or one a stopped run left (its journal); folders
    // that hold nothing but temporaries (made by a run that was killed) are not files of others.
    if !force, let names = try? FileManager.default.contentsOfDirectory(atPath: directory),
      !names.contains("run.json"), !names.contains(RunJournal.fileName),
      let foreign = names.filter({ !$0.hasPrefix(".") }).sorted().first(where: {
        Self.holdsVisibleFiles((directory as NSString).appendingPathComponent($0))
      })
    {
      throw PipelineError(
        .invalidConfig,
        "the output folder '\(directory)' holds files that no precis run wrote ('\(foreign)' ...; it has no run.json); choose an empty or new folder with --output, or pass --force to write beside them")
    }
    do {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    } catch {
      throw PipelineError(.outputFailed, "cannot create output folder '\(directory)' (\(error.localizedDescription)); choose another with --output")
    }
    lock = try OutputLock(directory: directory)
    OutputLock.removeStalePartials(in: directory)
    context = OutputContext(directory: directory, encoder: encoder, csvGuard: csvGuard)
    writers = try formats.writers(outputs, context: context)
  }

  /// Whether ``finish(report:statistics:)`` committed the files.
  private var committed = false

  /// A run that did not commit leaves nothing: its temporary files and the folders made for them
  /// go (the folder keeps the previous run's outputs, and the journal for a resume).
  deinit {
    guard !committed else { return }
    for file in context.files { file.discard() }
    for folder in context.createdFolders.sorted(by: { $0.count > $1.count }) { rmdir(folder) }
  }

  package func write(_ result: DocumentResult) throws(PipelineError) {
    for writer in writers { try writer.write(result) }
  }

  /// Whether `path` is a file, or a folder with a file whose name does not start with a dot
  /// somewhere inside it.
  static func holdsVisibleFiles(_ path: String) -> Bool {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return false }
    guard isFolder.boolValue else { return true }
    let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
    return names.contains { !$0.hasPrefix(".") && holdsVisibleFiles((path as NSString).appendingPathComponent($0)) }
  }

  package func flush() throws(PipelineError) {}

  /// The `run.json` in `directory`, parsed, if it is there and readable.
  package static func runFile(in directory: String) -> [String: Any]? {
    let path = (directory as NSString).appendingPathComponent("run.json")
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    return try? JSONSerialization.jsonObject(with: data) as? [String: Any]
  }

  /// The `files` that the `run.json` in `directory` lists, if there is one.
  static func filesOfPreviousRun(in directory: String) -> [String] {
    (runFile(in: directory)?["files"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }
  }

  /// What differs between the manifest in `directory`'s `run.json` and the files there: missing
  /// files, other sizes, and (with `hashes`) other SHA-256 digests. Empty: the folder holds
  /// exactly the files of the run `run.json` describes.
  package static func manifestProblems(in directory: String, hashes: Bool) -> [String] {
    guard let object = runFile(in: directory) else { return ["no readable run.json"] }
    guard let files = object["files"] as? [[String: Any]] else { return ["run.json has no manifest (`files`): written by an older precis"] }
    var problems: [String] = []
    for entry in files {
      guard let relative = entry["path"] as? String, let bytes = entry["bytes"] as? Int, let digest = entry["sha256"] as? String else {
        problems.append("a malformed manifest entry in run.json")
        continue
      }
      let full = (directory as NSString).appendingPathComponent(relative)
      var status = stat()
      guard stat(full, &status) == 0 else {
        problems.append("\(relative) is missing")
        continue
      }
      if Int(status.st_size) != bytes {
        problems.append("\(relative) has \(status.st_size) bytes, the run wrote \(bytes)")
      } else if hashes, SHA256.ofFile(full) != digest {
        problems.append("\(relative) is not the file the run wrote (SHA-256 differs)")
      }
    }
    return problems
  }

  package func begin(statistics: [String: CorpusStatistics]) throws(PipelineError) {
    for writer in writers { try writer.begin(statistics: statistics) }
  }

  /// Finishes every writer, writes `run.json`, and moves every file into place.
  @discardableResult
  package func finish(report: RunReport, statistics: [String: CorpusStatistics] = [:]) throws(PipelineError) -> RunReport {
    for writer in writers { try writer.finish(report: report, statistics: statistics) }
    let previous = Self.filesOfPreviousRun(in: directory)
    let hadRun = Self.runFile(in: directory) != nil
    var report = report
    report.csvGuardedCells = context.csv.guarded
    let prefix = directory.hasSuffix("/") ? directory : directory + "/"
    report.files = context.files.map { file in
      RunReport.FileEntry(
        path: file.path.hasPrefix(prefix) ? String(file.path.dropFirst(prefix.count)) : file.path,
        bytes: file.byteCount, sha256: file.digest())
    }.sorted { $0.path < $1.path }
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
    committed = true
    // A report of the previous run describes a run that is gone (only in a folder a run wrote:
    // never a file of the user's beside `--force`).
    if hadRun { HTMLReport.removeStale(in: directory) }
    // Files of the previous run that this one did not write again (another pipeline, other
    // outputs) would describe a run that is gone: removed, with folders left empty.
    let written = Set((report.files ?? []).map(\.path) + ["run.json"])
    for stale in previous where !written.contains(stale) && !stale.contains("..") && !stale.hasPrefix("/") {
      let path = prefix + stale
      unlink(path)
      let folder = (path as NSString).deletingLastPathComponent
      if folder != directory, (try? FileManager.default.contentsOfDirectory(atPath: folder))?.isEmpty == true { rmdir(folder) }
    }
    OutputLock.syncFolder(directory)
    return report
  }
}

/// One run at a time per output folder: an exclusive `flock` on `.precis.lock` inside it, held
/// for the run and removed after it (the kernel drops the lock when the process dies, so a killed
/// run never blocks the next; its stale lock file is simply locked again).
final class OutputLock {
  static let fileName = ".precis.lock"
  private let descriptor: Int32
  private let path: String

  /// - Throws: `PipelineError` (`outputFailed`) when another run holds the folder.
  init(directory: String) throws(PipelineError) {
    // Stored properties are set only once the lock is held: a failed init must not run `deinit`,
    // which removes the lock file that the other run holds.
    let path = (directory as NSString).appendingPathComponent(Self.fileName)
    let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      throw PipelineError(.outputFailed, "cannot create '\(path)' (\(String(cString: strerror(errno)))); check that the output folder is writable")
    }
    guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
      close(descriptor)
      throw PipelineError(
        .outputFailed,
        "another precis run is writing into '\(directory)' now; wait for it to finish, or choose another folder with --output")
    }
    self.path = path
    self.descriptor = descriptor
    TemporaryFiles.register(path)
  }

  /// Removes the lock file (the folder then holds only the run's outputs) and releases the lock.
  deinit {
    unlink(path)
    TemporaryFiles.unregister(path)
    flock(descriptor, LOCK_UN)
    close(descriptor)
  }

  /// Removes `.NAME.partial-PID` files left by runs that died (their process is gone), anywhere in
  /// `directory` (they can be tens of megabytes each). Called with the lock held.
  static func removeStalePartials(in directory: String) {
    guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return }
    while let relative = enumerator.nextObject() as? String {
      let name = (relative as NSString).lastPathComponent
      guard name.hasPrefix("."), let range = name.range(of: ".partial-", options: .backwards),
        let pid = Int32(name[range.upperBound...]), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH
      else { continue }
      unlink((directory as NSString).appendingPathComponent(relative))
    }
  }

  /// Flushes the folder's entries (the renames) to disk.
  static func syncFolder(_ directory: String) {
    let descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard descriptor >= 0 else { return }
    fsync(descriptor)
    close(descriptor)
  }
}
