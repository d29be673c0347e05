internal import Foundation

/// Reads a whole input file into bytes with one `open`, one `fstat` and as few `read`s as its
/// size needs, refusing it once it is over a byte limit (even when it grew after `fstat`).
enum FileBytes {
  /// Why a file's bytes were not read.
  enum Failure: Error, Equatable {
    /// The file has (at least) this many bytes, over the limit.
    case tooLarge(Int)
    /// The system's reason, e.g. "Permission denied", "Is a directory".
    case unreadable(String)
  }

  /// The bytes of the file at `path`, or why not: more than `maxBytes` bytes, or a system error.
  static func read(_ path: String, maxBytes: Int) -> Result<[UInt8], Failure> {
    let descriptor: Int32
    switch openRegularFile(path) {
    case .success(let opened): descriptor = opened
    case .failure(let failure): return .failure(failure)
    }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else { return .failure(.unreadable(reason(errno))) }
    let expected = Int(status.st_size)
    if expected > maxBytes { return .failure(.tooLarge(expected)) }
    // One byte more than expected, so that growth since `fstat` (or a size `fstat` cannot tell,
    // as for a pipe) is seen rather than cut off.
    var bytes = [UInt8](repeating: 0, count: max(expected, 0) + 1)
    var count = 0
    while true {
      if count == bytes.count {
        if count > maxBytes { return .failure(.tooLarge(count)) }
        bytes.append(contentsOf: repeatElement(0, count: max(4_096, count)))
      }
      let got = bytes.withUnsafeMutableBytes { buffer in
        Glibc.read(descriptor, buffer.baseAddress! + count, buffer.count - count)
      }
      if got < 0 {
        if errno == EINTR { continue }
        return .failure(.unreadable(reason(errno)))
      }
      if got == 0 { break }
      count += got
    }
    if count > maxBytes { return .failure(.tooLarge(count)) }
    bytes.removeLast(bytes.count - count)
    return .success(bytes)
  }

  /// Opens `path` for reading if it is a regular file. Opened without blocking first, so that a
  /// FIFO (swapped in after the folder was listed, or given as the input) is refused, not waited on.
  static func openRegularFile(_ path: String) -> Result<Int32, Failure> {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    guard descriptor >= 0 else { return .failure(.unreadable(reason(errno))) }
    var status = stat()
    guard fstat(descriptor, &status) == 0 else {
      let failure = Failure.unreadable(reason(errno))
      close(descriptor)
      return .failure(failure)
    }
    switch status.st_mode & S_IFMT {
    case S_IFREG:
      _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
      return .success(descriptor)
    case S_IFDIR:
      close(descriptor)
      return .failure(.unreadable(reason(EISDIR)))
    default:
      close(descriptor)
      return .failure(.unreadable("not a regular file (a FIFO, socket or device), which could block the run"))
    }
  }

  /// The system's words for `errno` value `code` ("Permission denied").
  static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }
}
