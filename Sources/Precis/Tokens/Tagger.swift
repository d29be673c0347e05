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

/// Tags and lemmatizes a token layer with one language's ``MorphologyModel``: a greedy averaged
/// perceptron over the features `Scripts/train-morphology` names (word, suffixes, prefixes, shape,
/// the two tags before, the words around), then the lemma as the model's exception for the (form,
/// tag) pair or its longest matching (tag, suffix) rule.
///
/// The features are the script's, key for key, and scores are integer sums, so the tags are the
/// ones the script reports for the same tokens (`MorphologyTests` pins a few). Work per distinct
/// word (hashes, suffix and prefix keys, shape) is done once per document.
struct MorphologyTagger {
  let model: MorphologyModel

  /// What the features read of one distinct word.
  struct WordFeatures {
    var hash: UInt64
    var suffix3: UInt64
    var shape: UInt64
    /// Word, suffix and prefix keys (unused ones 0), ``keyCount`` of them.
    var keys: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)
    var keyCount: Int
  }

  static let start: UInt64 = 1, end: UInt64 = 2
  static let noTag: UInt64 = UInt64(UniversalTag.allCases.count + 1)

  /// `layer` with every token's tag and lemma (``TokenLayer/analyses``).
  func analyze(_ layer: inout TokenLayer) {
    let features = layer.words.map(Self.features)
    var analysisIndex: [UInt64: Int32] = [:]
    var analyses: [TokenLayer.Analysis] = []
    withUnsafeTemporaryAllocation(of: Int32.self, capacity: MorphologyModel.tagCount) { scores in
      let scores = scores.baseAddress!
      for sentence in 0..<layer.sentenceCount {
        let range = layer.tokenRange(ofSentence: sentence)
        var previous = Self.noTag, before = Self.noTag
        for position in range {
          let word = Int(layer.tokens[position].word)
          for tag in 0..<MorphologyModel.tagCount { scores[tag] = 0 }
          func add(_ key: UInt64) { model.addWeights(of: key, to: scores) }
          let current = features[word]
          add(Self.mix(0, 0))
          withUnsafeBytes(of: current.keys) { raw in
            for index in 0..<current.keyCount { add(raw.load(fromByteOffset: index * 8, as: UInt64.self)) }
          }
          let index = position - range.lowerBound
          add(Self.mix(8, current.shape | (index == 0 ? 32 : 0)))
          add(Self.mix(9, previous))
          add(Self.mix(10, previous &* 32 &+ before))
          add(Self.mix(11, index > 0 ? features[Int(layer.tokens[position - 1].word)].hash : Self.start))
          add(Self.mix(16, index > 1 ? features[Int(layer.tokens[position - 2].word)].hash : Self.start))
          let following = position + 1 < range.upperBound ? features[Int(layer.tokens[position + 1].word)] : nil
          add(Self.mix(12, following?.hash ?? Self.end))
          add(Self.mix(13, following?.suffix3 ?? Self.end))
          add(Self.mix(15, position + 2 < range.upperBound ? features[Int(layer.tokens[position + 2].word)].hash : Self.end))
          add(Self.mix(17, following.map { $0.shape & 3 } ?? 4))
          add(Self.mix(Self.mix(14, previous), current.hash))
          add(Self.mix(Self.mix(18, index > 0 ? features[Int(layer.tokens[position - 1].word)].hash : Self.start), current.hash))
          add(Self.mix(Self.mix(19, current.hash), following?.hash ?? Self.end))
          add(Self.mix(Self.mix(23, previous), current.suffix3))
          var best = 0
          for tag in 1..<MorphologyModel.tagCount where scores[tag] > scores[best] { best = tag }
          before = previous
          previous = UInt64(best + 1)
          let pair = UInt64(word) << 8 | UInt64(best)
          if let known = analysisIndex[pair] {
            layer.tokens[position].analysis = known
          } else {
            let tag = UniversalTag(rawValue: UInt8(best))!
            analyses.append(TokenLayer.Analysis(upos: tag, lemma: lemma(of: layer.words[word], tag: tag)))
            let index = Int32(analyses.count - 1)
            analysisIndex[pair] = index
            layer.tokens[position].analysis = index
          }
        }
      }
    }
    layer.analyses = analyses
  }

  /// The lemma of `word` tagged `tag`: the model's exception for the pair, else its longest
  /// (tag, suffix) rule, else the form itself.
  func lemma(of word: TokenLayer.Word, tag: UniversalTag) -> String {
    let tagKey = UInt64(tag.rawValue)
    if let edit = model.exceptionEdit(Self.mix(Self.mix(21, tagKey), FNV1a.hash64(word.lower.utf8))) {
      return Self.apply(edit, to: word)
    }
    let scalars = Array(word.lower.unicodeScalars)
    var suffix = String.UnicodeScalarView()
    var suffixes: [UInt64] = [Self.mix(Self.mix(20, tagKey), FNV1a.offsetBasis)]
    for scalar in scalars.suffix(Self.maxSuffix).reversed() {
      suffix.insert(scalar, at: suffix.startIndex)
      suffixes.append(Self.mix(Self.mix(20, tagKey), FNV1a.hash64(String(suffix).utf8)))
    }
    for key in suffixes.reversed() {
      if let edit = model.ruleEdit(key) { return Self.apply(edit, to: word) }
    }
    return word.text
  }

  static let maxSuffix = 7

  static func apply(_ edit: MorphologyModel.Edit, to word: TokenLayer.Word) -> String {
    let source = edit.lowercases ? word.lower : word.text
    guard edit.strip > 0 else { return source + edit.append }
    var scalars = source.unicodeScalars
    guard edit.strip <= scalars.count else { return source }
    scalars.removeLast(edit.strip)
    return String(scalars) + edit.append
  }

  /// The word's feature keys and the parts other tokens' features read.
  static func features(of word: TokenLayer.Word) -> WordFeatures {
    let scalars = Array(word.lower.unicodeScalars)
    func hash(_ part: ArraySlice<Unicode.Scalar>) -> UInt64 {
      var view = String.UnicodeScalarView()
      view.append(contentsOf: part)
      return FNV1a.hash64(String(view).utf8)
    }
    let wordHash = FNV1a.hash64(word.lower.utf8)
    var keys: [UInt64] = [mix(1, wordHash)]
    for k in 1...5 where scalars.count >= k { keys.append(mix(1 + UInt64(k), hash(scalars.suffix(k)))) }
    for k in 1...3 where scalars.count > k { keys.append(mix(30 + UInt64(k), hash(scalars.prefix(k)))) }
    let keyCount = keys.count
    while keys.count < 9 { keys.append(0) }
    return WordFeatures(
      hash: wordHash, suffix3: hash(scalars.suffix(3)), shape: shape(of: word.text),
      keys: (keys[0], keys[1], keys[2], keys[3], keys[4], keys[5], keys[6], keys[7], keys[8]), keyCount: keyCount)
  }

  /// Capital first (1), all capitals (2), a digit (4), digits only (8), a hyphen (16): Python's
  /// `isupper` and `isdigit`, as the training script computes it.
  static func shape(of form: String) -> UInt64 {
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
