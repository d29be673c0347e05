internal import Foundation

/// The `keywords` stage: the top keywords and keyphrases (1–3 words) of each document, scored
/// with TF-IDF from corpus statistics plus single-document features, shown in their most frequent
/// surface form.
///
/// Scoring: `tf^tf-power × idf × (1 + position-weight × (1 − first/sentences)) ×
/// (1 + capital-weight × capitalised share) × (1 + spread-weight × spread) ×
/// (1 + maximal-weight × share of occurrences that fill a whole run between stopwords) ×
/// phrase-weight^(words − 1)`, the last factor only for phrases seen `phrase-min-count` times
/// (in a text of some length, a phrase that recurs is a term and one seen once is usually just
/// words side by side; in a tagged text, whose candidates are noun phrases, of fewer than
/// `short-text` words, an abstract or a paragraph, terms are rarely repeated, and one occurrence is
/// enough). The idf comes from the corpus statistics of the document's language
/// when that language has at least `min-documents` documents, else from wordfreq's word
/// frequencies (a large background corpus), so single documents still get sensible keywords.
public struct KeywordStage: CorpusStage {
  public static let kind = "keywords"
  public static let summary = "Keywords and keyphrases: TF-IDF from corpus statistics plus position, capitalisation and spread"
  public static let options: [OptionSpec] = [
    OptionSpec("top", .integer(range: 1...1000), default: .integer(10), help: "how many keywords per document"),
    OptionSpec("max-words", .integer(range: 1...5), default: .integer(3), help: "longest keyphrase, in words"),
    OptionSpec(
      "method", .string(choices: ["tfidf", "background", "tf"]), default: .string("tfidf"),
      help: "idf from the corpus (falling back to word frequencies), from word frequencies only, or none"),
    .minimumDocuments,
    OptionSpec("tf-power", .number(range: 0...2), default: .number(1), help: "exponent of the term frequency"),
    OptionSpec("position-weight", .number(range: 0...100), default: .number(1), help: "boost for early first occurrence"),
    OptionSpec("capital-weight", .number(range: 0...100), default: .number(0.5), help: "boost for capitalisation away from sentence starts"),
    OptionSpec("spread-weight", .number(range: 0...100), default: .number(1), help: "boost for occurring in many sentences"),
    OptionSpec("maximal-weight", .number(range: 0...100), default: .number(12), help: "boost for filling a whole run between stopwords"),
    OptionSpec("phrase-weight", .number(range: 0...10), default: .number(1.5), help: "factor per extra word of a repeated phrase"),
    OptionSpec("phrase-min-count", .integer(range: 1...100), default: .integer(2), help: "occurrences a phrase needs for `phrase-weight`"),
    OptionSpec(
      "short-text", .integer(range: 0...100_000), default: .integer(150),
      help: "in a tagged text of fewer words, a noun phrase seen once gets `phrase-weight` (0: never)"),
    OptionSpec("dedupe", .bool, default: .bool(true), help: "drop a keyword contained in, or overlapping most of, a better one"),
    OptionSpec("stopwords", .stringList, help: "extra stopwords for every language"),
    OptionSpec("replace-stopwords", .bool, default: .bool(false), help: "use only `stopwords`, not the bundled lists"),
    OptionSpec("language", .string(), help: "ISO 639-1 code to use for every document; default: the language stage's answer"),
    OptionSpec(
      "parts-of-speech", .bool, default: .bool(true),
      help: "where the tokens are tagged, keep only noun phrases and names (no verbs, numbers, dates) and group them by lemma"),
  ]

  let top: Int
  let maxWords: Int
  let method: String
  let minimumDocuments: Int
  let tfPower: Double
  let positionWeight: Double
  let capitalWeight: Double
  let spreadWeight: Double
  let phraseWeight: Double
  let maximalWeight: Double
  let phraseMinimumCount: Int
  let shortText: Int
  let dedupe: Bool
  /// The pipeline's own stopwords: they always stop, even capitalised.
  let extraStopwords: WordSet
  let replaceStopwords: Bool
  let language: String?
  let profiles: LanguageProfiles?
  let partsOfSpeech: Bool

  public var requires: Set<OutputKey> { [.sentences, .tokens] }
  public var uses: Set<OutputKey> { [.language, .layout] }
  public var provides: Set<OutputKey> { [.keywords] }
  public var csvColumns: [CSVColumn] { [.stage()] }
  public var tidyColumns: [String] { ["rank", "keyword", "score"] }

  /// Creates the stage from checked options.
  public init(options: StageOptions) throws {
    top = options.integer("top", defaultFrom: Self.options)
    maxWords = options.integer("max-words", defaultFrom: Self.options)
    method = options.string("method", defaultFrom: Self.options)
    minimumDocuments = options.integer("min-documents", defaultFrom: Self.options)
    tfPower = options.number("tf-power", defaultFrom: Self.options)
    positionWeight = options.number("position-weight", defaultFrom: Self.options)
    capitalWeight = options.number("capital-weight", defaultFrom: Self.options)
    spreadWeight = options.number("spread-weight", defaultFrom: Self.options)
    phraseWeight = options.number("phrase-weight", defaultFrom: Self.options)
    phraseMinimumCount = options.integer("phrase-min-count", defaultFrom: Self.options)
    shortText = options.integer("short-text", defaultFrom: Self.options)
    maximalWeight = options.number("maximal-weight", defaultFrom: Self.options)
    dedupe = options.bool("dedupe", defaultFrom: Self.options)
    let extraStopwordList = Set((options.stringList("stopwords") ?? []).map { $0.lowercased() }).sorted()
    extraStopwords = WordSet(extraStopwordList)
    replaceStopwords = options.bool("replace-stopwords", defaultFrom: Self.options)
    language = options.string("language")
    partsOfSpeech = options.bool("parts-of-speech", defaultFrom: Self.options)
    if !replaceStopwords { _ = try Stopwords.loaded.get() }
    profiles = try? LanguageProfiles.bundled.get()
    statisticsSettings = [
      "stage": Self.kind, "max-words": String(maxWords), "tokens": "icu-word", "stemmer": "snowball",
      "stopwords": replaceStopwords ? "replaced" : "bundled", "extra-stopwords": extraStopwordList.joined(separator: ","),
      "candidates": partsOfSpeech ? "noun phrases by upos, lemma stems, where tagged" : "word runs",
    ]
  }

  public let statisticsSettings: [String: String]

  func languageCode(of document: Document) -> String { language ?? document.languageCode ?? "und" }

  func candidates(of document: Document, language: String, keysOnly: Bool = false) -> KeywordCandidates {
    let bundled = replaceStopwords ? [] : Stopwords.words(of: language)
    let layer = document[.tokens] ?? TokenLayer(language: language, tokens: [], words: [], sentenceStarts: [0])
    let frequencies = WordFrequencies(language: language, profiles: profiles)
    return KeywordCandidates(
      layer: layer, units: Self.units(of: document, layer: layer), language: language, stopwords: bundled,
      stopwordsAreTheLayers: !replaceStopwords, alwaysStopwords: extraStopwords, maxWords: maxWords, keysOnly: keysOnly,
      partsOfSpeech: partsOfSpeech, frequencies: frequencies)
  }

  /// The token ranges keywords are read from, each as one sentence: the headline (from the layout
  /// stage; its words name the topic), then the body sentences.
  static func units(of document: Document, layer: TokenLayer) -> [Range<Int>] {
    var units: [Range<Int>] = []
    if let layout = document[.layout], layout.title != nil {
      units.append(layout.titleRange.map { layer.tokenRange(within: $0) } ?? 0..<0)
    }
    for sentence in document.bodySentences { units.append(layer.tokenRange(ofSentence: sentence.index)) }
    return units
  }

  public func observe(_ document: Document, into statistics: inout CorpusStatistics, context: StageContext) throws {
    let language = languageCode(of: document)
    statistics.addDocument(language: language, keys: candidates(of: document, language: language, keysOnly: true).keyHashes)
  }

  public func process(_ document: Document, context: StageContext) throws -> any StageOutput {
    let language = languageCode(of: document)
    let found = candidates(of: document, language: language)
    let idf = inverseDocumentFrequencies(statistics: context.statistics, language: language, candidates: found)
    let sentences = Double(max(1, found.sentenceCount))
    let phraseCount = found.isTagged && found.wordCount < shortText ? 1 : phraseMinimumCount
    var scored: [(candidate: KeywordCandidates.Candidate, score: Double, order: Int)] = []
    scored.reserveCapacity(found.orderHashes.count)
    for (order, hash) in found.orderHashes.enumerated() {
      guard let candidate = found.candidates[hash] else { continue }
      let count = Double(candidate.count)
      var score = pow(count, tfPower) * idf[order]
      score *= 1 + positionWeight * (1 - Double(candidate.firstSentence) / sentences)
      score *= 1 + capitalWeight * Double(candidate.capitalized) / count
      score *= 1 + spreadWeight * Double(candidate.sentenceCount) / sentences
      score *= 1 + maximalWeight * Double(candidate.maximal) / count
      if candidate.count >= phraseCount { score *= pow(phraseWeight, Double(candidate.words - 1)) }
      scored.append((candidate, score, order))
    }
    // Best first (ties: first seen), taken only as far as needed: usually a few dozen of thousands.
    var ranked = SortedDrain(scored) { $0.score > $1.score || ($0.score == $1.score && $0.order < $1.order) }
    var chosen: [(candidate: KeywordCandidates.Candidate, score: Double, stems: [String])] = []
    while chosen.count < top, var entry = ranked.next() {
      // A name is kept whole: "Agencia Catalana" becomes "Agencia Catalana del Agua" when it only
      // ever occurs inside it.
      if found.isTagged, let whole = found.wholeName(containing: entry.candidate) { entry.candidate = whole }
      if chosen.contains(where: { $0.candidate.hash == entry.candidate.hash }) { continue }
      let stems = Array(found.stems(of: entry.candidate))
      if dedupe, chosen.contains(where: {
        Self.isRedundant(
          stems, count: entry.candidate.count, capitalized: entry.candidate.capitalized, given: ($0.stems, $0.candidate.count))
      }) { continue }
      chosen.append((entry.candidate, entry.score, stems))
    }
    let best = chosen.first?.score ?? 1
    return KeywordList(
      keywords: chosen.map {
        let text = found.text(of: $0.candidate)
        return Keyword(
          text: text, score: (10_000 * $0.score / best).rounded() / 10_000,
          words: found.words(of: $0.candidate, writtenAs: text), occurrences: found.spans(of: $0.candidate))
      })
  }

  /// The idf of each candidate, in ``KeywordCandidates/orderHashes`` order: from the corpus
  /// statistics when they hold enough documents of the language, else from wordfreq's
  /// frequencies, else 1.
  func inverseDocumentFrequencies(statistics: CorpusStatistics?, language: String, candidates: KeywordCandidates) -> [Double] {
    let order = candidates.orderHashes
    if method == "tf" { return order.map { _ in 1 } }
    if method == "tfidf",
      let idf = statistics?.inverseDocumentFrequencies(of: order, language: language, minimumDocuments: minimumDocuments)
    {
      return idf
    }
    guard let profiles, let index = profiles.index(of: language) else { return order.map { _ in 1 } }
    // -ln p(word), with p from the word list (unknown words count as seen once in 10⁸).
    let ceiling = Double(-log(1e-8))
    return order.map { hash in
      guard let candidate = candidates.candidates[hash] else { return 1 }
      let words = candidates.mostFrequentText(of: candidate).lowercased().split(whereSeparator: \.isWhitespace)
      guard !words.isEmpty else { return 1 }
      let total = words.reduce(0.0) { $0 + ceiling - Double(profiles.wordScore(String($1), language: index)) }
      return total / Double(words.count)
    }
  }

  /// Whether a keyword (its stems, occurrences, and capitalised occurrences) adds nothing to a
  /// better one: it is contained in it or they share most of their words. A name contained in a
  /// better phrase is kept when it occurs at least twice as often on its own ("FPGA" beside
  /// "matrycy FPGA"): it is a topic in its own right, not a fragment of the phrase.
  static func isRedundant(_ stems: [String], count: Int, capitalized: Int, given better: (stems: [String], count: Int)) -> Bool {
    guard overlaps(stems, better.stems) else { return false }
    let recurringName = stems.count < better.stems.count && Set(better.stems).isSuperset(of: stems)
      && count >= 2 * better.count && 2 * capitalized >= count
    return !recurringName
  }

  /// Whether one keyphrase is contained in the other or they share most of their words.
  static func overlaps(_ a: [String], _ b: [String]) -> Bool {
    let shared = Set(a).intersection(b).count
    return shared > 0 && Double(shared) / Double(min(a.count, b.count)) >= 0.5
      && (shared == min(a.count, b.count) || Double(shared) / Double(max(a.count, b.count)) >= 0.5)
  }
}

extension KeywordList: JSONWriting {
  package func writeJSON(into bytes: inout [UInt8]) throws {
    try JSONText.appendArray(keywords, to: &bytes) { (keyword, bytes: inout [UInt8]) throws(JSONText.NotFinite) in
      bytes += Array(#"{"occurrences":["#.utf8)
      for (index, span) in keyword.occurrences.enumerated() {
        if index > 0 { bytes.append(UInt8(ascii: ",")) }
        bytes.append(UInt8(ascii: "["))
        JSONText.appendInteger(span.first ?? 0, to: &bytes)
        bytes.append(UInt8(ascii: ","))
        JSONText.appendInteger(span.last ?? 0, to: &bytes)
        bytes.append(UInt8(ascii: "]"))
      }
      bytes.append(UInt8(ascii: "]"))
      try JSONText.appendField("score", keyword.score, to: &bytes)
      JSONText.appendField("text", keyword.text, to: &bytes)
      bytes.append(UInt8(ascii: "}"))
    }
  }
}

/// One keyword: its most frequent surface form and its score (1 for the document's best).
public struct Keyword: Codable, Sendable, Equatable {
  public var text: String
  public var score: Double
  /// The words of ``text`` as the token layer has them (after elision), for stages that compare
  /// keywords with sentences without breaking ``text`` into words again.
  public var words: [String]
  /// Where it occurs (under any of its grouped forms): per occurrence `[start, end]`, code-point
  /// offsets into the normalized text, as sentence offsets are.
  public var occurrences: [[Int]]

  public init(text: String, score: Double, words: [String] = [], occurrences: [[Int]] = []) {
    self.text = text
    self.score = score
    self.words = words
    self.occurrences = occurrences
  }

}

/// The `keywords` stage's output.
public struct KeywordList: StageOutput, Codable, Equatable {
  public var keywords: [Keyword]

  public var csvCells: [String: String] { ["": keywords.map(\.text).joined(separator: "; ")] }
  public var tidyRows: [[String]] {
    keywords.enumerated().map { [String($0.offset + 1), $0.element.text, String($0.element.score)] }
  }
  public var rankedTerms: [String] { keywords.map(\.text) }
}
