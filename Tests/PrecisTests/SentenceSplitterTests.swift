import Foundation
import Testing
@testable import Precis

/// The baseline sentence splitter: ICU breaks, trimmed, with code-point offsets.
@Suite struct SentenceSplitterTests {
  /// The scanner's table of quotation marks, made from a few candidate ranges, is the one every
  /// UTF-16 unit's test gives (the oracle).
  @Test func quotationMarkTableMatchesTheTestOfEveryUnit() {
    let marked = (0...0xFFFF).filter { UnitScan.table[$0] & UnitScan.mark != 0 }
    #expect(marked == (0...0xFFFF).filter { EmbeddedQuotations.mayBeQuotationMark(UInt16($0)) })
    #expect(marked.count > 40)
  }

  @Test func offsetsAreCodePointsLikePythonIndexing() throws {
    // "𝔘" is outside the BMP: two UTF-16 units but one code point, as in Python's str.
    let text = "𝔘nicode here. Next one!  Last?"
    let sentences = try SentenceSplitter(language: "en").sentences(in: text)
    #expect(sentences.map(\.text) == ["𝔘nicode here.", "Next one!", "Last?"])
    #expect(sentences.map(\.start) == [0, 14, 25])
    #expect(sentences.map(\.end) == [13, 23, 30])
    let scalars = Array(text.unicodeScalars)
    for sentence in sentences {
      #expect(String(String.UnicodeScalarView(scalars[sentence.start..<sentence.end])) == sentence.text)
    }
  }

  @Test func rangesOfTheString() throws {
    let text = "Ein Satz. Noch einer."
    let ranges = try SentenceSplitter(language: "de").sentenceRanges(in: text)
    #expect(ranges.map { String(text[$0]) } == ["Ein Satz.", "Noch einer."])
  }

  @Test func chineseTerminators() throws {
    let sentences = try SentenceSplitter(language: "zh").sentences(in: "今天下雨。明天晴天！")
    #expect(sentences.map(\.text) == ["今天下雨。", "明天晴天！"])
  }

  @Test func emptyAndBlankText() throws {
    #expect(try SentenceSplitter().sentences(in: "").isEmpty)
    #expect(try SentenceSplitter().sentences(in: " \n\n ").isEmpty)
    #expect(SentenceSplitter(language: nil).locale == "root")
  }

  @Test func seedArticleKeepsDatelineAndHeadlineApart() throws {
    let bytes = try Data(contentsOf: TestSupport.repository.appendingPathComponent("Corpus/000_05597add93c0269f.txt"))
    let text = try NormalizeStage(options: StageOptions()).normalize(try TextDecoder.decode([UInt8](bytes)).text).text
    let sentences = try SentenceSplitter(language: "de").sentences(in: text)
    #expect(sentences[0].text == "Oct 27, 2023 10:56 Europe/Berlin")
    #expect(sentences[1].text == "• Russland will „in allen Bereichen“ enge Beziehungen zu Nordkorea aufbauen")
    #expect(sentences[2].text.hasPrefix("Moskau - Russland sagt,"))
    #expect(sentences[2].text.hasSuffix("Waffen aus Pjöngjang erhalten zu haben."))
  }
}
