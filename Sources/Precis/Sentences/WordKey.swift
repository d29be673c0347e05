/// A 64-bit key for a short word, computed from its UTF-16 units without building a `String`:
/// FNV-1a over the case-folded units (ICU's simple lowercase mapping), invisible format
/// characters skipped. The sentence rules look words up by key on their hot path.
struct WordKey: Hashable, Sendable {
  let value: UInt64

  /// A key with a given value; `WordKey.none` (0) matches no word.
  init(value: UInt64) { self.value = value }
  static let none = WordKey(value: 0)

  /// ICU's simple lowercase mapping of the BMP, built once.
  static let lowercase: [UInt16] = ICU.lowercaseTable()

  /// The key of `units[range]`, case-folded unless `folding` is false.
  init(_ units: UnsafeBufferPointer<UInt16>, _ range: Range<Int>, folding: Bool = true) {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    Self.lowercase.withUnsafeBufferPointer { lower in
      for index in range {
        let unit = units[index]
        if TextUnits.isFormat(unit) { continue }
        let folded = folding ? lower[Int(unit)] : unit
        hash = (hash ^ UInt64(folded & 0xFF)) &* 0x0000_0100_0000_01B3
        hash = (hash ^ UInt64(folded >> 8)) &* 0x0000_0100_0000_01B3
      }
    }
    value = hash
  }

  /// The key of `word`, case-folded unless `folding` is false.
  init(_ word: String, folding: Bool = true) {
    let units = Array(word.utf16)
    self = units.withUnsafeBufferPointer { WordKey($0, 0..<units.count, folding: folding) }
  }
}
