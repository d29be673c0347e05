/// A JSON value, used for document metadata passed through from JSON-lines input.
public enum JSONValue: Sendable, Hashable, Codable {
  case null
  case bool(Bool)
  case number(Double)
  /// A number written without a fraction or exponent that fits 64 bits: kept exactly (an id
  /// 9007199254740993 stays itself; as a `Double` it would become ...992).
  case integer(Int64)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let value = try? container.decode(Bool.self) {
      self = .bool(value)
    } else if let value = try? container.decode(Int64.self) {
      self = .integer(value)
    } else if let value = try? container.decode(Double.self) {
      self = .number(value)
    } else if let value = try? container.decode(String.self) {
      self = .string(value)
    } else if let value = try? container.decode([JSONValue].self) {
      self = .array(value)
    } else {
      do {
        self = .object(try container.decode([String: JSONValue].self))
      } catch DecodingError.typeMismatch(_, let context) where context.codingPath.count == decoder.codingPath.count {
        // Nothing JSON has decodes it: the parser read it, but not as a value we can hold.
        throw DecodingError.dataCorrupted(
          .init(codingPath: decoder.codingPath, debugDescription: Self.unreadableValue))
      }
    }
  }

  /// Why a value that parses as JSON cannot be held (the message of the error thrown for it).
  static let unreadableValue =
    "a number out of range (such as 1e400) or a string with an unpaired surrogate escape (such as \\ud800)"

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .null: try container.encodeNil()
    case .bool(let value): try container.encode(value)
    case .number(let value):
      // Whole numbers are written without a fraction so ids like 42 stay 42.
      if value.rounded() == value, abs(value) < 9.0e15 {
        try container.encode(Int64(value))
      } else {
        try container.encode(value)
      }
    case .integer(let value): try container.encode(value)
    case .string(let value): try container.encode(value)
    case .array(let value): try container.encode(value)
    case .object(let value): try container.encode(value)
    }
  }

  /// The value as plain text: strings as they are, numbers without a needless fraction.
  public var plainText: String? {
    switch self {
    case .string(let value): value
    case .number(let value):
      value.rounded() == value && abs(value) < 9.0e15 ? String(Int64(value)) : String(value)
    case .integer(let value): String(value)
    case .bool(let value): String(value)
    default: nil
    }
  }
}
