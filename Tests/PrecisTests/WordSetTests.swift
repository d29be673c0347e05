import Foundation
import Testing
@testable import Precis

/// Stopword sets looked up by hash match a word however its accents are encoded.
@Suite struct WordSetTests {
  @Test func matchesComposedAndDecomposedSpellings() throws {
    let german = Stopwords.words(of: "de")
    #expect(german.contains("über") && german.contains("und"))
    #expect(german.contains("u\u{308}ber"))  // "über" decomposed
    #expect(!german.contains("nordkorea") && !german.contains("Und"))
    let own: WordSet = ["e\u{301}te\u{301}", "naïve"]  // "été" given decomposed, "naïve" composed
    #expect(own.contains("été") && own.contains("e\u{301}te\u{301}"))
    #expect(own.contains("naïve") && own.contains("nai\u{308}ve"))
    #expect(own.count == 2 && !own.isEmpty && WordSet([]).isEmpty)
  }
}

/// The stopword file's reader gives what Foundation's decoder gives (the oracle), and refuses what
/// is not an object of string arrays.
@Suite struct StringListsJSONTests {
  @Test func readsTheStopwordFileAsJSONDecoderDoes() throws {
    let url = try #require(Bundle.module.url(forResource: "stopwords", withExtension: "json", subdirectory: "Resources"))
    let bytes = try [UInt8](Data(contentsOf: url))
    let expected = try JSONDecoder().decode([String: [String]].self, from: Data(bytes))
    #expect(StringListsJSON.parse(bytes) == expected)
    #expect(Stopwords.languages == expected.keys.sorted() && Stopwords.words(of: "de").count == expected["de"]?.count)
  }

  @Test func escapesAndDamage() throws {
    let text = #"{ "a" : ["x\"y", "\\", "\u00e9", "\ud83d\ude00", "tab\tnew\nline"], "b": [] }"#
    let expected = try JSONDecoder().decode([String: [String]].self, from: Data(text.utf8))
    #expect(StringListsJSON.parse(Array(text.utf8)) == expected)
    for damaged in [#"{"a": ["x"]"#, #"{"a": "x"}"#, #"["a"]"#, #"{"a": ["x"]} extra"#, #"{"a": ["\ud83d"]}"#, "{\"a\": [\"\u{1}\"]}"] {
      #expect(StringListsJSON.parse(Array(damaged.utf8)) == nil, "\(damaged)")
    }
  }
}
