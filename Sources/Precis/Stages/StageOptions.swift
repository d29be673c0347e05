/// The declaration of one stage option: its name, type, default and help text.
public struct OptionSpec: Sendable {
  /// The types an option value can have in a pipeline file.
  public enum ValueType: Sendable, Equatable {
    /// A string, restricted to `choices` when given.
    case string(choices: [String]? = nil)
    case bool
    /// A whole number within `range`.
    case integer(range: ClosedRange<Int>)
    /// A number within `range`.
    case number(range: ClosedRange<Double>)
    /// A list of strings (a YAML sequence).
    case stringList

    /// How the type is shown in messages and `precis stages`, e.g. `nfc|nfkc`.
    public var displayName: String {
      switch self {
      case .string(let choices?): choices.joined(separator: "|")
      case .string: "string"
      case .bool: "bool"
      case .integer(let range): "integer \(range.lowerBound)...\(range.upperBound)"
      case .number(let range): "number \(range.lowerBound)...\(range.upperBound)"
      case .stringList: "list of strings"
      }
    }
  }

  public let name: String
  public let type: ValueType
  /// The value used when the pipeline file leaves the option out; `nil` means "not set".
  public let defaultValue: OptionValue?
  public let help: String

  public init(_ name: String, _ type: ValueType, default defaultValue: OptionValue? = nil, help: String) {
    self.name = name
    self.type = type
    self.defaultValue = defaultValue
    self.help = help
  }

  /// `min-documents`, shared by the corpus stages: how many documents of a language the corpus
  /// statistics need before their idf is used.
  public static let minimumDocuments = OptionSpec(
    "min-documents", .integer(range: 1...1_000_000), default: .integer(5), help: "documents a language needs for corpus idf")
}

/// A decoded option value.
public enum OptionValue: Sendable, Hashable, CustomStringConvertible {
  case string(String)
  case bool(Bool)
  case integer(Int)
  case number(Double)
  case stringList([String])

  public var description: String {
    switch self {
    case .string(let value): value
    case .bool(let value): String(value)
    case .integer(let value): String(value)
    case .number(let value): String(value)
    case .stringList(let value): "[" + value.joined(separator: ", ") + "]"
    }
  }
}

/// A stage's options after they were checked against its ``OptionSpec`` list, defaults filled in.
public struct StageOptions: Sendable, Equatable {
  public private(set) var values: [String: OptionValue]

  /// Creates options from already-checked values; use ``validated(_:specs:)`` for raw input.
  public init(_ values: [String: OptionValue] = [:]) {
    self.values = values
  }

  /// Checks `raw` against `specs` and fills in defaults.
  /// - Throws: a message naming the first unknown, ill-typed or out-of-range option and the valid ones.
  public static func validated(_ raw: [String: OptionValue], specs: [OptionSpec]) throws(OptionProblem)
    -> StageOptions
  {
    var values: [String: OptionValue] = [:]
    for (name, value) in raw {
      guard let spec = specs.first(where: { $0.name == name }) else {
        throw OptionProblem(name: name, message: unknownMessage(name, specs: specs))
      }
      values[name] = try checked(value, spec: spec)
    }
    for spec in specs where values[spec.name] == nil {
      values[spec.name] = spec.defaultValue
    }
    return StageOptions(values)
  }

  /// Why an option was refused, and which option.
  public struct OptionProblem: Error, Sendable {
    public let name: String
    public let message: String
  }

  static func unknownMessage(_ name: String, specs: [OptionSpec]) -> String {
    if specs.isEmpty { return "unknown option '\(name)'; this stage takes no options" }
    var text = "unknown option '\(name)'"
    if let near = Suggestion.nearest(to: name, in: specs.map(\.name)) { text += "; did you mean '\(near)'?" }
    return text + " (options: " + specs.map(\.name).joined(separator: ", ") + ")"
  }

  static func checked(_ value: OptionValue, spec: OptionSpec) throws(OptionProblem) -> OptionValue {
    let problem = { (why: String) in
      OptionProblem(name: spec.name, message: "option '\(spec.name)' \(why); expected \(spec.type.displayName)")
    }
    switch (spec.type, value) {
    case (.string(let choices), .string(let text)):
      if let choices, !choices.contains(text) {
        var why = "has value '\(text)'"
        if let near = Suggestion.nearest(to: text, in: choices) { why += " (did you mean '\(near)'?)" }
        throw problem(why)
      }
      return value
    case (.bool, .bool), (.stringList, .stringList):
      return value
    case (.stringList, .string(let text)):
      return .stringList([text])
    case (.integer(let range), .integer(let number)):
      guard range.contains(number) else { throw problem("is \(number), out of range") }
      return value
    case (.number(let range), .integer(let number)):
      guard range.contains(Double(number)) else { throw problem("is \(number), out of range") }
      return .number(Double(number))
    case (.number(let range), .number(let number)):
      guard range.contains(number) else { throw problem("is \(number), out of range") }
      return value
    default:
      throw problem("has value '\(value)' of the wrong type")
    }
  }

  // MARK: - Values with their declared defaults

  /// The value of `name`, else the default its spec in `specs` declares: options checked by
  /// ``validated(_:specs:)`` already hold their defaults, and options built by hand (in tests, or
  /// by a program) get them here, so a default is written once, in the spec.
  public func integer(_ name: String, defaultFrom specs: [OptionSpec]) -> Int {
    integer(name) ?? Self.declared(name, specs).integer(name) ?? 0
  }

  /// See ``integer(_:defaultFrom:)``.
  public func number(_ name: String, defaultFrom specs: [OptionSpec]) -> Double {
    number(name) ?? Self.declared(name, specs).number(name) ?? 0
  }

  /// See ``integer(_:defaultFrom:)``.
  public func bool(_ name: String, defaultFrom specs: [OptionSpec]) -> Bool {
    bool(name) ?? Self.declared(name, specs).bool(name) ?? false
  }

  /// See ``integer(_:defaultFrom:)``.
  public func string(_ name: String, defaultFrom specs: [OptionSpec]) -> String {
    string(name) ?? Self.declared(name, specs).string(name) ?? ""
  }

  /// Options holding only the declared default of `name`.
  private static func declared(_ name: String, _ specs: [OptionSpec]) -> StageOptions {
    StageOptions(specs.first { $0.name == name }?.defaultValue.map { [name: $0] } ?? [:])
  }

  // MARK: - Values as given

  public func string(_ name: String) -> String? {
    if case .string(let value) = values[name] { return value }
    return nil
  }

  public func bool(_ name: String) -> Bool? {
    if case .bool(let value) = values[name] { return value }
    return nil
  }

  public func integer(_ name: String) -> Int? {
    if case .integer(let value) = values[name] { return value }
    return nil
  }

  public func number(_ name: String) -> Double? {
    if case .number(let value) = values[name] { return value }
    if case .integer(let value) = values[name] { return Double(value) }
    return nil
  }

  public func stringList(_ name: String) -> [String]? {
    if case .stringList(let value) = values[name] { return value }
    return nil
  }
}
