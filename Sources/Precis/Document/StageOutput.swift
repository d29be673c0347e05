/// The name of a kind of data that stages provide and require, such as `sentences`, with the type
/// of its value when the key was made from a ``LayerKey``.
///
/// The planner uses these keys to order stages and to reject a pipeline whose stages require
/// something no stage provides, or read it as another type than the one provided, before any
/// document is read. Keys compare by name.
public struct OutputKey: Hashable, Sendable, Comparable, CustomStringConvertible,
  ExpressibleByStringLiteral
{
  public let name: String
  /// The value's type, when known (keys made from a ``LayerKey``).
  private let valueType: (any StageOutput.Type)?
  private let valueTypeID: ObjectIdentifier?

  /// The name of the value's type, when known (keys made from a ``LayerKey``). Made when asked
  /// (for messages): naming a type costs runtime lookups that every process would otherwise pay
  /// for every built-in key at start-up.
  public var valueTypeName: String? { valueType.map { String(describing: $0) } }

  public init(_ name: String) {
    self.name = name
    self.valueType = nil
    self.valueTypeID = nil
  }

  public init(stringLiteral value: String) { self.init(value) }

  init<Value: StageOutput>(name: String, valueType: Value.Type) {
    self.name = name
    self.valueType = valueType
    self.valueTypeID = ObjectIdentifier(valueType)
  }

  public var description: String { name }
  public static func < (lhs: OutputKey, rhs: OutputKey) -> Bool { lhs.name < rhs.name }
  public static func == (lhs: OutputKey, rhs: OutputKey) -> Bool { lhs.name == rhs.name }
  public func hash(into hasher: inout Hasher) { hasher.combine(name) }

  /// Whether a value provided under `provided` can be read as this key's type (true when either
  /// side does not say its type).
  func accepts(_ provided: OutputKey) -> Bool {
    guard let valueTypeID, let other = provided.valueTypeID else { return true }
    return valueTypeID == other
  }

  /// The cleaned-up text that later stages read instead of the raw input.
  public static let normalizedText = LayerKey.normalizedText.erased
  /// The document's sentences with their offsets.
  public static let sentences = LayerKey.sentences.erased
  /// The word tokens of every sentence, with their lexicon.
  public static let tokens = LayerKey.tokens.erased
  /// The document's language.
  public static let language = LayerKey.language.erased
  /// The document's news layout: headline, dateline, trailer, and where the body is.
  public static let layout = LayerKey.layout.erased
  /// The document's keywords.
  public static let keywords = LayerKey.keywords.erased
  /// The document's summary.
  public static let summary = LayerKey.summary.erased
}

/// A layer's name with the type of its value: `document[.sentences]` is a ``SentenceList``.
///
/// A stage lists the keys it reads in ``Stage/requires`` or ``Stage/uses`` (as ``erased``); the
/// planner then checks that the stage providing the name provides that type, so reading the
/// layer with this key cannot meet a value of another type.
public struct LayerKey<Value: StageOutput>: Sendable, Hashable, CustomStringConvertible {
  public let name: String

  public init(_ name: String) { self.name = name }

  /// The key as the planner sees it: the name and the value type.
  public var erased: OutputKey { OutputKey(name: name, valueType: Value.self) }

  public var description: String { name }
}

extension LayerKey where Value == NormalizedText {
  public static var normalizedText: Self { Self("normalized-text") }
}

extension LayerKey where Value == SentenceList {
  public static var sentences: Self { Self("sentences") }
}

extension LayerKey where Value == TokenLayer {
  public static var tokens: Self { Self("tokens") }
}

extension LayerKey where Value == DetectedLanguage {
  public static var language: Self { Self("language") }
}

extension LayerKey where Value == DocumentLayout {
  public static var layout: Self { Self("layout") }
}

extension LayerKey where Value == KeywordList {
  public static var keywords: Self { Self("keywords") }
}

extension LayerKey where Value == DocumentSummary {
  public static var summary: Self { Self("summary") }
}

/// A stage's result for one document: any `Encodable` value that can also describe itself as
/// flat CSV cells.
///
/// The value is written under the stage's name in `documents.jsonl` (and `stages/<name>.jsonl`
/// when asked). Later stages read it back typed, with a ``LayerKey``: `document[.sentences]`. An
/// output that is also `Decodable` can be carried from the counting pass to the processing pass.
public protocol StageOutput: Encodable, Sendable {
  /// The CSV cells of this output, keyed by the ``CSVColumn/key`` of the columns the stage
  /// declared in ``Stage/csvColumns``. Missing cells are written empty.
  var csvCells: [String: String] { get }
  /// Rows for the stage's tidy table `<stage>.csv` (one per item, without the document id),
  /// in the order of the stage's ``Stage/tidyColumns``.
  var tidyRows: [[String]] { get }
  /// Terms to count over the corpus for `corpus-<stage>.csv` (documents per term and language).
  var rankedTerms: [String] { get }
}

extension StageOutput {
  public var csvCells: [String: String] { [:] }
  public var tidyRows: [[String]] { [] }
  public var rankedTerms: [String] { [] }
}

/// An output that replaces the text later stages read (the `normalize` stage's output).
public protocol TextProviding: StageOutput {
  /// The text that later stages should read.
  var text: String { get }
}

/// An output that names the document's language with an ISO 639-1 code (the language stage's).
public protocol LanguageProviding: StageOutput {
  /// An ISO 639-1 code such as `"de"`, or `"und"` when undetermined.
  var code: String { get }
}
