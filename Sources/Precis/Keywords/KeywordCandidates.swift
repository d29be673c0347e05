/// The candidate keywords of one document: 1–n-word sequences of ICU word tokens inside a
/// sentence, not crossing punctuation, with no stopword at either edge and not purely numeric,
/// grouped by their lower-cased stems.
///
/// Occurrences are kept as token ranges and candidates as counters keyed by the hash of their
/// stems; strings (keys, surface forms) are made only for the candidates a caller asks about.
struct KeywordCandidates {
  /// One distinct candidate, with the features the scorer uses.
  struct Candidate {
    /// ``CorpusStatistics/key(language:term:)`` of the stems joined by spaces: the grouping key,
    /// and the term counted in corpus statistics.
    var hash: UInt64
    var words: Int
    var count = 0
    /// Index of the first sentence it occurs in.
    var firstSentence: Int
    /// Sentences it occurs in.
    var sentenceCount = 1
    var lastSentence: Int
    /// Occurrences capitalised away from the start of a sentence (names, in most languages).
    var capitalized = 0
    /// Occurrences that fill a whole run between stopwords or punctuation (as RAKE's candidates).
    var maximal = 0
    /// Its first and last occurrence in ``KeywordCandidates/occurrences`` (linked by `next`).
    var firstOccurrence: Int
    var lastOccurrence: Int

    /// What fills the unused slots of ``KeywordCandidates/candidates``.
    static let none = Candidate(hash: 0, words: 0, firstSentence: 0, lastSentence: 0, firstOccurrence: 0, lastOccurrence: 0)
  }

  /// What a distinct word of the document is to the candidates: its stem and whether it is a
  /// stopword always (the pipeline's own) or unless capitalised (the bundled lists').
  struct Word {
    var stem: String
    var always: Bool
    var stopword: Bool
  }

  /// What candidate extraction reads of one token.
  struct Slot {
    var stem: String
    var isStop: Bool
    var numeric: Bool
    var letters: Int
    /// A lone letter that is not a word ("s" of "it's").
    var stray: Bool
    /// Capitalised away from the start of its sentence.
    var startsName: Bool
  }

  /// Tokens `start...end` of chain `chain`; `next` is the candidate's next occurrence (-1: none).
  struct Occurrence {
    var chain: Int32
    var start: Int16
    var end: Int16
    var next: Int32 = -1
  }

  /// The candidates by ``Candidate/hash``.
  private(set) var candidates = UInt64Map(empty: Candidate.none)
  /// Candidate hashes in order of first occurrence (for deterministic ties).
  private(set) var orderHashes: [UInt64] = []
  /// With `keysOnly`: the distinct keys' hashes, and nothing else is collected.
  private var keys: UInt64Map<Void>
  /// With `keysOnly`: the distinct keys' hashes.
  var keyHashes: [UInt64] { keys.allKeys }
  private(set) var occurrences: [Occurrence] = []
  /// The word chains of every sentence, and their stems.
  private var chains: [[WordTokens.Token]] = []
  private var chainStems: [[String]] = []
  private let joiner: String
  /// Whether the language's words are grouped by truncation (no Snowball stemmer for it).
  let groupsByTruncation: Bool
  let sentenceCount: Int

  /// Extracts the candidates of `sentences` in `language`.
  /// - Parameters:
  ///   - stopwords: lower-cased stopwords; one capitalised away from a sentence start is read as a
  ///     name and does not stop ("May", "US").
  ///   - alwaysStopwords: lower-cased stopwords that stop however they are written (a user's own).
  ///   - keysOnly: collect only the distinct keys' hashes in ``keyHashes`` (for counting corpus
  ///     statistics), not the features and occurrences.
  init(
    sentences: [String], language: String, stopwords: WordSet, alwaysStopwords: WordSet = [], maxWords: Int,
    keysOnly: Bool = false
  ) {
    sentenceCount = sentences.count
    // Sized for the pass that fills it: a keys-only document has many keys, another none.
    keys = UInt64Map(empty: (), capacity: keysOnly ? 1_024 : 0)
    joiner = Self.writtenWithoutSpaces.contains(language) ? "" : " "
    let languageHash = CorpusStatistics.keySeed(language: language)
    let stemmer = TermStemmer(language: language)
    groupsByTruncation = stemmer.truncates
    let breaker = WordTokens.makeBreaker()
    let maxWords = min(maxWords, Int(Int16.max))
    let elides = Self.elides.contains(language)
    // Each distinct word of the document is lower-cased, stemmed and looked up once.
    var words = UInt64Map(empty: Word(stem: "", always: false, stopword: false), capacity: 512)
    func word(_ token: WordTokens.Token) -> Word {
      if let known = words[token.key] { return known }
      let lower = token.text.lowercasedByScalar()
      let word = Word(
        stem: stemmer.stem(lower), always: !alwaysStopwords.isEmpty && alwaysStopwords.contains(lower),
        stopword: stopwords.contains(lower))
      words.set(token.key, word)
      return word
    }
    // What the loop reads of each token of the current chain, so it does not copy tokens (and
    // their strings); one array, reused from chain to chain.
    var slots: [Slot] = []
    for (sentenceIndex, sentence) in sentences.enumerated() {
      for chain in WordTokens.cachedChains(in: sentence, breaker: breaker) where chain.count <= Int(Int16.max) {
        let chain = elides ? chain.map(Self.withoutElision) : chain
        slots.removeAll(keepingCapacity: true)
        for token in chain {
          let known = word(token)
          let startsName = token.isCapitalized && !token.startsSentence
          slots.append(
            Slot(
              stem: known.stem, isStop: known.always || known.stopword && !startsName, numeric: token.isNumeric,
              letters: token.letters, stray: token.letters == 1 && !token.isIdeographic && !token.isNumeric,  // "s" of "it's"
              startsName: startsName))
        }
        let chainIndex = Int32(chains.count)
        if !keysOnly {
          chains.append(chain)
          chainStems.append(slots.map(\.stem))
        }
        for start in chain.indices where !slots[start].isStop {
          var allNumeric = true, letterCount = 0, hasStray = false
          var hash = languageHash
          for end in start..<min(chain.count, start + maxWords) {
            allNumeric = allNumeric && slots[end].numeric
            letterCount += slots[end].letters
            hasStray = hasStray || slots[end].stray
            // The hash of the stems joined by spaces, extended a word at a time.
            if end > start { hash = FNV1a.extend(hash, 0x20) }
            hash = FNV1a.extend(hash, slots[end].stem.utf8)
            if slots[end].isStop || allNumeric || letterCount < 2 || hasStray { continue }
            if keysOnly {
              keys.update(hash, orInsert: ())
              continue
            }
            let occurrence = occurrences.count
            occurrences.append(Occurrence(chain: chainIndex, start: Int16(start), end: Int16(end)))
            let isMaximal = (start == 0 || slots[start - 1].isStop) && (end == chain.count - 1 || slots[end + 1].isStop)
            let fresh = Candidate(
              hash: hash, words: end - start + 1, count: 0, firstSentence: sentenceIndex, sentenceCount: 0,
              lastSentence: -1, firstOccurrence: occurrence, lastOccurrence: occurrence)
            let inserted = candidates.update(hash, orInsert: fresh) { candidate in
              if candidate.count > 0 { occurrences[candidate.lastOccurrence].next = Int32(occurrence) }
              candidate.lastOccurrence = occurrence
              candidate.count += 1
              if candidate.lastSentence != sentenceIndex {
                candidate.lastSentence = sentenceIndex
                candidate.sentenceCount += 1
              }
              if slots[start].startsName { candidate.capitalized += 1 }
              if isMaximal { candidate.maximal += 1 }
            }
            if inserted { orderHashes.append(hash) }
          }
        }
      }
    }
  }

  /// Candidate keys (stems joined by spaces) in order of first occurrence.
  var order: [String] { orderHashes.compactMap { candidates[$0].map(key(of:)) } }

  /// The candidate whose key (stems joined by spaces) is `key`.
  func candidate(_ key: String) -> Candidate? {
    orderHashes.lazy.compactMap { self.candidates[$0] }.first { self.key(of: $0) == key }
  }

  /// The stems of `candidate`'s words.
  func stems(of candidate: Candidate) -> ArraySlice<String> {
    let first = occurrences[candidate.firstOccurrence]
    return chainStems[Int(first.chain)][Int(first.start)...Int(first.end)]
  }

  /// The stems of `candidate` joined by spaces.
  func key(of candidate: Candidate) -> String { stems(of: candidate).joined(separator: " ") }

  /// How often each surface form of `candidate` occurs, and the first one seen.
  func surfaces(of candidate: Candidate) -> (counts: [String: Int], first: String) {
    var counts: [String: Int] = [:]
    var first: String?
    var index = candidate.firstOccurrence
    while index >= 0 {
      let occurrence = occurrences[index]
      let surface = chains[Int(occurrence.chain)][Int(occurrence.start)...Int(occurrence.end)].map(\.text)
        .joined(separator: joiner)
      if first == nil { first = surface }
      counts[surface, default: 0] += 1
      index = Int(occurrence.next)
    }
    return (counts, first ?? "")
  }

  /// The surface form shown for `candidate`: the most frequent, except where words are grouped by
  /// truncation: the grouped forms are inflections, and the shortest (then the most frequent) is
  /// most often the base form ("skuteczność", not "skuteczności").
  func text(of candidate: Candidate) -> String {
    guard groupsByTruncation else { return mostFrequentText(of: candidate) }
    let (counts, first) = surfaces(of: candidate)
    return counts.min { a, b in
      a.key.count != b.key.count ? a.key.count < b.key.count : a.value != b.value ? a.value > b.value : a.key < b.key
    }?.key ?? first
  }

  /// The most frequent surface form of `candidate` (on ties the first seen, then the smallest),
  /// independent of the dictionary's order, which changes from process to process.
  func mostFrequentText(of candidate: Candidate) -> String {
    let (counts, first) = surfaces(of: candidate)
    return counts.min { a, b in
      if a.value != b.value { return a.value > b.value }
      if (a.key == first) != (b.key == first) { return a.key == first }
      return a.key < b.key
    }?.key ?? first
  }

  /// Languages that elide articles and prepositions with an apostrophe ("l'avion", "dell'anno").
  static let elides: Set<String> = ["fr", "it", "ca"]

  /// The token without a leading elided word of up to three letters ("d'un" -> "un").
  static func withoutElision(_ token: WordTokens.Token) -> WordTokens.Token {
    // Most tokens have no apostrophe (U+0027, or U+2019 whose UTF-8 starts with E2): a byte scan
    // says so without comparing characters.
    guard token.text.utf8.contains(where: { $0 == 0x27 || $0 == 0xE2 }),
      let apostrophe = token.text.firstIndex(where: { $0 == "'" || $0 == "’" }) else { return token }
    let prefix = token.text[..<apostrophe], rest = token.text[token.text.index(after: apostrophe)...]
    guard prefix.count <= 3, rest.count >= 2 else { return token }
    var stripped = token
    stripped.text = String(rest)
    stripped.key = Array(stripped.text.utf16).withUnsafeBufferPointer(WordTokens.key)
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
    /// A hash of ``text`` (FNV-1a over its UTF-16 code units): the same text always has the same
    /// key, so per-document tables of words can be keyed by it rather than by the string.
    var key: UInt64
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

  /// The chains of `sentence`, remembered for the sentences this thread broke most recently:
  /// the stages that read the same sentences of a document (keywords, then summary, in both
  /// passes) break them into words once. The answer is the same as ``chains(in:breaker:)``'s.
  static func cachedChains(in sentence: String, breaker: ICU.Breaker? = nil) -> [[Token]] {
    let cache = ChainCache.forThisThread
    let key = ChainCache.key(sentence)
    if let chains = cache.lookUp(sentence, key: key) { return chains }
    let chains = chains(in: sentence, breaker: breaker)
    cache.store(chains, for: sentence, key: key)
    return chains
  }

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
      let token = units.withUnsafeBufferPointer { buffer in
        let piece = UnsafeBufferPointer(rebasing: buffer[word.start..<word.end])
        let text = TextUnits.string(piece)
        return Token(
          text: text, key: Self.key(piece), isNumeric: word.numeric, isIdeographic: word.ideographic,
          isCapitalized: Self.startsUppercase(text), startsSentence: !sawWord, letters: Self.letterCount(piece))
      }
      chain.append(token)
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

  /// The ``Token/key`` of a token's UTF-16 code units: FNV-1a over their bytes.
  static func key(_ units: UnsafeBufferPointer<UInt16>) -> UInt64 { FNV1a.hash64(UnsafeRawBufferPointer(units)) }

  /// Whether the first character is an uppercase letter (ASCII without a property lookup).
  static func startsUppercase(_ text: String) -> Bool {
    guard let first = text.unicodeScalars.first else { return false }
    return first.isASCII ? (0x41...0x5A).contains(first.value) : first.properties.isUppercase
  }

  /// Letters and digits in the UTF-16 code units `units` (a surrogate pair is one scalar).
  static func letterCount(_ units: UnsafeBufferPointer<UInt16>) -> Int {
    var count = 0
    var index = 0
    while index < units.count {
      let unit = units[index]
      if unit < 0x80 {
        if (0x30...0x39).contains(unit) || (0x41...0x5A).contains(unit) || (0x61...0x7A).contains(unit) { count += 1 }
        index += 1
      } else if UTF16.isLeadSurrogate(unit), index + 1 < units.count, UTF16.isTrailSurrogate(units[index + 1]) {
        let value = 0x10000 + (UInt32(unit - 0xD800) << 10) + UInt32(units[index + 1] - 0xDC00)
        if let scalar = Unicode.Scalar(value), ScalarBits.letterOrDigit.contains(scalar) { count += 1 }
        index += 2
      } else {
        // A lone surrogate decodes as U+FFFD in the token's text, which is neither.
        if let scalar = Unicode.Scalar(unit), ScalarBits.letterOrDigit.contains(scalar) { count += 1 }
        index += 1
      }
    }
    return count
  }

  /// Hyphens and apostrophes that join two words into one.
  static func isJoiner(_ unit: UInt16) -> Bool {
    unit == 0x2D || unit == 0x2010 || unit == 0x2011 || unit == 0x27 || unit == 0x2019
  }
}

/// Recently broken sentences and their chains, one cache per thread (never shared), for the
/// ``generationSize`` sentences read most recently (see ``RecentValues``). Sentences are found by
/// a hash of their UTF-8 bytes and confirmed by comparing the bytes (Swift's own string hashing
/// normalizes every non-ASCII sentence first, which cost more than the lookup saved).
final class ChainCache {
  static let generationSize = 1_024
  private var entries = RecentValues<(sentence: String, chains: [[WordTokens.Token]])>(generationSize: generationSize)

  /// The chains of `sentence`, whose ``key(_:)`` is `key`, if they are remembered.
  func lookUp(_ sentence: String, key: UInt64) -> [[WordTokens.Token]]? {
    guard let entry = entries[key], entry.sentence.hasSameUTF8(as: sentence) else { return nil }
    return entry.chains
  }

  func store(_ chains: [[WordTokens.Token]], for sentence: String, key: UInt64) {
    entries.store((sentence, chains), for: key)
  }

  /// The key a sentence is remembered under.
  static func key(_ sentence: String) -> UInt64 { FNV1a.hash64(sentence.utf8) }

  /// The calling thread's cache, made on first use and freed with the thread.
  static var forThisThread: ChainCache {
    if let existing = slot.value { return existing }
    let cache = ChainCache()
    slot.set(cache)
    return cache
  }

  private static let slot = ThreadSlot<ChainCache>()
}
