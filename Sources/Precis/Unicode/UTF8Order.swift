internal import Foundation

extension String {
  /// How this string's UTF-8 bytes compare with `other`'s (negative, zero or positive, as
  /// `memcmp`), a shorter prefix first: code point order, which is the order of `<` for strings
  /// in the same normalization form, without Swift's normalizing comparison.
  func utf8Compare(_ other: String) -> Int {
    let compared = utf8.withContiguousStorageIfAvailable { a in
      other.utf8.withContiguousStorageIfAvailable { b -> Int in
        let shared = min(a.count, b.count)
        let order = shared == 0 ? 0 : Int(memcmp(a.baseAddress!, b.baseAddress!, shared))
        return order != 0 ? order : a.count - b.count
      }
    }
    if let order = compared.flatMap({ $0 }) { return order }
    return utf8.elementsEqual(other.utf8) ? 0 : utf8.lexicographicallyPrecedes(other.utf8) ? -1 : 1
  }

  /// Whether this string's UTF-8 bytes sort before `other`'s (see ``utf8Compare(_:)``).
  func utf8Precedes(_ other: String) -> Bool { utf8Compare(other) < 0 }

  /// Whether this string has the same UTF-8 bytes as `other` (`==` would also take canonically
  /// equivalent spellings, and normalize to find out).
  func hasSameUTF8(as other: String) -> Bool { utf8.count == other.utf8.count && utf8Compare(other) == 0 }
}
