/// What Precis does for each language: identify it, drop its stopwords, stem it, tag its parts of
/// speech and lemmas. `precis languages` prints it.
public struct LanguageSupport: Sendable, Equatable {
  public var code: String
  /// The language stage can answer this code.
  public var isIdentified: Bool
  /// A bundled stopword list exists (keywords and summary drop its words).
  public var hasStopwords: Bool
  /// Terms are Snowball stems (else the first six letters for an inflected language, else words).
  public var hasStemmer: Bool
  /// The tokens stage tags parts of speech (UPOS): a bundled model with a tagger exists. Tokens
  /// of any other language get no tag, never a guess.
  public var hasPartsOfSpeech: Bool
  /// The tokens stage gives lemmas (a bundled model exists, with a tagger or for lemmas only).
  public var hasLemmas: Bool

  /// Every language any of the four covers, sorted by code.
  /// - Throws: `PipelineError` when the language profiles cannot be loaded.
  public static func all() throws(PipelineError) -> [LanguageSupport] {
    let identified = Set(try LanguageDetector().supportedLanguages)
    let stopwords = Set(Stopwords.languages)
    let lemmatized = Set(MorphologyModel.bundledLanguages.filter { MorphologyModel.bundled($0) != nil })
    let tagged = Set(lemmatized.filter { MorphologyModel.bundled($0)?.isLemmaOnly == false })
    return identified.union(stopwords).union(lemmatized).sorted().map { code in
      LanguageSupport(
        code: code, isIdentified: identified.contains(code), hasStopwords: stopwords.contains(code),
        hasStemmer: SnowballStemmer(language: code) != nil, hasPartsOfSpeech: tagged.contains(code),
        hasLemmas: lemmatized.contains(code))
    }
  }
}
