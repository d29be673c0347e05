internal import Foundation

extension String {
  /// Whether this string's UTF-8 bytes sort before `other`'s: code point order, which is the
  /// order of `<` for strings in the same normalization form, compared with `memcmp` instead of
  /// Swift's normalizing comparison.
  func utf8Precedes(_ other: String) -> Bool {
    let compared = utf8.withContiguousStorageIfAvailable { a in
      other.utf8.withContiguousStorageIfAvailable { b -> Bool in
        let shared = min(a.count, b.count)
        let order = shared == 0 ? 0 : memcmp(a.baseAddress!, b.baseAddress!, shared)
        return order != 0 ? order < 0 : a.count < b.count
      }
    }
    return compared.flatMap { $0 } ?? utf8.lexicographicallyPrecedes(other.utf8)
  }
}
