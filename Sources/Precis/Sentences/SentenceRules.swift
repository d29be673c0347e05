internal import Synchronization

/// A language's sentence rules, compiled into sets once per process and shared read-only.
final class SentenceRules: Sendable {
  let language: String
  let abbreviationsFolded: Set<String>
  let abbreviationsExact: Set<String>
  let titles: Set<String>
  let numberAbbreviations: Set<String>
  let starters: Set<String>
  /// Month names from ICU's date symbols, lowercased, without a final period.
  let months: Set<String>
  let ordinalPeriod: Bool
  /// Characters that end a sentence in this language besides the Unicode sentence terminators.
  let extraTerminators: [UInt16]
  let periodBeforeLowercaseBreaks: Bool
  let exclamationNames: Set<String>

  private init(language: String) {
    self.language = language
    let data = SentenceLanguageData.forLanguage(language)
    let hasUppercase = { (entry: String) in entry.contains { $0.isUppercase } }
    abbreviationsFolded = Set(data.abbreviations.filter { !hasUppercase($0) })
    abbreviationsExact = Set(data.abbreviations.filter(hasUppercase))
    titles = Set(data.titles)
    numberAbbreviations = Set(data.numberAbbreviations)
    starters = Set(data.starters)
    let monthNames = language.isEmpty ? [] : ICU.monthNames(locale: language)
    months = Set(monthNames.map { $0.lowercased().filter { $0 != "." } })
    ordinalPeriod = data.ordinalPeriod
    extraTerminators = data.extraTerminators.flatMap { $0.utf16 }
    periodBeforeLowercaseBreaks = data.periodBeforeLowercaseBreaks
    exclamationNames = Set(data.exclamationNames)
  }

  private static let cache = Mutex<[String: SentenceRules]>([:])

  /// The rules for `language` (ISO 639-1, or `""` for language-neutral rules), built on first use.
  static func forLanguage(_ language: String) -> SentenceRules {
    if let rules = cache.withLock({ $0[language] }) { return rules }
    let rules = SentenceRules(language: language)
    return cache.withLock { cache in
      if let existing = cache[language] { return existing }
      cache[language] = rules
      return rules
    }
  }

  /// Whether `token` (without its final period) is a known abbreviation.
  func isKnownAbbreviation(_ token: String, folded: String) -> Bool {
    abbreviationsFolded.contains(folded) || abbreviationsExact.contains(token)
  }
}
