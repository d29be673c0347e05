/// The `tokens` stage: the word tokens of every sentence, with offsets, lower-case form, stem,
/// stopword bit and character classes, one lexicon of the document's distinct words, and, for a
/// language with a bundled morphology model, each token's part of speech (UD's UPOS) and lemma.
///
/// It is the document's one tokenization: keywords, summary and every later stage read this layer
/// (``LayerKey/tokens``) instead of breaking the text into words again.
public struct TokensStage: Stage {
  public static let kind = "tokens"
  public static let summary = "Word tokens of every sentence (ICU word breaks) with lower case, stem, stopword bit, part of speech and lemma"
  public static let options: [OptionSpec] = [
    OptionSpec(
      "morphology", .bool, default: .bool(true),
      help: "tag parts of speech (UPOS) and lemmas where a model exists (`precis languages` lists them)"),
  ]

  let tagsMorphology: Bool
  public var requires: Set<OutputKey> { [.sentences] }
  public var uses: Set<OutputKey> { [.language] }
  public var provides: Set<OutputKey> { [.tokens] }
  /// `tokens.csv` (when the stage's output is written): a row per token.
  public var tidyColumns: [String] { ["sentence", "start", "end", "text", "lemma", "upos"] }

  /// Creates the stage from checked options (`morphology`).
  /// - Throws: `PipelineError` when the bundled stopword lists are missing.
  public init(options: StageOptions) throws {
    _ = try Stopwords.loaded.get()
    tagsMorphology = options.bool("morphology", defaultFrom: Self.options)
  }

  public func process(_ document: Document, context: StageContext) throws -> any StageOutput {
    let language = document.languageCode ?? "und"
    var layer = TokenLayerBuilder.layer(of: document[.sentences]?.sentences ?? [], language: language)
    if tagsMorphology, let model = MorphologyModel.bundled(language) {
      MorphologyTagger(model: model).analyze(&layer)
    }
    return layer
  }
}
