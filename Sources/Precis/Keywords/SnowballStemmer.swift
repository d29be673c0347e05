internal import Foundation
internal import CStemmer

/// A Snowball stemmer for one language, over libstemmer (Debian libstemmer-dev).
///
/// libstemmer keeps state per stemmer, so an instance must not be shared between threads;
/// create one per call site (opening one is cheap).
final class SnowballStemmer {
  private let handle: OpaquePointer

  /// A stemmer for an ISO 639-1 code, or `nil` when Snowball has no algorithm for the language.
  init?(language: String) {
    let name = language == "nb" || language == "nn" ? "no" : language
    guard !name.isEmpty, let handle = cstemmer_open(name) else { return nil }
    self.handle = handle
  }

  deinit { cstemmer_close(handle) }

  /// The stem of a lower-cased word.
  func stem(_ word: String) -> String {
    var word = word
    return word.withUTF8 { bytes in
      var length: Int32 = 0
      guard let stem = cstemmer_stem(handle, bytes.baseAddress, Int32(bytes.count), &length) else { return String(decoding: bytes, as: UTF8.self) }
      return String(decoding: UnsafeBufferPointer(start: stem, count: Int(length)), as: UTF8.self)
    }
  }
}

/// Turns lower-cased words into the terms that keywords and summaries compare: Snowball stems,
/// or for inflected languages without a Snowball stemmer the first six letters (a rough but
/// robust stand-in: "lokalizacja", "lokalizacji"), else the word itself.
/// Not thread-safe (it holds a Snowball stemmer): create one per document.
final class TermStemmer {
  private let snowball: SnowballStemmer?
  /// Whether words are grouped by their first six letters (an inflected language without Snowball).
  let truncates: Bool

  init(language: String) {
    snowball = SnowballStemmer(language: language)
    truncates = snowball == nil && Self.inflected.contains(language)
  }

  func stem(_ lower: String) -> String {
    if let snowball { return snowball.stem(lower) }
    return truncates ? String(lower.prefix(6)) : lower
  }

  /// Inflected languages without a Snowball stemmer, grouped by truncation instead.
  static let inflected: Set<String> = ["pl", "cs", "sk", "uk", "bg", "mk", "hr", "sl", "lv", "is", "fa", "ur", "he"]
}

/// The stopword lists shipped with Precis (see `Resources/DATA-LICENSES.md`).
enum Stopwords {
  /// The lower-cased stopwords of `language` (ISO 639-1), empty when there is no list (or the
  /// file is missing: stages that need the lists check ``loaded`` and refuse to start without
  /// them). A language's set is made the first time it is asked for, not every language's at
  /// start-up.
  static func words(of language: String) -> WordSet {
    sets.value(for: language) { WordSet((try? loaded.get())?.list(language) ?? []) }
  }

  /// The languages with a bundled list.
  static var languages: [String] { (try? loaded.get())?.keys ?? [] }

  /// The sets made so far, by language.
  private static let sets = LanguageTable<WordSet>()

  /// The bundled lists, or why they could not be read.
  static let loaded: Result<StringListsJSON.Lists, PipelineError> = {
    guard let url = Bundle.module.url(forResource: "stopwords", withExtension: "json", subdirectory: "Resources"),
      let data = try? Data(contentsOf: url),
      let lists = StringListsJSON.index([UInt8](data))
    else {
      return .failure(
        PipelineError(.inputNotFound, "the bundled stopword lists (Precis_Precis.resources/Resources/stopwords.json) are missing or damaged; keep the resources folder next to the precis binary"))
    }
    return .success(lists)
  }()
}

/// Reads a JSON object of arrays of strings (`{"de": ["aber", ...], ...}`, as the stopword file
/// is) straight from its bytes: what `JSONDecoder` would give for `[String: [String]]`, without
/// its start-up cost (type lookups and conformance checks on first use), which every process paid.
enum StringListsJSON {
  /// The lists, or `nil` when `bytes` are not such an object.
  static func parse(_ bytes: [UInt8]) -> [String: [String]]? {
    guard let lists = index(bytes) else { return nil }
    var parsed: [String: [String]] = [:]
    for key in lists.keys {
      guard let list = lists.list(key) else { return nil }
      parsed[key] = list
    }
    return parsed
  }

  /// The object's keys and where each one's array is, or `nil` when `bytes` are not an object of
  /// arrays of strings: the arrays are only skipped over, and read by ``Lists/list(_:)``.
  static func index(_ bytes: [UInt8]) -> Lists? {
    var reader = Reader(bytes: bytes)
    guard let ranges = reader.object() else { return nil }
    return Lists(bytes: bytes, ranges: ranges)
  }

  /// A file's lists, each read when it is asked for (a run reads the few languages it meets).
  struct Lists: Sendable {
    let bytes: [UInt8]
    /// Each key's array, brackets included.
    let ranges: [String: Range<Int>]

    /// The keys, sorted.
    var keys: [String] { ranges.keys.sorted() }

    /// The strings of `key`'s array; `nil` when there is no such key or its strings are damaged
    /// (not UTF-8, a bad escape).
    func list(_ key: String) -> [String]? {
      guard let range = ranges[key] else { return nil }
      var reader = Reader(bytes: bytes, offset: range.lowerBound)
      return reader.array()
    }
  }

  private struct Reader {
    let bytes: [UInt8]
    var offset = 0

    mutating func skipSpace() {
      while offset < bytes.count {
        switch bytes[offset] {
        case 0x20, 0x0A, 0x0D, 0x09: offset += 1
        default: return
        }
      }
    }

    mutating func take(_ byte: UInt8) -> Bool {
      skipSpace()
      guard offset < bytes.count, bytes[offset] == byte else { return false }
      offset += 1
      return true
    }

    /// An object of arrays of strings: where each key's array is.
    mutating func object() -> [String: Range<Int>]? {
      guard take(0x7B) else { return nil }  // {
      var lists: [String: Range<Int>] = [:]
      if take(0x7D) { return atEnd() ? lists : nil }
      repeat {
        guard let key = string(), take(0x3A) else { return nil }  // :
        skipSpace()
        let start = offset
        guard skipArray() else { return nil }
        lists[key] = start..<offset
      } while take(0x2C)  // ,
      guard take(0x7D) else { return nil }  // }
      return atEnd() ? lists : nil
    }

    /// Moves past an array of strings, reading none of them.
    mutating func skipArray() -> Bool {
      guard take(0x5B) else { return false }  // [
      if take(0x5D) { return true }
      repeat {
        guard take(0x22) else { return false }  // "
        while true {
          guard offset < bytes.count, bytes[offset] >= 0x20 else { return false }
          let byte = bytes[offset]
          offset += byte == 0x5C ? 2 : 1  // a backslash and the byte it escapes
          if byte == 0x22 { break }
        }
      } while take(0x2C)
      return take(0x5D)
    }

    mutating func atEnd() -> Bool {
      skipSpace()
      return offset == bytes.count
    }

    mutating func array() -> [String]? {
      guard take(0x5B) else { return nil }  // [
      var items: [String] = []
      if take(0x5D) { return items }
      repeat {
        guard let item = string() else { return nil }
        items.append(item)
      } while take(0x2C)
      return take(0x5D) ? items : nil
    }

    /// A string literal; escapes as JSON has them (`\uXXXX` with surrogate pairs).
    mutating func string() -> String? {
      guard take(0x22) else { return nil }  // "
      // Most strings have no escape: their bytes are the string.
      var end = offset
      while end < bytes.count, bytes[end] != 0x22, bytes[end] != 0x5C, bytes[end] >= 0x20 { end += 1 }
      if end < bytes.count, bytes[end] == 0x22 {
        defer { offset = end + 1 }
        return bytes.withUnsafeBufferPointer { all in
          // Decoding repairs what is not UTF-8; a repaired string is not these bytes (and
          // `String(validating:)` is slower by far here).
          let utf8 = UnsafeBufferPointer(rebasing: all[offset..<end])
          let decoded = String(decoding: utf8, as: UTF8.self)
          return decoded.utf8.elementsEqual(utf8) ? decoded : nil
        }
      }
      var utf8: [UInt8] = []
      while offset < bytes.count {
        let byte = bytes[offset]
        offset += 1
        switch byte {
        case 0x22: return String(validating: utf8, as: UTF8.self)
        case 0x5C:
          guard offset < bytes.count else { return nil }
          let escaped = bytes[offset]
          offset += 1
          switch escaped {
          case 0x22, 0x5C, 0x2F: utf8.append(escaped)
          case 0x62: utf8.append(0x08)
          case 0x66: utf8.append(0x0C)
          case 0x6E: utf8.append(0x0A)
          case 0x72: utf8.append(0x0D)
          case 0x74: utf8.append(0x09)
          case 0x75:
            guard var value = hex4() else { return nil }
            if (0xD800..<0xDC00).contains(value) {
              guard offset + 1 < bytes.count, bytes[offset] == 0x5C, bytes[offset + 1] == 0x75 else { return nil }
              offset += 2
              guard let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
              value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let scalar = Unicode.Scalar(value) else { return nil }
            utf8 += Array(String(Character(scalar)).utf8)
          default: return nil
          }
        case 0..<0x20: return nil
        default: utf8.append(byte)
        }
      }
      return nil
    }

    mutating func hex4() -> UInt32? {
      guard offset + 4 <= bytes.count, let value = UInt32(String(decoding: bytes[offset..<(offset + 4)], as: UTF8.self), radix: 16)
      else { return nil }
      offset += 4
      return value
    }
  }
}
