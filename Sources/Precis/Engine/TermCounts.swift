internal import CPrefetch
internal import Foundation

/// How many documents contain each term, keyed by a 64-bit term hash: exact while there are at
/// most ``exactLimit`` distinct terms, then a count-min sketch of fixed size.
///
/// The sketch (Cormode and Muthukrishnan, "An improved data stream summary: the count-min sketch",
/// 2005) keeps ``sketchDepth`` rows of ``sketchWidth`` counters; a term adds one to a counter in
/// each row and its count is the smallest of its counters, so it is never below the true count and
/// above it only when the term shares a counter with other terms in every row. That keeps memory
/// bounded (about 12 MB: counters are stored in 16 bits, the few past 65,534 apart, see
/// ``SketchCounters``) however large the corpus, at the price of slightly lower idf for some rare
/// terms of very large corpora.
///
/// Counts are sums, so the result does not depend on the order in which documents or partial counts
/// are added: the counts are exact exactly when the whole corpus has at most ``exactLimit`` distinct
/// terms (each part of it then has fewer), whatever the number of workers or shards.
public struct TermCounts: Sendable, Equatable {
  /// The most distinct terms counted exactly: as many as fill a table of 2²⁰ slots to Swift's
  /// largest load factor (¾), about 12 MB.
  public static let exactLimit = 3 << 18
  /// Rows of the sketch.
  public static let sketchDepth = 3
  /// Counters per row of the sketch (a power of two).
  public static let sketchWidth = 1 << sketchWidthBits
  static let sketchWidthBits = 21
  /// Odd multipliers of the multiply-shift hash that picks a row's counter (digits of π and e).
  static let rowMultipliers: [UInt64] = [0x243F_6A88_85A3_08D3, 0xB7E1_5162_8AED_2A6B, 0x1319_8A2E_0370_7345]

  enum Storage: Sendable, Equatable {
    case exact(UInt64Map<UInt32>)
    case sketch(SketchCounters)
  }

  /// An empty exact table.
  static var emptyTable: UInt64Map<UInt32> { UInt64Map(empty: 0) }

  private(set) var storage = Storage.exact(emptyTable)

  public init() {}

  /// Whether the counts are exact (the corpus had at most ``exactLimit`` distinct terms).
  public var isExact: Bool {
    if case .exact = storage { return true }
    return false
  }

  /// The number of documents containing the term with hash `key` (0 for an unseen term when exact).
  public func count(of key: UInt64) -> UInt32 {
    switch storage {
    case .exact(let table):
      return table[key] ?? 0
    case .sketch(let counters):
      var smallest = UInt32.max
      for row in 0..<Self.sketchDepth { smallest = min(smallest, counters.value(at: Self.slot(key, row: row))) }
      return smallest
    }
  }

  /// Starts loading what ``count(of:)`` reads for `key`, so that a caller about to look up many
  /// keys can overlap the cache misses.
  public func prefetch(_ key: UInt64) {
    switch storage {
    case .exact(let table):
      table.prefetch(key)
    case .sketch(let counters):
      for row in 0..<Self.sketchDepth { counters.prefetch(Self.slot(key, row: row)) }
    }
  }

  /// Adds one document to the count of each of `keys` (distinct hashes).
  public mutating func addDocument(keys: some Collection<UInt64>) {
    switch storage {
    case .exact(var table):
      storage = .exact(Self.emptyTable)  // so that `table` is the only reference and grows in place
      if table.isEmpty { table = UInt64Map(empty: 0, capacity: min(keys.count, Self.exactLimit)) }
      storage = Self.add({ body in for key in keys { body(key, 1) } }, to: &table)
    case .sketch(var counters):
      storage = .sketch(SketchCounters(count: 0))
      for key in keys { Self.add(key, count: 1, to: &counters) }
      storage = .sketch(counters)
    }
  }

  /// Adds `other`'s counts to these.
  public mutating func merge(_ other: TermCounts) {
    switch (storage, other.storage) {
    case (.exact(var table), .exact(var more)):
      storage = .exact(Self.emptyTable)
      if table.count < more.count { swap(&table, &more) }  // add the smaller to the larger
      storage = Self.add({ body in more.forEach(body) }, to: &table)
    case (.sketch(var counters), .exact(let more)):
      storage = .sketch(SketchCounters(count: 0))
      more.forEach { key, count in Self.add(key, count: count, to: &counters) }
      storage = .sketch(counters)
    case (.exact(let table), .sketch(var counters)):
      table.forEach { key, count in Self.add(key, count: count, to: &counters) }
      storage = .sketch(counters)
    case (.sketch(var counters), .sketch(let more)):
      storage = .sketch(SketchCounters(count: 0))
      counters.add(more)
      storage = .sketch(counters)
    }
  }

  /// `table` with the (key, count) pairs that `pairs` calls its argument with added: exact while
  /// the table holds at most ``exactLimit`` distinct keys, else the sketch of all the counts,
  /// made the moment one key more arrives (so the exact table never grows past its limit).
  static func add(_ pairs: ((UInt64, UInt32) -> Void) -> Void, to table: inout UInt64Map<UInt32>) -> Storage {
    var counters: SketchCounters?
    pairs { key, count in
      if counters != nil {
        add(key, count: count, to: &counters!)
        return
      }
      if table.count >= exactLimit, table[key] == nil {
        var sketch = sketch(of: table)
        table = emptyTable
        add(key, count: count, to: &sketch)
        counters = sketch
        return
      }
      table.update(key, orInsert: 0) { $0 += count }
    }
    return counters.map(Storage.sketch) ?? .exact(table)
  }

  static func slot(_ key: UInt64, row: Int) -> Int {
    row * sketchWidth + Int(truncatingIfNeeded: (key &* rowMultipliers[row]) >> UInt64(64 - sketchWidthBits))
  }

  static func add(_ key: UInt64, count: UInt32, to counters: inout SketchCounters) {
    for row in 0..<sketchDepth { counters.add(count, at: slot(key, row: row)) }
  }

  static func sketch(of table: UInt64Map<UInt32>) -> SketchCounters {
    var counters = SketchCounters(count: sketchDepth * sketchWidth)
    table.forEach { key, count in add(key, count: count, to: &counters) }
    return counters
  }
}

extension TermCounts: Codable {
  private enum CodingKeys: String, CodingKey {
    case exact, sketch, distinct
  }

  /// Exact counts are written as base64 of (hash, count) pairs sorted by hash, little-endian
  /// UInt64 and UInt32; a sketch as base64 of its counters, row after row, little-endian UInt32.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    var text = ""
    forEachBase64Piece { (piece: String) throws(Never) in text += piece }
    if case .exact(let table) = storage {
      try container.encode(table.count, forKey: .distinct)
      try container.encode(text, forKey: .exact)
    } else {
      try container.encode(text, forKey: .sketch)
    }
  }

  /// The JSON object ``encode(to:)`` writes (with sorted keys), handed to `write` in pieces so
  /// that a large table is never held twice over in memory as text.
  func writeJSON<Failure: Error>(_ write: (String) throws(Failure) -> Void) throws(Failure) {
    if case .exact(let table) = storage {
      try write("{\"distinct\":\(table.count),\"exact\":\"")
    } else {
      try write("{\"sketch\":\"")
    }
    try forEachBase64Piece(write)
    try write("\"}")
  }

  /// The base64 text of the records, in pieces that are each whole base64 (a multiple of 12 bytes
  /// of records encodes without padding, so the pieces join into the base64 of all of them).
  private func forEachBase64Piece<Failure: Error>(_ body: (String) throws(Failure) -> Void) throws(Failure) {
    let pieceBytes = 12 * 4096
    var bytes: [UInt8] = []
    bytes.reserveCapacity(pieceBytes)
    func flush(_ force: Bool) throws(Failure) {
      guard bytes.count >= pieceBytes || (force && !bytes.isEmpty) else { return }
      try body(Data(bytes).base64EncodedString())
      bytes.removeAll(keepingCapacity: true)
    }
    switch storage {
    case .exact(let table):
      var keys = table.allKeys
      keys.sort()  // in place: a table of 2^20 slots holds up to 6 MB of keys
      for key in keys {
        withUnsafeBytes(of: key.littleEndian) { bytes += $0 }
        withUnsafeBytes(of: (table[key] ?? 0).littleEndian) { bytes += $0 }
        try flush(false)
      }
    case .sketch(let counters):
      for index in 0..<counters.count {
        withUnsafeBytes(of: counters.value(at: index).littleEndian) { bytes += $0 }
        try flush(false)
      }
    }
    try flush(true)
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    if let text = try container.decodeIfPresent(String.self, forKey: .exact) {
      guard let data = Data(base64Encoded: text), data.count % 12 == 0 else {
        throw DecodingError.dataCorruptedError(forKey: .exact, in: container, debugDescription: "exact term counts are not base64 of 12-byte records")
      }
      var table = UInt64Map<UInt32>(empty: 0, capacity: data.count / 12)
      data.withUnsafeBytes { raw in
        for offset in stride(from: 0, to: raw.count, by: 12) {
          let key = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
          table.set(key, UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 8, as: UInt32.self)))
        }
      }
      storage = .exact(table)
    } else {
      let text = try container.decode(String.self, forKey: .sketch)
      guard let data = Data(base64Encoded: text), data.count == Self.sketchDepth * Self.sketchWidth * 4 else {
        throw DecodingError.dataCorruptedError(
          forKey: .sketch, in: container, debugDescription: "the term sketch is not base64 of \(Self.sketchDepth) x \(Self.sketchWidth) counters")
      }
      var counters = SketchCounters(count: data.count / 4)
      data.withUnsafeBytes { raw in
        for index in 0..<(raw.count / 4) {
          counters.add(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self)), at: index)
        }
      }
      storage = .sketch(counters)
    }
  }
}

/// The counters of a count-min sketch, each a 32-bit sum (wrapping, as `&+` does), stored in 16
/// bits: a counter reaches 65,535 only for a term in that many documents, so the few that do are
/// kept apart at full width. Half the memory of 32-bit counters, with the same counts.
struct SketchCounters: Sendable, Equatable {
  /// Each counter's value while below ``overflow``; ``overflow`` for one kept in ``large``.
  private var small: [UInt16]
  /// The counters that reached ``overflow``, by index.
  private var large: [Int: UInt32] = [:]
  private static let overflow = UInt16.max

  /// `count` counters at 0.
  init(count: Int) { small = [UInt16](repeating: 0, count: count) }

  var count: Int { small.count }

  /// Counter `index`'s value.
  @inline(__always)
  func value(at index: Int) -> UInt32 {
    let value = small[index]
    return value == Self.overflow ? large[index] ?? 0 : UInt32(value)
  }

  /// Adds `amount` to counter `index`.
  @inline(__always)
  mutating func add(_ amount: UInt32, at index: Int) {
    let value = small[index]
    if value == Self.overflow {
      large[index, default: 0] &+= amount
      return
    }
    let sum = UInt64(value) + UInt64(amount)
    if sum < UInt64(Self.overflow) {
      small[index] = UInt16(sum)
      return
    }
    small[index] = Self.overflow
    large[index] = UInt32(truncatingIfNeeded: sum)
  }

  /// Adds `other`'s counters (of the same count) to these.
  mutating func add(_ other: SketchCounters) {
    for index in small.indices where other.small[index] != 0 { add(other.value(at: index), at: index) }
  }

  /// Starts loading counter `index`, for a caller about to read many.
  func prefetch(_ index: Int) {
    small.withUnsafeBufferPointer { cprefetch_read($0.baseAddress! + index) }
  }
}
