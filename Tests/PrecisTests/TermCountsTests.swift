import Foundation
import Testing
@testable import Precis

/// Document-frequency tables: exact while small, a count-min sketch past the limit, and the same
/// result whichever way the counts are split and merged.
@Suite struct TermCountsTests {
  /// A term hash of the kind the stages make.
  static func key(_ index: Int) -> UInt64 { CorpusStatistics.key(language: "en", term: "term \(index)") }

  @Test func smallTablesAreExactAndRoundTrip() throws {
    var counts = TermCounts()
    counts.addDocument(keys: [Self.key(1), Self.key(2)])
    counts.addDocument(keys: [Self.key(2)])
    #expect(counts.isExact)
    #expect(counts.count(of: Self.key(1)) == 1)
    #expect(counts.count(of: Self.key(2)) == 2)
    #expect(counts.count(of: Self.key(3)) == 0)
    let decoded = try JSONDecoder().decode(TermCounts.self, from: try JSONEncoder().encode(counts))
    #expect(decoded == counts)
  }

  @Test func pastTheLimitCountsBecomeASketchThatIsTheSameForAnySplit() throws {
    let total = TermCounts.exactLimit + 1000
    // One worker sees every document: a document per term, and term 0 in every tenth document.
    var whole = TermCounts()
    for index in 0..<total { whole.addDocument(keys: index % 10 == 0 ? [Self.key(index), Self.key(0)] : [Self.key(index)]) }
    // Two workers see alternate documents and merge; each part stays under the limit.
    var even = TermCounts()
    var odd = TermCounts()
    for index in 0..<total {
      let keys = index % 10 == 0 ? [Self.key(index), Self.key(0)] : [Self.key(index)]
      if index % 2 == 0 { even.addDocument(keys: keys) } else { odd.addDocument(keys: keys) }
    }
    #expect(even.isExact && odd.isExact)
    even.merge(odd)
    #expect(!whole.isExact && !even.isExact)
    #expect(even == whole)
    // The sketch never counts below the truth, and a frequent term comes out (nearly) right.
    let zero = whole.count(of: Self.key(0))
    #expect(zero >= UInt32((total + 9) / 10 + 1) && zero <= UInt32((total + 9) / 10 + 3))
    #expect((1..<200).allSatisfy { whole.count(of: Self.key($0)) >= 1 })
    let decoded = try JSONDecoder().decode(TermCounts.self, from: try JSONEncoder().encode(whole))
    #expect(decoded == whole)
    // A sketch and an exact table merge the same way round, and two sketches add up.
    var small = TermCounts()
    small.addDocument(keys: [Self.key(0), Self.key(-1)])
    var sketchFirst = whole
    sketchFirst.merge(small)
    var exactFirst = small
    exactFirst.merge(whole)
    #expect(sketchFirst == exactFirst)
    #expect(sketchFirst.count(of: Self.key(-1)) >= 1 && sketchFirst.count(of: Self.key(0)) == zero + 1)
    var doubled = whole
    doubled.merge(whole)
    #expect(doubled.count(of: Self.key(0)) == 2 * zero)
  }

  @Test func sketchCountersKeepFullCountsPastSixteenBits() {
    var counters = SketchCounters(count: 4)
    for _ in 0..<70_000 { counters.add(1, at: 1) }
    counters.add(65_534, at: 2)
    counters.add(1, at: 2)
    counters.add(100_000, at: 3)
    #expect((0..<4).map(counters.value(at:)) == [0, 70_000, 65_535, 100_000])
    var merged = counters
    merged.add(counters)
    #expect((0..<4).map(merged.value(at:)) == [0, 140_000, 131_070, 200_000])
    var again = SketchCounters(count: 4)
    for index in 0..<4 { again.add(counters.value(at: index), at: index) }
    #expect(again == counters)
  }

  @Test func streamedStatisticsAreTheirSortedKeyJSON() throws {
    var statistics = CorpusStatistics(settings: ["stemmer": "snowball", "path": "a/b"])
    statistics.addDocument(language: "de", terms: ["nordkorea", "russland"])
    statistics.addDocument(language: "en", terms: ["bridg"])
    var streamed = ""
    try statistics.writeJSON { (piece: String) throws(PipelineError) in streamed += piece }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    #expect(streamed == String(decoding: try encoder.encode(statistics), as: UTF8.self))
    #expect(try JSONDecoder().decode(CorpusStatistics.self, from: Data(streamed.utf8)) == statistics)
  }

  @Test func statisticsOfAnotherFormatAreRefusedWithTheFix() throws {
    let file = try TestSupport.temporaryDirectory().appendingPathComponent("keywords.json")
    try Data(#"{"format":1,"settings":{},"languages":{}}"#.utf8).write(to: file)
    #expect {
      _ = try CorpusStatistics.load(path: file.path)
    } throws: { error in
      let message = (error as? PipelineError)?.message ?? ""
      return message.contains("format 1") && message.contains("count them again")
    }
  }
}
