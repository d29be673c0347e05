internal import Foundation

/// What the counting pass carries over to the processing pass, one record per input item in input
/// order, in a temporary file (see ``CarriedStage``): written a window at a time, read back a window
/// at a time, gone when the run ends.
///
/// A record is the item's fingerprint (a hash of its text) followed by the carried bytes of each
/// step; an item whose text changed between the passes gets nothing back and is processed in full.
final class CarryFile {
  private let file: UnsafeMutablePointer<FILE>
  private var reading = false
  /// Set when a write failed: from then on nothing is carried (the run is slower, not wrong).
  private var broken = false

  /// A new, empty carry file in the system's temporary folder, or `nil` when none can be made
  /// (the run then does without). Its name is removed at once: the file lives while it is open
  /// and leaves nothing behind, however the run ends.
  init?() {
    let name = "precis-carry-\(getpid())-\(UUID().uuidString)"
    let path = (NSTemporaryDirectory() as NSString).appendingPathComponent(name)
    guard let file = fopen(path, "w+b") else { return nil }
    unlink(path)
    self.file = file
  }

  deinit { fclose(file) }

  /// One item's record: its fingerprint and the carried bytes by step index.
  struct Record: Sendable {
    var fingerprint: UInt64
    var steps: [Int: [UInt8]]

    static let empty = Record(fingerprint: 0, steps: [:])
  }

  /// The fingerprint of a document's text.
  static func fingerprint(_ text: String) -> UInt64 { FNV1a.hash64(text.utf8) }

  /// Appends the records of one window, in input order.
  func write(_ records: [Record]) {
    var bytes: [UInt8] = []
    for record in records {
      Self.append(record.fingerprint, to: &bytes)
      Self.append(UInt64(record.steps.count), to: &bytes)
      for (step, carried) in record.steps.sorted(by: { $0.key < $1.key }) {
        Self.append(UInt64(step), to: &bytes)
        Self.append(UInt64(carried.count), to: &bytes)
        bytes += carried
      }
    }
    guard !broken, !reading else { return }
    let written = bytes.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
    if written != bytes.count { broken = true }
  }

  /// The next `count` records (empty ones past the end or after a read error).
  func read(_ count: Int) -> [Record] {
    if !reading {
      fflush(file)
      rewind(file)
      reading = true
    }
    return (0..<count).map { _ in broken ? .empty : readRecord() ?? .empty }
  }

  private func readRecord() -> Record? {
    guard let fingerprint = readWord(), let stepCount = readWord(), stepCount < 1 << 16 else { return nil }
    var steps: [Int: [UInt8]] = [:]
    for _ in 0..<stepCount {
      guard let step = readWord(), let length = readWord(), length < 1 << 24 else { return nil }
      var carried = [UInt8](repeating: 0, count: Int(length))
      guard length == 0 || carried.withUnsafeMutableBufferPointer({ fread($0.baseAddress, 1, $0.count, file) }) == Int(length)
      else { return nil }
      steps[Int(step)] = carried
    }
    return Record(fingerprint: fingerprint, steps: steps)
  }

  private func readWord() -> UInt64? {
    var word: UInt64 = 0
    guard fread(&word, 8, 1, file) == 1 else { return nil }
    return UInt64(littleEndian: word)
  }

  private static func append(_ word: UInt64, to bytes: inout [UInt8]) {
    withUnsafeBytes(of: word.littleEndian) { bytes += $0 }
  }
}

/// Builds the bytes a ``CarriedStage`` keeps: integers as 8 little-endian bytes, strings as their
/// UTF-8 length and bytes, optional strings behind a presence byte.
public struct CarryWriter {
  public private(set) var bytes: [UInt8] = []

  public init() {}

  public mutating func append(_ value: Int) {
    withUnsafeBytes(of: Int64(value).littleEndian) { bytes += $0 }
  }

  public mutating func append(_ value: Double) {
    withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes += $0 }
  }

  public mutating func append(_ text: String) {
    append(text.utf8.count)
    bytes += text.utf8
  }

  public mutating func append(_ text: String?) {
    bytes.append(text == nil ? 0 : 1)
    if let text { append(text) }
  }
}

/// Reads what a ``CarryWriter`` wrote, in the same order; every read past the end or of a
/// malformed value throws, so a damaged carry is never taken for a real one.
public struct CarryReader {
  /// A carry that does not read as expected.
  public struct Malformed: Error {}

  private let bytes: [UInt8]
  private var offset = 0

  public init(_ bytes: [UInt8]) { self.bytes = bytes }

  /// Whether every byte was read.
  public var isAtEnd: Bool { offset == bytes.count }

  public mutating func integer() throws(Malformed) -> Int {
    guard offset + 8 <= bytes.count else { throw Malformed() }
    var value: UInt64 = 0
    for index in (offset..<(offset + 8)).reversed() { value = value << 8 | UInt64(bytes[index]) }
    offset += 8
    return Int(Int64(bitPattern: value))
  }

  public mutating func double() throws(Malformed) -> Double {
    Double(bitPattern: UInt64(bitPattern: Int64(try integer())))
  }

  public mutating func string() throws(Malformed) -> String {
    let length = try integer()
    guard length >= 0, offset + length <= bytes.count else { throw Malformed() }
    defer { offset += length }
    return String(decoding: bytes[offset..<(offset + length)], as: UTF8.self)
  }

  public mutating func optionalString() throws(Malformed) -> String? {
    guard offset < bytes.count else { throw Malformed() }
    offset += 1
    switch bytes[offset - 1] {
    case 0: return nil
    case 1: return try string()
    default: throw Malformed()
    }
  }
}
