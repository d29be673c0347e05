import Testing
@testable import Precis

/// The hash table behind term counts and per-document word tables.
@Suite struct UInt64MapTests {
  /// Term keys of the kind the stages make, for the words of a real sentence.
  static let keys = "Russland will in allen Bereichen enge Beziehungen zu Nordkorea aufbauen"
    .split(separator: " ").map { CorpusStatistics.key(language: "de", term: String($0)) }

  @Test func keepsWhatWasPutAndGrows() {
    var map = UInt64Map<Int>(empty: -1)
    // Enough keys to grow the table several times, the real ones among them, and key 0.
    let many = Self.keys + (1...5_000).map { CorpusStatistics.key(language: "en", term: "term \($0)") } + [0]
    let inserted = many.enumerated().map { index, key in map.update(key, orInsert: index) }
    #expect(inserted.allSatisfy { $0 })
    #expect(map.count == many.count)
    for (index, key) in many.enumerated() { #expect(map[key] == index) }
    #expect(map[CorpusStatistics.key(language: "de", term: "Moskau")] == nil)
    // Updating an existing key changes it in place and inserts nothing.
    let insertedAgain = map.update(Self.keys[0], orInsert: 99) { value in value += 1000 }
    #expect(!insertedAgain)
    #expect(map[Self.keys[0]] == 1000)
    #expect(map[0] == many.count - 1)
    var seen = 0
    map.forEach { key, value in
      seen += 1
      #expect(map[key] == value)
    }
    #expect(seen == many.count)
  }

  @Test func equalityIgnoresInsertionOrder() {
    var forward = UInt64Map<UInt32>(empty: 0)
    var backward = UInt64Map<UInt32>(empty: 0, capacity: 1_000)
    for key in Self.keys { forward.set(key, 1) }
    for key in Self.keys.reversed() { backward.set(key, 1) }
    #expect(forward == backward)
    backward.set(Self.keys[3], 2)
    #expect(forward != backward)
  }

  @Test func distinctKeepsFirstOccurrences() {
    let repeated = Self.keys + Self.keys.reversed() + [0, 0]
    #expect(UInt64Map<Void>.distinct(repeated) == Self.keys + [0])
  }
}
