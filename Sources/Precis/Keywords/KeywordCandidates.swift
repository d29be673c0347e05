/// The candidate keywords of one document: 1–n-word sequences of ICU word tokens inside a
/// sentence, not crossing punctuation, with no stopword at either edge and not purely numeric,
/// grouped by their lower-cased stems.
struct KeywordCandidates {
  /// One distinct candidate, with the features the scorer uses.
  struct Candidate {
    /// Stems joined by spaces: the grouping key, and the term counted in corpus statistics.
    var key: String
    /// ``CorpusStatistics/key(language:term:)`` of `key`.
    var hash: UInt64
    var words: Int
    var count = 0
    /// Index of the first sentence it occurs in.
    var firstSentence = Int.max
    var sentences = Set<Int>()
    /// Occurrences capitalised away from the start of a sentence (names, in most languages).
    var capitalized = 0
    /// Occurrences that fill a whole run between stopwords or punctuation (as RAKE's candidates).
    var maximal = 0
    /// Surface forms and how often each occurs; the most frequent one is shown.
    var surfaces: [String: Int] = [:]
    var firstSurface = ""
    var stems: [String]

    /// The most frequent surface form (on ties the first seen, then the smallest), independent of
    /// the dictionary's order, which changes from process to process.
    var text: String {
      surfaces.min { a, b in
        if a.value != b.value { return a.value > b.value }
        if (a.key == firstSurface) != (b.key == firstSurface) { return a.key == firstSurface }
        return a.key < b.key
      }?.key ?? firstSurface
    }

    /// The shortest surface form (then the most frequent): where words are grouped by truncation,
    /// the grouped forms are inflections, and the shortest is most often the base form
    /// ("skuteczność" rather than "skuteczności").
    var shortestText: String {
      surfaces.min { a, b in
        a.key.count != b.key.count ? a.key.count < b.key.count : a.value != b.value ? a.value > b.value : a.key < b.key
      }?.key ?? firstSurface
    }
  }

  /// The candidates by ``Candidate/hash``.
  private(set) var candidates: [UInt64: Candidate] = [:]
  /// Candidate keys in order of first occurrence (for deterministic ties).
  private(set) var order: [String] = []
  /// The hashes of ``order``'s keys, in the same order.
  private(set) var orderHashes: [UInt64] = []
  /// With `keysOnly`: the distinct keys' hashes, and nothing else is collected.
  private(set) var keyHashes = Set<UInt64>()
  let sentenceCount: Int

  /// The candidate whose key (stems joined by spaces) is `key`.
  func candidate(_ key: String) -> Candidate? {
    order.firstIndex(of: key).flatMap { candidates[orderHashes[$0]] }
  }

  /// Extracts the candidates of `sentences` in `language`.
  /// - Parameter keysOnly: collect only the distinct keys in ``order`` (for counting corpus
  ///   statistics), not the features and surface forms.
  init(sentences: [String], language: String, stopwords: Set<String>, maxWords: Int, keysOnly: Bool = false) {
    sentenceCount = sentences.count
    let languageHash = CorpusStatistics.keySeed(language: language)
    let stemmer = TermStemmer(language: language)
    let breaker = WordTokens.makeBreaker()
    let joiner = Self.writtenWithoutSpaces.contains(language) ? "" : " "
    for (sentenceIndex, sentence) in sentences.enumerated() {
      for chain in WordTokens.chains(in: sentence, breaker: breaker) {
        let chain = Self.elides.contains(language) ? chain.map(Self.withoutElision) : chain
        let lower = chain.map { $0.text.lowercased() }
        let stems = lower.map(stemmer.stem)
        // Plain arrays of the flags the loop reads, so it does not copy tokens (and their strings).
        let isStop = chain.indices.map { index in
          stopwords.contains(lower[index]) && !(chain[index].isCapitalized && !chain[index].startsSentence)
        }
        let numeric = chain.map(\.isNumeric)
        let letters = chain.map(\.letters)
        let stray = chain.map { $0.letters == 1 && !$0.isIdeographic && !$0.isNumeric }  // "s" of "it's"
        let startsName = chain.map { $0.isCapitalized && !$0.startsSentence }
        for start in chain.indices where !isStop[start] {
          var allNumeric = true, letterCount = 0, hasStray = false
          var hash = languageHash
          var surface = ""
          for end in start..<min(chain.count, start + maxWords) {
            allNumeric = allNumeric && numeric[end]
            letterCount += letters[end]
            hasStray = hasStray || stray[end]
            // The hash of the stems joined by spaces, extended a word at a time.
            if end > start { hash = FNV1a.extend(hash, 0x20) }
            hash = FNV1a.extend(hash, stems[end].utf8)
            if !keysOnly { surface += end == start ? chain[end].text : joiner + chain[end].text }
            if isStop[end] || allNumeric || letterCount < 2 || hasStray { continue }
            if keysOnly {
              keyHashes.insert(hash)
              continue
            }
            let range = start...end
            if candidates[hash] == nil {
              let key = stems[range].joined(separator: " ")
              order.append(key)
              orderHashes.append(hash)
              candidates[hash] = Candidate(
                key: key, hash: hash, words: range.count, firstSurface: surface, stems: Array(stems[range]))
            }
            // Mutate in place (through the dictionary's values) so the sets inside are not copied.
            guard let slot = candidates.index(forKey: hash) else { continue }
            candidates.values[slot].count += 1
            candidates.values[slot].firstSentence = min(candidates.values[slot].firstSentence, sentenceIndex)
            candidates.values[slot].sentences.insert(sentenceIndex)
            candidates.values[slot].surfaces[surface, default: 0] += 1
            if startsName[start] { candidates.values[slot].capitalized += 1 }
            if (start == 0 || isStop[start - 1]) && (end == chain.count - 1 || isStop[end + 1]) {
              candidates.values[slot].maximal += 1
            }
          }
        }
      }
    }
  }

  /// Languages that elide articles and prepositions with an apostrophe ("l'avion", "dell'anno").
  static let elides: Set<String> = ["fr", "it", "ca"]

  /// The token without a leading elided word of up to three letters ("d'un" -> "un").
  static func withoutElision(_ token: WordTokens.Token) -> WordTokens.Token {
    guard let apostrophe = token.text.firstIndex(where: { $0 == "'" || $0 == "’" }) else { return token }
    let prefix = token.text[..<apostrophe], rest = token.text[token.text.index(after: apostrophe)...]
    guard prefix.count <= 3, rest.count >= 2 else { return token }
    var stripped = token
    stripped.text = String(rest)
    stripped.isCapitalized = rest.first?.isUppercase ?? false
    stripped.letters = rest.count
    return stripped
  }

  /// Languages whose words are written without spaces between them.
  static let writtenWithoutSpaces: Set<String> = ["zh", "ja", "th", "km", "lo", "my", "bo"]
}

/// Word tokens from ICU's word break iterator, grouped into chains that punctuation interrupts.
enum WordTokens {
  struct Token {
    var text: String
    var isNumeric: Bool
    var isIdeographic: Bool
    var isCapitalized: Bool
    /// The first word of its sentence.
    var startsSentence: Bool
    /// Letters and digits in the token.
    var letters: Int
  }

  /// Runs of word tokens separated only by spaces; hyphenated and apostrophe-joined words
  /// ("Jong-un", "NATO-Militärbündnis") stay one token.
  /// A word break iterator to reuse across the sentences of one document (`nil` if ICU fails).
  static func makeBreaker() -> ICU.Breaker? { try? ICU.Breaker(kind: .word, locale: "root") }

  static func chains(in sentence: String, breaker: ICU.Breaker? = nil) -> [[Token]] {
    let units = ICU.utf16(sentence)
    let found = breaker.map { try? $0.boundaries(of: units, withStatus: true) }
      ?? (try? ICU.boundaries(of: units, kind: .word, locale: "root", withStatus: true))
    guard let (offsets, statuses) = found else { return [] }
    var chains: [[Token]] = []
    var chain: [Token] = []
    var pending: (start: Int, end: Int, numeric: Bool, ideographic: Bool)?
    var joined = false  // a hyphen or apostrophe just extended `pending`
    var sawWord = false
    var start = 0
    func flushPending() {
      joined = false
      guard let word = pending else { return }
      let text = units.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[word.start..<word.end]), as: UTF16.self) }
      chain.append(
        Token(
          text: text, isNumeric: word.numeric, isIdeographic: word.ideographic,
          isCapitalized: Self.startsUppercase(text), startsSentence: !sawWord, letters: Self.letterCount(text)))
      sawWord = true
      pending = nil
    }
    for (end, status) in zip(offsets.map(Int.init), statuses) {
      defer { start = end }
      let isWord = status >= 100
      if isWord {
        if joined, let word = pending, word.end == start {
          // Only a joiner separated the two (see below): extend the word.
          pending = (word.start, end, word.numeric && status < 200, word.ideographic || status >= 400)
          joined = false
        } else {
          flushPending()
          pending = (start, end, status < 200, status >= 400)
        }
        continue
      }
      let piece = units[start..<end]
      if piece.allSatisfy(TextUnits.isWhitespace) {
        flushPending()
        continue
      }
      if piece.count == 1, let word = pending, word.end == start, isJoiner(piece.first!), end < units.count,
        !TextUnits.isWhitespace(units[end])
      {
        pending = (word.start, end, word.numeric, word.ideographic)  // "Jong-" waits for "un"
        joined = true
        continue
      }
      flushPending()
      if !chain.isEmpty {
        chains.append(chain)
        chain = []
      }
    }
    flushPending()
    if !chain.isEmpty { chains.append(chain) }
    return chains
  }

  /// Whether the first character is an uppercase letter (ASCII without a property lookup).
  static func startsUppercase(_ text: String) -> Bool {
    guard let first = text.unicodeScalars.first else { return false }
    return first.isASCII ? (0x41...0x5A).contains(first.value) : first.properties.isUppercase
  }

  /// Letters and digits in `text` (ASCII without a property lookup).
  static func letterCount(_ text: String) -> Int {
    text.unicodeScalars.count { scalar in
      if scalar.isASCII {
        let value = scalar.value
        return (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
      }
      return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }
  }

  /// Hyphens and apostrophes that join two words into one.
  static func isJoiner(_ unit: UInt16) -> Bool {
    unit == 0x2D || unit == 0x2010 || unit == 0x2011 || unit == 0x27 || unit == 0x2019
  }
}
