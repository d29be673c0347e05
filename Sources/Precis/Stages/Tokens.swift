/// The `tokens` stage: the word tokens of every sentence, with offsets, lower-case form, stem,
/// stopword bit and character classes, and one lexicon of the document's distinct words.
///
/// It is the document's one tokenization: keywords, summary and every later stage read this layer
/// (``LayerKey/tokens``) instead of breaking the text into words again.
public struct TokensStage: Stage {
  public static let kind = "tokens"
  public static let summary = "Word tokens of every sentence (ICU word breaks) with lower case, stem and stopword bit"

  public var requires: Set<OutputKey> { [.sentences] }
  public var uses: Set<OutputKey> { [.language] }
  public var provides: Set<OutputKey> { [.tokens] }

  /// Creates the stage; it has no options.
  /// - Throws: `PipelineError` when the bundled stopword lists are missing.
  public init(options: StageOptions) throws {
    _ = try Stopwords.loaded.get()
  }

  public func process(_ document: Document, context: StageContext) throws -> any StageOutput {
    TokenLayerBuilder.layer(of: document[.sentences]?.sentences ?? [], language: document.languageCode ?? "und")
  }
}
