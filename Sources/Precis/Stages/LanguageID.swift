internal import Foundation

/// The `language` stage: the document's language, its confidence, the runners-up, and the share
/// of each language over the document's sentences (quotes and names in other languages are common).
public struct LanguageStage: Stage {
  public static let kind = "language"
  public static let summary = "Language identification (ISO 639-1) with confidence, candidates and per-sentence shares"
  public static let options: [OptionSpec] = [
    OptionSpec("languages", .stringList, help: "restrict the answers to these ISO 639-1 codes; default: all supported"),
    OptionSpec(
      "min-confidence", .number(range: 0...1), default: .number(0),
      help: "below this confidence the answer is und; default 0 (always the best guess)"),
    OptionSpec("candidates", .integer(range: 1...20), default: .integer(3), help: "how many candidates to list"),
  ]

  let detector: LanguageDetector
  let minimumConfidence: Double
  let candidateCount: Int
  public var uses: Set<OutputKey> { [.normalizedText] }
  public var provides: Set<OutputKey> { [.language] }
  public var csvColumns: [CSVColumn] { [.stage(), .stage("confidence")] }

  /// Creates the stage from checked options (`languages`, `min-confidence`, `candidates`).
  /// - Throws: `PipelineError` when the profiles cannot be loaded or a language is unsupported.
  public init(options: StageOptions) throws {
    detector = try LanguageDetector(languages: options.stringList("languages"))
    minimumConfidence = options.number("min-confidence", defaultFrom: Self.options)
    candidateCount = options.integer("candidates", defaultFrom: Self.options)
  }

  public func process(_ document: Document, context: StageContext) throws -> any StageOutput {
    detect(document.currentText)
  }

  /// The stage's output for `text`.
  public func detect(_ text: String) -> DetectedLanguage {
    detected(from: detector.hypotheses(for: text, maximum: candidateCount, letterLimit: 600)) { code in
      shares(of: text, fallback: code)
    }
  }

  /// The stage's output given the hypotheses, best first, and the shares for the answer's code.
  func detected(
    from hypotheses: [LanguageDetector.Hypothesis], shares: (_ code: String) -> [DetectedLanguage.Share]
  ) -> DetectedLanguage {
    let best = hypotheses.first ?? .init(code: "und", confidence: 1)
    let code = best.confidence < minimumConfidence ? "und" : best.code
    return DetectedLanguage(code: code, confidence: best.confidence, candidates: hypotheses, shares: shares(code))
  }

  /// The share of each language over the text's sentences, by length, largest first. Sentences
  /// with fewer than 20 letters are too short to judge and count for nothing; at most the first
  /// 15 sentences are read, each on its first 120 letters.
  func shares(of text: String, fallback: String) -> [DetectedLanguage.Share] {
    // 15 sentences rarely need more than the first 5,000 characters.
    let head = text.utf8.count > 5_000 ? String(text.unicodeScalars.prefix(5_000)) : text
    guard let sentences = try? SentenceSplitter().sentences(in: head) else { return [] }
    var weights: [String: Int] = [:]
    for sentence in sentences.prefix(15) {
      let letters = sentence.text.unicodeScalars.count(where: ScalarBits.alphabetic.contains)
      guard letters >= 20 else { continue }
      let best = detector.hypotheses(for: sentence.text, maximum: 1, letterLimit: 120).first?.code ?? "und"
      weights[best, default: 0] += letters
    }
    let total = weights.values.reduce(0, +)
    guard total > 0 else { return fallback == "und" ? [] : [.init(code: fallback, share: 1)] }
    return weights.map { DetectedLanguage.Share(code: $0.key, share: Double($0.value) / Double(total)) }
      .sorted { $0.share > $1.share || ($0.share == $1.share && $0.code < $1.code) }
  }
}

extension DetectedLanguage: JSONWriting {
  package func writeJSON(into bytes: inout [UInt8]) throws {
    JSONText.appendKey("candidates", first: true, to: &bytes)
    try JSONText.appendArray(candidates, to: &bytes) { (hypothesis, bytes: inout [UInt8]) throws(JSONText.NotFinite) in
      try Self.appendPair(("code", hypothesis.code), ("confidence", hypothesis.confidence), to: &bytes)
    }
    JSONText.appendField("code", code, to: &bytes)
    try JSONText.appendField("confidence", confidence, to: &bytes)
    JSONText.appendKey("shares", to: &bytes)
    try JSONText.appendArray(shares, to: &bytes) { (share, bytes: inout [UInt8]) throws(JSONText.NotFinite) in
      try Self.appendPair(("code", share.code), ("share", share.share), to: &bytes)
    }
    bytes.append(UInt8(ascii: "}"))
  }

  /// `{"<code key>":"…","<number key>":…}`: a candidate or a share.
  static func appendPair(
    _ code: (key: StaticString, value: String), _ number: (key: StaticString, value: Double), to bytes: inout [UInt8]
  ) throws(JSONText.NotFinite) {
    JSONText.appendField(code.key, code.value, first: true, to: &bytes)
    try JSONText.appendField(number.key, number.value, to: &bytes)
    bytes.append(UInt8(ascii: "}"))
  }
}

/// The `language` stage's output.
public struct DetectedLanguage: LanguageProviding, Codable, Equatable {
  /// One language's share of a document's sentences.
  public struct Share: Codable, Sendable, Equatable {
    public var code: String
    /// Fraction of the judged sentences' letters, 0...1.
    public var share: Double
  }

  /// ISO 639-1 code, or `"und"` (no letters, or below `min-confidence`).
  public var code: String
  public var confidence: Double
  /// The best candidates with their confidences, best first.
  public var candidates: [LanguageDetector.Hypothesis]
  public var shares: [Share]

  public var csvCells: [String: String] {
    ["": code, "confidence": String(format: "%.4f", confidence)]
  }
}
