internal import Foundation

/// Document frequencies of terms per language: what a corpus-aware stage learns in a first pass
/// over every document, before it scores any of them.
///
/// Statistics are mergeable (counts add up), so shards of a corpus can be counted apart and merged
/// into exactly what one pass over the whole corpus gives. `settings` records how terms were made
/// (normalization, tokenization, stemming); statistics with different settings do not merge.
public struct CorpusStatistics: Codable, Sendable, Equatable {
  /// Counts for one language.
  public struct LanguageCounts: Codable, Sendable, Equatable {
    /// Documents of this language that were counted.
    public var documents = 0
    /// Documents containing each term.
    public var terms: [String: Int] = [:]
  }

  /// The file format version.
  public var format = 1
  /// How terms were made; must be equal for statistics to merge or be reused.
  public var settings: [String: String]
  /// Counts per ISO 639-1 language code (`und` for undetermined).
  public var languages: [String: LanguageCounts] = [:]

  public init(settings: [String: String]) {
    self.settings = settings
  }

  /// Counts one document of `language` containing `terms` (each counted once).
  public mutating func addDocument(language: String, terms: Set<String>) {
    var counts = languages[language, default: LanguageCounts()]
    counts.documents += 1
    for term in terms { counts.terms[term, default: 0] += 1 }
    languages[language] = counts
  }

  /// Adds `other`'s counts.
  /// - Throws: `PipelineError` when the two were made with different settings.
  public mutating func merge(_ other: CorpusStatistics) throws(PipelineError) {
    guard other.settings == settings else {
      let differing = Set(settings.keys).union(other.settings.keys).sorted().filter { settings[$0] != other.settings[$0] }
      throw PipelineError(
        .invalidConfig,
        "corpus statistics made with different settings (\(differing.joined(separator: ", "))) cannot be merged; recount them with one pipeline")
    }
    for (language, counts) in other.languages {
      var mine = languages[language, default: LanguageCounts()]
      mine.documents += counts.documents
      mine.terms.merge(counts.terms, uniquingKeysWith: +)
      languages[language] = mine
    }
  }

  /// The number of documents of `language` containing `term`, and of all documents of `language`.
  public func documentFrequency(of term: String, language: String) -> (containing: Int, documents: Int) {
    guard let counts = languages[language] else { return (0, 0) }
    return (counts.terms[term] ?? 0, counts.documents)
  }

  /// Smoothed idf, `ln((N + 1) / (df + 1)) + 1`, for terms of `language`, or `nil` when fewer
  /// than `minimumDocuments` documents of the language were counted.
  public func inverseDocumentFrequency(language: String, minimumDocuments: Int) -> (@Sendable (String) -> Double)? {
    guard let counts = languages[language], counts.documents >= minimumDocuments else { return nil }
    let documents = Double(counts.documents + 1)
    return { term in log(documents / Double((counts.terms[term] ?? 0) + 1)) + 1 }
  }

  /// Reads statistics written by `precis run` (`statistics/<stage>.json`).
  public static func load(path: String) throws(PipelineError) -> CorpusStatistics {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw PipelineError(.inputNotFound, "cannot read corpus statistics '\(path)'; check the path given to --stats")
    }
    do {
      return try JSONDecoder().decode(CorpusStatistics.self, from: data)
    } catch {
      throw PipelineError(.invalidConfig, "'\(path)' is not a Precis corpus statistics file (\(error)); write one with `precis run`")
    }
  }

  /// The statistics as deterministic JSON (sorted keys).
  func jsonData() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(self)
  }
}

/// A stage that needs corpus statistics: the runner first lets it observe every document, merges
/// what it saw, and then calls ``Stage/process(_:context:)`` with the result in
/// ``StageContext/statistics`` (or loads saved statistics instead of the first pass).
public protocol CorpusStage: Stage {
  /// How terms are made; saved statistics are used only when these settings match.
  var statisticsSettings: [String: String] { get }
  /// Adds what `document` contributes to `statistics`.
  /// - Throws: for this document only; it is then left out of the statistics.
  func observe(_ document: Document, into statistics: inout CorpusStatistics, context: StageContext) throws
}
