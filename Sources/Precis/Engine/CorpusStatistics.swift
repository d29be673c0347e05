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
    // Mutated in place through the subscript: a copy of the counts would copy the whole table.
    languages[language, default: LanguageCounts()].documents += 1
    for term in terms { languages[language, default: LanguageCounts()].terms[term, default: 0] += 1 }
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
      languages[language, default: LanguageCounts()].documents += counts.documents
      languages[language, default: LanguageCounts()].terms.merge(counts.terms, uniquingKeysWith: +)
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

  /// Statistics by stage from `path`: a folder of `<stage>.json` files (or one holding a
  /// `statistics/` folder), a `<stage>.json` file, or a bundle file of JSON lines each mapping
  /// stage names to statistics (what `precis stats count` prints), whose lines are merged.
  public static func loadAll(path: String) throws(PipelineError) -> [String: CorpusStatistics] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw PipelineError(.inputNotFound, "statistics '\(path)' do not exist; pass a run's statistics folder or a file from `precis stats count`")
    }
    if isDirectory.boolValue {
      let nested = (path as NSString).appendingPathComponent("statistics")
      var nestedIsDirectory: ObjCBool = false
      let folder = FileManager.default.fileExists(atPath: nested, isDirectory: &nestedIsDirectory) && nestedIsDirectory.boolValue ? nested : path
      let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
      var result: [String: CorpusStatistics] = [:]
      for name in names {
        result[String(name.dropLast(5))] = try load(path: (folder as NSString).appendingPathComponent(name))
      }
      return result
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw PipelineError(.unreadableInput, "cannot read statistics '\(path)'")
    }
    if let single = try? JSONDecoder().decode(CorpusStatistics.self, from: data) {
      return [((path as NSString).lastPathComponent as NSString).deletingPathExtension: single]
    }
    var result: [String: CorpusStatistics] = [:]
    for line in data.split(separator: 10) where !line.allSatisfy({ $0 == 32 }) {
      guard let bundle = try? JSONDecoder().decode([String: CorpusStatistics].self, from: Data(line)) else {
        throw PipelineError(.invalidConfig, "'\(path)' is neither corpus statistics nor a bundle of them; write them with `precis run` or `precis stats count`")
      }
      try merge(bundle, into: &result)
    }
    return result
  }

  /// Adds `bundle` into `result`, stage by stage.
  /// - Throws: `PipelineError` when a stage's statistics were made with different settings.
  public static func merge(_ bundle: [String: CorpusStatistics], into result: inout [String: CorpusStatistics]) throws(PipelineError) {
    for (stage, statistics) in bundle.sorted(by: { $0.key < $1.key }) {
      if result[stage] == nil {
        result[stage] = statistics
      } else {
        do {
          try result[stage]?.merge(statistics)
        } catch {
          throw PipelineError(error.code, "stage '\(stage)': " + error.message)
        }
      }
    }
  }

  /// Writes `statistics` as `<folder>/<stage>.json` files (atomically).
  public static func write(_ statistics: [String: CorpusStatistics], toFolder folder: String) throws(PipelineError) {
    do {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      for (stage, counts) in statistics.sorted(by: { $0.key < $1.key }) {
        let file = try AtomicFile(path: (folder as NSString).appendingPathComponent("\(stage).json"))
        try file.write([UInt8](try counts.jsonData()) + [10])
        try file.commit()
      }
    } catch let error as PipelineError {
      throw error
    } catch {
      throw PipelineError(.outputFailed, "cannot write statistics into '\(folder)': \(error)")
    }
  }

  /// One JSON line mapping stage names to statistics (sorted keys), as `precis stats count` prints.
  public static func bundleLine(_ statistics: [String: CorpusStatistics]) throws(PipelineError) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    do {
      return String(decoding: try encoder.encode(statistics), as: UTF8.self)
    } catch {
      throw PipelineError(.outputFailed, "cannot encode statistics: \(error)")
    }
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
