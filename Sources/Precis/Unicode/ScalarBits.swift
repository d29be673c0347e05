/// A Unicode property of the Basic Multilingual Plane as a bitset, worked out once per process:
/// a bit test instead of Swift's property lookup, which the stages make for every letter they
/// read. Scalars outside the BMP (rare in text) are looked up as before.
struct ScalarBits: Sendable {
  private let bits: [UInt64]
  private let property: @Sendable (Unicode.Scalar) -> Bool

  init(_ property: @escaping @Sendable (Unicode.Scalar) -> Bool) {
    var bits = [UInt64](repeating: 0, count: 0x10000 / 64)
    for value in 0..<0x10000 {
      if let scalar = Unicode.Scalar(UInt32(value)), property(scalar) { bits[value >> 6] |= 1 << UInt64(value & 63) }
    }
    self.bits = bits
    self.property = property
  }

  /// Whether `scalar` has the property.
  @inline(__always)
  func contains(_ scalar: Unicode.Scalar) -> Bool {
    let value = Int(scalar.value)
    guard value < 0x10000 else { return property(scalar) }
    return bits.withUnsafeBufferPointer { $0[value >> 6] & (1 << UInt64(value & 63)) != 0 }
  }

  /// Letters and digits of any kind: what keyword candidates count as a word's letters.
  static let letterOrDigit = ScalarBits { $0.properties.isAlphabetic || $0.properties.numericType != nil }
  /// Unicode's Alphabetic property.
  static let alphabetic = ScalarBits { $0.properties.isAlphabetic }
  /// Scalars that lower-casing changes.
  static let changesWhenLowercased = ScalarBits { $0.properties.changesWhenLowercased }
  /// Unicode's White_Space property.
  static let whitespace = ScalarBits { $0.properties.isWhitespace }
  /// Scalars with a numeric value (digits, numerals, fractions).
  static let numeric = ScalarBits { $0.properties.numericType != nil }
  /// Space separators (general category Zs): no-break, em, ideographic spaces and the like.
  static let spaceSeparator = ScalarBits { $0.properties.generalCategory == .spaceSeparator }
  /// Letters and marks: what the language detector reads as part of a word.
  static let letterOrMark = ScalarBits { scalar in
    switch scalar.properties.generalCategory {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
      .nonspacingMark, .spacingMark, .enclosingMark:
      true
    default:
      false
    }
  }
}
