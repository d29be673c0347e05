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
}
