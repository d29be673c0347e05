internal import Foundation

/// The `summary` stage: an extractive summary of each document's body, made of its own sentences
/// in document order, under a length budget.
///
/// Sentences are ranked by PageRank over a cosine-similarity graph of their stemmed, stopword-free
/// term vectors (tf × idf, idf from the corpus when it has enough documents of the language, else
/// from wordfreq's frequencies), personalised by a news position prior and by similarity to the
/// headline and the keywords; they are then chosen by maximal marginal relevance (MMR) while
/// they fit the budget. Dateline, headline and trailer are never chosen, nor fragments with fewer
/// than `min-content-words` content words, nor pieces of a quotation spanning several sentences.
public struct SummaryStage: CorpusStage {
  public static let kind = "summary"
  public static let summary = "Extractive summary: sentence graph ranking with a position prior and MMR, under a word budget"
  public static let options: [OptionSpec] = [
    OptionSpec("words", .integer(range: 1...100_000), help: "budget in words (default 100 unless `sentences` or `ratio` is set)"),
    OptionSpec("sentences", .integer(range: 1...10_000), help: "budget in sentences"),
    OptionSpec("ratio", .number(range: 0.01...1), help: "budget as a share of the body's words"),
    OptionSpec("method", .string(choices: ["graph", "lead"]), default: .string("graph"), help: "graph ranking, or the first sentences (a baseline)"),
    OptionSpec("position-weight", .number(range: 0...100), default: .number(1), help: "strength of the lead-position prior"),
    OptionSpec("title-weight", .number(range: 0...100), default: .number(1), help: "strength of similarity to the headline and keywords"),
    OptionSpec("damping", .number(range: 0...1), default: .number(0.9), help: "PageRank damping factor"),
    OptionSpec("redundancy", .number(range: 0...1), default: .number(0.4), help: "MMR penalty for similarity to sentences already chosen"),
    OptionSpec("min-content-words", .integer(range: 0...100), default: .integer(3), help: "shortest sentence considered, in content words"),
    OptionSpec("max-sentences", .integer(range: 10...100_000), default: .integer(120), help: "sentences ranked at most (the graph is quadratic in them)"),
    .minimumDocuments,
  ]

  enum Budget: Equatable { case words(Int), sentences(Int), ratio(Double) }

  let budget: Budget
  let method: String
  let positionWeight: Double
  let titleWeight: Double
  let damping: Double
  let redundancy: Double
  let minimumContentWords: Int
  let maximumSentences: Int
  let minimumDocuments: Int

  public var requires: Set<OutputKey> { [.sentences, .tokens] }
  public var uses: Set<OutputKey> { [.language, .layout, .keywords] }
  public var provides: Set<OutputKey> { [.summary] }
  public var csvColumns: [CSVColumn] { [.stage()] }

  /// Creates the stage from checked options; at most one of `words`, `sentences`, `ratio`.
  public init(options: StageOptions) throws {
    let budgets = [options.integer("words").map(Budget.words), options.integer("sentences").map(Budget.sentences),
      options.number("ratio").map(Budget.ratio)].compactMap { $0 }
    guard budgets.count <= 1 else {
      throw PipelineError(.invalidOption, "give one budget: `words`, `sentences` or `ratio`, not several")
    }
    budget = budgets.first ?? .words(100)
    method = options.string("method", defaultFrom: Self.options)
    positionWeight = options.number("position-weight", defaultFrom: Self.options)
    titleWeight = options.number("title-weight", defaultFrom: Self.options)
    damping = options.number("damping", defaultFrom: Self.options)
    redundancy = options.number("redundancy", defaultFrom: Self.options)
    minimumContentWords = options.integer("min-content-words", defaultFrom: Self.options)
    maximumSentences = options.integer("max-sentences", defaultFrom: Self.options)
    minimumDocuments = options.integer("min-documents", defaultFrom: Self.options)
    _ = try Stopwords.loaded.get()
  }

  public var statisticsSettings: [String: String] {
    ["stage": Self.kind, "tokens": "icu-word", "stemmer": "snowball", "stopwords": "bundled", "terms": "unigram stems of lemmas where tagged"]
  }

  /// A body sentence as the ranking sees it.
  struct Unit {
    var index: Int
    var text: String
    var words: Int
    /// Its terms' counts, by term key (see ``TermReader``).
    var terms: UInt64Map<Double>

    /// How many content words it has (its terms' counts added up).
    var contentWords: Double {
      var total = 0.0
      terms.forEach { _, count in total += count }
      return total
    }
  }

  /// The sentences the summary chooses from, their terms read with `reader`.
  func units(of document: Document, reader: TermReader) -> [Unit] {
    document.bodySentences.prefix(maximumSentences).map { sentence in
      Unit(
        index: sentence.index, text: sentence.text, words: Self.wordCount(sentence.text),
        terms: reader.terms(ofTokens: reader.layer.tokenRange(ofSentence: sentence.index)))
    }
  }

  /// Turns the token layer's words into stemmed, stopword-free term counts for one document in
  /// its language: each distinct word is looked at once.
  ///
  /// A term is a stem, known by its key in the corpus statistics
  /// (``CorpusStatistics/key(language:term:)``), so counting never hashes strings; ``stems``
  /// gives the stem of each key read.
  ///
  /// Its tables are read and written by one stage call at a time, never from two places at once,
  /// so their accesses are not checked at run time (`@exclusivity(unchecked)`): the checks were
  /// a seventh of the summary stage's instructions.
  final class TermReader {
    let layer: TokenLayer
    let stopwords: WordSet
    let stemmer: TermStemmer
    /// ``CorpusStatistics/keySeed(language:)`` of the document's language.
    let seed: UInt64
    /// Whether the layer's stems and stopword bits are for this language.
    let sameLanguage: Bool
    /// Whether terms are the stems of the tokens' lemmas (the layer is tagged, in this language),
    /// as the keywords stage groups them; else of their forms.
    let usesLemmas: Bool

    init(layer: TokenLayer, language: String) {
      self.layer = layer
      stopwords = Stopwords.words(of: language)
      stemmer = TermStemmer(language: language)
      seed = CorpusStatistics.keySeed(language: language)
      sameLanguage = layer.language == language
      termKeys = Array(repeating: .unread, count: layer.words.count)
      usesLemmas = sameLanguage && !layer.analyses.isEmpty
      analysisKeys = Array(repeating: .unread, count: usesLemmas ? layer.analyses.count : 0)
    }

    /// What a lexicon entry is to the summary: not read yet, a stopword (or not a term), or a term.
    private enum TermKey { case unread, none, key(UInt64) }
    /// The term key of each lexicon entry of the layer, as read so far.
    @exclusivity(unchecked) private var termKeys: [TermKey]
    /// The term key of each analysis (tag and lemma) of the layer, as read so far.
    @exclusivity(unchecked) private var analysisKeys: [TermKey]
    /// The analysis of each lexicon entry's first token, made with ``wordIndex``.
    @exclusivity(unchecked) private var wordAnalyses: [Int32] = []
    /// The stem of each term key read so far.
    @exclusivity(unchecked) private(set) var stems = UInt64Map<String>(empty: "", capacity: 512)
    /// Lexicon index by form, made when the first keyword word is looked up.
    @exclusivity(unchecked) private var wordIndex: UInt64Map<Int32>?
    /// The flags of each lexicon entry's first token, made with ``wordIndex``.
    @exclusivity(unchecked) private var wordFlags: [TokenLayer.Flags] = []

    /// Stemmed, stopword-free word counts of the tokens at `positions` in the layer, by term key.
    func terms(ofTokens positions: Range<Int>) -> UInt64Map<Double> {
      var counts = UInt64Map<Double>(empty: 0)
      forEachTerm(inTokens: positions) { key in counts.update(key, orInsert: 0) { $0 += 1 } }
      return counts
    }

    /// Calls `body` with the term key of each stemmed, stopword-free word among the tokens at
    /// `positions`, in order; numbers and single letters are not terms.
    func forEachTerm(inTokens positions: Range<Int>, _ body: (UInt64) -> Void) {
      for position in positions {
        let token = layer.tokens[position]
        guard !token.flags.contains(.numeric) else { continue }
        let word = layer.words[Int(token.word)]
        guard word.letters >= 2 || token.flags.contains(.ideographic) else { continue }
        if let key = termKey(ofWord: Int(token.word), analysis: token.analysis) { body(key) }
      }
    }

    /// Stemmed, stopword-free counts of `words` (forms as written, such as a keyword's words):
    /// a form of the layer's lexicon reads as its tokens do; another (a form left after elision)
    /// is lower-cased, looked up and stemmed here.
    func terms(ofWords words: [String]) -> UInt64Map<Double> {
      var counts = UInt64Map<Double>(empty: 0)
      for text in words {
        let units = ICU.utf16(text)
        let formKey = units.withUnsafeBufferPointer { FNV1a.hash64(UnsafeRawBufferPointer($0)) }
        if let index = lexiconIndex(of: formKey) {
          let flags = wordFlags[Int(index)]
          guard !flags.contains(.numeric), layer.words[Int(index)].letters >= 2 || flags.contains(.ideographic) else { continue }
          if let key = termKey(ofWord: Int(index), analysis: wordAnalyses[Int(index)]) { counts.update(key, orInsert: 0) { $0 += 1 } }
          continue
        }
        let letters = units.withUnsafeBufferPointer(TokenLayerBuilder.letterCount)
        guard !text.unicodeScalars.allSatisfy({ ScalarBits.numeric.contains($0) }),
          letters >= 2 || text.unicodeScalars.contains(where: SummaryStage.isSpacelessScript)
        else { continue }
        if let key = termKey(ofLower: text.lowercasedByScalar()) { counts.update(key, orInsert: 0) { $0 += 1 } }
      }
      return counts
    }

    private func lexiconIndex(of formKey: UInt64) -> Int32? {
      if wordIndex == nil {
        var index = UInt64Map<Int32>(empty: -1, capacity: layer.words.count)
        for (position, word) in layer.words.enumerated() { index.set(word.key, Int32(position)) }
        wordIndex = index
        var seen = [Bool](repeating: false, count: layer.words.count)
        wordFlags = Array(repeating: [], count: layer.words.count)
        wordAnalyses = Array(repeating: -1, count: layer.words.count)
        for token in layer.tokens where !seen[Int(token.word)] {
          seen[Int(token.word)] = true
          wordFlags[Int(token.word)] = token.flags
          wordAnalyses[Int(token.word)] = token.analysis
        }
      }
      return wordIndex?[formKey]
    }

    /// The term of a token of lexicon entry `index` whose analysis is `analysis` (-1: none): the
    /// stem of its lemma where the layer is tagged, else of its form; `nil` for a stopword.
    private func termKey(ofWord index: Int, analysis: Int32) -> UInt64? {
      guard usesLemmas, analysis >= 0 else { return termKey(ofWord: index) }
      switch analysisKeys[Int(analysis)] {
      case .key(let key): return key
      case .none: return nil
      case .unread: break
      }
      var key: UInt64?
      if termKey(ofWord: index) != nil {
        let stem = layer.analyses[Int(analysis)].lemmaStem
        key = FNV1a.extend(seed, stem.utf8)
        stems.set(key!, stem)
      }
      analysisKeys[Int(analysis)] = key.map(TermKey.key) ?? .none
      return key
    }

    private func termKey(ofWord index: Int) -> UInt64? {
      switch termKeys[index] {
      case .key(let key): return key
      case .none: return nil
      case .unread: break
      }
      let word = layer.words[index]
      let key: UInt64?
      if sameLanguage {
        key = word.isStopword ? nil : word.termKey
        if let key { stems.set(key, word.stem) }
      } else {
        key = termKey(ofLower: word.lower)
      }
      termKeys[index] = key.map(TermKey.key) ?? .none
      return key
    }

    private func termKey(ofLower lower: String) -> UInt64? {
      guard !stopwords.contains(lower) else { return nil }
      let stem = stemmer.stem(lower)
      let key = FNV1a.extend(seed, stem.utf8)
      stems.set(key, stem)
      return key
    }
  }

  /// Words as a reader counts them: runs of non-space characters, except that in scripts written
  /// without spaces (Han, kana, Thai, ...) each character counts, as word counts there usually do.
  static func wordCount(_ text: String) -> Int {
    var words = 0
    var inWord = false, spaceless = 0
    for scalar in text.unicodeScalars {
      let isSpace = ScalarBits.whitespace.contains(scalar)
      if isSpace {
        if inWord { words += spaceless > 0 ? spaceless : 1 }
        inWord = false
        spaceless = 0
      } else {
        inWord = true
        if !scalar.isASCII && Self.isSpacelessScript(scalar) { spaceless += 1 }
      }
    }
    if inWord { words += spaceless > 0 ? spaceless : 1 }
    return words
  }

  /// Whether `text` has an even number of double quotation marks.
  static func quotesBalanced(_ text: String) -> Bool {
    text.unicodeScalars.count { scalar in
      switch scalar.value {
      case 0x22, 0x201C, 0x201D, 0x201E, 0xAB, 0xBB, 0x2039, 0x203A: true  // " “ ” „ « » ‹ ›
      default: false
      }
    }.isMultiple(of: 2)
  }

  static func isSpacelessScript(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x0E00...0x0EFF, 0x1000...0x109F, 0x1780...0x17FF, 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF: true
    default: false
    }
  }

  func languageCode(of document: Document) -> String { document.languageCode ?? "und" }

  /// The document's token layer (empty when none was made).
  static func layer(of document: Document, language: String) -> TokenLayer {
    document[.tokens] ?? TokenLayer(language: language, tokens: [], words: [], sentenceStarts: [0])
  }

  public func observe(_ document: Document, into statistics: inout CorpusStatistics, context: StageContext) throws {
    let language = languageCode(of: document)
    // Only which terms occur counts here: no per-sentence tables, no word counts.
    let reader = TermReader(layer: Self.layer(of: document, language: language), language: language)
    var read: [UInt64] = []
    for sentence in document.bodySentences.prefix(maximumSentences) {
      reader.forEachTerm(inTokens: reader.layer.tokenRange(ofSentence: sentence.index)) { read.append($0) }
    }
    statistics.addDocument(language: language, keys: UInt64Map.distinct(read, capacity: 512))
  }

  public func process(_ document: Document, context: StageContext) throws -> any StageOutput {
    let language = languageCode(of: document)
    let reader = TermReader(layer: Self.layer(of: document, language: language), language: language)
    var sentences = units(of: document, reader: reader)
    let bodyWords = sentences.reduce(0) { $0 + $1.words }
    // Fragments, and pieces of a quotation that spans several sentences (an odd number of
    // quotation marks), do not read well alone.
    sentences.removeAll { $0.contentWords < Double(minimumContentWords) || !Self.quotesBalanced($0.text) }
    guard !sentences.isEmpty else { return DocumentSummary(text: "", sentences: [], scores: []) }
    let ranking: (scores: [Double], similarity: [[Double]]?)
    if method == "lead" {
      ranking = (sentences.indices.map { 1 / Double($0 + 1) }, nil)
    } else {
      ranking = rank(sentences, document: document, language: language, reader: reader, statistics: context.statistics)
    }
    let chosen = choose(sentences, scores: ranking.scores, similarity: ranking.similarity, bodyWords: bodyWords)
    let best = ranking.scores.max() ?? 1
    return DocumentSummary(
      text: chosen.map { sentences[$0].text }.joined(separator: " "), sentences: chosen.map { sentences[$0].index },
      scores: chosen.map { (ranking.scores[$0] / best * 10_000).rounded() / 10_000 })
  }

  /// PageRank scores over the similarity graph, personalised by position and topic, with the graph.
  /// - Complexity: O(s² · t) for s sentences of t terms (s is capped by `max-sentences`).
  func rank(_ sentences: [Unit], document: Document, language: String, reader: TermReader, statistics: CorpusStatistics?)
    -> (scores: [Double], similarity: [[Double]]?)
  {
    // The topic: the headline and the keywords, as one vector.
    var topicTerms = UInt64Map<Double>(empty: 0)
    if let layout = document[.layout], let range = layout.titleRange {
      topicTerms = reader.terms(ofTokens: reader.layer.tokenRange(within: range))
    }
    if let keywords = document[.keywords] {
      reader.terms(ofWords: keywords.keywords.flatMap(\.words)).forEach { key, count in
        topicTerms.update(key, orInsert: 0) { $0 += count }
      }
    }
    // Terms numbered in the sorted (code point) order of their stems: comparing numbers is cheap,
    // and the order stays the same from run to run.
    let vocabulary = Self.distinctKeys([topicTerms] + sentences.map(\.terms))
      .map { (key: $0, stem: reader.stems[$0] ?? "") }.sorted { $0.stem.utf8Precedes($1.stem) }
    var numbers = UInt64Map<Int32>(empty: -1, capacity: vocabulary.count)
    for (number, term) in vocabulary.enumerated() { numbers.set(term.key, Int32(number)) }
    // Each term's idf looked up once, not once per sentence it occurs in.
    let idfByNumber = inverseDocumentFrequencies(of: vocabulary.map(\.key), statistics: statistics, language: language)
    let vectors = sentences.map { Self.weighted($0.terms, idf: idfByNumber, numbers: numbers) }
    let topic = Self.weighted(topicTerms, idf: idfByNumber, numbers: numbers)
    let count = vectors.count
    let similarity = Self.similarities(vectors, terms: vocabulary.count)
    var prior = (0..<count).map { index -> Double in
      (1 + positionWeight / Double(index + 1)) * (1 + titleWeight * Self.cosine(vectors[index], topic))
    }
    let priorTotal = prior.reduce(0, +)
    prior = prior.map { $0 / priorTotal }
    let outgoing = similarity.map { $0.reduce(0, +) }
    // The graph's edges (similarities above 0) from each sentence, in sentence order: sentence j's
    // are targets[starts[j]..<starts[j + 1]], with their weights, in one buffer each.
    var starts = [0], targets: [Int] = [], weights: [Double] = []
    for row in similarity {
      for (to, weight) in row.enumerated() where weight > 0 {
        targets.append(to)
        weights.append(weight)
      }
      starts.append(targets.count)
    }
    var score = prior
    var next = [Double](repeating: 0, count: count)
    for _ in 0..<30 {
      // Rank flows along similarities; a sentence like no other returns its rank through the prior.
      var dangling = 0.0
      next.withUnsafeMutableBufferPointer { next in
        for i in 0..<count { next[i] = (1 - damping) * prior[i] }
        for j in 0..<count {
          guard outgoing[j] > 0 else {
            dangling += score[j]
            continue
          }
          let share = damping * score[j] / outgoing[j]
          for edge in starts[j]..<starts[j + 1] { next[targets[edge]] += share * weights[edge] }
        }
        for i in 0..<count { next[i] += damping * dangling * prior[i] }
      }
      swap(&score, &next)
    }
    return (score, similarity)
  }

  /// Sentence indices (into `sentences`, in document order) chosen by MMR while they fit the budget;
  /// the best sentence is taken even when it alone exceeds the budget.
  func choose(_ sentences: [Unit], scores: [Double], similarity: [[Double]]?, bodyWords: Int) -> [Int] {
    let best = max(scores.max() ?? 1, .leastNonzeroMagnitude)
    var chosen: [Int] = []
    var words = 0
    var remaining = Set(sentences.indices)
    func fits(_ index: Int) -> Bool {
      switch budget {
      case .words(let limit): words + sentences[index].words <= limit
      case .sentences(let limit): chosen.count < limit
      case .ratio(let share): Double(words + sentences[index].words) <= share * Double(bodyWords)
      }
    }
    while true {
      var pick: (index: Int, value: Double)?
      for index in remaining.sorted() where fits(index) {
        let overlap = similarity.map { matrix in chosen.map { matrix[index][$0] }.max() ?? 0 } ?? 0
        let value = scores[index] / best - redundancy * overlap
        if value > pick?.value ?? -.infinity { pick = (index, value) }
      }
      guard let next = pick?.index ?? (chosen.isEmpty ? scores.indices.max { scores[$0] < scores[$1] } : nil) else { break }
      chosen.append(next)
      words += sentences[next].words
      remaining.remove(next)
      if case .sentences(let limit) = budget, chosen.count >= limit { break }
      if remaining.isEmpty { break }
    }
    return chosen.sorted()
  }

  /// The keys of `terms`, each once, in the order first seen.
  static func distinctKeys(_ terms: [UInt64Map<Double>]) -> [UInt64] {
    UInt64Map<Void>.distinct(terms.lazy.flatMap(\.allKeys), capacity: 512)
  }

  /// The idf of each of the terms `keys`: from the corpus statistics when they hold enough
  /// documents of the language, else 1.
  func inverseDocumentFrequencies(of keys: [UInt64], statistics: CorpusStatistics?, language: String) -> [Double] {
    statistics?.inverseDocumentFrequencies(of: keys, language: language, minimumDocuments: minimumDocuments)
      ?? keys.map { _ in 1 }
  }

  /// A term vector: weights ordered by term number (terms are numbered in sorted order), so that
  /// sums run in one fixed order (floating-point sums depend on their order, and a dictionary's
  /// order changes from process to process).
  struct Vector {
    var terms: [Int32] = []
    var weights: [Double] = []
    var norm = 0.0
  }

  /// - Parameter idf: the idf of each term, by term number (every term of `terms` has a number).
  static func weighted(_ terms: UInt64Map<Double>, idf: [Double], numbers: UInt64Map<Int32>) -> Vector {
    var vector = Vector()
    var numbered: [(number: Int32, count: Double)] = []
    terms.forEach { key, count in numbered.append((numbers[key] ?? -1, count)) }
    for (number, count) in numbered.sorted(by: { $0.number < $1.number }) {
      vector.terms.append(number)
      vector.weights.append(number >= 0 ? count * idf[Int(number)] : 0)
    }
    vector.norm = sqrt(vector.weights.reduce(0) { $0 + $1 * $1 })
    return vector
  }

  /// The cosine similarity of every pair of `vectors` (0 on the diagonal), the dot products
  /// gathered term by term from the sentences each term occurs in, so that pairs sharing no term
  /// cost nothing. Each pair's products are added in term order, as ``cosine(_:_:)`` adds them,
  /// so the values are the same to the last bit.
  static func similarities(_ vectors: [Vector], terms: Int) -> [[Double]] {
    let count = vectors.count
    var postings = [[(sentence: Int, weight: Double)]](repeating: [], count: terms)
    for (sentence, vector) in vectors.enumerated() {
      for (term, weight) in zip(vector.terms, vector.weights) where term >= 0 && Int(term) < terms {
        postings[Int(term)].append((sentence, weight))
      }
    }
    // One buffer, row after row (row i is similarity[i * count..<(i + 1) * count]).
    var flat = [Double](repeating: 0, count: count * count)
    flat.withUnsafeMutableBufferPointer { similarity in
      for list in postings where list.count > 1 {
        for a in 0..<(list.count - 1) {
          let row = list[a].sentence * count
          for b in (a + 1)..<list.count { similarity[row + list[b].sentence] += list[a].weight * list[b].weight }
        }
      }
      for i in 0..<count {
        for j in (i + 1)..<max(i + 1, count) {
          let norms = vectors[i].norm * vectors[j].norm
          let value = vectors[i].norm > 0 && vectors[j].norm > 0 ? similarity[i * count + j] / norms : 0
          similarity[i * count + j] = value
          similarity[j * count + i] = value
        }
      }
    }
    return (0..<count).map { Array(flat[($0 * count)..<(($0 + 1) * count)]) }
  }

  static func cosine(_ a: Vector, _ b: Vector) -> Double {
    guard a.norm > 0, b.norm > 0 else { return 0 }
    var dot = 0.0
    var i = 0, j = 0
    while i < a.terms.count, j < b.terms.count {
      if a.terms[i] == b.terms[j] {
        dot += a.weights[i] * b.weights[j]
        i += 1
        j += 1
      } else if a.terms[i] < b.terms[j] {
        i += 1
      } else {
        j += 1
      }
    }
    return dot / (a.norm * b.norm)
  }
}

extension DocumentSummary: JSONWriting {
  package func writeJSON(into bytes: inout [UInt8]) throws {
    JSONText.appendKey("scores", first: true, to: &bytes)
    try JSONText.appendArray(scores, to: &bytes) { (score, bytes: inout [UInt8]) throws(JSONText.NotFinite) in
      try JSONText.appendDouble(score, to: &bytes)
    }
    JSONText.appendKey("sentences", to: &bytes)
    JSONText.appendArray(sentences, to: &bytes) { (index, bytes: inout [UInt8]) in JSONText.appendInteger(index, to: &bytes) }
    JSONText.appendField("text", text, to: &bytes)
    bytes.append(UInt8(ascii: "}"))
  }
}

/// The `summary` stage's output.
public struct DocumentSummary: StageOutput, Codable, Equatable {
  /// The chosen sentences in document order, joined by spaces.
  public var text: String
  /// Indices of the chosen sentences in the `sentences` output.
  public var sentences: [Int]
  /// Their scores (1 for the document's best sentence).
  public var scores: [Double]

  public var csvCells: [String: String] { ["": text] }
}
