internal import Foundation

/// A file written under a temporary name and renamed into place only when complete, so a crash
/// never leaves a half-written file under the final name.
package final class AtomicFile {
  package let path: String
  private let temporaryPath: String
  private var handle: UnsafeMutablePointer<FILE>?
  /// The SHA-256 and size of what was written so far, for the run's manifest.
  private var hash = SHA256()
  package private(set) var byteCount = 0

  /// The SHA-256 (hex) of the bytes written so far; writing may go on.
  package func digest() -> String {
    var copy = hash
    return copy.hexDigest()
  }

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
    TemporaryFiles.register(temporaryPath)
  }

  deinit { discard() }

  /// Appends `bytes`.
  package func write(_ bytes: [UInt8]) throws(PipelineError) {
    guard let handle else { return }
    if !bytes.isEmpty && fwrite(bytes, 1, bytes.count, handle) != bytes.count {
      throw PipelineError(.outputFailed, "cannot write '\(path)' (\(String(cString: strerror(errno))))\(Self.advice(errno))")
    }
    hash.update(bytes)
    byteCount += bytes.count
  }

  /// Appends `text` as UTF-8.
  package func write(_ text: String) throws(PipelineError) {
    try write(Array(text.utf8))
  }

  /// Flushes, closes and renames the file into place.
  package func commit() throws(PipelineError) {
    guard let handle else { return }
    self.handle = nil
    defer { TemporaryFiles.unregister(temporaryPath) }
    // Flushed and synced before the rename, so the final name never points at data still in
    // the page cache when the machine goes down.
    let synced = fflush(handle) == 0 && fsync(fileno(handle)) == 0
    let closed = fclose(handle) == 0
    guard synced, closed, rename(temporaryPath, path) == 0 else {
      let code = errno
      unlink(temporaryPath)
      throw PipelineError(.outputFailed, "cannot finish '\(path)' (\(String(cString: strerror(code))))\(Self.advice(code))")
    }
  }

  /// What to do about a failed write or rename, by its `errno`.
  static func advice(_ code: Int32) -> String {
    switch code {
    case ENOSPC, EDQUOT: "; the disk (or your quota) is full: free space or choose another --output"
    case EISDIR, ENOTEMPTY, EEXIST: "; a folder has that name in the output folder: remove it or choose another --output"
    case ENOTDIR: "; a file stands where a folder of the output should be: remove it or choose another --output"
    case EACCES, EPERM, EROFS: "; the output folder is not writable: check its permissions or choose another --output"
    default: ""
    }
  }

  /// Closes and deletes the temporary file; the final path is left untouched.
  package func discard() {
    guard let handle else { return }
    self.handle = nil
    fclose(handle)
    unlink(temporaryPath)
    TemporaryFiles.unregister(temporaryPath)
  }
}
