/// Splits text into sentences with ICU's sentence break rules for a language.
///
/// Usable on its own, without a pipeline. It is a value holding only the locale; each call opens
/// its own ICU iterator, so one splitter can be shared across threads.
public struct SentenceSplitter: Sendable {
  /// The ICU locale used, for example `"de"`, or `"root"` for no particular language.
  public let locale: String

  /// The language whose rules apply (`""` when none was given and the script suggests none).
  public let language: String

  /// Creates a splitter for `language`, an ISO 639-1 code; `nil` or empty: guess from the script.
  public init(language: String? = nil) {
    let code = (language ?? "").filter { !$0.isWhitespace }.lowercased()
    self.language = code
    // Always pin a locale: ICU falls back to the process locale for unknown or empty ids.
    locale = code.isEmpty ? "root" : code
  }

  /// The sentences of `text`, whitespace trimmed and empty ones dropped, with code-point offsets.
  /// - Throws: `PipelineError` when ICU fails.
  /// - Complexity: O(n) in the text length.
  public func sentences(in text: String) throws -> [Sentence] {
    let units = ICU.utf16(text)
    let ranges = try sentenceRanges(units)
    // One pass turns the UTF-16 ranges into UTF-8 byte and code-point offsets.
    var offsets: [Int32] = []
    offsets.reserveCapacity(2 * ranges.count)
    for range in ranges {
      offsets.append(Int32(range.lowerBound))
      offsets.append(Int32(range.upperBound))
    }
    let (bytes, codePoints) = ICU.utf8Offsets(units, utf16Offsets: offsets)
    var sentences: [Sentence] = []
    sentences.reserveCapacity(ranges.count)
    // Native strings index UTF-8 offsets in O(1), and copying a substring needs no validation.
    let utf8 = text.utf8
    for index in ranges.indices {
      let lower = utf8.index(utf8.startIndex, offsetBy: Int(bytes[2 * index]))
      let upper = utf8.index(utf8.startIndex, offsetBy: Int(bytes[2 * index + 1]))
      sentences.append(
        Sentence(
          index: index, start: Int(codePoints[2 * index]), end: Int(codePoints[2 * index + 1]),
          text: String(text[lower..<upper])))
    }
    return sentences
  }

  /// The sentences of UTF-16 `units` as ranges of offsets.
  func sentenceRanges(_ units: [UInt16]) throws -> [Range<Int>] {
    guard !units.isEmpty else { return [] }
    let code = language.isEmpty ? ScriptGuess.language(of: units) : language
    return SentenceBoundaries(units: units, rules: .forLanguage(code)).sentenceRanges()
  }

  /// The sentences of `text` as ranges of the string.
  public func sentenceRanges(in text: String) throws -> [Range<String.Index>] {
    let scalars = text.unicodeScalars
    var result: [Range<String.Index>] = []
    var cursor = scalars.startIndex
    var position = 0
    for sentence in try sentences(in: text) {
      cursor = scalars.index(cursor, offsetBy: sentence.start - position)
      let end = scalars.index(cursor, offsetBy: sentence.end - sentence.start)
      result.append(cursor..<end)
      cursor = end
      position = sentence.end
    }
    return result
  }
}

