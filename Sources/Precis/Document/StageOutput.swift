/// The name of a kind of data that stages provide and require, such as `sentences`.
///
/// The planner uses these keys to order stages and to reject a pipeline whose stages require
/// something no stage provides, before any document is read.
public struct OutputKey: Hashable, Sendable, Comparable, CustomStringConvertible,
  ExpressibleByStringLiteral
{
  public let name: String

  public init(_ name: String) { self.name = name }
  public init(stringLiteral value: String) { self.name = value }

  public var description: String { name }
  public static func < (lhs: OutputKey, rhs: OutputKey) -> Bool { lhs.name < rhs.name }

  /// The cleaned-up text that later stages read instead of the raw input.
  public static let normalizedText: OutputKey = "normalized-text"
  /// The document's sentences with their offsets.
  public static let sentences: OutputKey = "sentences"
  /// The document's language.
  public static let language: OutputKey = "language"
  /// The document's news layout: headline, dateline, trailer, and where the body is.
  public static let layout: OutputKey = "layout"
  /// The document's keywords.
  public static let keywords: OutputKey = "keywords"
  /// The document's summary.
  public static let summary: OutputKey = "summary"
}

/// A stage's result for one document: any `Encodable` value that can also describe itself as
/// flat CSV cells.
///
/// The value is written under the stage's name in `documents.jsonl` and in `stages/<name>.jsonl`.
/// Later stages read it back with ``Document/output(_:as:)`` as the concrete type.
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
