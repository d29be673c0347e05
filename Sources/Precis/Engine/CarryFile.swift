internal import Foundation

/// What the counting pass hands to the processing pass, one record per input item in input order,
/// in a temporary file: written a window at a time, read back a window at a time, so memory stays
/// flat however large the corpus; gone when the run ends.
///
/// A record is opaque bytes (a ``CarriedItem`` in ``CarryCodec``'s form) behind its length.
final class CarryFile {
  private let file: UnsafeMutablePointer<FILE>
  private var reading = false
  /// Records written, and read back so far.
  private(set) var written = 0
  /// Bytes written: how large the file grew.
  private(set) var bytesWritten = 0
  private var read = 0

  /// A new, empty carry file in the system's temporary folder. Its name is removed at once: the
  /// file lives while it is open and leaves nothing behind, however the run ends.
  /// - Throws: `PipelineError` (`outputFailed`) when no file can be made there.
  init() throws(PipelineError) {
    let folder = NSTemporaryDirectory()
    let path = (folder as NSString).appendingPathComponent("precis-carry-\(getpid())-\(UUID().uuidString)")
    guard let file = fopen(path, "w+b") else {
      throw PipelineError(
        .outputFailed,
        "cannot make the temporary file that carries the counting pass's work to the processing pass in \(folder) (\(String(cString: strerror(errno)))); set TMPDIR to a writable folder with room")
    }
    unlink(path)
    self.file = file
  }

  deinit { fclose(file) }

  /// Appends the records of one window, in input order.
  /// - Throws: `PipelineError` (`outputFailed`) when the disk refuses them.
  func write(_ records: [[UInt8]]) throws(PipelineError) {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(records.reduce(0) { $0 + $1.count + 8 })
    for record in records {
      withUnsafeBytes(of: UInt64(record.count).littleEndian) { bytes += $0 }
      bytes += record
    }
    let done = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
    guard done == bytes.count else {
      throw PipelineError(
        .outputFailed,
        "cannot write the counting pass's temporary file (\(String(cString: strerror(errno)))); free disk space or set TMPDIR to a folder with room")
    }
    written += records.count
    bytesWritten += bytes.count
  }

  /// The next records, at most `limit` of them and, past the first, no more than `maxBytes`
  /// together (none once every record was read).
  /// - Throws: `PipelineError` (`outputFailed`) when the file cannot be read back whole.
  func next(_ limit: Int, maxBytes: Int = .max) throws(PipelineError) -> [[UInt8]] {
    if !reading {
      fflush(file)
      rewind(file)
      reading = true
    }
    var records: [[UInt8]] = []
    var bytes = 0
    // At least one record, then no more once the window holds `maxBytes`.
    while records.count < limit && read < written && (records.isEmpty || bytes < maxBytes) {
      var length: UInt64 = 0
      guard fread(&length, 8, 1, file) == 1 else { throw unreadable() }
      var record = [UInt8](repeating: 0, count: Int(UInt64(littleEndian: length)))
      guard record.isEmpty || record.withUnsafeMutableBufferPointer({ fread($0.baseAddress, 1, $0.count, file) }) == record.count
      else { throw unreadable() }
      bytes += record.count
      records.append(record)
      read += 1
    }
    return records
  }

  private func unreadable() -> PipelineError {
    PipelineError(.outputFailed, "the counting pass's temporary file could not be read back (\(String(cString: strerror(errno)))); run again")
  }
}
