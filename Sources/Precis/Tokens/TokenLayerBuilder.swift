/// Builds a document's ``TokenLayer`` from its sentences: ICU word breaks (root rules) per
/// sentence, hyphen- and apostrophe-joined words kept whole ("Jong-un", "NATO-Militärbündnis"),
/// punctuation and symbols as tokens flagged ``TokenLayer/Flags/punctuation``, runs of words
/// between punctuation marked as chains, and each distinct form entered once in the
/// lexicon with its lower-case form, stem and stopword bit.
///
/// Not thread-safe (it holds an ICU breaker and a stemmer): make one per document.
struct TokenLayerBuilder {
  private let breaker: ICU.Breaker?
  private let stemmer: TermStemmer
  private let stopwords: WordSet
  private let language: String
  private let seed: UInt64
  /// Whether elided words are split off ("l'avion" is "l'" and "avion"): French, Italian, Catalan.
  private let splitsElision: Bool
  private var tokens: [TokenLayer.Token] = []
  private var words: [TokenLayer.Word] = []
  private var sentenceStarts: [Int32] = [0]
  /// Lexicon index by ``TokenLayer/Word/key``.
  private var wordIndex = UInt64Map<Int32>(empty: -1, capacity: 512)

  /// A builder for a document in `language` (`und` when unknown: no stems, no stopwords).
  init(language: String) {
    self.language = language
    breaker = try? ICU.Breaker(kind: .word, locale: "root")
    stemmer = TermStemmer(language: language)
    stopwords = Stopwords.words(of: language)
    seed = CorpusStatistics.keySeed(language: language)
    splitsElision = Self.elidingLanguages.contains(language)
  }

  /// The layer of `sentences` (in order, indices 0, 1, ...).
  static func layer(of sentences: [Sentence], language: String) -> TokenLayer {
    var builder = TokenLayerBuilder(language: language)
    for sentence in sentences { builder.add(sentence) }
    return builder.finish()
  }

  /// Appends the tokens of the next sentence.
  mutating func add(_ sentence: Sentence) {
    defer { sentenceStarts.append(Int32(tokens.count)) }
    let units = ICU.utf16(sentence.text)
    let found = breaker.map { try? $0.boundaries(of: units, withStatus: true) }
      ?? (try? ICU.boundaries(of: units, kind: .word, locale: "root", withStatus: true))
    guard let (offsets, statuses) = found else { return }
    units.withUnsafeBufferPointer { buffer in
      var scalars = ScalarCursor(units: buffer, base: sentence.start)
      var pending: (start: Int, end: Int, numeric: Bool, ideographic: Bool)?
      var joined = false  // a hyphen or apostrophe just extended `pending`
      var sawWord = false
      var chainOpen = false
      var start = 0
      func flushPending() {
        joined = false
        guard let word = pending else { return }
        // An elided article or preposition is a token of its own, as UD writes it: "l'" "avortement".
        let parts = splitsElision ? Self.elisionEnd(in: UnsafeBufferPointer(rebasing: buffer[word.start..<word.end])) : nil
        for (start, end) in parts.map({ [(word.start, word.start + $0), (word.start + $0, word.end)] }) ?? [(word.start, word.end)] {
          var flags: TokenLayer.Flags = []
          if word.numeric { flags.insert(.numeric) }
          if word.ideographic { flags.insert(.ideographic) }
          if !sawWord { flags.insert(.startsSentence) }
          if !chainOpen { flags.insert(.startsChain) }
          let piece = UnsafeBufferPointer(rebasing: buffer[start..<end])
          tokens.append(
            TokenLayer.Token(
              start: Int32(scalars.offset(ofUnit: start)), end: Int32(scalars.offset(ofUnit: end)),
              sentence: Int32(sentence.index), word: self.word(piece), flags: flags))
          sawWord = true
          chainOpen = true
        }
        pending = nil
      }
      for (end, status) in zip(offsets.map(Int.init), statuses) {
        defer { start = end }
        if status >= 100 {
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
        let piece = buffer[start..<end]
        if piece.allSatisfy(TextUnits.isWhitespace) {
          flushPending()
          continue
        }
        if piece.count == 1, let word = pending, word.end == start, Self.isJoiner(piece.first!), end < buffer.count,
          !TextUnits.isWhitespace(buffer[end])
        {
          pending = (word.start, end, word.numeric, word.ideographic)  // "Jong-" waits for "un"
          joined = true
          continue
        }
        flushPending()
        chainOpen = false
        // Punctuation and symbols are tokens too (UD's PUNCT and SYM words), flagged so that
        // stages reading words pass over them.
        tokens.append(
          TokenLayer.Token(
            start: Int32(scalars.offset(ofUnit: start)), end: Int32(scalars.offset(ofUnit: end)), sentence: Int32(sentence.index),
            word: self.word(UnsafeBufferPointer(rebasing: piece)), flags: [.punctuation, .startsChain]))
      }
      flushPending()
    }
  }

  /// The finished layer.
  func finish() -> TokenLayer {
    TokenLayer(language: language, tokens: tokens, words: words, sentenceStarts: sentenceStarts)
  }

  /// The lexicon index of the form `units`, entered on first sight.
  private mutating func word(_ units: UnsafeBufferPointer<UInt16>) -> Int32 {
    let key = FNV1a.hash64(UnsafeRawBufferPointer(units))
    if let known = wordIndex[key] { return known }
    let text = TextUnits.string(units)
    let lower = text.lowercasedByScalar()
    let stem = stemmer.stem(lower)
    words.append(
      TokenLayer.Word(
        text: text, lower: lower, stem: stem, isStopword: stopwords.contains(lower),
        isCapitalized: Self.startsUppercase(text), letters: Int32(Self.letterCount(units)), key: key,
        termKey: FNV1a.extend(seed, stem.utf8)))
    let index = Int32(words.count - 1)
    wordIndex.set(key, index)
    return index
  }

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

  /// Where the elided word of `units` ends, just after its apostrophe: one to four letters, an
  /// apostrophe (U+0027 or U+2019) and at least one more letter ("l'", "qu'", "dell'"); `nil` when
  /// the word has no such start ("aujourd'hui" keeps its apostrophe).
  static func elisionEnd(in units: UnsafeBufferPointer<UInt16>) -> Int? {
    guard let apostrophe = units.prefix(5).firstIndex(where: { $0 == 0x27 || $0 == 0x2019 }), apostrophe >= 1,
      apostrophe + 1 < units.count, units[..<apostrophe].allSatisfy({ unit in Unicode.Scalar(unit).map { $0.properties.isAlphabetic } ?? false })
    else { return nil }
    return apostrophe + 1
  }

  /// Languages that elide articles and prepositions with an apostrophe ("l'avion", "dell'anno").
  static let elidingLanguages: Set<String> = ["fr", "it", "ca"]

  /// Hyphens and apostrophes that join two words into one.
  static func isJoiner(_ unit: UInt16) -> Bool {
    unit == 0x2D || unit == 0x2010 || unit == 0x2011 || unit == 0x27 || unit == 0x2019
  }
}

/// Code-point offsets of UTF-16 positions, for positions asked in increasing order: each unit is
/// passed over once, however many offsets are asked.
private struct ScalarCursor {
  let units: UnsafeBufferPointer<UInt16>
  /// The code-point offset of unit 0.
  let base: Int
  private var unit = 0
  private var scalars = 0

  init(units: UnsafeBufferPointer<UInt16>, base: Int) {
    self.units = units
    self.base = base
  }

  /// The code-point offset of the unit at `position` (not before the last one asked).
  mutating func offset(ofUnit position: Int) -> Int {
    while unit < position {
      // A trail surrogate after a lead one belongs to the same code point.
      if !(UTF16.isTrailSurrogate(units[unit]) && unit > 0 && UTF16.isLeadSurrogate(units[unit - 1])) { scalars += 1 }
      unit += 1
    }
    return base + scalars
  }
}
