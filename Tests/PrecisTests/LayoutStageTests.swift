import Foundation
import Testing
@testable import Precis

/// The layout stage: dateline, headline, trailer and the body between them.
@Suite struct LayoutStageTests {
  let stage = try! LayoutStage(options: StageOptions(["max-headline-words": .integer(30)]))

  @Test func seedArticle() throws {
    let bytes = try Data(contentsOf: TestSupport.repository.appendingPathComponent("Corpus/000_05597add93c0269f.txt"))
    let text = try NormalizeStage(options: StageOptions()).normalize(try TextDecoder.decode([UInt8](bytes)).text).text
    let layout = stage.analyze(text)
    #expect(layout.dateline == "Oct 27, 2023 10:56 Europe/Berlin")
    #expect(layout.date == "2023-10-27T10:56:00+02:00")
    #expect(layout.title == "Russland will „in allen Bereichen“ enge Beziehungen zu Nordkorea aufbauen")
    #expect(layout.trailer == ["Tags"])
    let scalars = Array(text.unicodeScalars)
    let body = String(String.UnicodeScalarView(scalars[layout.bodyStart..<layout.bodyEnd]))
    #expect(body.hasPrefix("Moskau - Russland sagt,"))
    #expect(body.hasSuffix("aufgestellt würden."))
  }

  @Test func seedArticleHasEighteenBodySentences() throws {
    let (output, _) = try TestSupport.run(
      "stages:\n  - kind: normalize\n  - kind: layout\n  - kind: sentences\n    options: {language: de}\n",
      input: TestSupport.repository.appendingPathComponent("Corpus/000_05597add93c0269f.txt"))
    let record = try #require(try TestSupport.records(output).first)
    let sentences = try #require(record["sentences"] as? [[String: Any]]).compactMap { $0["text"] as? String }
    let layout = try #require(record["layout"] as? [String: Any])
    let body = try #require(layout["body"] as? [String: Int])
    let bodySentences = try #require(record["sentences"] as? [[String: Any]]).filter {
      ($0["start"] as? Int ?? -1) >= body["start"]! && ($0["end"] as? Int ?? .max) <= body["end"]!
    }
    #expect(sentences.count == 21)
    #expect(bodySentences.count == 18)
    #expect(sentences[3].hasSuffix("weiterhin enge Beziehungen in allen Bereichen aufbauen. “"))
    #expect(sentences.contains { $0.hasPrefix("Im Juli besuchte") && $0.contains("zum 70. Jahrestag des Waffenstillstands") })
    #expect(sentences[7] == "Sie alle sind in der Regel unbegründet.")
  }

  @Test(arguments: [
    ("Oct 27, 2023 10:56 Europe/Berlin", "2023-10-27T10:56:00+02:00"),
    ("Jan 5, 2024 09:00 America/New_York", "2024-01-05T09:00:00-05:00"),
    ("Montag, 27. Oktober 2023", "2023-10-27"),
    // A time without a zone is no instant: the day alone (one shape for readers such as pandas).
    ("27 octobre 2023 14:05", "2023-10-27"),
    ("27.10.2023 10:56", "2023-10-27"),
    ("2023-10-27", "2023-10-27"),
  ])
  func datelines(text: String, iso: String) {
    #expect(ICU.parseDate(text) == iso)
  }

  @Test func plainTextHasNoLayout() {
    let text = "A report without a headline. It has two sentences in one paragraph\nthat is wrapped."
    let layout = stage.analyze(text)
    #expect(layout.title == nil && layout.date == nil && layout.trailer.isEmpty)
    #expect(layout.bodyStart == 0 && layout.bodyEnd == text.unicodeScalars.count)
  }

  @Test func trailerLinesAreRecognized() {
    let layout = stage.analyze("Title line\n\nBody sentence here.\n\nShare this article\n#news #city\n© 2024 Daily Example")
    #expect(layout.title == "Title line")
    #expect(layout.trailer == ["Share this article", "#news #city", "© 2024 Daily Example"])
  }
}
