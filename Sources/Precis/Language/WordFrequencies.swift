/// How frequent the words of one language are: wordfreq's frequencies as the language profiles
/// hold them (a log-scaled score, 0 for a word the profile's list does not have).
struct WordFrequencies: Sendable {
  let profiles: LanguageProfiles
  let languageIndex: Int

  /// The frequencies of `language`, or `nil` when the profiles have no list for it.
  init?(language: String, profiles: LanguageProfiles?) {
    guard let profiles, let index = profiles.index(of: language) else { return nil }
    self.profiles = profiles
    languageIndex = index
  }

  /// The score of `lower` (a lower-cased word): higher is more frequent, 0 when not listed.
  func score(_ lower: String) -> Float { profiles.wordScore(lower, language: languageIndex) }

  /// Whether `lower` is a listed word more frequent than `other`.
  func isListed(_ lower: String, moreFrequentThan other: String) -> Bool {
    let found = score(lower)
    return found > 0 && found > score(other)
  }
}
