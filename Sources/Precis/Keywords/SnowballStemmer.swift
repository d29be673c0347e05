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
  /// Lower-cased stopwords per ISO 639-1 code, loaded once (empty when the file is missing;
  /// stages that need the lists check ``loaded`` and refuse to start without them).
  static let bundled: [String: WordSet] = (try? loaded.get())?.mapValues { WordSet($0) } ?? [:]

  /// The bundled lists, or why they could not be read.
  static let loaded: Result<[String: Set<String>], PipelineError> = {
    guard let url = Bundle.module.url(forResource: "stopwords", withExtension: "json", subdirectory: "Resources"),
      let data = try? Data(contentsOf: url),
      let lists = try? JSONDecoder().decode([String: [String]].self, from: data)
    else {
      return .failure(
        PipelineError(.inputNotFound, "the bundled stopword lists (Precis_Precis.resources/Resources/stopwords.json) are missing; keep the resources folder next to the precis binary"))
    }
    return .success(lists.mapValues { Set($0) })
  }()
}
