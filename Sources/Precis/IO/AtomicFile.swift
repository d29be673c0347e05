internal import Foundation

/// A file written under a temporary name and renamed into place only when complete, so a crash
/// never leaves a half-written file under the final name.
package final class AtomicFile {
  package let path: String
  private let temporaryPath: String
  private var handle: UnsafeMutablePointer<FILE>?

  /// Creates the temporary file beside `path`.
  /// - Throws: `PipelineError` (`outputFailed`) when the folder is not writable.
  package init(path: String) throws(PipelineError) {
    self.path = path
    let url = URL(fileURLWithPath: path)
    temporaryPath = url.deletingLastPathComponent().appendingPathComponent(
      ".\(url.lastPathComponent).partial-\(getpid())"
    ).path
    guard let handle = fopen(temporaryPath, "wb") else {
      throw PipelineError(.outputFailed, "cannot create '\(temporaryPath)' (\(String(cString: strerror(errno)))); check that the output folder is writable")
    }
    self.handle = handle
  }

  deinit { discard() }

  /// Appends `bytes`.
  package func write(_ bytes: [UInt8]) throws(PipelineError) {
    guard let handle else { return }
    if !bytes.isEmpty && fwrite(bytes, 1, bytes.count, handle) != bytes.count {
      throw PipelineError(.outputFailed, "cannot write '\(path)' (\(String(cString: strerror(errno)))); is the disk full?")
    }
  }

  /// Appends `text` as UTF-8.
  package func write(_ text: String) throws(PipelineError) {
    try write(Array(text.utf8))
  }

  /// Flushes, closes and renames the file into place.
  package func commit() throws(PipelineError) {
    guard let handle else { return }
    self.handle = nil
    // Flushed and synced before the rename, so the final name never points at data still in
    // the page cache when the machine goes down.
    let synced = fflush(handle) == 0 && fsync(fileno(handle)) == 0
    let closed = fclose(handle) == 0
    guard synced, closed, rename(temporaryPath, path) == 0 else {
      unlink(temporaryPath)
      throw PipelineError(.outputFailed, "cannot finish '\(path)' (\(String(cString: strerror(errno)))); is the disk full?")
    }
  }

  /// Closes and deletes the temporary file; the final path is left untouched.
  package func discard() {
    guard let handle else { return }
    self.handle = nil
    fclose(handle)
    unlink(temporaryPath)
  }
}
