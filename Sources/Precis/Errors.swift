/// The one error type of the `Precis` module.
///
/// It says what failed, where, why and what to do. `code` is stable for programs to match on;
/// `description` is the message for people. Context fields are filled where they are known.
public struct PipelineError: Error, Sendable, CustomStringConvertible, Equatable {
  /// A stable identifier for the kind of failure. New codes may be added without breaking callers.
  public struct Code: Hashable, Sendable, CustomStringConvertible {
    enum Value: String, Sendable {
      case invalidConfig = "invalid-config"
      case unknownKind = "unknown-kind"
      case invalidOption = "invalid-option"
      case invalidPlan = "invalid-plan"
      case duplicateKind = "duplicate-kind"
      case inputNotFound = "input-not-found"
      case unreadableInput = "unreadable-input"
      case binaryInput = "binary-input"
      case undecodableInput = "undecodable-input"
      case invalidInputLine = "invalid-input-line"
      case documentTooLarge = "document-too-large"
      case stageFailed = "stage-failed"
      case documentTimeout = "document-timeout"
      case outputFailed = "output-failed"
      case interrupted = "interrupted"
    }
    let value: Value

    /// The configuration file is malformed (syntax, unknown key, wrong type, duplicate name).
    public static let invalidConfig = Code(value: .invalidConfig)
    /// A stage names a kind that no registry entry provides.
    public static let unknownKind = Code(value: .unknownKind)
    /// A stage option is unknown or has the wrong type or value.
    public static let invalidOption = Code(value: .invalidOption)
    /// The stage graph cannot run: a missing requirement, an ambiguous provider or a cycle.
    public static let invalidPlan = Code(value: .invalidPlan)
    /// A stage kind was registered twice.
    public static let duplicateKind = Code(value: .duplicateKind)
    /// The input path does not exist.
    public static let inputNotFound = Code(value: .inputNotFound)
    /// An input file could not be read.
    public static let unreadableInput = Code(value: .unreadableInput)
    /// An input file holds binary data (NUL bytes), not text.
    public static let binaryInput = Code(value: .binaryInput)
    /// An input file is not valid UTF-8 and no other charset decodes it.
    public static let undecodableInput = Code(value: .undecodableInput)
    /// A JSON-lines input line is not an object with a string `text`.
    public static let invalidInputLine = Code(value: .invalidInputLine)
    /// A document is larger than the `--max-bytes` limit and was skipped.
    public static let documentTooLarge = Code(value: .documentTooLarge)
    /// A stage failed on one document.
    public static let stageFailed = Code(value: .stageFailed)
    /// A document took longer than the per-document time limit; its remaining stages were not run.
    public static let documentTimeout = Code(value: .documentTimeout)
    /// An output file could not be written.
    public static let outputFailed = Code(value: .outputFailed)
    /// The run was asked to stop (``Runner/Options/shouldStop``) and stopped after a window,
    /// leaving what it finished in the output folder's journal for `--resume`.
    public static let interrupted = Code(value: .interrupted)

    /// The code's stable name, as written to `errors.jsonl`, e.g. `"binary-input"`.
    public var description: String { value.rawValue }
  }

  /// Where in a configuration file the problem is (1-based line and column).
  public struct Location: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var column: Int?

    public init(file: String, line: Int? = nil, column: Int? = nil) {
      self.file = file
      self.line = line
      self.column = column
    }

    public var description: String {
      var text = file
      if let line { text += ":\(line)" }
      if let column, line != nil { text += ":\(column)" }
      return text
    }
  }

  public var code: Code
  /// What failed and what to do about it, without the location prefix.
  public var message: String
  public var location: Location?
  /// The document the failure belongs to, for per-document failures.
  public var documentID: String?
  /// The stage that failed, for stage failures.
  public var stage: String?

  public init(
    _ code: Code, _ message: String, location: Location? = nil, documentID: String? = nil,
    stage: String? = nil
  ) {
    self.code = code
    self.message = message
    self.location = location
    self.documentID = documentID
    self.stage = stage
  }

  /// Further problems found in the same check (a pipeline file is checked whole, so every error
  /// of it is reported at once); each has its own location.
  public var others: [PipelineError] = []

  public var description: String {
    var prefix = ""
    if let location { prefix = "config \(location): " }
    if let documentID { prefix += "document \(documentID): " }
    if let stage { prefix += "stage \"\(stage)\": " }
    return ([prefix + message] + others.map(\.description)).joined(separator: "\n")
  }

  /// The first of `errors` with the rest as its ``others`` (`nil` for none).
  public static func combined(_ errors: [PipelineError]) -> PipelineError? {
    let all = errors.flatMap { error in
      var alone = error
      alone.others = []
      return [alone] + error.others
    }
    guard var first = all.first else { return nil }
    first.others = Array(all.dropFirst())
    return first
  }
}

extension PipelineError.Code {
  /// The code whose ``description`` is `name` (`stage-failed` for a name no code has).
  init(named name: String) { self.init(value: Value(rawValue: name) ?? .stageFailed) }
}
