internal import CICU

/// Swift entry points to the ICU features Precis uses, over the `CICU` shim.
///
/// Every function here is stateless and thread-safe: ICU's normalizer instances are shared
/// singletons, and each call that needs an iterator or converter opens and closes its own.
package enum ICU {
  /// Unicode normalization forms.
  package enum NormalizationForm: String, Sendable, CaseIterable {
    case nfc, nfkc, nfkcCasefold = "nfkc_casefold", nfd

    var code: Int32 {
      switch self {
      case .nfc: Int32(CICU_FORM_NFC)
      case .nfkc: Int32(CICU_FORM_NFKC)
      case .nfkcCasefold: Int32(CICU_FORM_NFKC_CASEFOLD)
      case .nfd: Int32(CICU_FORM_NFD)
      }
    }
  }

  /// Break iterator kinds.
  package enum BreakKind: Sendable {
    case sentence, word

    var code: Int32 { self == .sentence ? Int32(CICU_BREAK_SENTENCE) : Int32(CICU_BREAK_WORD) }
  }

  /// An ICU failure: the function that failed and ICU's name for the error code.
  package struct Failure: Error, Sendable, CustomStringConvertible {
    package let operation: String
    package let code: Int32

    package var name: String { String(cString: cicu_error_name(code)) }
    package var description: String { "ICU \(operation) failed: \(name)" }
  }

  /// The version of the system ICU library Precis is linked against, e.g. `"72.1"`.
  package static var version: String {
    var buffer = [CChar](repeating: 0, count: 32)
    cicu_version(&buffer, Int32(buffer.count))
    return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  /// Returns `units` normalized to `form`.
  /// - Throws: `ICU.Failure` when ICU reports an error (for example unpaired surrogates are not one).
  package static func normalize(_ units: [UInt16], form: NormalizationForm) throws -> [UInt16] {
    var error: Int32 = 0
    if cicu_is_normalized(form.code, units, Int32(units.count), &error) == 1, error <= 0 {
      return units
    }
    var capacity = units.count + units.count / 4 + 16
    while true {
      var output = [UInt16](repeating: 0, count: capacity)
      let length = cicu_normalize(form.code, units, Int32(units.count), &output, Int32(capacity), &error)
      guard error <= 0 else { throw Failure(operation: "normalize", code: error) }
      if Int(length) <= capacity {
        output.removeSubrange(Int(length)...)
        return output
      }
      capacity = Int(length)
    }
  }

  /// Returns every boundary after 0 of `units` for the break `kind` and `locale`, as UTF-16
  /// offsets (the last is `units.count`), with each boundary's rule status.
  /// - Complexity: O(n) in the text length; one ICU call for the whole text.
  package static func boundaries(
    of units: [UInt16], kind: BreakKind, locale: String, withStatus: Bool = false
  ) throws -> (offsets: [Int32], statuses: [Int32]) {
    try Breaker(kind: kind, locale: locale).boundaries(of: units, withStatus: withStatus)
  }

  /// ICU's best guess at the charset of `bytes`, with its confidence (0-100), or `nil`.
  package static func detectCharset(_ bytes: [UInt8]) -> (name: String, confidence: Int)? {
    var name = [CChar](repeating: 0, count: 64)
    var confidence: Int32 = 0
    var error: Int32 = 0
    let found = bytes.withUnsafeBufferPointer { buffer in
      buffer.withMemoryRebound(to: CChar.self) { chars in
        cicu_detect_charset(chars.baseAddress, Int32(chars.count), &name, Int32(name.count), &confidence, &error)
      }
    }
    guard found == 1, error <= 0 else { return nil }
    let text = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    return (text, Int(confidence))
  }

  /// Decodes `bytes` from `charset` into a `String`, failing on any illegal byte sequence.
  /// - Throws: `ICU.Failure` naming the ICU error (for example `U_ILLEGAL_CHAR_FOUND`).
  package static func decode(_ bytes: [UInt8], charset: String) throws -> String {
    var capacity = bytes.count + 16
    while true {
      var output = [UInt16](repeating: 0, count: capacity)
      var error: Int32 = 0
      let length = bytes.withUnsafeBufferPointer { buffer in
        buffer.withMemoryRebound(to: CChar.self) { chars in
          cicu_decode(charset, chars.baseAddress, Int32(chars.count), &output, Int32(capacity), &error)
        }
      }
      guard error <= 0 else { throw Failure(operation: "decoding from \(charset)", code: error) }
      if Int(length) <= capacity {
        return output.withUnsafeBufferPointer { TextUnits.string(UnsafeBufferPointer(rebasing: $0[..<Int(length)])) }
      }
      capacity = Int(length)
    }
  }

  /// The month names ICU's date symbols hold for `locale` (format and stand-alone, wide and short).
  package static func monthNames(locale: String) -> [String] { symbolList(locale: locale, cicu_month_names) }

  /// The weekday names ICU's date symbols hold for `locale` (format and stand-alone, wide and short).
  package static func weekdayNames(locale: String) -> [String] { symbolList(locale: locale, cicu_weekday_names) }

  /// Numbers as ICU's spell-out rules for `locale` write them ("sixty", "one hundred"): 0 to 100,
  /// the hundreds, thousands and ten thousands, 10^5 to 10^9 and 10^12; empty for a locale ICU
  /// has no rules for.
  package static func spelledNumbers(locale: String) -> [String] { symbolList(locale: locale, cicu_spelled_numbers) }

  /// The '\n'-separated list that `symbols` writes for `locale`, grown until it fits.
  private static func symbolList(
    locale: String, _ symbols: (UnsafePointer<CChar>?, UnsafeMutablePointer<UInt16>?, Int32, UnsafeMutablePointer<Int32>?) -> Int32
  ) -> [String] {
    var capacity = 2048
    while true {
      var output = [UInt16](repeating: 0, count: capacity)
      var error: Int32 = 0
      let length = Int(symbols(locale, &output, Int32(capacity), &error))
      guard error <= 0 else { return [] }
      if length <= capacity {
        return String(decoding: output[..<length], as: UTF16.self).split(separator: "\n").map(String.init)
      }
      capacity = length
    }
  }

  /// A date read from text, as ISO 8601 in one of two shapes: `2023-10-27T10:56:00+02:00` when
  /// it gives a time and a zone, else the day alone, `2023-10-27` (a time without a zone names no
  /// instant: it is left to the dateline, which outputs keep as written).
  package static func parseDate(_ text: String, preferredLocale: String? = nil) -> String? {
    let units = Array(text.utf16)
    var date = cicu_date()
    guard cicu_parse_date(units, Int32(units.count), preferredLocale ?? "", &date) == 1 else { return nil }
    func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
    var iso = "\(date.year)-\(two(date.month))-\(two(date.day))"
    guard date.has_time == 1, date.has_zone == 1 else { return iso }
    iso += "T\(two(date.hour)):\(two(date.minute)):\(two(date.second))"
    let offset = Int32(abs(date.zone_offset_seconds))
    let sign = date.zone_offset_seconds < 0 ? "-" : "+"
    return iso + "\(sign)\(two(offset / 3600)):\(two(offset % 3600 / 60))"
  }

  /// The UTF-16 code units of `text`, converted by ICU from the string's UTF-8 in one call.
  /// - Complexity: O(n).
  package static func utf16(_ text: String) -> [UInt16] {
    var text = text
    return text.withUTF8 { bytes in
      guard !bytes.isEmpty else { return [] }
      // UTF-16 never needs more code units than UTF-8 has bytes.
      let capacity = bytes.count
      return [UInt16](unsafeUninitializedCapacity: capacity) { buffer, initialized in
        var error: Int32 = 0
        let length = bytes.withMemoryRebound(to: CChar.self) { chars in
          cicu_utf8_to_utf16(chars.baseAddress, Int32(chars.count), buffer.baseAddress, Int32(capacity), &error)
        }
        initialized = error <= 0 ? Int(length) : 0
      }
    }
  }

  /// ICU's simple lowercase mapping for every BMP code unit (surrogates map to themselves).
  package static func lowercaseTable() -> [UInt16] {
    [UInt16](unsafeUninitializedCapacity: 0x10000) { buffer, initialized in
      cicu_lowercase_table(buffer.baseAddress)
      initialized = 0x10000
    }
  }

  /// The UTF-8 byte offsets and code-point offsets of ascending UTF-16 `utf16Offsets` into `units`.
  /// - Complexity: O(n) in the text length, in one C loop.
  package static func utf8Offsets(_ units: [UInt16], utf16Offsets: [Int32]) -> (bytes: [Int32], codePoints: [Int32]) {
    var bytes = [Int32](repeating: 0, count: utf16Offsets.count)
    var codePoints = [Int32](repeating: 0, count: utf16Offsets.count)
    cicu_utf16_offsets_to_utf8(units, Int32(units.count), utf16Offsets, Int32(utf16Offsets.count), &bytes, &codePoints)
    return (bytes, codePoints)
  }

  /// Letters per script class (see `CICU_SCRIPT_*`), at most `limit` letters looked at.
  package static func scriptCounts(_ units: [UInt16], limit: Int) -> [Int32] {
    var counts = [Int32](repeating: 0, count: Int(CICU_SCRIPT_COUNT))
    _ = cicu_script_counts(units, Int32(units.count), Int32(limit), &counts)
    return counts
  }

  /// A break iterator kept open across texts; not thread-safe, so create one per document.
  package final class Breaker {
    private let handle: OpaquePointer

    package init(kind: BreakKind, locale: String) throws {
      var error: Int32 = 0
      guard let handle = cicu_breaker_open(kind.code, locale, &error) else {
        throw Failure(operation: "opening a break iterator", code: error)
      }
      self.handle = handle
    }

    deinit { cicu_breaker_close(handle) }

    /// Like ``ICU/boundaries(of:kind:locale:withStatus:)``, reusing this iterator.
    package func boundaries(of units: [UInt16], withStatus: Bool = false) throws -> (offsets: [Int32], statuses: [Int32]) {
      guard !units.isEmpty else { return ([], []) }
      let capacity = units.count + 1
      var offsets = [Int32](repeating: 0, count: capacity)
      var statuses = [Int32](repeating: 0, count: withStatus ? capacity : 0)
      var error: Int32 = 0
      let count = statuses.withUnsafeMutableBufferPointer { statusBuffer in
        cicu_breaker_run(
          handle, units, Int32(units.count), &offsets, withStatus ? statusBuffer.baseAddress : nil, Int32(capacity), &error)
      }
      guard count >= 0, error <= 0 else { throw Failure(operation: "break iteration", code: error) }
      offsets.removeSubrange(Int(count)...)
      if withStatus { statuses.removeSubrange(Int(count)...) }
      return (offsets, statuses)
    }
  }
}
