/// Universal Dependencies' 17 part-of-speech tags (https://universaldependencies.org/u/pos/),
/// in the order the morphology models number them.
public enum UniversalTag: UInt8, CaseIterable, Sendable, Codable, CustomStringConvertible {
  case adj, adp, adv, aux, cconj, det, intj, noun, num, part, pron, propn, punct, sconj, sym, verb, x

  /// The tag as UD writes it ("NOUN").
  public var description: String { Self.names[Int(rawValue)] }

  /// The tag UD writes as `name`, or `nil`.
  public init?(name: String) {
    guard let index = Self.names.firstIndex(of: name) else { return nil }
    self.init(rawValue: UInt8(index))
  }

  static let names = [
    "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM",
    "VERB", "X",
  ]
}

/// The word-level part of the tagger's work (the word's feature hashes, the summed weights of its
/// word, suffix, prefix and bias features, and its lemma for the tag it last had; a lemma-only
/// model's lemma under the tag X) for words tagged recently by one worker with one model: common
/// words recur in every document. At most ``capacity`` words per model, then it
/// starts afresh. Never used by two workers at once (``pool``); a hit gives exactly what
/// computing again would (`MorphologyTests` checks tags with a cold and a warm cache).
final class WordScoreCache {
  /// Per worker and model: 1,024 words take about 0.15 MB (a lemma-only model's, which keep no
  /// scores, about 0.1 MB). Every worker keeps one per language it met, so this bounds
  /// memory: 4,096 cost the news pipeline 10 to 20 MB more peak memory at `--jobs 2` on the 20 MB
  /// corpus for no CPU it could measure; 1,024 instead of 2,048 takes 5 to 7 MB off the peak on the
  /// 50 MB corpus for 1.3% more instructions (callgrind, the first 1,000 files of the 20 MB one).
  static let capacity = 1_024
  /// Mixed into word keys: the model's language, so that models never share entries.
  let seed: UInt64
  /// The model the entries are of: weak, so that a model made after another one is freed, at the
  /// same address, is not taken for it (tests map models of their own).
  private weak var model: MorphologyModel?
  /// The cached words; a tagger takes it out for a whole document (``take()``, ``putBack(_:)``),
  /// so that its accesses are to a local value, not to a class property checked on every access.
  private var storage = Storage()

  struct Storage {
    private var slots: UInt64Map<Int32>
    private var scores: [Int32] = []
    private var features: [MorphologyTagger.WordFeatures] = []
    /// Per cached word, the lemma made for it with one tag (`nil`: none yet).
    private var lemmas: [(tag: UniversalTag, lemma: String, isKnown: Bool, stem: String)?] = []

    /// An empty store with room for ``WordScoreCache/capacity`` words.
    init() { slots = UInt64Map(empty: -1, capacity: WordScoreCache.capacity) }

    /// An empty store that holds nothing yet: the stand-in while a tagger has the real one.
    init(emptyPlaceholder: Void) { slots = UInt64Map(empty: -1) }

    /// The cached features of the word with `key`, its scores written to `into`; `nil` when not cached.
    @inline(__always)
    func features(of key: UInt64, scores into: UnsafeMutablePointer<Int32>) -> MorphologyTagger.WordFeatures? {
      guard let slot = slots[key] else { return nil }
      let base = Int(slot) * MorphologyModel.tagCount
      scores.withUnsafeBufferPointer { cached in
        for tag in 0..<MorphologyModel.tagCount { into[tag] = cached[base + tag] }
      }
      return features[Int(slot)]
    }

    /// A lemma-only model's entry for the word with `key` (``storeLemmaOnly(_:lowerHash:of:)``):
    /// its lemma and the hash of its lower-case form; `nil` when not cached.
    @inline(__always)
    func lemmaOnly(of key: UInt64) -> (lemma: String, isKnown: Bool, stem: String, lowerHash: UInt64)? {
      guard let slot = slots[key], let stored = lemmas[Int(slot)] else { return nil }
      return (stored.lemma, stored.isKnown, stored.stem, features[Int(slot)].hash)
    }

    /// Keeps a lemma-only model's lemma of the word with `key`. Such a store keeps no scores (a
    /// lemma-only model has none): ``features(of:scores:)`` is for a tagger's store only.
    mutating func storeLemmaOnly(_ lemma: (lemma: String, isKnown: Bool, stem: String), lowerHash: UInt64, of key: UInt64) {
      store(key, MorphologyTagger.WordFeatures(hash: lowerHash, suffix3: 0, shape: 0), scores: nil)
      storeLemma(lemma, of: key, tag: .x)
    }

    /// The lemma stored for the word with `key` tagged `tag`, if any.
    @inline(__always)
    func lemma(of key: UInt64, tag: UniversalTag) -> (lemma: String, isKnown: Bool, stem: String)? {
      guard let slot = slots[key], let stored = lemmas[Int(slot)], stored.tag == tag else { return nil }
      return (stored.lemma, stored.isKnown, stored.stem)
    }

    /// Keeps `lemma` for the cached word with `key` tagged `tag` (nothing when it is not cached).
    mutating func storeLemma(_ lemma: (lemma: String, isKnown: Bool, stem: String), of key: UInt64, tag: UniversalTag) {
      guard let slot = slots[key] else { return }
      lemmas[Int(slot)] = (tag, lemma.lemma, lemma.isKnown, lemma.stem)
    }

    /// Keeps the word with `key`: its features and, for a tagger's store, its scores (`nil` for a
    /// lemma-only model's). The arrays grow by doubling up to about ``WordScoreCache/capacity``
    /// words, not past it.
    mutating func store(_ key: UInt64, _ found: MorphologyTagger.WordFeatures, scores from: UnsafeMutablePointer<Int32>?) {
      let capacity = WordScoreCache.capacity
      if slots.count >= capacity {
        slots = UInt64Map(empty: -1, capacity: capacity)
        scores.removeAll(keepingCapacity: true)
        features.removeAll(keepingCapacity: true)
        lemmas.removeAll(keepingCapacity: true)
      }
      if features.count == features.capacity {
        let words = min(capacity, max(64, 2 * features.count))
        features.reserveCapacity(words)
        lemmas.reserveCapacity(words)
        if from != nil { scores.reserveCapacity(words * MorphologyModel.tagCount) }
      }
      slots.set(key, Int32(features.count))
      if let from { scores.append(contentsOf: UnsafeBufferPointer(start: from, count: MorphologyModel.tagCount)) }
      features.append(found)
      lemmas.append(nil)
    }
  }

  init(model: MorphologyModel) {
    self.model = model
    seed = FNV1a.hash64(model.language.utf8)
  }

  /// The cached words, leaving an empty store until ``putBack(_:)``.
  func take() -> Storage {
    defer { storage = Storage(emptyPlaceholder: ()) }
    return storage
  }

  func putBack(_ storage: Storage) { self.storage = storage }

  /// A worker's caches, one per model it has tagged with: taken from ``pool`` for a document and
  /// put back after it.
  final class Caches {
    private var byModel: [ObjectIdentifier: WordScoreCache] = [:]

    /// The cache for `model`, made on first use.
    func cache(for model: MorphologyModel) -> WordScoreCache {
      if let existing = byModel[ObjectIdentifier(model)], existing.model === model { return existing }
      let cache = WordScoreCache(model: model)
      byModel[ObjectIdentifier(model)] = cache
      return cache
    }
  }

  /// The workers' caches: as many as documents were tagged at once. A tagger takes one for a
  /// document and puts it back after.
  static let pool = CachePool<Caches>()
}

/// Tags and lemmatizes a token layer with one language's ``MorphologyModel``: a greedy averaged
/// perceptron over the features `Scripts/train-morphology` names (word, suffixes, prefixes, shape,
/// the tags the training text gave the word and the next one, the two tags before, the words
/// around), then the lemma as the model's exception for the (form,
/// tag) pair, else its lemma-dictionary entry for the form, else its longest (tag, suffix) rule.
///
/// The features are the script's, key for key, and scores are integer sums, so the tags are the
/// ones the script reports for the same tokens (`MorphologyTests` pins a few). What depends on a
/// word alone (its hashes, and the summed weights of its word, suffix, prefix and bias features)
/// is worked out once per distinct word of the document, straight from its UTF-8 bytes; a token
/// then adds only the features of its context. A lemma is made once per distinct (word, tag).
struct MorphologyTagger {
  let model: MorphologyModel
  /// Stems each distinct lemma once (``TokenLayer/Analysis/lemmaStem``), in the model's language.
  let stemmer: TermStemmer

  init(model: MorphologyModel) {
    self.model = model
    stemmer = TermStemmer(language: model.language)
  }

  static let tagCount = MorphologyModel.tagCount
  static let start: UInt64 = 1, end: UInt64 = 2
  static let noTag: UInt64 = UInt64(UniversalTag.allCases.count + 1)
  /// The tag-set features' value in place of a word after a sentence's last one.
  static let noTagSet: UInt64 = 1 << 30
  static let maxSuffix = 7

  /// What other tokens' features read of one distinct word.
  struct WordFeatures {
    var hash: UInt64
    var suffix3: UInt64
    var shape: UInt64
    /// The number of the word's tag set in the model's dense rows
    /// (``MorphologyModel/ContextRows/tagSetNumber(_:)``; 0: none).
    var tagSetNumber: Int32 = 0
  }

  /// `layer` with every token's tag and lemma (``TokenLayer/analyses``); only lemmas with a
  /// lemma-only model.
  func analyze(_ layer: inout TokenLayer) {
    if model.isLemmaOnly { return lemmatizeOnly(&layer) }
    let wordCount = layer.words.count
    let stride = Self.maxSuffix + 1
    var features: [WordFeatures] = []
    features.reserveCapacity(wordCount)
    // Per word: the summed weights of the features that depend on it alone, and the hashes of
    // its lower-case form's last 0...7 scalars (for the lemma rules).
    // (Filled in before they are read: every row is written below, a suffix hash before its count is set.)
    var wordScores = Self.unfilled(Int32.self, count: wordCount * Self.tagCount)
    var suffixHashes = Self.unfilled(UInt64.self, count: wordCount * stride)
    var isWordToken = [Bool](repeating: false, count: wordCount)
    for token in layer.tokens where !token.flags.contains(.punctuation) { isWordToken[Int(token.word)] = true }
    var suffixCounts = [Int](repeating: -1, count: wordCount)  // -1: not hashed yet
    let caches = WordScoreCache.pool.take(orMake: WordScoreCache.Caches.init)
    defer { WordScoreCache.pool.putBack(caches) }
    let cache = caches.cache(for: model)
    var cached = cache.take()
    defer { cache.putBack(cached) }
    let cacheKeys = layer.words.map { Self.mix($0.key, cache.seed) }
    wordScores.withUnsafeMutableBufferPointer { wordScores in
      for index in layer.words.indices {
        let scores = wordScores.baseAddress! + index * Self.tagCount
        let cacheKey = cacheKeys[index]
        if let known = cached.features(of: cacheKey, scores: scores) {
          features.append(known)
          continue
        }
        scores.update(repeating: 0, count: Self.tagCount)
        guard isWordToken[index] else {  // punctuation: not in any token's context
          features.append(WordFeatures(hash: 0, suffix3: 0, shape: 0))
          continue
        }
        var found = WordFeatures(hash: 0, suffix3: 0, shape: Self.shape(of: layer.words[index].text))
        var keys = KeyBatch()
        keys.add(Self.mix(0, 0))
        var lowerHash: UInt64 = 0
        suffixCounts[index] = Self.hashes(of: layer.words[index].lower) { part, hash in
          switch part {
          case .word:
            found.hash = hash
            lowerHash = hash
            keys.add(Self.mix(1, hash))
          case .suffix(let k):
            if k <= 3 { found.suffix3 = hash }  // the last three scalars, or the whole word when shorter
            if k >= 1 && k <= 5 { keys.add(Self.mix(1 + UInt64(k), hash)) }
            suffixHashes[index * stride + k] = hash
          case .prefix(let k):
            keys.add(Self.mix(30 + UInt64(k), hash))
          }
        }
        let word = layer.words[index]
        let formHash = word.text == word.lower ? lowerHash : FNV1a.hash64(word.text.utf8)
        keys.add(Self.mix(24, model.lexiconClass(formHash: formHash, lowerHash: lowerHash)))
        if model.hasPartOfSpeechClasses {
          keys.add(Self.mix(25, model.partOfSpeechClass(formHash: formHash, lowerHash: lowerHash)))
        }
        let tagSet = model.tagSet(lowerHash: lowerHash)
        found.tagSetNumber = model.contextRows.tagSetNumber(tagSet)
        keys.add(Self.mix(41, tagSet))
        keys.addWeights(model.features, to: scores)
        features.append(found)
        cached.store(cacheKey, found, scores: scores)
      }
    }
    let roles = Self.roleRows(of: features, isWordToken: isWordToken, model: model)
    let tags = Self.bestTags(of: layer, features: features, wordScores: wordScores, roles: roles, model: model)
    // The (word, tag) pairs seen so far: a word's first tag is kept beside it, others in a table.
    var firstTag = [UInt8](repeating: .max, count: wordCount)
    var firstAnalysis = [Int32](repeating: -1, count: wordCount)
    var otherAnalyses = UInt64Map<Int32>(empty: -1)
    var analyses: [TokenLayer.Analysis] = []
    for position in layer.tokens.indices where tags[position] != .max {
      let word = Int(layer.tokens[position].word)
      let best = Int(tags[position])
      let current = features[word]
      let analysis: Int32
      if firstTag[word] == UInt8(best) {
        analysis = firstAnalysis[word]
      } else if let known = otherAnalyses[UInt64(word) << 8 | UInt64(best)] {
        analysis = known
      } else {
        let tag = UniversalTag(rawValue: UInt8(best))!
        let lemma: (lemma: String, isKnown: Bool, stem: String)
        if let known = cached.lemma(of: cacheKeys[word], tag: tag) {
          lemma = known
        } else {
          if suffixCounts[word] < 0 {  // the word's scores came from the cache
            suffixCounts[word] = Self.hashes(of: layer.words[word].lower) { part, hash in
              if case .suffix(let k) = part { suffixHashes[word * stride + k] = hash }
            }
          }
          let suffixes = suffixHashes[(word * stride)...(word * stride + suffixCounts[word])]
          let made = self.lemma(of: layer.words[word], hash: current.hash, suffixes: suffixes, tag: tag)
          lemma = (made.lemma, made.isKnown, stemmer.stem(Self.unmarked(made.lemma).lowercasedByScalar()))
          cached.storeLemma(lemma, of: cacheKeys[word], tag: tag)
        }
        analyses.append(TokenLayer.Analysis(upos: tag, lemma: lemma.lemma, isKnown: lemma.isKnown, lemmaStem: lemma.stem))
        analysis = Int32(analyses.count - 1)
        if firstTag[word] == .max {
          firstTag[word] = UInt8(best)
          firstAnalysis[word] = analysis
        } else {
          otherAnalyses.set(UInt64(word) << 8 | UInt64(best), analysis)
        }
      }
      layer.tokens[position].analysis = analysis
    }
    Self.analyzePunctuation(&layer, into: &analyses, tagged: true)
    layer.analyses = analyses
  }

  /// The best tag of each word token of `layer` (`.max` for punctuation), greedily left to right
  /// in each sentence: a token's scores are its word's own (`wordScores`), the rows of its shape,
  /// of the two tags before and of its neighbours' roles (``roleRows(of:isWordToken:model:)``), and
  /// the four features that pair it with a neighbour or the tag before, looked up in the model.
  static func bestTags(
    of layer: TokenLayer, features: [WordFeatures], wordScores: [Int32], roles: [Int32], model: MorphologyModel
  ) -> [UInt8] {
    var tags = [UInt8](repeating: .max, count: layer.tokens.count)
    let table = model.features, contextRows = model.contextRows.rows, tagSetBase = model.contextRows.tagSetBase
    typealias Rows = MorphologyModel.ContextRows
    // A sentence's word tokens and their words: the context the model was trained on has no punctuation.
    var positions: [Int] = []
    var words: [Int] = []
    features.withUnsafeBufferPointer { features in
      wordScores.withUnsafeBufferPointer { wordScores in
        roles.withUnsafeBufferPointer { roles in
          contextRows.withUnsafeBufferPointer { context in
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: tagCount) { buffer in
              let scores = buffer.baseAddress!, wordScores = wordScores.baseAddress!
              let roles = roles.baseAddress!, context = context.baseAddress!
              for sentence in 0..<layer.sentenceCount {
                positions.removeAll(keepingCapacity: true)
                words.removeAll(keepingCapacity: true)
                for position in layer.tokenRange(ofSentence: sentence) where !layer.tokens[position].flags.contains(.punctuation) {
                  positions.append(position)
                  words.append(Int(layer.tokens[position].word))
                }
                let count = words.count
                var previous = noTag, before = noTag
                for index in 0..<count {
                  let word = words[index]
                  let current = features[word]
                  let hasLast = index > 0, hasFollowing = index + 1 < count
                  let lastHash = hasLast ? features[words[index - 1]].hash : start
                  let followingHash = hasFollowing ? features[words[index + 1]].hash : end
                  let followingTagSet: Int32 = hasFollowing ? features[words[index + 1]].tagSetNumber : Rows.noFollowingTagSet
                  var keys = KeyBatch()
                  keys.add(mix(mix(14, previous), current.hash))
                  keys.add(mix(mix(18, lastHash), current.hash))
                  keys.add(mix(mix(19, current.hash), followingHash))
                  keys.add(mix(mix(23, previous), current.suffix3))
                  keys.prefetch(table)
                  // The dense rows are added 16 tags at a time (SIMD) plus the 17th.
                  var sum = Rows.Sum(wordScores + word * tagCount)
                  sum.add(context + Rows.shapeRow(current.shape | (index == 0 ? 32 : 0)) * tagCount)
                  sum.add(context + Rows.tagsRow(previous: previous, before: before) * tagCount)
                  sum.add(hasLast ? roles + roleRow(words[index - 1], .last) : context + Rows.edgeRow(.noLast) * tagCount)
                  sum.add(index > 1 ? roles + roleRow(words[index - 2], .beforeLast) : context + Rows.edgeRow(.noBeforeLast) * tagCount)
                  sum.add(hasFollowing ? roles + roleRow(words[index + 1], .following) : context + Rows.edgeRow(.noFollowing) * tagCount)
                  sum.add(index + 2 < count ? roles + roleRow(words[index + 2], .afterNext) : context + Rows.edgeRow(.noAfterNext) * tagCount)
                  sum.add(context + Rows.tagSetRow(base: tagSetBase, previous: previous, next: followingTagSet) * tagCount)
                  sum.store(to: scores)
                  keys.addPrefetchedWeights(table) { _ in scores }
                  var best = 0
                  for tag in 1..<tagCount where scores[tag] > scores[best] { best = tag }
                  tags[positions[index]] = UInt8(best)
                  before = previous
                  previous = UInt64(best + 1)
                }
              }
            }
          }
        }
      }
    }
    return tags
  }

  /// What a word gives the tokens around it: the weights of the features that read it as the word
  /// before (11), two before (16), after (12, 13, 17) or two after (15), one row each.
  enum Role: Int, CaseIterable {
    case last, beforeLast, following, afterNext
  }

  /// An array of `count` values that the caller writes before it reads any (no zeroing first).
  static func unfilled<Value: BitwiseCopyable>(_ type: Value.Type, count: Int) -> [Value] {
    Array(unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
  }

  /// Where word `word`'s row for `role` starts in ``roleRows(of:isWordToken:model:)``.
  @inline(__always)
  static func roleRow(_ word: Int, _ role: Role) -> Int { (word * Role.allCases.count + role.rawValue) * tagCount }

  /// The ``Role`` rows of every word with `isWordToken` (the others', punctuation's, are zero: the
  /// tagger's context skips punctuation), from its features.
  static func roleRows(of features: [WordFeatures], isWordToken: [Bool], model: MorphologyModel) -> [Int32] {
    let rowsPerWord = Role.allCases.count * tagCount
    var rows = unfilled(Int32.self, count: features.count * rowsPerWord)
    // Key i of a word goes to its row `targets[i]`.
    let targets: [Role] = [.last, .beforeLast, .following, .following, .following, .afterNext]
    rows.withUnsafeMutableBufferPointer { rows in
      let rows = rows.baseAddress!
      for word in features.indices {
        (rows + roleRow(word, .last)).update(repeating: 0, count: rowsPerWord)
        guard isWordToken[word] else { continue }
        let found = features[word]
        var keys = KeyBatch()
        keys.add(mix(11, found.hash))
        keys.add(mix(16, found.hash))
        keys.add(mix(12, found.hash))
        keys.add(mix(13, found.suffix3))
        keys.add(mix(17, found.shape & 3))
        keys.add(mix(15, found.hash))
        keys.prefetch(model.features)
        keys.addPrefetchedWeights(model.features) { rows + roleRow(word, targets[$0]) }
      }
    }
    return rows
  }

  /// Gives each punctuation token an analysis: UD's SYM for symbols ("%", "+", "€"), PUNCT for the
  /// rest (`tagged`; no tag from a lemma-only model), the form as its lemma.
  static func analyzePunctuation(_ layer: inout TokenLayer, into analyses: inout [TokenLayer.Analysis], tagged: Bool) {
    var byWord: [Int32: Int32] = [:]
    for position in layer.tokens.indices where layer.tokens[position].flags.contains(.punctuation) {
      let word = layer.tokens[position].word
      if let known = byWord[word] {
        layer.tokens[position].analysis = known
        continue
      }
      let text = layer.words[Int(word)].text
      let symbol = text.unicodeScalars.allSatisfy { scalar in
        switch scalar.properties.generalCategory {
        case .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol: true
        default: false
        }
      }
      analyses.append(TokenLayer.Analysis(upos: tagged ? (symbol ? .sym : .punct) : nil, lemma: text, isKnown: true, lemmaStem: text))
      byWord[word] = Int32(analyses.count - 1)
      layer.tokens[position].analysis = Int32(analyses.count - 1)
    }
  }

  /// Up to 16 feature keys, looked up together: every slot is requested before the first is read,
  /// then every first weight before the first is added.
  struct KeyBatch {
    private var keys: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
                       UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) =
      (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    private var count = 0

    @inline(__always)
    mutating func add(_ key: UInt64) {
      withUnsafeMutableBytes(of: &keys) { $0.storeBytes(of: key, toByteOffset: count * 8, as: UInt64.self) }
      count += 1
    }

    /// Starts loading the slots of the keys so far, ahead of ``addPrefetchedWeights(_:to:)``.
    @inline(__always)
    func prefetch(_ table: FeatureTable) {
      withUnsafeBytes(of: keys) { raw in
        let keys = raw.bindMemory(to: UInt64.self)
        for index in 0..<count { table.prefetch(keys[index]) }
      }
    }

    /// Adds the weights of key `i` to `target(i)`, once ``prefetch(_:)`` has started loading the
    /// keys' slots: every slot is read before the first weight is added.
    @inline(__always)
    func addPrefetchedWeights(_ table: FeatureTable, to target: (Int) -> UnsafeMutablePointer<Int32>) {
      withUnsafeBytes(of: keys) { raw in
        let keys = raw.bindMemory(to: UInt64.self)
        var slots: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
                    UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) =
          (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &slots) { raw in
          let slots = raw.bindMemory(to: UInt64.self)
          for index in 0..<count {
            slots[index] = table.slot(of: keys[index])
            table.prefetchWeights(ofSlot: slots[index])
          }
          for index in 0..<count { table.addWeights(ofSlot: slots[index], to: target(index)) }
        }
      }
    }

    /// Adds the weights of every key to `scores`.
    @inline(__always)
    func addWeights(_ table: FeatureTable, to scores: UnsafeMutablePointer<Int32>) {
      prefetch(table)
      addPrefetchedWeights(table) { _ in scores }
    }
  }

  /// `layer` with every token's lemma from a lemma-only model (one analysis per distinct word).
  func lemmatizeOnly(_ layer: inout TokenLayer) {
    var analyses: [TokenLayer.Analysis] = []
    analyses.reserveCapacity(layer.words.count)
    var suffixes = [UInt64](repeating: 0, count: Self.maxSuffix + 1)
    // Recent words' lemmas, kept as the tagger keeps its words'.
    let caches = WordScoreCache.pool.take(orMake: WordScoreCache.Caches.init)
    defer { WordScoreCache.pool.putBack(caches) }
    let cache = caches.cache(for: model)
    var cached = cache.take()
    defer { cache.putBack(cached) }
    for word in layer.words {
      let cacheKey = Self.mix(word.key, cache.seed)
      if let known = cached.lemmaOnly(of: cacheKey) {
        analyses.append(
          TokenLayer.Analysis(
            upos: nil, lemma: known.lemma, isKnown: known.isKnown, lemmaStem: known.stem, lexiconClass: model.listedClass(lowerHash: known.lowerHash)))
        continue
      }
      var hash: UInt64 = 0
      let longest = Self.hashes(of: word.lower) { part, value in
        switch part {
        case .word: hash = value
        case .suffix(let k): suffixes[k] = value
        case .prefix: break
        }
      }
      let made = lemma(of: word, hash: hash, suffixes: suffixes[...longest], tag: .x)
      let stem = stemmer.stem(made.lemma.lowercasedByScalar())
      cached.storeLemmaOnly((made.lemma, made.isKnown, stem), lowerHash: hash, of: cacheKey)
      analyses.append(
        TokenLayer.Analysis(upos: nil, lemma: made.lemma, isKnown: made.isKnown, lemmaStem: stem, lexiconClass: model.listedClass(lowerHash: hash)))
    }
    for position in layer.tokens.indices { layer.tokens[position].analysis = layer.tokens[position].word }
    for position in layer.tokens.indices where layer.tokens[position].flags.contains(.punctuation) {
      let word = Int(layer.tokens[position].word)
      analyses[word] = TokenLayer.Analysis(upos: nil, lemma: layer.words[word].text, isKnown: true, lemmaStem: layer.words[word].text)
    }
    layer.analyses = analyses
  }

  /// The lemma of `word` tagged `tag`: the model's exception for the pair, else its lemma
  /// dictionary's entry (with "#" between its compound parts where the model has them:
  /// ``MorphologyModel/markedCompound(_:tag:)``), else its longest (tag, suffix) rule, else the
  /// form itself (these two through ``ruleLemma(_:of:tag:)``). `hash` is its lower-case form's FNV-1a hash and
  /// `suffixes[k]` that of its last `k` scalars.
  func lemma(of word: TokenLayer.Word, hash: UInt64, suffixes: ArraySlice<UInt64>, tag: UniversalTag) -> (lemma: String, isKnown: Bool) {
    let tagKey = UInt64(tag.rawValue)
    if let edit = model.exceptionEdit(Self.mix(Self.mix(21, tagKey), hash)) { return (Self.apply(edit, to: word), true) }
    if let edit = model.lexiconEdit(
      formHash: word.text == word.lower ? hash : FNV1a.hash64(word.text.utf8), lowerHash: hash, capitalized: word.isCapitalized,
      tag: tag)
    {
      return (model.markedCompound(Self.apply(edit, to: word), tag: tag), true)
    }
    let ruleSeed = Self.mix(20, tagKey)
    for suffix in suffixes.reversed() {
      if let edit = model.ruleEdit(Self.mix(ruleSeed, suffix)) { return (ruleLemma(Self.apply(edit, to: word), of: word, tag: tag), false) }
    }
    return (ruleLemma(word.text, of: word, tag: tag), false)
  }

  /// A suffix rule's lemma of `word` tagged `tag` without a "+" in front where the rule, learned
  /// from words with a stem before its suffix, strips the whole form (Korean "했고": "+하+았+고" ->
  /// "하+았+고"), split into compound parts where the model has them
  /// (``MorphologyModel/splitCompound(_:)``, ``MorphologyModel/markedCompound(_:tag:)``); for a
  /// noun, name or adverb, the form as a noun and its particle instead where it is one
  /// (``MorphologyModel/particleSplit(_:)``). The training script's `rule_lemma`.
  func ruleLemma(_ lemma: String, of word: TokenLayer.Word, tag: UniversalTag) -> String {
    var lemma = lemma
    if lemma.utf8.first == UInt8(ascii: "+"), word.text.utf8.first != UInt8(ascii: "+") { lemma = String(lemma.unicodeScalars.dropFirst()) }
    if model.hasParticles, [.noun, .propn, .adv].contains(tag), let split = model.particleSplit(word.text) { return split }
    return model.markedCompound(model.splitCompound(lemma), tag: tag)
  }

  /// `lemma` without UD_Finnish-TDT's compound marks ("pöytä#kirja" -> "pöytäkirja"): what its
  /// stem (``TokenLayer/Analysis/lemmaStem``) and a keyword are made of, so that a compound groups
  /// with its unmarked forms and is shown as written.
  static func unmarked(_ lemma: String) -> String {
    lemma.utf8.contains(UInt8(ascii: "#")) ? String(String.UnicodeScalarView(lemma.unicodeScalars.filter { $0 != "#" })) : lemma
  }

  static func apply(_ edit: MorphologyModel.Edit, to word: TokenLayer.Word) -> String {
    let source = edit.lowercases ? word.lower : word.text
    guard edit.strip > 0 else { return edit.append.isEmpty ? source : source + edit.append }
    var scalars = source.unicodeScalars
    guard edit.strip <= scalars.count else { return source }
    scalars.removeLast(edit.strip)
    return String(scalars) + edit.append
  }

  /// What ``hashes(of:_:)`` hands over.
  enum Part {
    case word
    /// The last `k` scalars (0...7, while the word has that many).
    case suffix(Int)
    /// The first `k` scalars (1...3, while the word has more).
    case prefix(Int)
  }

  /// Calls `body` with the FNV-1a hash of `lower`'s UTF-8 bytes, of its suffixes of 0 to 7
  /// scalars (shortest first) and of its prefixes of 1 to 3 scalars, as the training script's
  /// features take them, without making a string; returns the longest suffix length handed over.
  @inline(__always)
  static func hashes(of lower: String, _ body: (Part, UInt64) -> Void) -> Int {
    var lower = lower
    return lower.withUTF8 { bytes -> Int in
      // Where the first 4 and the last 8 scalars start (a scalar starts at each byte that is not
      // a continuation byte 10xxxxxx).
      var heads = (0, 0, 0, 0)
      var tails = (0, 0, 0, 0, 0, 0, 0, 0)
      var count = 0
      for index in bytes.indices where bytes[index] & 0xC0 != 0x80 {
        switch count {
        case 0: heads.0 = index
        case 1: heads.1 = index
        case 2: heads.2 = index
        case 3: heads.3 = index
        default: break
        }
        tails = (tails.1, tails.2, tails.3, tails.4, tails.5, tails.6, tails.7, index)
        count += 1
      }
      func hash(_ range: Range<Int>) -> UInt64 {
        var value = FNV1a.offsetBasis
        for index in range { value = FNV1a.extend(value, bytes[index]) }
        return value
      }
      body(.word, hash(0..<bytes.count))
      let longest = Swift.min(maxSuffix, count)
      withUnsafeBytes(of: tails) { raw in
        let starts = raw.bindMemory(to: Int.self)
        body(.suffix(0), FNV1a.offsetBasis)
        for k in Swift.stride(from: 1, through: longest, by: 1) { body(.suffix(k), hash(starts[8 - k]..<bytes.count)) }
      }
      withUnsafeBytes(of: heads) { raw in
        let starts = raw.bindMemory(to: Int.self)
        for k in Swift.stride(from: 1, through: Swift.min(3, count - 1), by: 1) { body(.prefix(k), hash(0..<starts[k])) }
      }
      return longest
    }
  }


  /// Capital first (1), all capitals (2), a digit (4), digits only (8), a hyphen (16): Python's
  /// `isupper` and `isdigit`, as the training script computes it.
  static func shape(of form: String) -> UInt64 {
    asciiShape(of: form) ?? generalShape(of: form)
  }

  /// ``shape(of:)`` from Unicode properties, for any form.
  static func generalShape(of form: String) -> UInt64 {
    let scalars = Array(form.unicodeScalars)
    var bits: UInt64 = 0
    if let first = scalars.first, first.properties.isUppercase { bits |= 1 }
    if scalars.count > 1 {
      let noLower = scalars.allSatisfy { !$0.properties.isLowercase && $0.properties.generalCategory != .titlecaseLetter }
      if noLower && scalars.contains(where: { $0.properties.isUppercase }) { bits |= 2 }
    }
    let digits = scalars.map { $0.properties.numericType == .decimal || $0.properties.numericType == .digit }
    if digits.contains(true) { bits |= 4 }
    if !digits.isEmpty && !digits.contains(false) { bits |= 8 }
    if form.utf8.contains(UInt8(ascii: "-")) { bits |= 16 }
    return bits
  }

  /// ``shape(of:)`` of an ASCII form without property lookups; `nil` for any other form.
  @inline(__always)
  static func asciiShape(of form: String) -> UInt64? {
    var form = form
    return form.withUTF8 { bytes -> UInt64? in
      var upper = 0, lower = 0, digits = 0, hyphen = false
      for byte in bytes {
        switch byte {
        case 0x41...0x5A: upper += 1
        case 0x61...0x7A: lower += 1
        case 0x30...0x39: digits += 1
        case 0x2D: hyphen = true
        case 0x80...: return nil
        default: break
        }
      }
      var bits: UInt64 = 0
      if let first = bytes.first, (0x41...0x5A).contains(first) { bits |= 1 }
      if bytes.count > 1 && lower == 0 && upper > 0 { bits |= 2 }
      if digits > 0 { bits |= 4 }
      if !bytes.isEmpty && digits == bytes.count { bits |= 8 }
      if hyphen { bits |= 16 }
      return bits
    }
  }

  /// A 64-bit key from two values: the splitmix64 finalizer over `a * golden + b`; never 0.
  @inline(__always)
  static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
    var z = a &* 0x9E37_79B9_7F4A_7C15 &+ b
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    z ^= z >> 31
    return z == 0 ? 1 : z
  }
}
