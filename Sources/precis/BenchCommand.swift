import ArgumentParser
import Foundation
import Precis

/// Developer benchmarks; see Scripts/bench-sentences.
struct BenchSentencesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench-sentences",
    abstract: "Time the sentence splitter against plain ICU sentence-break iteration on the same texts.",
    shouldDisplay: false)

  @Argument(help: "A folder of text files (read recursively).")
  var folder: String

  @Option(help: "ISO 639-1 language for the splitter (default: guessed from the script per text).")
  var language: String?

  @Option(help: "Passes over the texts; the fastest pass counts.")
  var passes: Int = 3

  func run() throws {
    let texts = try BenchSupport.loadTexts(folder)
    let bytes = texts.reduce(0) { $0 + $1.utf8.count }
    let splitter = SentenceSplitter(language: language)
    var icuBest = Double.infinity, oursBest = Double.infinity
    var icuCount = 0, oursCount = 0
    for _ in 0..<max(1, passes) {
      let clock = ContinuousClock()
      var start = clock.now
      icuCount = 0
      for text in texts { icuCount += try BenchSupport.icuSentenceCount(text) }
      icuBest = min(icuBest, BenchSupport.seconds(start.duration(to: clock.now)))
      start = clock.now
      oursCount = 0
      for text in texts { oursCount += try splitter.sentences(in: text).count }
      oursBest = min(oursBest, BenchSupport.seconds(start.duration(to: clock.now)))
    }
    let megabytes = Double(bytes) / 1_000_000
    print(String(format: "texts: %d, %.1f MB", texts.count, megabytes))
    print(String(format: "ICU plain sentence breaks: %8.1f MB/s  (%d boundaries)", megabytes / icuBest, icuCount))
    print(String(format: "Precis sentences:          %8.1f MB/s  (%d sentences)", megabytes / oursBest, oursCount))
    print(String(format: "ratio Precis / ICU: %.2f", icuBest / oursBest))
  }
}

/// Developer evaluation helper; see Scripts/eval-ud-sentences.
struct SentenceSpansCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sentence-spans",
    abstract: "Print the sentences of JSON-lines texts ({id, text, language}) as code-point spans.",
    shouldDisplay: false)

  @Argument(help: "A JSON-lines file of objects with \"id\", \"text\" and \"language\".")
  var file: String

  @Flag(help: "Split with plain ICU sentence-break iteration (the text's locale) instead of Precis.")
  var plain = false

  func run() throws {
    let data = try Data(contentsOf: URL(fileURLWithPath: file))
    var output = ""
    for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
      guard let object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
        let id = object["id"] as? String, let text = object["text"] as? String
      else { throw ValidationError("\(file): every line needs a string \"id\" and \"text\"") }
      let spans = try BenchSupport.sentenceSpans(text, language: object["language"] as? String ?? "", plain: plain)
      let encodedID = String(decoding: try JSONSerialization.data(withJSONObject: [id]), as: UTF8.self)
      output += "{\"id\":\(encodedID.dropFirst().dropLast()),\"spans\":["
      output += spans.map { "[\($0.start),\($0.end)]" }.joined(separator: ",") + "]}\n"
    }
    FileHandle.standardOutput.write(Data(output.utf8))
  }
}

/// Developer benchmark for the language detector; see Scripts/bench-language.
struct BenchLanguageCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench-language",
    abstract: "Time profile loading and language detection over a TSV of lang<TAB>kind<TAB>text lines.",
    shouldDisplay: false)

  @Argument(help: "A TSV file: language, kind, text per line.")
  var file: String

  @Option(help: "Passes over the items; the fastest pass counts.")
  var passes: Int = 3

  func run() throws {
    let rows = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").compactMap { line -> (String, String)? in
      let parts = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
      return parts.count == 3 ? (String(parts[1]), String(parts[2])) : nil
    }
    let before = BenchSupport.residentMegabytes()
    let clock = ContinuousClock()
    let start = clock.now
    let detector = try LanguageDetector()
    _ = detector.dominantLanguage(of: "warm up")
    let loadSeconds = BenchSupport.seconds(start.duration(to: clock.now))
    let after = BenchSupport.residentMegabytes()
    print(String(format: "profile load: %.0f ms, resident memory +%.0f MB (file %.1f MB)", loadSeconds * 1000, after - before, Double(detector.profileBytes) / 1e6))
    for kind in ["word", "pair", "sentence"] {
      let texts = rows.filter { $0.0 == kind }.map(\.1)
      guard !texts.isEmpty else { continue }
      let (best, checksum) = BenchSupport.fastest(passes: passes) {
        texts.reduce(0) { $0 &+ detector.dominantLanguage(of: $1).utf8.count }
      }
      precondition(checksum > 0)
      print(String(format: "%-9@ %6d items  %9.0f items/s (one thread)", kind, texts.count, Double(texts.count) / best))
    }
  }
}

/// Prints the Swift source of the generated Unicode property tables; see Scripts/generate-scalar-bits.
struct GenerateScalarTablesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "generate-scalar-tables",
    abstract: "Print Sources/Precis/Unicode/ScalarBitsTables.swift, worked out from this toolchain's Unicode properties.",
    shouldDisplay: false)

  func run() throws { print(BenchSupport.scalarTablesSource(), terminator: "") }
}

/// Prints Resources/date-number-words.json; see Scripts/generate-date-number-words.
struct GenerateDateNumberWordsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "generate-date-number-words",
    abstract: "Print Sources/Precis/Resources/date-number-words.json: ICU's month and weekday names and spelled-out numbers of every language.",
    shouldDisplay: false)

  func run() throws { print(try BenchSupport.dateAndNumberListsSource(), terminator: "") }
}

/// Developer benchmark for the tokens stage's morphology; see Scripts/bench-morphology.
struct BenchMorphologyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench-morphology",
    abstract: "Time part-of-speech tagging and lemmatizing of token layers, in tokens per second on one thread.",
    shouldDisplay: false)

  @Argument(help: "A folder of text files (read recursively).")
  var folder: String

  @Option(help: "Passes over the layers; the fastest pass counts.")
  var passes: Int = 3

  func run() throws {
    let layers = try BenchSupport.untaggedLayers(try BenchSupport.loadTexts(folder))
    let (best, tokens) = BenchSupport.fastest(passes: passes) { BenchSupport.tagMorphology(layers) }
    let total = tokens.values.reduce(0, +)
    print("documents with a model: \(layers.count), tokens: \(total) (" + tokens.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + ")")
    let words = BenchSupport.wordTokenCount(layers)
    print(String(format: "tagging and lemmatizing: %.0f tokens per second (%.3f s, best of %d)", Double(total) / best, best, max(1, passes)))
    print(String(format: "  of which word tokens (punctuation left out): %d, %.0f per second", words, Double(words) / best))
    print(String(format: "target 1,000,000 tokens per second: %.2fx", Double(total) / best / 1_000_000))
  }
}
