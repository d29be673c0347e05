/// The `sentences` stage: splits the (normalized) text into sentences with code-point offsets.
///
/// The language comes from the `language` option, else from a language stage when the pipeline
/// has one, else ICU's language-neutral rules.
public struct SentenceSplitStage: Stage {
  public static let kind = "sentences"
  public static let summary = "ICU sentence boundaries with offsets into the normalized text"
  public static let options: [OptionSpec] = [
    OptionSpec(
      "language", .string(),
      help: "ISO 639 code of the text's language; default: the language stage's answer, else none"),
  ]

  /// The language from the options, if one was set.
  public let language: String?
  public var uses: Set<OutputKey> { [.normalizedText, .language] }
  public var provides: Set<OutputKey> { [.sentences] }
  public var csvColumns: [CSVColumn] { [.stage("count")] }

  /// Creates the stage from checked options (`language`).
  public init(options: StageOptions) throws {
    language = options.string("language")
  }

  public func process(_ document: Document, context: StageContext) throws -> any StageOutput {
    let splitter = SentenceSplitter(language: language ?? document.languageCode)
    return SentenceList(sentences: try splitter.sentences(in: document.currentText), locale: splitter.locale)
  }
}
