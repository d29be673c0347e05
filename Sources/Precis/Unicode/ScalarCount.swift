extension StringProtocol {
  /// The number of Unicode scalars (code points), counted on the UTF-8 bytes: every byte that
  /// does not continue a sequence starts a scalar. Same as `unicodeScalars.count`, without
  /// decoding each scalar.
  var scalarCount: Int {
    utf8.withContiguousStorageIfAvailable { bytes in
      var count = 0
      for byte in bytes where byte & 0xC0 != 0x80 { count += 1 }
      return count
    } ?? unicodeScalars.count
  }
}
