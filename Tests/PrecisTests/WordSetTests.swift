import Testing
@testable import Precis

/// Stopword sets looked up by hash match a word however its accents are encoded.
@Suite struct WordSetTests {
  @Test func matchesComposedAndDecomposedSpellings() throws {
    let german = try #require(Stopwords.bundled["de"])
    #expect(german.contains("über") && german.contains("und"))
    #expect(german.contains("u\u{308}ber"))  // "über" decomposed
    #expect(!german.contains("nordkorea") && !german.contains("Und"))
    let own: WordSet = ["e\u{301}te\u{301}", "naïve"]  // "été" given decomposed, "naïve" composed
    #expect(own.contains("été") && own.contains("e\u{301}te\u{301}"))
    #expect(own.contains("naïve") && own.contains("nai\u{308}ve"))
    #expect(own.count == 2 && !own.isEmpty && WordSet([]).isEmpty)
  }
}
