/// The 64-bit FNV-1a hash (Fowler, Noll, Vo): fixed across runs and machines, unlike `Hasher`.
package enum FNV1a {
  /// The hash of `bytes`.
  package static func hash64(_ bytes: some Sequence<UInt8>) -> UInt64 {
    extend(offsetBasis, bytes)
  }

  /// The hash of no bytes, which every hash extends.
  package static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325

  /// `hash` extended by one more byte.
  @inline(__always)
  package static func extend(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
    (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
  }

  /// `hash` extended by more bytes: `extend(hash64(a), b) == hash64(a + b)`.
  @inline(__always)
  package static func extend(_ hash: UInt64, _ bytes: some Sequence<UInt8>) -> UInt64 {
    // Straight over the bytes when they are contiguous (a native string's UTF-8, an array).
    if let extended = bytes.withContiguousStorageIfAvailable({ buffer in
      var hash = hash
      for byte in buffer { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
      return hash
    }) {
      return extended
    }
    var hash = hash
    for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
    return hash
  }

  /// The hash of `text`'s UTF-8 bytes as 16 lowercase hex digits.
  package static func hex(_ text: String) -> String {
    let value = String(hash64(text.utf8), radix: 16)
    return String(repeating: "0", count: 16 - value.count) + value
  }
}
