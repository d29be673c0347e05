/// Character classes over UTF-16 code units, for the sentence rules.
///
/// Only the code units that matter at a sentence boundary are classified here; letters outside
/// the Basic Multilingual Plane count as letters without case.
enum TextUnits {
  static let period: UInt16 = 0x2E
  static let space: UInt16 = 0x20

  static func isWhitespace(_ unit: UInt16) -> Bool {
    switch unit {
    case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
    default: false
    }
  }

  static func isNewline(_ unit: UInt16) -> Bool {
    switch unit {
    case 0x0A...0x0D, 0x85, 0x2028, 0x2029: true
    default: false
    }
  }

  /// Invisible format characters that are skipped when reading words (bidi marks, ZWSP, BOM).
  static func isFormat(_ unit: UInt16) -> Bool {
    switch unit {
    case 0x061C, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2069, 0xFEFF: true
    default: false
    }
  }

  /// Quotation marks and closing brackets, which may follow a sentence's final punctuation.
  static func isCloser(_ unit: UInt16) -> Bool {
    switch unit {
    case 0x22, 0x27, 0x29, 0x5D, 0x7D, 0xAB, 0xBB, 0x2018, 0x2019, 0x201C, 0x201D, 0x2039, 0x203A,
      0x300B, 0x3009, 0x300D, 0x300F, 0x3011, 0xFF09, 0xFF3D, 0xFF5D:
      true
    default: false
    }
  }

  /// Opening quotation marks, brackets and Spanish inverted marks, which may start a sentence.
  static func isOpener(_ unit: UInt16) -> Bool {
    switch unit {
    case 0x22, 0x27, 0x28, 0x5B, 0x7B, 0xA1, 0xAB, 0xBB, 0xBF, 0x2018, 0x201A, 0x201C, 0x201E, 0x2039,
      0x300A, 0x3008, 0x300C, 0x300E, 0x3010, 0xFF08:
      true
    default: false
    }
  }

  static func isDash(_ unit: UInt16) -> Bool {
    unit == 0x2D || (0x2010...0x2015).contains(unit) || unit == 0x2212
  }

  /// Sentence-final punctuation in any script (Unicode Sentence_Terminal, plus the ellipsis).
  /// - Complexity: O(1): a bit table over the Basic Multilingual Plane, generated at build time
  ///   (``ScalarBits/sentenceTerminal``).
  static func isTerminator(_ unit: UInt16) -> Bool { ScalarBits.sentenceTerminal.contains(unit: unit) }

  /// Terminators of scripts written without spaces, which end a sentence without one.
  static func isSpacelessTerminator(_ unit: UInt16) -> Bool {
    switch unit {
    case 0x3002, 0xFF01, 0xFF0E, 0xFF1F, 0xFF61, 0x1362, 0x1367, 0x1368, 0x104A, 0x104B: true
    default: false
    }
  }

  /// Han, kana and CJK punctuation (also the high surrogates of Han's supplementary planes):
  /// characters of scripts written without spaces between words or sentences.
  static func isSpacelessScript(_ unit: UInt16) -> Bool {
    switch unit {
    case 0x3000...0x30FF, 0x31F0...0x31FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0xFF00...0xFF9F, 0xD840...0xD87F: true
    default: false
    }
  }

  /// The text of UTF-16 code units `units`: the same string as `String(decoding: units, as:
  /// UTF16.self)` (a lone surrogate becomes U+FFFD), transcoded to UTF-8 in one pass here rather
  /// than scalar by scalar through the standard library's generic decoder, which cost more than
  /// ICU's word breaking for every word token.
  static func string(_ units: UnsafeBufferPointer<UInt16>) -> String {
    // At most 3 UTF-8 bytes a code unit (a surrogate pair: 4 bytes for 2 units).
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, units.count * 3)) { bytes in
      var count = 0
      var index = 0
      while index < units.count {
        let unit = UInt32(units[index])
        index += 1
        if unit < 0x80 {
          bytes[count] = UInt8(unit)
          count += 1
        } else if unit < 0x800 {
          bytes[count] = UInt8(0xC0 | unit >> 6)
          bytes[count + 1] = UInt8(0x80 | unit & 0x3F)
          count += 2
        } else if unit & 0xFC00 == 0xD800, index < units.count, units[index] & 0xFC00 == 0xDC00 {
          let value = 0x10000 + ((unit - 0xD800) << 10) + (UInt32(units[index]) - 0xDC00)
          index += 1
          bytes[count] = UInt8(0xF0 | value >> 18)
          bytes[count + 1] = UInt8(0x80 | value >> 12 & 0x3F)
          bytes[count + 2] = UInt8(0x80 | value >> 6 & 0x3F)
          bytes[count + 3] = UInt8(0x80 | value & 0x3F)
          count += 4
        } else {
          let value = unit & 0xF800 == 0xD800 ? 0xFFFD : unit  // a lone surrogate
          bytes[count] = UInt8(0xE0 | value >> 12)
          bytes[count + 1] = UInt8(0x80 | value >> 6 & 0x3F)
          bytes[count + 2] = UInt8(0x80 | value & 0x3F)
          count += 3
        }
      }
      return String(decoding: UnsafeBufferPointer(rebasing: bytes[..<count]), as: UTF8.self)
    }
  }

  static func scalar(_ unit: UInt16) -> Unicode.Scalar? { Unicode.Scalar(unit) }

  static func isLetter(_ unit: UInt16) -> Bool {
    if unit < 0x80 { return (0x41...0x5A).contains(unit) || (0x61...0x7A).contains(unit) }
    if UTF16.isLeadSurrogate(unit) { return true }
    guard let scalar = scalar(unit) else { return false }
    return scalar.properties.isAlphabetic && scalar.properties.numericType == nil
  }

  static func isUppercase(_ unit: UInt16) -> Bool {
    if unit < 0x80 { return (0x41...0x5A).contains(unit) }
    guard let scalar = scalar(unit) else { return false }
    return scalar.properties.isUppercase || scalar.properties.generalCategory == .titlecaseLetter
  }

  static func isLowercase(_ unit: UInt16) -> Bool {
    if unit < 0x80 { return (0x61...0x7A).contains(unit) }
    guard let scalar = scalar(unit) else { return false }
    return scalar.properties.isLowercase
  }

  static func isDigit(_ unit: UInt16) -> Bool {
    if unit < 0x80 { return (0x30...0x39).contains(unit) }
    guard let scalar = scalar(unit) else { return false }
    return scalar.properties.generalCategory == .decimalNumber
  }

  /// Vowel letters of the Latin, Cyrillic and Greek alphabets, either case, for spotting
  /// vowel-less abbreviations such as "Mr", "gg", "кв".
  static func isVowel(_ unit: UInt16) -> Bool {
    unit < 0x0530 && vowelTable[Int(unit >> 6)] & (1 << UInt64(unit & 63)) != 0
  }

  private static let vowelTable: [UInt64] = {
    var table = [UInt64](repeating: 0, count: 0x0530 / 64 + 1)
    let vowels = "aeiouyàáâãäåæèéêëìíîïòóôõöøùúûüýÿœāăąēĕėęěīįıōőūůűųəаеёиоуыэюяіїєұүөәαεηιουωάέήίόύώϊϋΐΰ"
    for unit in (vowels + vowels.uppercased()).utf16 where unit < 0x0530 {
      table[Int(unit >> 6)] |= 1 << UInt64(unit & 63)
    }
    return table
  }()
}
