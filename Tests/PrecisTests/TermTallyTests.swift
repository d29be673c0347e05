import Testing
@testable import Precis

/// The corpus-terms table: exact while small, bounded past its limit, keeping the frequent terms.
@Suite struct TermTallyTests {
  @Test func smallTalliesAreExactAndRankedByDocumentsThenTerm() {
    var tally = TermTally(limit: 10, kept: 4)
    for term in ["Berlin", "Hafen", "Berlin", "Brücke", "Hafen", "Berlin", "Alster"] { tally.add(term) }
    #expect(tally.counts == ["Berlin": 3, "Hafen": 2, "Brücke": 1, "Alster": 1])  // nothing dropped
    #expect(tally.ranked(3).map(\.term) == ["Berlin", "Hafen", "Alster"])
    #expect(tally.ranked(3).map(\.documents) == [3, 2, 1])
  }

  @Test func pastTheLimitOnlyTheFrequentTermsAreKept() {
    var tally = TermTally(limit: 10, kept: 4)
    // Two terms in every document, and a new rare term in each.
    for index in 0..<50 {
      tally.add("Hafen")
      tally.add("Senat")
      tally.add("rare \(index)")
    }
    #expect(tally.counts.count <= 10)  // 52 distinct terms were seen
    #expect(tally.counts["rare 5"] == nil)  // an early rare term was dropped (ties keep the smaller terms)
    #expect(tally.ranked(2).map(\.term) == ["Hafen", "Senat"])
    #expect(tally.ranked(2).map(\.documents) == [50, 50])  // frequent terms are never dropped
  }
}
