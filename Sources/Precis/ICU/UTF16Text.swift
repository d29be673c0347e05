/// A text held as UTF-16 code units (ICU's form), with conversions of its offsets to code points.
///
/// ICU reports UTF-16 offsets; Precis reports code-point offsets (what Python's `str` indexes).
/// This is the one place that converts between them.
struct UTF16Text {
  let units: [UInt16]

  init(_ text: String) {
    units = Array(text.utf16)
  }

  /// The code-point offset of each UTF-16 offset in `offsets`, which must be ascending.
  /// - Complexity: O(n + k) for a text of n units and k offsets.
  func codePointOffsets(_ offsets: [Int]) -> [Int] {
    var result: [Int] = []
    result.reserveCapacity(offsets.count)
    var unit = 0
    var codePoints = 0
    for offset in offsets {
      while unit < offset {
        if !UTF16.isTrailSurrogate(units[unit]) { codePoints += 1 }
        unit += 1
      }
      // An offset between a surrogate pair's halves counts the pair as started.
      result.append(codePoints)
    }
    return result
  }

  /// The string for the UTF-16 range.
  func string(_ range: Range<Int>) -> String {
    String(decoding: units[range], as: UTF16.self)
  }

  /// `range` with white space (including line ends) trimmed at both ends.
  func trimmingWhitespace(_ range: Range<Int>) -> Range<Int> {
    var lower = range.lowerBound, upper = range.upperBound
    while lower < upper, Self.isWhitespace(units[lower]) { lower += 1 }
    while upper > lower, Self.isWhitespace(units[upper - 1]) { upper -= 1 }
    return lower..<upper
  }

  static func isWhitespace(_ unit: UInt16) -> Bool {
    guard let scalar = Unicode.Scalar(unit) else { return false }
    return scalar.properties.isWhitespace
  }
}
