/// The candidate keywords of one document: 1–n-word sequences of the token layer's words inside a
/// sentence, not crossing punctuation, with no stopword at either edge and not purely numeric,
/// grouped by their lower-cased stems.
///
/// Where the layer is tagged (a morphology model exists for its language), candidates are noun
/// phrases and names: runs of nouns, proper nouns and adjectives holding at least one noun or
/// proper noun, never a verb, auxiliary, adverb, pronoun or conjunction; one or two short
/// lower-case particles (ADP, DET) may sit inside a name, after a proper noun and before a proper
/// or capitalised noun ("Agencia Catalana del Agua", "Agua" tagged NOUN), and do not count toward
/// `maxWords`. Words are then grouped by the stems of their
/// lemmas ("Bereichen" and "Bereich" alike), as they are where a model gives lemmas only (Polish,
/// Italian, Arabic, ...); there, forms the model's lexicon lists as verbs only or as numerals
/// (``TokenLayer/Analysis/lexiconClass``: Italian, Polish) end candidates as they do in tagged
/// text, and forms it lists as adjectives only are no heads (a candidate needs another word). In
/// every language, tagged or not, numbers (digits, or words ICU's spell-out rules write), month
/// and weekday names (ICU's date symbols) and abbreviations ("Dr." inside a sentence:
/// ``isAbbreviation(at:in:layer:letters:)``) end candidates. In tagged Korean, a noun loses the
/// particles written onto it (``ParticleSuffixes``: "국제협력사업을" is "국제협력사업"), and no
/// candidate goes on past such a noun.
///
/// Occurrences are kept as token positions and candidates as counters keyed by the hash of their
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

  /// What a distinct word of the layer is to the candidates: its form after elision, its stem, and
  /// whether it is a stopword always (the pipeline's own) or unless capitalised (the bundled lists').
  struct Word {
    var text: String
    var stem: String
    var always: Bool
    var stopword: Bool
    var isCapitalized: Bool
    var letters: Int
    /// An elided word or a clitic was taken off the form: its stem is of what is left, not of the
    /// token's lemma.
    var isStripped = false
    /// The form is a month or weekday name or a spelled-out number of the language (``DateAndNumberWords``).
    var isDateOrNumber = false
    /// A particle was taken off the noun (``ParticleSuffixes``): no candidate goes on past it.
    var endsPhrase = false
  }

  /// What candidate extraction reads of one token.
  struct Slot {
    var stem: String
    var isStop: Bool
    /// Ends every candidate that reaches it (a verb, a number, a month; tagged layers only).
    var breaks = false
    /// A particle inside a name: not counted toward `maxWords`.
    var isParticle = false
    /// A noun or proper noun (or, untagged, any word): a candidate needs one.
    var isHead = true
    /// Candidates may end here but not go on past it (a noun with a particle taken off).
    var endsPhrase = false
    var numeric: Bool
    var letters: Int
    /// A lone letter that is not a word ("s" of "it's").
    var stray: Bool
    /// Capitalised away from the start of its sentence.
    var startsName: Bool
  }

  /// Tokens `start...end` (positions in the layer); `next` is the candidate's next occurrence (-1: none).
  struct Occurrence {
    var start: Int32
    var end: Int32
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
  /// The layer the candidates were read from (their occurrences are its token positions).
  private let layer: TokenLayer
  private let frequencies: WordFrequencies?
  /// What each lexicon entry of the layer is to the candidates (`nil`: no token read it).
  private var words: [Word?] = []
  private let joiner: String
  /// Whether the language's words are grouped by truncation (no Snowball stemmer for it).
  let groupsByTruncation: Bool
  /// Whether candidates were chosen by the layer's parts of speech.
  let isTagged: Bool
  /// Whether words were grouped by the stems of their lemmas (the layer has lemmas, tagged or not).
  let isLemmatized: Bool
  let sentenceCount: Int
  /// Word tokens (not punctuation) of the units read.
  private(set) var wordCount = 0

  /// Extracts the candidates of the `units` of `layer` (token position ranges: the headline and
  /// the body sentences, each read as one sentence) in `language`.
  /// - Parameters:
  ///   - stopwords: lower-cased stopwords; one capitalised away from a sentence start is read as a
  ///     name and does not stop ("May", "US").
  ///   - stopwordsAreTheLayers: `stopwords` are the bundled list of the layer's language, so the
  ///     layer's stopword bit answers for them.
  ///   - alwaysStopwords: lower-cased stopwords that stop however they are written (a user's own).
  ///   - keysOnly: collect only the distinct keys' hashes in ``keyHashes`` (for counting corpus
  ///     statistics), not the features and occurrences.
  ///   - partsOfSpeech: choose noun phrases by the layer's tags when it has them.
  ///   - frequencies: the language's word frequencies, which tell a clitic written onto a word
  ///     (Arabic "و") from the word's own letter and a suffix rule's lemma that is a word from one
  ///     that is not.
  init(
    layer: TokenLayer, units: [Range<Int>], language: String, stopwords: WordSet, stopwordsAreTheLayers: Bool = false,
    alwaysStopwords: WordSet = [], maxWords: Int, keysOnly: Bool = false, partsOfSpeech: Bool = true,
    frequencies: WordFrequencies? = nil
  ) {
    self.frequencies = frequencies
    let clitics = CliticPrefixes(language: language, frequencies: frequencies)
    sentenceCount = units.count
    // Sized for the pass that fills it: a keys-only document has many keys, another none.
    keys = UInt64Map(empty: (), capacity: keysOnly ? 1_024 : 0)
    joiner = Self.writtenWithoutSpaces.contains(language) ? "" : " "
    let languageHash = CorpusStatistics.keySeed(language: language)
    let sameLanguage = language == layer.language
    let stemmer = TermStemmer(language: language)
    groupsByTruncation = stemmer.truncates
    let maxWords = min(maxWords, Int(Int16.max))
    // The token layer splits elided words off already; this is for a layer of another language.
    let elides = !sameLanguage && TokenLayerBuilder.elidingLanguages.contains(language)
    self.layer = layer
    let lemmatized = partsOfSpeech && sameLanguage && !layer.analyses.isEmpty
    let tagged = lemmatized && layer.analyses.contains { $0.upos != nil }
    self.isTagged = tagged
    let particles = tagged ? ParticleSuffixes(language: language) : nil
    self.isLemmatized = lemmatized
    let dateAndNumberWords = DateAndNumberWords.words(of: language)
    // Forms tagged a verb or auxiliary in at least half their occurrences are verbs everywhere in
    // the document (the tagger's slips the other way do not make "circulera" a keyword).
    var verbForms = [Bool](repeating: false, count: tagged ? layer.words.count : 0)
    if tagged {
      var verbal = [Int32](repeating: 0, count: layer.words.count), all = [Int32](repeating: 0, count: layer.words.count)
      for token in layer.tokens where token.analysis >= 0 {
        all[Int(token.word)] += 1
        let upos = layer.analyses[Int(token.analysis)].upos
        if upos == .verb || upos == .aux { verbal[Int(token.word)] += 1 }
      }
      for index in verbForms.indices where verbal[index] > 0 && 2 * verbal[index] >= all[index] { verbForms[index] = true }
    }

    // Each distinct word of the document is looked at once: the layer's own lower case and stem
    // when they are for this language and no elision changes the word. A noun's particles are
    // taken off as its first token's analysis (`analysis`, -1: none) gives them.
    var words = [Word?](repeating: nil, count: layer.words.count)
    func word(_ index: Int32, analysis: Int32 = -1) -> Word {
      if let known = words[Int(index)] { return known }
      let entry = layer.words[Int(index)]
      var word = Word(
        text: entry.text, stem: entry.stem, always: false, stopword: false, isCapitalized: entry.isCapitalized,
        letters: Int(entry.letters))
      var lower = entry.lower
      var elided = false
      if elides, let stripped = Self.withoutElision(entry.text) {
        word.text = stripped.text
        word.isCapitalized = stripped.isCapitalized
        word.letters = stripped.letters
        lower = stripped.text.lowercasedByScalar()
        elided = true
      }
      if let clitics, let rest = clitics.stripped(lower) {
        word.text = rest
        word.letters = rest.unicodeScalars.count
        lower = rest
        elided = true
      }
      if let particles, analysis >= 0, case let made = layer.analyses[Int(analysis)], [.noun, .propn].contains(made.upos),
        let rest = particles.stripped(word.text, lemma: made.lemma)
      {
        word.text = rest
        word.letters = rest.unicodeScalars.count
        lower = rest.lowercasedByScalar()
        elided = true
        word.endsPhrase = true
      }
      word.isStripped = elided
      word.isDateOrNumber = !dateAndNumberWords.isEmpty && dateAndNumberWords.contains(entry.lower)
      if elided || !sameLanguage { word.stem = stemmer.stem(lower) }
      word.always = !alwaysStopwords.isEmpty && alwaysStopwords.contains(lower)
      word.stopword = stopwordsAreTheLayers && sameLanguage && !elided ? entry.isStopword : stopwords.contains(lower)
      words[Int(index)] = word
      return word
    }
    // Whether each analysis's lemma is a month or weekday name ("sobotę" is "sobota") or a spelled-out
    // number, made on first use.
    var dateOrNumberLemmas = [Bool?](repeating: nil, count: lemmatized && !dateAndNumberWords.isEmpty ? layer.analyses.count : 0)
    func isDateOrNumberLemma(_ index: Int32) -> Bool {
      guard !dateOrNumberLemmas.isEmpty else { return false }
      if let known = dateOrNumberLemmas[Int(index)] { return known }
      let found = dateAndNumberWords.contains(layer.analyses[Int(index)].lemma.lowercasedByScalar())
      dateOrNumberLemmas[Int(index)] = found
      return found
    }
    // What the loop reads of each token of the current chain; one array, reused from chain to chain.
    var slots: [Slot] = []
    for (sentenceIndex, unit) in units.enumerated() {
      var chainStart = unit.lowerBound
      // The unit's first word (a capital there starts the sentence, not a name).
      let firstWord = unit.first { !layer.tokens[$0].flags.contains(.punctuation) } ?? unit.lowerBound
      while chainStart < unit.upperBound {
        // Punctuation is no part of a candidate: it only separates chains.
        if layer.tokens[chainStart].flags.contains(.punctuation) {
          chainStart += 1
          continue
        }
        var chainEnd = chainStart + 1
        while chainEnd < unit.upperBound && !layer.tokens[chainEnd].flags.contains(.startsChain) { chainEnd += 1 }
        defer { chainStart = chainEnd }
        let chainCount = chainEnd - chainStart
        guard chainCount <= Int(Int16.max) else { continue }
        slots.removeAll(keepingCapacity: true)
        for position in chainStart..<chainEnd {
          let token = layer.tokens[position]
          let known = word(token.word, analysis: token.analysis)
          let numeric = token.flags.contains(.numeric)
          let startsName = known.isCapitalized && position != firstWord
          var slot = Slot(
            stem: known.stem, isStop: known.always || known.stopword && !startsName, numeric: numeric,
            letters: known.letters,
            stray: known.letters == 1 && !token.flags.contains(.ideographic) && !numeric,  // "s" of "it's"
            startsName: startsName)
          slot.endsPhrase = known.endsPhrase
          if lemmatized, token.analysis >= 0 {
            let analysis = layer.analyses[Int(token.analysis)]
            if tagged {
              Self.applyTag(verbForms[Int(token.word)] ? .verb : analysis.upos ?? .x, to: &slot)
            } else if let lexiconClass = analysis.lexiconClass {
              Self.applyTag(lexiconClass, to: &slot)  // a lemma-only language's verb-only form or numeral
            }
            if !slot.breaks && !known.isStripped { slot.stem = analysis.lemmaStem }
            if isDateOrNumberLemma(token.analysis) { slot.breaks = true }
          }
          if numeric || known.isDateOrNumber || Self.isAbbreviation(at: position, in: unit, layer: layer, letters: known.letters) {
            slot.breaks = true
          }
          slots.append(slot)
          wordCount += 1
        }
        if tagged { Self.markParticles(&slots, chainStart: chainStart, layer: layer, words: { word($0) }) }
        for start in 0..<chainCount where !slots[start].isStop && !slots[start].breaks {
          var allNumeric = true, letterCount = 0, hasStray = false, hasHead = false, counted = 0
          var hash = languageHash
          for end in start..<chainCount {
            if slots[end].breaks || end > start && slots[end - 1].endsPhrase { break }
            if !slots[end].isParticle { counted += 1 }
            if counted > maxWords { break }
            allNumeric = allNumeric && slots[end].numeric
            letterCount += slots[end].letters
            hasStray = hasStray || slots[end].stray
            hasHead = hasHead || slots[end].isHead
            // The hash of the stems joined by spaces, extended a word at a time.
            if end > start { hash = FNV1a.extend(hash, 0x20) }
            hash = FNV1a.extend(hash, slots[end].stem.utf8)
            if slots[end].isStop || allNumeric || letterCount < 2 || hasStray || !hasHead { continue }
            if keysOnly {
              keys.update(hash, orInsert: ())
              continue
            }
            let occurrence = occurrences.count
            occurrences.append(Occurrence(start: Int32(chainStart + start), end: Int32(chainStart + end)))
            let isMaximal = (start == 0 || slots[start - 1].isStop) && (end == chainCount - 1 || slots[end + 1].isStop)
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
    self.words = words
  }

  /// The word (after elision) of the token at `position`.
  private func word(at position: Int32) -> Word {
    // Every token an occurrence spans was read, so its word was filled in.
    words[Int(layer.tokens[Int(position)].word)] ?? Word(text: "", stem: "", always: false, stopword: false, isCapitalized: false, letters: 0)
  }

  /// Candidate keys (stems joined by spaces) in order of first occurrence.
  var order: [String] { orderHashes.compactMap { candidates[$0].map(key(of:)) } }

  /// The candidate whose key (stems joined by spaces) is `key`.
  func candidate(_ key: String) -> Candidate? {
    orderHashes.lazy.compactMap { self.candidates[$0] }.first { self.key(of: $0) == key }
  }

  /// The longest candidate that contains `candidate`'s words, occurs exactly as often, and is
  /// capitalised at every occurrence (a name), or `nil` when there is none longer.
  func wholeName(containing candidate: Candidate) -> Candidate? {
    var best: Candidate?
    var inner: [String]?
    for hash in orderHashes {
      guard let other = candidates[hash], other.words > max(candidate.words, best?.words ?? 0), other.count == candidate.count,
        other.capitalized == other.count
      else { continue }
      let words = stems(of: other)
      let part = inner ?? stems(of: candidate)
      inner = part
      guard words.count >= part.count, (0...(words.count - part.count)).contains(where: { Array(words[$0..<($0 + part.count)]) == part }) else {
        continue
      }
      best = other
    }
    return best
  }

  /// The stems of `candidate`'s words.
  func stems(of candidate: Candidate) -> [String] {
    let first = occurrences[candidate.firstOccurrence]
    return (first.start...first.end).map { word(at: $0).stem }
  }

  /// The words of `candidate`'s occurrence `occurrence`, as written (after elision).
  func surfaceWords(of occurrence: Occurrence) -> [String] {
    (occurrence.start...occurrence.end).map { word(at: $0).text }
  }

  /// Where `candidate` occurs, in order: per occurrence, the code-point offsets into the layer's
  /// text of its first token's start and its last token's end.
  func spans(of candidate: Candidate) -> [[Int]] {
    var spans: [[Int]] = []
    var index = candidate.firstOccurrence
    while index >= 0 {
      let occurrence = occurrences[index]
      spans.append([Int(layer.tokens[Int(occurrence.start)].start), Int(layer.tokens[Int(occurrence.end)].end)])
      index = Int(occurrence.next)
    }
    return spans
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
      let surface = surfaceWords(of: occurrence).joined(separator: joiner)
      if first == nil { first = surface }
      counts[surface, default: 0] += 1
      index = Int(occurrence.next)
    }
    return (counts, first ?? "")
  }

  /// The words of the first occurrence of `candidate` written as `surface` (one of its
  /// ``surfaces(of:)``), or of its first occurrence.
  func words(of candidate: Candidate, writtenAs surface: String) -> [String] {
    var index = candidate.firstOccurrence
    while index >= 0 {
      let words = surfaceWords(of: occurrences[index])
      if words.joined(separator: joiner) == surface { return words }
      index = Int(occurrences[index].next)
    }
    return surfaceWords(of: occurrences[candidate.firstOccurrence])
  }

  /// The surface form shown for `candidate`: the most frequent, except where words are grouped by
  /// truncation: the grouped forms are inflections, and the shortest (then the most frequent) is
  /// most often the base form ("skuteczność", not "skuteczności").
  func text(of candidate: Candidate) -> String {
    if isLemmatized { return lemmaOrSurface(of: candidate) }
    guard groupsByTruncation else { return mostFrequentText(of: candidate) }
    let (counts, first) = surfaces(of: candidate)
    return counts.min { a, b in
      a.key.count != b.key.count ? a.key.count < b.key.count : a.value != b.value ? a.value > b.value : a.key < b.key
    }?.key ?? first
  }

  /// In a lemmatized layer: a one-word candidate is shown as the lemma of its most frequent form
  /// when a dictionary gave that lemma (or a suffix rule did, and the word frequencies list the
  /// lemma as a more frequent word than the form) and the form is the lemma inflected
  /// ("Bereichen" -> "Bereich", "Südkoreas" -> "Südkorea": the lemma is the form's start, give or
  /// take its last two letters); a phrase, a name written otherwise ("Russland", lemma "Rußland"),
  /// a form stripped of a clitic or an irregular form as it is most often written.
  func lemmaOrSurface(of candidate: Candidate) -> String {
    let surface = mostFrequentText(of: candidate)
    guard candidate.words == 1 else { return surface }
    // A lemma that differs from the form only in case is not shown ("cataluña" for "Cataluña").
    var index = candidate.firstOccurrence
    while index >= 0 {
      let occurrence = occurrences[index]
      if word(at: occurrence.start).text == surface {
        guard !word(at: occurrence.start).isStripped, let analysis = layer.analysis(ofToken: Int(occurrence.start)),
          analysis.lemma.lowercased() != surface.lowercased()
        else { return surface }
        // UD_Finnish-TDT's compound marks ("pöytä#kirja") are no part of a word a person writes.
        let lemma = MorphologyTagger.unmarked(analysis.lemma)
        guard Self.isInflection(surface, of: lemma) else { return surface }
        // A suffix rule's lemma is shown when it is a word of the language, more frequent than the
        // form, that the dictionary does not list as another word's inflection ("skrzyżowaniach"
        // -> "skrzyżowanie", but not "прогнозу" -> "прогноза"); rules also make forms no one writes.
        if analysis.isKnown { return lemma }
        // The frequencies are keyed by lower case as the token layer makes it.
        guard frequencies?.isListed(lemma.lowercasedByScalar(), moreFrequentThan: surface.lowercasedByScalar()) == true,
          let model = MorphologyModel.bundled(layer.language), !model.listsAsInflection(lemma, tag: analysis.upos)
        else { return surface }
        return lemma
      }
      index = Int(occurrence.next)
    }
    return surface
  }

  /// Whether `form` is `lemma` with an ending changed: they agree (ignoring case) on all of the
  /// lemma but its last two letters, and on at least three letters.
  static func isInflection(_ form: String, of lemma: String) -> Bool {
    let a = Array(form.lowercased()), b = Array(lemma.lowercased())
    var common = 0
    while common < min(a.count, b.count) && a[common] == b[common] { common += 1 }
    return common >= 3 && common >= b.count - 2 && b.count >= 3
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

  /// Whether the word at `position` is an abbreviation: two to four letters, not all capitals,
  /// written with a full stop right after it that does not end its sentence (`unit`) — a title or
  /// a shortened word ("Dr. Alice Morgan", "Prof.", "Nr.", "bzw."), no keyword on its own or in a
  /// phrase. Capitals-only forms ("U.S.", "EU.") are left alone.
  static func isAbbreviation(at position: Int, in unit: Range<Int>, layer: TokenLayer, letters: Int) -> Bool {
    guard (2...4).contains(letters), position + 2 < unit.upperBound else { return false }
    let stop = layer.tokens[position + 1]
    guard stop.flags.contains(.punctuation), stop.start == layer.tokens[position].end, layer.words[Int(stop.word)].text == "." else {
      return false
    }
    let text = layer.words[Int(layer.tokens[position].word)].text
    guard text.unicodeScalars.contains(where: { $0.properties.isLowercase }) else { return false }
    // A word, not only closing quotes or brackets, follows in the sentence.
    return (position + 2..<unit.upperBound).contains { !layer.tokens[$0].flags.contains(.punctuation) }
  }

  /// What `upos` makes of a token's slot: verbs, auxiliaries, adverbs, pronouns, numbers,
  /// interjections and symbols end candidates; adjectives may be in one but
  /// not make one alone; particles (ADP, DET, CCONJ, PART, SCONJ) stop at the edges and end a
  /// candidate unless ``markParticles(_:chainStart:layer:words:)`` finds them inside a name.
  static func applyTag(_ upos: UniversalTag, to slot: inout Slot) {
    switch upos {
    case .noun, .propn, .x:
      slot.isHead = true
    case .adj:
      slot.isHead = false
    case .adp, .det, .cconj, .part, .sconj:
      slot.isStop = true
      slot.isHead = false
      slot.breaks = true
    default:
      slot.breaks = true
      slot.isHead = false
    }
  }

  /// Lets a particle sit inside a name: one or two lower-case words of up to three letters
  /// (ADP, DET: "del", "da", "von der") after a proper noun and before a proper or capitalised noun
  /// (taggers often call the last word of a name a noun; a German noun after "im" is capitalised
  /// too, so the word before must be a proper noun), stop at the edges only.
  static func markParticles(_ slots: inout [Slot], chainStart: Int, layer: TokenLayer, words: (Int32) -> Word) {
    var index = 1
    while index < slots.count - 1 {
      guard slots[index].breaks && slots[index].isStop, Self.isNameParticle(layer, chainStart + index, words) else {
        index += 1
        continue
      }
      var end = index
      if end + 1 < slots.count - 1, slots[end + 1].breaks && slots[end + 1].isStop, Self.isNameParticle(layer, chainStart + end + 1, words) {
        end += 1
      }
      if Self.nameWord(layer, chainStart + index - 1, words) == .properNoun, Self.nameWord(layer, chainStart + end + 1, words) != nil,
        !slots[index - 1].breaks && !slots[end + 1].breaks
      {
        for inner in index...end {
          slots[inner].breaks = false
          slots[inner].isParticle = true
        }
      }
      index = end + 1
    }
  }

  /// What can make a token a word of a name.
  enum NameWord { case properNoun, capitalisedNoun }

  /// Whether the token at `position` can be a word of a name, and why; `nil` when it cannot.
  static func nameWord(_ layer: TokenLayer, _ position: Int, _ words: (Int32) -> Word) -> NameWord? {
    switch layer.analysis(ofToken: position)?.upos {
    case .propn: return .properNoun
    case .noun: return words(layer.tokens[position].word).isCapitalized ? .capitalisedNoun : nil
    default: return nil
    }
  }

  static func isNameParticle(_ layer: TokenLayer, _ position: Int, _ words: (Int32) -> Word) -> Bool {
    let token = layer.tokens[position]
    guard token.analysis >= 0, let upos = layer.analyses[Int(token.analysis)].upos, [.adp, .det].contains(upos) else { return false }
    let word = words(token.word)
    return !word.isCapitalized && word.letters <= 3
  }


  /// The form `text` without a leading elided word of up to three letters ("d'un" -> "un"), with
  /// the features read from what is left, or `nil` when nothing is elided.
  static func withoutElision(_ text: String) -> (text: String, isCapitalized: Bool, letters: Int)? {
    // Most words have no apostrophe (U+0027, or U+2019 whose UTF-8 starts with E2): a byte scan
    // says so without comparing characters.
    guard text.utf8.contains(where: { $0 == 0x27 || $0 == 0xE2 }),
      let apostrophe = text.firstIndex(where: { $0 == "'" || $0 == "’" }) else { return nil }
    let prefix = text[..<apostrophe], rest = text[text.index(after: apostrophe)...]
    guard prefix.count <= 3, rest.count >= 2 else { return nil }
    return (String(rest), rest.first?.isUppercase ?? false, rest.count)
  }

  /// Languages whose words are written without spaces between them.
  static let writtenWithoutSpaces: Set<String> = ["zh", "ja", "th", "km", "lo", "my", "bo"]
}
