internal import Foundation

/// Deterministic JSON text: sorted keys, no escaped slashes, UTF-8 kept as is.
package enum JSONText {
  /// Encodes `value` as compact JSON with sorted keys (a ``JSONWriting`` value writes itself,
  /// unless it cannot, as with a number that is not finite: Foundation's encoder then says why).
  package static func encode(_ value: some Encodable) throws -> [UInt8] {
    if let writing = value as? any JSONWriting {
      var bytes: [UInt8] = []
      if (try? writing.writeJSON(into: &bytes)) != nil { return bytes }
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return [UInt8](try encoder.encode(value))
  }

  /// Appends `text` as a JSON string literal to `bytes`, escaped as Foundation's `JSONEncoder`
  /// escapes it: `"` and `\`, `\b \t \n \f \r`, other controls below U+0020 as `\u00XX`.
  package static func appendString(_ text: String, to bytes: inout [UInt8]) {
    bytes.append(UInt8(ascii: "\""))
    var text = text
    text.withUTF8 { utf8 in
      var runStart = 0
      for (index, byte) in utf8.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C {
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
        runStart = index + 1
        switch byte {
        case 0x22: bytes.append(contentsOf: [92, 34])
        case 0x5C: bytes.append(contentsOf: [92, 92])
        case 0x08: bytes.append(contentsOf: [92, UInt8(ascii: "b")])
        case 0x09: bytes.append(contentsOf: [92, UInt8(ascii: "t")])
        case 0x0A: bytes.append(contentsOf: [92, UInt8(ascii: "n")])
        case 0x0C: bytes.append(contentsOf: [92, UInt8(ascii: "f")])
        case 0x0D: bytes.append(contentsOf: [92, UInt8(ascii: "r")])
        default:
          let hex = Array("0123456789abcdef".utf8)
          bytes.append(contentsOf: [92, UInt8(ascii: "u"), 48, 48, hex[Int(byte >> 4)], hex[Int(byte & 15)]])
        }
      }
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
    }
    bytes.append(UInt8(ascii: "\""))
  }

  /// Appends `"key":` to `bytes` (keys are plain ASCII names), after `{` for an object's first
  /// field and `,` for the others.
  package static func appendKey(_ key: StaticString, first: Bool = false, to bytes: inout [UInt8]) {
    bytes.append(UInt8(ascii: first ? "{" : ","))
    bytes.append(UInt8(ascii: "\""))
    key.withUTF8Buffer { bytes.append(contentsOf: $0) }
    bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
  }

  /// Appends an object field whose value is an integer (see ``appendKey(_:first:to:)``).
  package static func appendField(_ key: StaticString, _ value: Int, first: Bool = false, to bytes: inout [UInt8]) {
    appendKey(key, first: first, to: &bytes)
    appendInteger(value, to: &bytes)
  }

  /// Appends an object field whose value is a string, or `null`.
  package static func appendField(_ key: StaticString, _ value: String?, first: Bool = false, to bytes: inout [UInt8]) {
    appendKey(key, first: first, to: &bytes)
    if let value { appendString(value, to: &bytes) } else { bytes.append(contentsOf: "null".utf8) }
  }

  /// Appends an object field whose value is a Boolean.
  package static func appendField(_ key: StaticString, _ value: Bool, first: Bool = false, to bytes: inout [UInt8]) {
    appendKey(key, first: first, to: &bytes)
    bytes.append(contentsOf: (value ? "true" : "false").utf8)
  }

  /// Appends an object field whose value is a number.
  package static func appendField(
    _ key: StaticString, _ value: Double, first: Bool = false, to bytes: inout [UInt8]
  ) throws(NotFinite) {
    appendKey(key, first: first, to: &bytes)
    try appendDouble(value, to: &bytes)
  }

  /// Appends an integer as JSON.
  package static func appendInteger(_ value: Int, to bytes: inout [UInt8]) {
    bytes.append(contentsOf: String(value).utf8)
  }

  /// A number JSON cannot hold (infinite or not a number).
  package struct NotFinite: Error {}

  /// Appends a number in Swift's shortest round-trip form, whole numbers with their `.0` (`1.0`,
  /// `0.5`, `1e-05`): a reader that infers column types from the first value (polars, pandas)
  /// then sees a floating-point column, not integers that a later `0.64` breaks.
  package static func appendDouble(_ value: Double, to bytes: inout [UInt8]) throws(NotFinite) {
    guard value.isFinite else { throw NotFinite() }
    bytes.append(contentsOf: value.description.utf8)
  }

  /// Appends `elements` as a JSON array, each written by `write`.
  package static func appendArray<Element, Failure: Error>(
    _ elements: some Sequence<Element>, to bytes: inout [UInt8], _ write: (Element, inout [UInt8]) throws(Failure) -> Void
  ) throws(Failure) {
    bytes.append(UInt8(ascii: "["))
    var first = true
    for element in elements {
      if !first { bytes.append(UInt8(ascii: ",")) }
      first = false
      try write(element, &bytes)
    }
    bytes.append(UInt8(ascii: "]"))
  }

  /// Builds a JSON object from already-encoded values, keeping the given key order.
  package static func object(_ fields: [(String, [UInt8])]) -> [UInt8] {
    var bytes: [UInt8] = [UInt8(ascii: "{")]
    for (index, (key, value)) in fields.enumerated() {
      if index > 0 { bytes.append(UInt8(ascii: ",")) }
      appendString(key, to: &bytes)
      bytes.append(UInt8(ascii: ":"))
      bytes.append(contentsOf: value)
    }
    bytes.append(UInt8(ascii: "}"))
    return bytes
  }

  /// A JSON string literal.
  package static func string(_ text: String) -> [UInt8] {
    var bytes: [UInt8] = []
    appendString(text, to: &bytes)
    return bytes
  }

  /// A JSON string literal, or `null`.
  package static func string(_ text: String?) -> [UInt8] {
    text.map { string($0) } ?? Array("null".utf8)
  }
}

/// A value that writes its own JSON: exactly the bytes `JSONText.encode` would get from
/// Foundation's encoder (compact, sorted keys, slashes as they are), without its overhead, for
/// the outputs of the built-in stages, which every document has.
package protocol JSONWriting {
  /// Appends the value's JSON to `bytes`.
  /// - Throws: when the value has no JSON form (a number that is not finite).
  func writeJSON(into bytes: inout [UInt8]) throws
}
