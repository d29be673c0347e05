internal import Foundation

/// Deterministic JSON text: sorted keys, no escaped slashes, UTF-8 kept as is.
package enum JSONText {
  /// Encodes `value` as compact JSON with sorted keys.
  package static func encode(_ value: some Encodable) throws -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return [UInt8](try encoder.encode(value))
  }

  /// Appends `text` as a JSON string literal to `bytes`.
  package static func appendString(_ text: String, to bytes: inout [UInt8]) {
    bytes.append(UInt8(ascii: "\""))
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "\""): bytes.append(contentsOf: [92, 34])
      case UInt8(ascii: "\\"): bytes.append(contentsOf: [92, 92])
      case 10: bytes.append(contentsOf: [92, UInt8(ascii: "n")])
      case 13: bytes.append(contentsOf: [92, UInt8(ascii: "r")])
      case 9: bytes.append(contentsOf: [92, UInt8(ascii: "t")])
      case 0..<32, 127:
        let hex = Array("0123456789abcdef".utf8)
        bytes.append(contentsOf: [92, UInt8(ascii: "u"), 48, 48, hex[Int(byte >> 4)], hex[Int(byte & 15)]])
      default: bytes.append(byte)
      }
    }
    bytes.append(UInt8(ascii: "\""))
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
