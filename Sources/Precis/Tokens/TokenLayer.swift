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

  public init(language: String, tokens: [Token], words: [Word], sentenceStarts: [Int32]) {
    self.language = language
    self.tokens = tokens
    self.words = words
    self.sentenceStarts = sentenceStarts
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

  /// The surface form of the token at `position`.
  public func text(ofToken position: Int) -> String { words[Int(tokens[position].word)].text }

  // MARK: - Codable (the carry between passes; JSON is written by `writeJSON`)

  private enum CodingKeys: String, CodingKey { case language, tokens, words, sentenceStarts }

  /// Tokens are packed as 17 bytes each (start, end, sentence, word as little-endian Int32, then
  /// the flags), so that a document's thousands of tokens are one byte array, not thousands of values.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(language, forKey: .language)
    let packed = [UInt8](unsafeUninitializedCapacity: tokens.count * 17) { buffer, initialized in
      let raw = UnsafeMutableRawBufferPointer(buffer)
      for (index, token) in tokens.enumerated() {
        let offset = index * 17
        raw.storeBytes(of: token.start.littleEndian, toByteOffset: offset, as: Int32.self)
        raw.storeBytes(of: token.end.littleEndian, toByteOffset: offset + 4, as: Int32.self)
        raw.storeBytes(of: token.sentence.littleEndian, toByteOffset: offset + 8, as: Int32.self)
        raw.storeBytes(of: token.word.littleEndian, toByteOffset: offset + 12, as: Int32.self)
        raw[offset + 16] = token.flags.rawValue
      }
      initialized = tokens.count * 17
    }
    try container.encode(packed, forKey: .tokens)
    try container.encode(Self.pack(words), forKey: .words)
    var starts: [UInt8] = []
    starts.reserveCapacity(sentenceStarts.count * 4)
    for start in sentenceStarts { withUnsafeBytes(of: start.littleEndian) { starts += $0 } }
    try container.encode(starts, forKey: .sentenceStarts)
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    language = try container.decode(String.self, forKey: .language)
    let packed = try container.decode([UInt8].self, forKey: .tokens)
    guard let words = Self.unpack(try container.decode([UInt8].self, forKey: .words)) else {
      throw DecodingError.dataCorruptedError(forKey: .words, in: container, debugDescription: "the packed lexicon is damaged")
    }
    self.words = words
    let starts = try container.decode([UInt8].self, forKey: .sentenceStarts)
    guard starts.count % 4 == 0 else {
      throw DecodingError.dataCorruptedError(forKey: .sentenceStarts, in: container, debugDescription: "sentence starts are not 4-byte records")
    }
    sentenceStarts = starts.withUnsafeBytes { raw in
      stride(from: 0, to: raw.count, by: 4).map { Int32(littleEndian: raw.loadUnaligned(fromByteOffset: $0, as: Int32.self)) }
    }
    guard packed.count % 17 == 0 else {
      throw DecodingError.dataCorruptedError(forKey: .tokens, in: container, debugDescription: "packed tokens are not 17-byte records")
    }
    tokens = []
    tokens.reserveCapacity(packed.count / 17)
    packed.withUnsafeBytes { raw in
      for offset in stride(from: 0, to: raw.count, by: 17) {
        func field(_ index: Int) -> Int32 { Int32(littleEndian: raw.loadUnaligned(fromByteOffset: offset + 4 * index, as: Int32.self)) }
        tokens.append(Token(start: field(0), end: field(1), sentence: field(2), word: field(3), flags: Flags(rawValue: raw[offset + 16])))
      }
    }
    guard tokens.allSatisfy({ $0.word >= 0 && Int($0.word) < words.count }) else {
      throw DecodingError.dataCorruptedError(forKey: .tokens, in: container, debugDescription: "a token names a word the lexicon lacks")
    }
  }

  /// The lexicon as one byte array: per word its three strings (UTF-8 behind a 4-byte length),
  /// its letter count, both keys and a flags byte, all little-endian.
  static func pack(_ words: [Word]) -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(words.count * 48)
    func append(_ text: String) {
      var text = text
      text.withUTF8 { utf8 in
        withUnsafeBytes(of: UInt32(utf8.count).littleEndian) { bytes += $0 }
        bytes += utf8
      }
    }
    for word in words {
      append(word.text)
      append(word.lower)
      append(word.stem)
      withUnsafeBytes(of: word.letters.littleEndian) { bytes += $0 }
      withUnsafeBytes(of: word.key.littleEndian) { bytes += $0 }
      withUnsafeBytes(of: word.termKey.littleEndian) { bytes += $0 }
      bytes.append((word.isStopword ? 1 : 0) | (word.isCapitalized ? 2 : 0))
    }
    return bytes
  }

  /// The lexicon ``pack(_:)`` wrote, or `nil` when the bytes do not read as one.
  static func unpack(_ bytes: [UInt8]) -> [Word]? {
    bytes.withUnsafeBytes { raw -> [Word]? in
      var offset = 0
      func load<Value: FixedWidthInteger>(_ type: Value.Type) -> Value? {
        guard offset + MemoryLayout<Value>.size <= raw.count else { return nil }
        defer { offset += MemoryLayout<Value>.size }
        return Value(littleEndian: raw.loadUnaligned(fromByteOffset: offset, as: Value.self))
      }
      func string() -> String? {
        guard let length = load(UInt32.self), offset + Int(length) <= raw.count else { return nil }
        defer { offset += Int(length) }
        return String(decoding: UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + Int(length))]), as: UTF8.self)
      }
      var words: [Word] = []
      while offset < raw.count {
        guard let text = string(), let lower = string(), let stem = string(), let letters = load(Int32.self),
          let key = load(UInt64.self), let termKey = load(UInt64.self), let flags = load(UInt8.self), flags < 4
        else { return nil }
        words.append(
          Word(
            text: text, lower: lower, stem: stem, isStopword: flags & 1 != 0, isCapitalized: flags & 2 != 0, letters: letters,
            key: key, termKey: termKey))
      }
      return words
    }
  }

  public var csvCells: [String: String] { ["count": String(tokens.count)] }
}

extension TokenLayer: JSONWriting {
  package func writeJSON(into bytes: inout [UInt8]) {
    JSONText.appendField("language", language, first: true, to: &bytes)
    JSONText.appendKey("tokens", to: &bytes)
    JSONText.appendArray(tokens, to: &bytes) { (token, bytes: inout [UInt8]) in
      let word = words[Int(token.word)]
      JSONText.appendField("end", Int(token.end), first: true, to: &bytes)
      JSONText.appendField("lower", word.lower, to: &bytes)
      JSONText.appendField("sentence", Int(token.sentence), to: &bytes)
      JSONText.appendField("start", Int(token.start), to: &bytes)
      JSONText.appendField("stem", word.stem, to: &bytes)
      JSONText.appendField("stopword", word.isStopword, to: &bytes)
      JSONText.appendField("text", word.text, to: &bytes)
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
