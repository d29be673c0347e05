/// A set of lower-cased words (stopwords) looked up by a 64-bit hash of their UTF-8 bytes: no
/// string hashing per lookup, which in Swift normalizes every non-ASCII word first.
///
/// Swift's `Set<String>` matches canonically equivalent spellings; this set matches a word written
/// as given, composed (NFC) or decomposed (NFD), since all three are put in: the same answers for
/// any text a `normalize` stage made NFC or NFD, and for text that is either. The odds that another
/// word shares a hash with one of the set's are about 10⁻¹⁶.
struct WordSet: Sendable, ExpressibleByArrayLiteral {
  private var hashes = UInt64Map(empty: ())
  /// The number of words (not spellings) put in.
  private(set) var count = 0

  init(_ words: some Sequence<String>) {
    for word in words {
      count += 1
      hashes.update(Self.hash(word), orInsert: ())
      let units = ICU.utf16(word)
      for form in [ICU.NormalizationForm.nfc, .nfd] {
        guard let normalized = try? ICU.normalize(units, form: form), normalized != units else { continue }
        hashes.update(Self.hash(normalized.withUnsafeBufferPointer(TextUnits.string)), orInsert: ())
      }
    }
  }

  init(arrayLiteral words: String...) { self.init(words) }

  var isEmpty: Bool { count == 0 }

  /// Whether `word` (lower-cased) is in the set.
  func contains(_ word: String) -> Bool { hashes[Self.hash(word)] != nil }

  static func hash(_ word: String) -> UInt64 { FNV1a.hash64(word.utf8) }
}
