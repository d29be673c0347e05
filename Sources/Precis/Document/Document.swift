/// One input document and the outputs of every stage that has run on it.
///
/// Documents are values: a stage receives one and returns its output; the runner stores that
/// output under the stage's name and passes the updated document to the next stage.
public struct Document: Sendable {
  /// The document's identifier: its path relative to the input folder, or the `id` field of its
  /// JSON-lines record.
  public var id: String
  /// Where it came from: a file path, or `FILE:LINE` for JSON-lines input.
  public var source: String
  /// The decoded input text (UTF-8, LF line ends), before any stage ran.
  public var text: String
  /// Extra fields from the input (JSON-lines keys other than `id` and `text`, the detected charset).
  public var metadata: [String: JSONValue]
  /// Stage outputs keyed by stage name, in the order the stages ran.
  public private(set) var outputs: [(stage: String, value: any StageOutput)] = []
  private var providers: [OutputKey: Int] = [:]

  public init(id: String, source: String, text: String, metadata: [String: JSONValue] = [:]) {
    self.id = id
    self.source = source
    self.text = text
    self.metadata = metadata
  }

  /// Stores `value` as the output of `stage`, which provides `keys`.
  public mutating func record(_ value: any StageOutput, stage: String, provides keys: Set<OutputKey>) {
    outputs.append((stage, value))
    for key in keys { providers[key] = outputs.count - 1 }
  }

  /// The output of the stage named `stage`, if it ran.
  public func output(ofStage stage: String) -> (any StageOutput)? {
    outputs.last { $0.stage == stage }?.value
  }

  /// The layer that `key` names, or `nil` when no stage provided it (a key the stage lists in
  /// ``Stage/requires`` is always there: the planner checked that it is provided with this type).
  public subscript<Value: StageOutput>(key: LayerKey<Value>) -> Value? {
    providers[key.erased].flatMap { outputs[$0].value as? Value }
  }

  /// The output that provides `key`, cast to `type`, or `nil` when no stage provided it.
  public func output<Value: StageOutput>(_ key: OutputKey, as type: Value.Type) -> Value? {
    providers[key].flatMap { outputs[$0].value as? Value }
  }

  /// The text stages should read: the normalized text when a stage provided one, else the input.
  public var currentText: String {
    providers[.normalizedText].flatMap { (outputs[$0].value as? any TextProviding)?.text } ?? text
  }

  /// The document's language code from the language stage, when one ran and decided.
  public var languageCode: String? {
    providers[.language].flatMap { (outputs[$0].value as? any LanguageProviding)?.code }
      .flatMap { $0 == "und" ? nil : $0 }
  }

  /// The sentences of the body: all sentences, less those outside the body the layout stage
  /// found (dateline, headline, trailer). Empty when no sentences stage ran.
  public var bodySentences: [Sentence] {
    let sentences = self[.sentences]?.sentences ?? []
    guard let layout = self[.layout] else { return sentences }
    return sentences.filter { $0.start >= layout.bodyStart && $0.end <= layout.bodyEnd }
  }
}
