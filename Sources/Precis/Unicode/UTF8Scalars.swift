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

extension String {
  /// The same string as `lowercased()` (each scalar's full lower-case mapping, as the standard
  /// library maps them), made on the UTF-8 bytes: a string with nothing to lower-case is returned
  /// as it is, and only the scalars that lower-casing changes are looked up.
  func lowercasedByScalar() -> String {
    var text = self
    return text.withUTF8 { bytes -> String? in
      var index = 0
      // The first byte that lower-casing changes, if any.
      while index < bytes.count {
        let byte = bytes[index]
        if byte < 0x80 {
          if (0x41...0x5A).contains(byte) { break }
          index += 1
          continue
        }
        let (scalar, length) = UTF8Scalars.scalar(in: bytes, at: index)
        if ScalarBits.changesWhenLowercased.contains(scalar) { break }
        index += length
      }
      guard index < bytes.count else { return nil }
      var lower: [UInt8] = []
      lower.reserveCapacity(bytes.count + 8)
      lower.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[..<index]))
      while index < bytes.count {
        let byte = bytes[index]
        if byte < 0x80 {
          lower.append((0x41...0x5A).contains(byte) ? byte | 0x20 : byte)
          index += 1
          continue
        }
        let (scalar, length) = UTF8Scalars.scalar(in: bytes, at: index)
        if ScalarBits.changesWhenLowercased.contains(scalar) {
          lower.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
        } else {
          lower.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[index..<(index + length)]))
        }
        index += length
      }
      return String(decoding: lower, as: UTF8.self)
    } ?? self
  }
}
