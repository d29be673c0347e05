/// The word tokens of a document's sentences, made once by the `tokens` stage and read by every
/// later stage (keywords, summary, and the morphology that tags them).
///
/// Tokens are stored in one contiguous array in text order; each distinct surface form is one
/// entry of the per-document ``words`` lexicon, so lower-casing, stemming and stopword lookups
/// happen once per distinct word, not once per occurrence or per stage.
public struct TokenLayer: StageOutput, Codable, Equatable {
  /// One word token. Offsets count code points of the text the sentences were split from (the
  /// normalized text), as sentence offsets do.
  public struct Token: Sendable, Equatable {
    public var start: Int32
    public var end: Int32
    /// Index of its sentence in the `sentences` output.
    public var sentence: Int32
    /// Index of its surface form in ``TokenLayer/words``.
    public var word: Int32
    public var flags: Flags
    /// Index of its part of speech and lemma in ``TokenLayer/analyses``; -1 when the layer's
    /// language has no morphology model (or morphology is turned off).
    public var analysis: Int32 = -1
  }

  /// A token's part of speech (UD's UPOS) and lemma, shared by every token of the same form and tag.
  public struct Analysis: Sendable, Equatable {
    /// `nil` for a language whose model gives lemmas only (no tagger).
    public var upos: UniversalTag?
    public var lemma: String
    /// Whether the lemma comes from a dictionary (the treebank's own forms or the lemma lexicon),
    /// not from a suffix rule: what the keywords stage shows a lemma for.
    public var isKnown: Bool = false
    /// The Snowball stem of the lower-cased lemma (as ``Word/stem`` is of the form; punctuation:
    /// the form): the term the keywords and summary stages group and count tagged tokens by.
    public var lemmaStem: String = ""
    /// For a language whose model gives lemmas only: `.verb` when the model's lexicon lists the
    /// form as a verb or auxiliary and as nothing else ("consumano", "została"), `.num` when it
    /// lists it as a numeral ("cento"), `.adj` when it lists it as an adjective and as nothing
    /// else ("korzystny"); `nil` otherwise. The keywords stage keeps verbs and numerals out of
    /// candidates and takes none of adjectives alone. It is no part-of-speech tag: ``upos`` stays
    /// `nil`.
    public var lexiconClass: UniversalTag? = nil
  }

  /// What a token is, beyond its text.
  public struct Flags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Digits only (ICU's number status), such as "2025" or "3,5".
    public static let numeric = Flags(rawValue: 1 << 0)
    /// Han, kana and other ideographic words (ICU's ideographic status).
    public static let ideographic = Flags(rawValue: 1 << 1)
    /// The first word token of its sentence.
    public static let startsSentence = Flags(rawValue: 1 << 2)
    /// The first token of a chain: punctuation (not only spaces) separates it from the one before.
    public static let startsChain = Flags(rawValue: 1 << 3)
    /// Punctuation or a symbol ("," "«" "%"), not a word: stages that read words pass over it.
    public static let punctuation = Flags(rawValue: 1 << 4)
  }

  /// One distinct surface form of the document.
  public struct Word: Sendable, Equatable, Codable {
    /// The form as written.
    public var text: String
    /// ``text`` lower-cased.
    public var lower: String
    /// The Snowball stem of ``lower`` in the layer's language (a truncation where there is no
    /// stemmer; ``lower`` itself where neither applies).
    public var stem: String
    /// Whether ``lower`` is in the bundled stopword list of the layer's language.
    public var isStopword: Bool
    /// Whether the first character is an uppercase letter.
    public var isCapitalized: Bool
    /// Letters and digits in the form.
    public var letters: Int32
    /// A hash of ``text`` (FNV-1a over its UTF-16 code units): equal forms have equal keys.
    public var key: UInt64
    /// The corpus-statistics key of ``stem`` (``CorpusStatistics/keySeed(language:)`` extended by
    /// its UTF-8 bytes): the term key both the keyword and the summary statistics count.
    public var termKey: UInt64
  }

  /// The language the stems and stopwords are for (`und`: none known).
  public var language: String
  public var tokens: [Token]
  public var words: [Word]
  /// Where each sentence's tokens start in ``tokens``, by sentence index, with the token count at
  /// the end: sentence `i`'s tokens are `tokens[sentenceStarts[i]..<sentenceStarts[i + 1]]`.
  public var sentenceStarts: [Int32]
  /// The distinct (tag, lemma) pairs of the tagged tokens (empty when nothing was tagged).
  public var analyses: [Analysis]

  public init(language: String, tokens: [Token], words: [Word], sentenceStarts: [Int32], analyses: [Analysis] = []) {
    self.language = language
    self.tokens = tokens
    self.words = words
    self.sentenceStarts = sentenceStarts
    self.analyses = analyses
  }

  /// The part of speech and lemma of the token at `position`, or `nil` when it was not tagged.
  public func analysis(ofToken position: Int) -> Analysis? {
    let index = Int(tokens[position].analysis)
    return index >= 0 && index < analyses.count ? analyses[index] : nil
  }

  /// The number of sentences the layer covers.
  public var sentenceCount: Int { max(0, sentenceStarts.count - 1) }

  /// The positions in ``tokens`` of sentence `index`'s tokens (empty for an unknown sentence).
  public func tokenRange(ofSentence index: Int) -> Range<Int> {
    guard index >= 0, index + 1 < sentenceStarts.count else { return 0..<0 }
    return Int(sentenceStarts[index])..<Int(sentenceStarts[index + 1])
  }

  /// The positions in ``tokens`` of the tokens that lie inside `range` (code points).
  public func tokenRange(within range: Range<Int>) -> Range<Int> {
    let first = tokens.partitioningIndex { Int($0.start) >= range.lowerBound }
    var end = first
    while end < tokens.count && Int(tokens[end].end) <= range.upperBound { end += 1 }
    return first..<end
  }

  /// A row per token for `tokens.csv`: sentence, start, end, text, lemma and UPOS (empty where untagged).
  public var tidyRows: [[String]] {
    tokens.indices.map { position in
      let token = tokens[position], analysis = analysis(ofToken: position)
      return [
        String(token.sentence), String(token.start), String(token.end), words[Int(token.word)].text, analysis?.lemma ?? "",
        analysis?.upos?.description ?? "",
      ]
    }
  }

  /// The surface form of the token at `position`.
  public func text(ofToken position: Int) -> String { words[Int(tokens[position].word)].text }

  // MARK: - Codable (the carry between passes; JSON is written by `writeJSON`)

  private enum CodingKeys: String, CodingKey { case language, tokens, words, sentenceStarts, analyses }

  /// Tokens are packed as variable-length integers (the gap from the token before, the length,
  /// the sentence step, the word), a flags byte and the analysis index plus one, about 5 bytes a token; the lexicon as its
  /// strings with flags for a lower case or stem equal to the string before; sentence starts as
  /// steps; analyses as a tag byte (the tag; else 0x40 | the lexicon class, 0x7F for none; its top bit: a known lemma), the lemma and its stem. A document's thousands of tokens are then a few byte arrays, not thousands of values.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(language, forKey: .language)
    var packed = PackedBytes()
    packed.bytes.reserveCapacity(tokens.count * 6)
    var end: Int32 = 0, sentence: Int32 = 0
    for token in tokens {
      packed.append(signed: Int64(token.start) - Int64(end))
      packed.append(signed: Int64(token.end) - Int64(token.start))
      packed.append(signed: Int64(token.sentence) - Int64(sentence))
      packed.append(UInt64(UInt32(bitPattern: token.word)))
      packed.bytes.append(token.flags.rawValue)
      packed.append(UInt64(UInt32(bitPattern: token.analysis &+ 1)))
      end = token.end
      sentence = token.sentence
    }
    try container.encode(packed.bytes, forKey: .tokens)
    try container.encode(Self.pack(words), forKey: .words)
    var starts = PackedBytes()
    var previous: Int32 = 0
    for start in sentenceStarts {
      starts.append(signed: Int64(start) - Int64(previous))
      previous = start
    }
    try container.encode(starts.bytes, forKey: .sentenceStarts)
    var analysesPacked = PackedBytes()
    for analysis in analyses {
      let tag = analysis.upos?.rawValue ?? (0x40 | (analysis.lexiconClass?.rawValue ?? 0x3F))
      analysesPacked.bytes.append(tag | (analysis.isKnown ? 0x80 : 0))
      analysesPacked.append(analysis.lemma)
      analysesPacked.append(analysis.lemmaStem)
    }
    try container.encode(analysesPacked.bytes, forKey: .analyses)
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    language = try container.decode(String.self, forKey: .language)
    let packed = try container.decode([UInt8].self, forKey: .tokens)
    guard let words = Self.unpack(try container.decode([UInt8].self, forKey: .words), language: language) else {
      throw DecodingError.dataCorruptedError(forKey: .words, in: container, debugDescription: "the packed lexicon is damaged")
    }
    self.words = words
    let damaged = { (key: CodingKeys) in
      DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "the packed \(key.stringValue) are damaged")
    }
    var starts = PackedReader(try container.decode([UInt8].self, forKey: .sentenceStarts))
    var sentenceStarts: [Int32] = []
    var previous: Int64 = 0
    while !starts.isAtEnd {
      guard let step = starts.signed(), let start = Int32(exactly: previous + step) else { throw damaged(.sentenceStarts) }
      sentenceStarts.append(start)
      previous = Int64(start)
    }
    self.sentenceStarts = sentenceStarts
    var analysesReader = PackedReader(try container.decode([UInt8].self, forKey: .analyses))
    var analyses: [Analysis] = []
    while !analysesReader.isAtEnd {
      guard let byte = analysesReader.byte(), UniversalTag(rawValue: byte & 0x3F) != nil || byte & 0x7F == 0x7F,
        let lemma = analysesReader.string(),
        let lemmaStem = analysesReader.string()
      else {
        throw damaged(.analyses)
      }
      analyses.append(
        Analysis(
          upos: byte & 0x40 == 0 ? UniversalTag(rawValue: byte & 0x3F) : nil, lemma: lemma, isKnown: byte & 0x80 != 0,
          lemmaStem: lemmaStem, lexiconClass: byte & 0x40 != 0 ? UniversalTag(rawValue: byte & 0x3F) : nil))
    }
    self.analyses = analyses
    var reader = PackedReader(packed)
    var tokens: [Token] = []
    tokens.reserveCapacity(packed.count / 5)
    var end: Int64 = 0, sentence: Int64 = 0
    while !reader.isAtEnd {
      guard let gap = reader.signed(), let length = reader.signed(), let step = reader.signed(), let word = reader.unsigned(),
        let flags = reader.byte(), let analysis = reader.unsigned(), analysis <= UInt64(analyses.count),
        let start = Int32(exactly: end + gap), let tokenEnd = Int32(exactly: end + gap + length),
        let index = Int32(exactly: sentence + step), let wordIndex = Int32(exactly: word), Int(wordIndex) < words.count
      else { throw damaged(.tokens) }
      tokens.append(
        Token(
          start: start, end: tokenEnd, sentence: index, word: wordIndex, flags: Flags(rawValue: flags), analysis: Int32(analysis) - 1))
      end = Int64(tokenEnd)
      sentence = Int64(index)
    }
    self.tokens = tokens
  }

  /// The lexicon as one byte array: per word its text, then a flags byte (stopword, capitalised,
  /// lower case as the text, stem as the lower case), the lower case and the stem where they
  /// differ, the letter count and the form's key. The term key is made again from the stem.
  static func pack(_ words: [Word]) -> [UInt8] {
    var packed = PackedBytes()
    packed.bytes.reserveCapacity(words.count * 24)
    for word in words {
      let lowerSame = word.lower == word.text, stemSame = word.stem == word.lower
      packed.append(word.text)
      packed.bytes.append((word.isStopword ? 1 : 0) | (word.isCapitalized ? 2 : 0) | (lowerSame ? 4 : 0) | (stemSame ? 8 : 0))
      if !lowerSame { packed.append(word.lower) }
      if !stemSame { packed.append(word.stem) }
      packed.append(UInt64(UInt32(bitPattern: word.letters)))
      withUnsafeBytes(of: word.key.littleEndian) { packed.bytes += $0 }
    }
    return packed.bytes
  }

  /// The lexicon ``pack(_:)`` wrote for a layer in `language`, or `nil` when the bytes do not read as one.
  static func unpack(_ bytes: [UInt8], language: String) -> [Word]? {
    let seed = CorpusStatistics.keySeed(language: language)
    var reader = PackedReader(bytes)
    var words: [Word] = []
    while !reader.isAtEnd {
      guard let text = reader.string(), let flags = reader.byte(), flags < 16 else { return nil }
      var lower = text
      if flags & 4 == 0 {
        guard let read = reader.string() else { return nil }
        lower = read
      }
      var stem = lower
      if flags & 8 == 0 {
        guard let read = reader.string() else { return nil }
        stem = read
      }
      guard let letters = reader.unsigned().flatMap({ Int32(exactly: $0) }), let key = reader.word() else { return nil }
      words.append(
        Word(
          text: text, lower: lower, stem: stem, isStopword: flags & 1 != 0, isCapitalized: flags & 2 != 0, letters: letters,
          key: key, termKey: FNV1a.extend(seed, stem.utf8)))
    }
    return words
  }

}

extension TokenLayer: JSONWriting {
  package func writeJSON(into bytes: inout [UInt8]) {
    JSONText.appendField("language", language, first: true, to: &bytes)
    JSONText.appendKey("tokens", to: &bytes)
    JSONText.appendArray(tokens, to: &bytes) { (token, bytes: inout [UInt8]) in
      let word = words[Int(token.word)]
      let analysis = token.analysis >= 0 ? analyses[Int(token.analysis)] : nil
      JSONText.appendField("end", Int(token.end), first: true, to: &bytes)
      if let analysis { JSONText.appendField("lemma", analysis.lemma, to: &bytes) }
      JSONText.appendField("lower", word.lower, to: &bytes)
      JSONText.appendField("sentence", Int(token.sentence), to: &bytes)
      JSONText.appendField("start", Int(token.start), to: &bytes)
      JSONText.appendField("stem", word.stem, to: &bytes)
      JSONText.appendField("stopword", word.isStopword, to: &bytes)
      JSONText.appendField("text", word.text, to: &bytes)
      if let upos = analysis?.upos { JSONText.appendField("upos", upos.description, to: &bytes) }
      bytes.append(UInt8(ascii: "}"))
    }
    bytes.append(UInt8(ascii: "}"))
  }
}

extension Array {
  /// The first index whose element satisfies `belongs`, for a predicate false then true along the array.
  /// - Complexity: O(log n).
  func partitioningIndex(where belongs: (Element) -> Bool) -> Int {
    var low = 0, high = count
    while low < high {
      let middle = (low + high) / 2
      if belongs(self[middle]) { high = middle } else { low = middle + 1 }
    }
    return low
  }
}

/// Bytes being packed: LEB128 variable-length integers (signed ones zigzag-mapped), strings as
/// their UTF-8 behind their length.
private struct PackedBytes {
  var bytes: [UInt8] = []

  mutating func append(_ value: UInt64) { CarryCodec.appendVarint(value, to: &bytes) }

  mutating func append(signed value: Int64) { append(UInt64(bitPattern: (value << 1) ^ (value >> 63))) }

  mutating func append(_ text: String) {
    var text = text
    text.withUTF8 { utf8 in
      append(UInt64(utf8.count))
      bytes += utf8
    }
  }
}

/// Reads what ``PackedBytes`` wrote; every read past the end or of a malformed value is `nil`.
private struct PackedReader {
  let bytes: [UInt8]
  private var offset = 0

  init(_ bytes: [UInt8]) { self.bytes = bytes }

  var isAtEnd: Bool { offset >= bytes.count }

  mutating func byte() -> UInt8? {
    guard offset < bytes.count else { return nil }
    defer { offset += 1 }
    return bytes[offset]
  }

  mutating func unsigned() -> UInt64? {
    var value: UInt64 = 0
    var shift: UInt64 = 0
    while let byte = byte() {
      guard shift < 64 else { return nil }
      value |= UInt64(byte & 0x7F) << shift
      if byte < 0x80 { return value }
      shift += 7
    }
    return nil
  }

  mutating func signed() -> Int64? {
    unsigned().map { Int64(bitPattern: ($0 >> 1) ^ (0 &- ($0 & 1))) }
  }

  mutating func word() -> UInt64? {
    guard offset + 8 <= bytes.count else { return nil }
    defer { offset += 8 }
    return bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) }
  }

  mutating func string() -> String? {
    guard let length = unsigned(), length <= UInt64(bytes.count - offset) else { return nil }
    defer { offset += Int(length) }
    return String(decoding: bytes[offset..<(offset + Int(length))], as: UTF8.self)
  }
}
