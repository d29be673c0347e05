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
    var text = text
    let units = ICU.utf16(text)
    let ranges = try sentenceRanges(units)
    // One forward walk turns UTF-16 ranges into code-point offsets and UTF-8 slices of `text`.
    var sentences: [Sentence] = []
    sentences.reserveCapacity(ranges.count)
    text.withUTF8 { bytes in
      units.withUnsafeBufferPointer { buffer in
        var unitOffset = 0, byteOffset = 0, codePoints = 0
        func advance(to offset: Int) {
          while unitOffset < offset {
            let unit = buffer[unitOffset]
            if unit < 0x80 {
              byteOffset += 1
            } else if unit < 0x800 {
              byteOffset += 2
            } else if UTF16.isLeadSurrogate(unit) {
              byteOffset += 4
              unitOffset += 1
            } else {
              byteOffset += 3
            }
            unitOffset += 1
            codePoints += 1
          }
        }
        for (number, range) in ranges.enumerated() {
          advance(to: range.lowerBound)
          let start = codePoints, startByte = byteOffset
          advance(to: range.upperBound)
          let slice = UnsafeBufferPointer(rebasing: bytes[startByte..<byteOffset])
          sentences.append(Sentence(index: number, start: start, end: codePoints, text: String(decoding: slice, as: UTF8.self)))
        }
      }
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

