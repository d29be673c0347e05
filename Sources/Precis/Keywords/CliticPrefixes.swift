/// Strips a one-letter clitic written onto the front of a word, where that is what a reader would
/// do: Arabic's conjunctions و and ف and prepositions ب, ل and ك ("وأمسيات" is "و" + "أمسيات").
///
/// A letter is stripped only when what is left has at least three letters and is a more frequent
/// word of the language than the whole form (wordfreq's frequencies, from the language profiles),
/// so a word that starts with the letter ("وزير", "minister") keeps it, or when the letter is
/// doubled ("وورشا": "و" + "ورشا"), which starts no word.
struct CliticPrefixes {
  let prefixes: Set<Unicode.Scalar>
  let frequencies: WordFrequencies

  /// The prefixes of `language`, or `nil` when it has none (or no frequencies to check them with).
  init?(language: String, frequencies: WordFrequencies?) {
    guard let letters = Self.byLanguage[language], let frequencies else { return nil }
    prefixes = letters
    self.frequencies = frequencies
  }

  /// `lower` without its clitic, or `nil` when it has none to strip.
  func stripped(_ lower: String) -> String? {
    let scalars = lower.unicodeScalars
    guard let first = scalars.first, prefixes.contains(first), scalars.count >= 4 else { return nil }
    let rest = String(scalars.dropFirst())
    // A doubled letter ("وو") starts no word of its own: the first is the clitic.
    if scalars.dropFirst().first == first { return rest }
    guard frequencies.isListed(rest, moreFrequentThan: lower) else { return nil }
    return rest
  }

  static let byLanguage: [String: Set<Unicode.Scalar>] = [
    "ar": ["\u{0648}", "\u{0641}", "\u{0628}", "\u{0644}", "\u{0643}"]
  ]
}
