public import Precis

/// A third-party stage: counts the words of each sentence.
///
/// It shows the whole plugin path: a kind name, checked options, the layers it reads (through
/// typed keys, checked by the planner) and provides, a typed output with CSV cells, and
/// registration into a registry next to the built-in stages.
public struct WordCountStage: Stage {
  public static let kind = "word-count"
  public static let summary = "Counts the words of each sentence (an example of a third-party stage)"
  public static let options: [OptionSpec] = [
    OptionSpec("min-length", .integer(range: 1...100), default: .integer(1), help: "shortest word counted, in letters")
  ]

  public let minimumLength: Int
  // `.tokens` reads the shared token layer: the document's one tokenization, made by a `tokens`
  // stage; the planner refuses a pipeline without one, so the layer is there in `process`.
  public var requires: Set<OutputKey> { [.tokens] }
  public var provides: Set<OutputKey> { [LayerKey.wordCounts.erased] }
  public var csvColumns: [CSVColumn] { [.stage(), .stage("longest")] }

  public init(options: StageOptions) {
    minimumLength = options.integer("min-length", defaultFrom: Self.options)
  }

  public func process(_ document: Document, context: StageContext) throws -> any StageOutput {
    // A typed key: `document[.tokens]` is a `TokenLayer`, never a value of another type.
    guard let layer = document[.tokens] else {
      throw PipelineError(.stageFailed, "no token layer; add a tokens stage before '\(context.stageName)'")
    }
    let counts = (0..<layer.sentenceCount).map { sentence in
      layer.tokenRange(ofSentence: sentence).count { layer.words[Int(layer.tokens[$0].word)].letters >= minimumLength }
    }
    return WordCounts(perSentence: counts)
  }
}

extension LayerKey where Value == WordCounts {
  /// The layer this stage provides, so that later stages can read it with a typed key.
  public static var wordCounts: Self { Self("word-counts") }
}

/// The `word-count` stage's output. Its `Codable` form is both its JSON (`per_sentence`, `total`)
/// and what the runner carries between passes when a corpus stage depends on it.
public struct WordCounts: StageOutput, Codable, Equatable {
  /// Words in each sentence, in sentence order.
  public var perSentence: [Int]
  /// Words in the whole document.
  public var total: Int { perSentence.reduce(0, +) }

  public init(perSentence: [Int]) { self.perSentence = perSentence }

  public var csvCells: [String: String] {
    ["": String(total), "longest": String(perSentence.max() ?? 0)]
  }

  enum CodingKeys: String, CodingKey { case perSentence = "per_sentence", total }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(perSentence, forKey: .perSentence)
    try container.encode(total, forKey: .total)
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    perSentence = try container.decode([Int].self, forKey: .perSentence)
    _ = try container.decode(Int.self, forKey: .total)  // derived; read to keep the fields in step
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
