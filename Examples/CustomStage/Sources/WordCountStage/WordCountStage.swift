public import Precis

/// A third-party stage: counts the words of each sentence.
///
/// It shows the whole plugin path: a kind name, checked options, what it requires and provides,
/// a typed output with CSV cells, and registration into a registry next to the built-in stages.
public struct WordCountStage: Stage {
  public static let kind = "word-count"
  public static let summary = "Counts the words of each sentence (an example of a third-party stage)"
  public static let options: [OptionSpec] = [
    OptionSpec("min-length", .integer(range: 1...100), default: .integer(1), help: "shortest word counted, in characters")
  ]

  /// The key this stage provides, so later stages could require it.
  public static let wordCounts: OutputKey = "word-counts"

  public let minimumLength: Int
  public var requires: Set<OutputKey> { [.sentences] }
  public var provides: Set<OutputKey> { [Self.wordCounts] }
  public var csvColumns: [CSVColumn] { [.stage(), .stage("longest")] }

  public init(options: StageOptions) {
    minimumLength = options.integer("min-length", defaultFrom: Self.options)
  }

  public func process(_ document: Document, context: StageContext) throws -> any StageOutput {
    guard let sentences = document.output(.sentences, as: SentenceList.self) else {
      throw PipelineError(.stageFailed, "no sentences to count; add a sentences stage before '\(context.stageName)'")
    }
    let counts = sentences.sentences.map { sentence in
      sentence.text.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).filter { $0.count >= minimumLength }.count
    }
    return WordCounts(perSentence: counts)
  }
}

/// The `word-count` stage's output.
public struct WordCounts: StageOutput, Equatable {
  /// Words in each sentence, in sentence order.
  public var perSentence: [Int]
  /// Words in the whole document.
  public var total: Int { perSentence.reduce(0, +) }

  public var csvCells: [String: String] {
    ["": String(total), "longest": String(perSentence.max() ?? 0)]
  }

  enum CodingKeys: String, CodingKey { case perSentence = "per_sentence", total }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(perSentence, forKey: .perSentence)
    try container.encode(total, forKey: .total)
  }
}

extension StageRegistry {
  /// The built-in stages plus `word-count`.
  public static var withWordCount: StageRegistry {
    get throws {
      var registry = StageRegistry.builtIn
      try registry.register(WordCountStage.self) { WordCountStage(options: $0) }
      return registry
    }
  }
}
