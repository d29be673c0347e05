internal import Foundation

/// Document frequencies of terms per language: what a corpus-aware stage learns in a first pass
/// over every document, before it scores any of them.
///
/// Statistics are mergeable (counts add up), so shards of a corpus can be counted apart and merged
/// into exactly what one pass over the whole corpus gives. `settings` records how terms were made
/// (normalization, tokenization, stemming); statistics with different settings do not merge.
///
/// Terms are kept as 64-bit hashes of language and term, not as strings, so memory does not
/// depend on how long terms are; up to ``TermCounts/exactLimit`` distinct terms the counts are
/// exact, beyond that they move into a fixed-size count-min sketch, so memory stays bounded
/// however large the corpus (see ``TermCounts``).
public struct CorpusStatistics: Sendable, Equatable {
  /// The file format version this build reads and writes.
  public static let currentFormat = 2
  /// How terms were made; must be equal for statistics to merge or be reused.
  public var settings: [String: String]
  /// Documents counted per ISO 639-1 language code (`und` for undetermined).
  public private(set) var documents: [String: Int] = [:]
  /// Documents containing each term, keyed by ``key(language:term:)``.
  public private(set) var terms = TermCounts()

  public init(settings: [String: String]) {
    self.settings = settings
  }

  /// The key under which `term` of `language` is counted: FNV-1a 64 of `language`, a zero byte
  /// and `term`, as UTF-8.
  public static func key(language: String, term: String) -> UInt64 {
    FNV1a.extend(keySeed(language: language), term.utf8)
  }

  /// The hash of `language` and the zero byte, which ``key(language:term:)`` extends by the term's
  /// bytes (so keys can be made a word at a time, without joining strings).
  public static func keySeed(language: String) -> UInt64 {
    FNV1a.extend(FNV1a.hash64(language.utf8), 0)
  }

  /// Counts one document of `language` containing `terms` (each distinct term counted once).
  public mutating func addDocument(language: String, terms newTerms: some Sequence<String>) {
    documents[language, default: 0] += 1
    terms.addDocument(keys: UInt64Map.distinct(newTerms.lazy.map { Self.key(language: language, term: $0) }))
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
    documents.merge(other.documents, uniquingKeysWith: +)
    terms.merge(other.terms)
  }

  /// The number of documents of `language` containing `term`, and of all documents of `language`.
  public func documentFrequency(of term: String, language: String) -> (containing: Int, documents: Int) {
    guard let count = documents[language] else { return (0, 0) }
    return (Int(terms.count(of: Self.key(language: language, term: term))), count)
  }

  /// Smoothed idf, `ln((N + 1) / (df + 1)) + 1`, for terms of `language` given by their keys
  /// (``key(language:term:)``), or `nil` when fewer than `minimumDocuments` documents of the
  /// language were counted.
  public func inverseDocumentFrequencyByKey(language: String, minimumDocuments: Int) -> (@Sendable (UInt64) -> Double)? {
    guard let count = documents[language], count >= minimumDocuments else { return nil }
    let documentCount = Double(count + 1)
    let terms = terms
    return { key in log(documentCount / Double(terms.count(of: key) + 1)) + 1 }
  }

  /// The idf of each of `keys` (terms of `language`, by ``key(language:term:)``), as
  /// ``inverseDocumentFrequencyByKey(language:minimumDocuments:)`` gives it, or `nil` when fewer
  /// than `minimumDocuments` documents of the language were counted. The table lookups miss the
  /// cache, so each key's is requested a few keys ahead of its use.
  public func inverseDocumentFrequencies(of keys: [UInt64], language: String, minimumDocuments: Int) -> [Double]? {
    guard let idf = inverseDocumentFrequencyByKey(language: language, minimumDocuments: minimumDocuments) else { return nil }
    let ahead = 16
    for key in keys.prefix(ahead) { terms.prefetch(key) }
    return keys.indices.map { index in
      if index + ahead < keys.count { terms.prefetch(keys[index + ahead]) }
      return idf(keys[index])
    }
  }

  /// Smoothed idf, `ln((N + 1) / (df + 1)) + 1`, for terms of `language`, or `nil` when fewer
  /// than `minimumDocuments` documents of the language were counted.
  public func inverseDocumentFrequency(language: String, minimumDocuments: Int) -> (@Sendable (String) -> Double)? {
    guard let idf = inverseDocumentFrequencyByKey(language: language, minimumDocuments: minimumDocuments) else { return nil }
    return { term in idf(Self.key(language: language, term: term)) }
  }

  /// Adds one document of `language` whose terms have the hashes `keys` (from ``key(language:term:)``,
  /// each key once).
  public mutating func addDocument(language: String, keys: some Collection<UInt64>) {
    documents[language, default: 0] += 1
    terms.addDocument(keys: keys)
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
      let bundle: [String: CorpusStatistics]
      do {
        bundle = try JSONDecoder().decode([String: CorpusStatistics].self, from: Data(line))
      } catch {
        throw PipelineError(
          .invalidConfig,
          "'\(path)' is neither corpus statistics nor a bundle of them (\(reason(error))); write them with `precis run` or `precis stats count`")
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
    guard !statistics.isEmpty else { return }
    do {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    } catch {
      throw PipelineError(.outputFailed, "cannot create the statistics folder '\(folder)': \(error)")
    }
    let files = try files(statistics) { name throws(PipelineError) in
      try AtomicFile(path: (folder as NSString).appendingPathComponent(name))
    }
    for file in files { try file.commit() }
  }

  /// Writes `statistics` into one `<stage>.json` file each, made by `make` from that name (under
  /// a temporary name, for the caller to commit), in stage order.
  static func files(
    _ statistics: [String: CorpusStatistics], make: (_ name: String) throws(PipelineError) -> AtomicFile
  ) throws(PipelineError) -> [AtomicFile] {
    var files: [AtomicFile] = []
    for (stage, counts) in statistics.sorted(by: { $0.key < $1.key }) {
      let file = try make("\(stage).json")
      try counts.writeJSON { text throws(PipelineError) in try file.write(text) }
      try file.write("\n")
      files.append(file)
    }
    return files
  }

  /// Writes one JSON line mapping stage names to statistics (sorted keys), as `precis stats count`
  /// prints, in pieces.
  public static func writeBundleLine(
    _ statistics: [String: CorpusStatistics], _ write: (String) throws(PipelineError) -> Void
  ) throws(PipelineError) {
    try write("{")
    for (index, (stage, counts)) in statistics.sorted(by: { $0.key < $1.key }).enumerated() {
      try write((index == 0 ? "" : ",") + String(decoding: JSONText.string(stage), as: UTF8.self) + ":")
      try counts.writeJSON(write)
    }
    try write("}\n")
  }

  /// Reads statistics written by `precis run` (`statistics/<stage>.json`).
  public static func load(path: String) throws(PipelineError) -> CorpusStatistics {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw PipelineError(.inputNotFound, "cannot read corpus statistics '\(path)'; check the path given to --stats")
    }
    do {
      return try JSONDecoder().decode(CorpusStatistics.self, from: data)
    } catch {
      throw PipelineError(.invalidConfig, "'\(path)' is not a Precis corpus statistics file (\(reason(error))); write one with `precis run`")
    }
  }

  /// What went wrong in decoding, in a line.
  static func reason(_ error: any Error) -> String {
    switch error {
    case DecodingError.dataCorrupted(let context), DecodingError.keyNotFound(_, let context),
      DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
      let path = context.codingPath.map(\.stringValue).joined(separator: ".")
      return (path.isEmpty ? "" : path + ": ") + context.debugDescription
    default:
      return "\(error)"
    }
  }

  /// Writes the statistics as deterministic JSON (sorted keys, as ``encode(to:)`` with a sorted-key
  /// encoder gives), in pieces: the term table is the bulk of it.
  func writeJSON(_ write: (String) throws(PipelineError) -> Void) throws(PipelineError) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let head: String
    do {
      head = "{\"documents\":" + String(decoding: try encoder.encode(documents), as: UTF8.self) + ",\"format\":\(Self.currentFormat),\"settings\":"
        + String(decoding: try encoder.encode(settings), as: UTF8.self) + ",\"terms\":"
    } catch {
      throw PipelineError(.outputFailed, "cannot encode statistics: \(error)")
    }
    try write(head)
    try terms.writeJSON(write)
    try write("}")
  }
}

extension CorpusStatistics: Codable {
  private enum CodingKeys: String, CodingKey {
    case format, settings, documents, terms
  }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(Self.currentFormat, forKey: .format)
    try container.encode(settings, forKey: .settings)
    try container.encode(documents, forKey: .documents)
    try container.encode(terms, forKey: .terms)
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let format = try container.decode(Int.self, forKey: .format)
    guard format == Self.currentFormat else {
      throw DecodingError.dataCorruptedError(
        forKey: .format, in: container,
        debugDescription: "statistics format \(format) is not the format \(Self.currentFormat) this precis reads; count them again with this version")
    }
    settings = try container.decode([String: String].self, forKey: .settings)
    documents = try container.decode([String: Int].self, forKey: .documents)
    terms = try container.decode(TermCounts.self, forKey: .terms)
  }
}

/// A stage that needs corpus statistics: the runner first lets it observe every document, merges
/// what it saw, and then calls ``Stage/process(_:context:)`` with the result in
/// ``StageContext/statistics`` (or loads saved statistics instead of the first pass).
///
/// A corpus stage observes each document as the stages it depends on leave it, less those that
/// themselves depend on a corpus stage (their outputs are made only once statistics exist); the
/// planner rejects a corpus stage that *requires* such an output.
public protocol CorpusStage: Stage {
  /// How terms are made; saved statistics are used only when these settings match.
  var statisticsSettings: [String: String] { get }
  /// Adds what `document` contributes to `statistics`.
  /// - Throws: for this document only; it is then left out of the statistics.
  func observe(_ document: Document, into statistics: inout CorpusStatistics, context: StageContext) throws
}
