
/// A language's sentence rules, compiled into sets once per process and shared read-only.
final class SentenceRules: Sendable {
  let language: String
  /// Keys (case-folded) of abbreviations written in lowercase; they match in any case.
  let abbreviations: Set<WordKey>
  /// Keys (exact case) of abbreviations written with capitals ("Mo" for Montag, not "mo").
  let abbreviationsExactCase: Set<WordKey>
  let titles: Set<WordKey>
  let numberAbbreviations: Set<WordKey>
  let starters: Set<WordKey>
  /// Month names from ICU's date symbols, without a final period.
  let months: Set<WordKey>
  let ordinalPeriod: Bool
  /// Characters that end a sentence in this language besides the Unicode sentence terminators.
  let extraTerminators: [UInt16]
  let periodBeforeLowercaseBreaks: Bool
  let exclamationNames: Set<WordKey>
  /// Abbreviations that close an enumeration, in any language (see `AbbreviationKind.listEnd`).
  let listEnders: Set<WordKey>
  /// Word endings that end a sentence without punctuation, as UTF-16, longest first.
  let unpunctuatedEndings: [[UInt16]]
  let unpunctuatedEndingExceptions: Set<WordKey>
  let speechVerbs: Set<WordKey>
  let colonIsFullStop: Bool

  private init(language: String) {
    self.language = language
    let data = SentenceLanguageData.forLanguage(language)
    let hasUppercase = { (entry: String) in entry.contains { $0.isUppercase } }
    let keys = { (entries: [String]) in Set(entries.map { WordKey($0) }) }
    abbreviations = keys(data.abbreviations.filter { !hasUppercase($0) })
    abbreviationsExactCase = Set(data.abbreviations.filter(hasUppercase).map { WordKey($0, folding: false) })
    titles = keys(data.titles)
    numberAbbreviations = keys(data.numberAbbreviations)
    // English sentence starters count in every language too: quotations and names in English are
    // common in news of any language, and these words are rarely words of another language.
    starters = keys(data.starters + SentenceLanguageData.english.starters)
    let monthNames = language.isEmpty ? [] : DateAndNumberLists.list(.months, of: language)
    months = keys(monthNames.map { $0.filter { $0 != "." } })
    ordinalPeriod = data.ordinalPeriod
    extraTerminators = data.extraTerminators.flatMap { $0.utf16 }
    periodBeforeLowercaseBreaks = data.periodBeforeLowercaseBreaks
    exclamationNames = keys(data.exclamationNames)
    listEnders = keys(SentenceLanguageData.listEndingAbbreviations)
    unpunctuatedEndings = data.unpunctuatedEndings.map { Array($0.utf16) }.sorted { $0.count > $1.count }
    unpunctuatedEndingExceptions = keys(data.unpunctuatedEndingExceptions)
    speechVerbs = keys(data.speechVerbs)
    colonIsFullStop = data.colonIsFullStop
  }

  private static let cache = LanguageTable<SentenceRules>()

  /// The rules for `language` (ISO 639-1, or `""` for language-neutral rules), built on first use.
  static func forLanguage(_ language: String) -> SentenceRules {
    cache.value(for: language) { SentenceRules(language: language) }
  }
}
