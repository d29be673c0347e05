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
