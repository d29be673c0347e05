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
    let utf16 = UTF16Text(text)
    let ranges = try sentenceRanges(utf16.units)
    let offsets = utf16.codePointOffsets(ranges.flatMap { [$0.lowerBound, $0.upperBound] })
    return ranges.enumerated().map { index, range in
      Sentence(index: index, start: offsets[2 * index], end: offsets[2 * index + 1], text: utf16.string(range))
    }
  }

  /// The sentences of UTF-16 `units` as ranges of offsets.
  func sentenceRanges(_ units: [UInt16]) throws -> [Range<Int>] {
    guard !units.isEmpty else { return [] }
    let code = language.isEmpty ? ScriptGuess.language(of: units) : language
    let proposals: [Int32]
    do {
      proposals = try ICU.boundaries(of: units, kind: .sentence, locale: code.isEmpty ? locale : code).offsets
    } catch {
      throw PipelineError(.stageFailed, "\(error)")
    }
    return SentenceBoundaries(units: units, rules: .forLanguage(code)).sentenceRanges(proposals: proposals)
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
