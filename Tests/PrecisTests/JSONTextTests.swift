import Foundation
import Testing
@testable import Precis

/// The built-in outputs' JSON writers: the shape `documents.jsonl` promises, strings escaped as
/// Foundation's encoder escapes them (the oracle, through mirrors of that shape), doubles as doubles.
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

  @Test func sentencesAndNormalizedTextWriteTheirShape() throws {
    let seed = try String(
      contentsOf: TestSupport.repository.appendingPathComponent("Corpus/000_05597add93c0269f.txt"), encoding: .utf8)
    let sentences = SentenceList(
      sentences: [
        Sentence(index: 0, start: 0, end: 12, text: Self.awkward), Sentence(index: 1, start: 13, end: 9_999, text: seed),
        Sentence(index: 2, start: 10_000, end: 10_000, text: ""),
      ], locale: "de")
    // The bare array of sentences: the locale is the carry's, not the output's.
    #expect(try JSONText.encode(sentences) == Self.foundation(sentences.sentences))
    #expect(try JSONText.encode(SentenceList(sentences: [], locale: "root")) == Array("[]".utf8))
    var changes = NormalizedText.Changes()
    changes.form = true
    changes.controls = 3
    changes.unwrappedLines = 12
    let normalized = NormalizedText(text: seed + Self.awkward, form: "nfc", changes: changes)
    #expect(try JSONText.encode(normalized) == Self.foundation(normalized))
    #expect(JSONText.string(Self.awkward) == (try Self.foundation(Self.awkward)))
  }

  /// Numbers, whole and not, tiny and huge, as written and as read back.
  static let numbers: [(value: Double, text: String)] = [
    (0, "0.0"), (1, "1.0"), (-1, "-1.0"), (0.1, "0.1"), (0.5, "0.5"), (1e-7, "1e-07"), (0.3333333333333333, "0.3333333333333333"),
    (1e21, "1e+21"), (1e16, "1e+16"), (123456.789, "123456.789"), (100, "100.0"), (5e-324, "5e-324"),
  ]

  @Test func doublesStayDoublesAndReadBackExactly() throws {
    for (value, text) in Self.numbers {
      var bytes: [UInt8] = []
      try JSONText.appendDouble(value, to: &bytes)
      #expect(String(decoding: bytes, as: UTF8.self) == text)
      let parsed = try JSONSerialization.jsonObject(with: Data("[\(text)]".utf8)) as? [NSNumber]
      #expect(parsed?.first?.doubleValue == value, "\(text)")
    }
    var bytes: [UInt8] = []
    #expect(throws: JSONText.NotFinite.self) { try JSONText.appendDouble(.nan, to: &bytes) }
  }

  /// Numbers Foundation writes as we do (none whole), for the oracle comparisons below.
  static let fractions: [Double] = [0.1, 0.5, 1e-7, 0.3333333333333333, 123456.789, 5e-324]

  struct LayoutShape: Encodable {
    struct Body: Encodable {
      var start: Int
      var end: Int
    }
    var body: Body
    var date: String?
    var dateline: String?
    var title: String?
    var trailer: [String]

    func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(body, forKey: .body)
      try container.encode(date, forKey: .date)  // null, not left out
      try container.encode(dateline, forKey: .dateline)
      try container.encode(title, forKey: .title)
      try container.encode(trailer, forKey: .trailer)
    }

    enum CodingKeys: String, CodingKey { case body, date, dateline, title, trailer }
  }

  struct KeywordShape: Encodable {
    var occurrences: [[Int]]
    var score: Double
    var text: String
  }

  struct SummaryShape: Encodable {
    var scores: [Double]
    var sentences: [Int]
    var text: String
  }

  @Test func languageLayoutKeywordsAndSummaryWriteTheirShape() throws {
    let hypotheses = Self.fractions.map { LanguageDetector.Hypothesis(code: "de", confidence: $0) }
    let language = DetectedLanguage(
      code: "und", confidence: 0.25, candidates: hypotheses,
      shares: Self.fractions.map { DetectedLanguage.Share(code: "pt", share: $0) })
    #expect(try JSONText.encode(language) == Self.foundation(language))
    var layout = DocumentLayout(bodyStart: 3, bodyEnd: 1_234)
    let shape = { (layout: DocumentLayout) in
      LayoutShape(
        body: .init(start: layout.bodyStart, end: layout.bodyEnd), date: layout.date, dateline: layout.dateline,
        title: layout.title, trailer: layout.trailer)
    }
    #expect(try JSONText.encode(layout) == Self.foundation(shape(layout)))
    layout.title = Self.awkward
    layout.titleRange = 0..<5
    layout.date = "2023-10-27T10:56:00+02:00"
    layout.dateline = "Oct 27, 2023 10:56 Europe/Berlin"
    layout.trailer = ["Tags: a/b", Self.awkward]
    #expect(try JSONText.encode(layout) == Self.foundation(shape(layout)))
    let keywords = KeywordList(keywords: Self.fractions.map {
      Keyword(text: "Nordkorea \($0)", score: $0, words: ["Nordkorea"], occurrences: [[0, 9], [120, 131]])
    })
    #expect(
      try JSONText.encode(keywords)
        == Self.foundation(keywords.keywords.map { KeywordShape(occurrences: $0.occurrences, score: $0.score, text: $0.text) }))
    #expect(try JSONText.encode(KeywordList(keywords: [])) == Array("[]".utf8))
    let summary = DocumentSummary(text: Self.awkward, sentences: [2, 5, 40], scores: Self.fractions)
    #expect(try JSONText.encode(summary) == Self.foundation(SummaryShape(scores: summary.scores, sentences: summary.sentences, text: summary.text)))
    #expect(String(decoding: try JSONText.encode(KeywordList(keywords: [Keyword(text: "a", score: 1)])), as: UTF8.self) == #"[{"occurrences":[],"score":1.0,"text":"a"}]"#)
    // A number JSON cannot hold fails.
    let broken = DocumentSummary(text: "", sentences: [1], scores: [.nan])
    #expect(throws: (any Error).self) { try JSONText.encode(broken) }
  }
}
