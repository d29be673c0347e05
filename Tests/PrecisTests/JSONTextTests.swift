import Foundation
import Testing
@testable import Precis

/// Outputs that write their own JSON write exactly what Foundation's encoder would.
@Suite struct JSONTextTests {
  /// Foundation's bytes for `value`, with the settings `JSONText` promises.
  static func foundation(_ value: some Encodable) throws -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return [UInt8](try encoder.encode(value))
  }

  /// Every control character, the characters JSON escapes, and some that it does not.
  static let awkward: String = {
    var text = "Er sagte: \"Ja\" \\ nein / vielleicht – ü 😀 \u{7F}\u{2028}"
    for value in 0..<0x20 { text.unicodeScalars.append(Unicode.Scalar(UInt8(value))) }
    return text
  }()

  @Test func sentencesAndNormalizedTextWriteFoundationsBytes() throws {
    let seed = try String(
      contentsOf: TestSupport.repository.appendingPathComponent("Corpus/000_05597add93c0269f.txt"), encoding: .utf8)
    let sentences = SentenceList(
      sentences: [
        Sentence(index: 0, start: 0, end: 12, text: Self.awkward), Sentence(index: 1, start: 13, end: 9_999, text: seed),
        Sentence(index: 2, start: 10_000, end: 10_000, text: ""),
      ], locale: "de")
    #expect(try JSONText.encode(sentences) == Self.foundation(sentences))
    #expect(try JSONText.encode(SentenceList(sentences: [], locale: "root")) == Array("[]".utf8))
    var changes = NormalizedText.Changes()
    changes.form = true
    changes.controls = 3
    changes.unwrappedLines = 12
    let normalized = NormalizedText(text: seed + Self.awkward, form: "nfc", changes: changes)
    #expect(try JSONText.encode(normalized) == Self.foundation(normalized))
    #expect(JSONText.string(Self.awkward) == (try Self.foundation(Self.awkward)))
  }

  /// Numbers whose text Foundation shortens (`1`, not `1.0`) or writes with an exponent.
  static let numbers: [Double] = [0, 1, -1, 0.1, 0.5, 1e-7, 0.3333333333333333, 1e21, 1e16, 123456.789, 100, 5e-324]

  @Test func languageLayoutKeywordsAndSummaryWriteFoundationsBytes() throws {
    let hypotheses = Self.numbers.map { LanguageDetector.Hypothesis(code: "de", confidence: $0) }
    let language = DetectedLanguage(
      code: "und", confidence: 0.25, candidates: hypotheses,
      shares: Self.numbers.map { DetectedLanguage.Share(code: "pt", share: $0) })
    #expect(try JSONText.encode(language) == Self.foundation(language))
    var layout = DocumentLayout(bodyStart: 3, bodyEnd: 1_234)
    #expect(try JSONText.encode(layout) == Self.foundation(layout))
    layout.title = Self.awkward
    layout.date = "2023-10-27T10:56:00+02:00"
    layout.dateline = "Oct 27, 2023 10:56 Europe/Berlin"
    layout.trailer = ["Tags: a/b", Self.awkward]
    #expect(try JSONText.encode(layout) == Self.foundation(layout))
    let keywords = KeywordList(keywords: Self.numbers.map { Keyword(text: "Nordkorea \($0)", score: $0) })
    #expect(try JSONText.encode(keywords) == Self.foundation(keywords))
    #expect(try JSONText.encode(KeywordList(keywords: [])) == Self.foundation(KeywordList(keywords: [])))
    let summary = DocumentSummary(text: Self.awkward, sentences: [2, 5, 40], scores: Self.numbers)
    #expect(try JSONText.encode(summary) == Self.foundation(summary))
    // A number JSON cannot hold fails as Foundation's encoder fails.
    let broken = DocumentSummary(text: "", sentences: [1], scores: [.nan])
    #expect(throws: (any Error).self) { try JSONText.encode(broken) }
  }
}
