/// Reading scalars straight from valid UTF-8 bytes (a `String`'s own), for loops that copy most
/// bytes as they are and decode only what they must look at.
enum UTF8Scalars {
  /// The scalar that starts at `index` of valid UTF-8 `bytes`, and how many bytes it takes.
  @inline(__always)
  static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (scalar: Unicode.Scalar, length: Int) {
    let lead = bytes[index]
    if lead < 0x80 { return (Unicode.Scalar(lead), 1) }
    let length = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
    var value = UInt32(lead) & (0xFF >> (length + 1))
    for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
    return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
  }
}

extension Unicode.Scalar {
  /// Whether `lowercased()` changes this scalar (ASCII capitals found without a table lookup).
  @inline(__always)
  var isChangedByLowercasing: Bool {
    isASCII ? (0x41...0x5A).contains(value) : ScalarBits.changesWhenLowercased.contains(self)
  }

  /// Calls `body` with the scalars `lowercased()` turns this one into: itself, or its full
  /// lower-case mapping (looked up only for scalars that lower-casing changes).
  @inline(__always)
  func forEachLowercase(_ body: (Unicode.Scalar) -> Void) {
    guard isChangedByLowercasing else { return body(self) }
    if isASCII { return body(Unicode.Scalar(UInt8(value) | 0x20)) }
    for lower in properties.lowercaseMapping.unicodeScalars { body(lower) }
  }
}

extension String {
  /// The same string as `lowercased()` (each scalar mapped as ``Unicode/Scalar/forEachLowercase(_:)``
  /// maps it), made on the UTF-8 bytes: a string with nothing to lower-case is returned as it is,
  /// and bytes are copied from the first scalar that changes on.
  func lowercasedByScalar() -> String {
    var text = self
    return text.withUTF8 { bytes -> String? in
      var lower: [UInt8]?
      var index = 0
      while index < bytes.count {
        let (scalar, length) = UTF8Scalars.scalar(in: bytes, at: index)
        defer { index += length }
        let changes = scalar.isChangedByLowercasing
        if changes && lower == nil {
          lower = Array(UnsafeBufferPointer(rebasing: bytes[..<index]))
          lower?.reserveCapacity(bytes.count + 8)
        }
        guard lower != nil else { continue }
        if changes {
          scalar.forEachLowercase { lower?.append(contentsOf: UTF8.encode($0)!) }
        } else {
          lower?.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<(index + length)]))
        }
      }
      return lower.map { String(decoding: $0, as: UTF8.self) }
    } ?? self
  }
}
