import CustomStageExample
import Foundation
import Testing
@testable import Precis

/// The plugin path: a stage from another module registers its kind and runs like a built-in one.
@Suite struct PluginTests {
  @Test func wordCountStageRunsThroughTheRunnerAndWriters() throws {
    let yaml = TestSupport.sentencesPipeline + "\n  - kind: tokens\n    write: false\n  - name: words\n    kind: word-count\n    options: {min-length: 2}\n"
    let (output, report) = try TestSupport.run(
      TestSupport.allOutputs(yaml), input: TestSupport.fixtures.appendingPathComponent("mixed"), registry: try StageRegistry.withWordCount)
    #expect(report.stages.map(\.name) == ["normalize", "sentences", "tokens", "words"])
    let records = try TestSupport.records(output)
    let words = try #require(records[0]["words"] as? [String: Any])
    // "Der Zug kam pünktlich an." -> 5 words; "Alle stiegen aus." -> 3
    #expect(words["per_sentence"] as? [Int] == [5, 3])
    #expect(words["total"] as? Int == 8)
    let csv = try String(contentsOf: output.appendingPathComponent("documents.csv"), encoding: .utf8)
    let lines = csv.components(separatedBy: "\r\n")
    #expect(lines[0] == "id,source,status,error,chars,normalize_edits,sentences_count,words,words_longest,metadata")
    #expect(lines[1].hasSuffix(#",ok,,44,1,2,8,5,"{""encoding"":""UTF-8""}""#))
    #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("stages/words.jsonl").path))
  }

  @Test func registeringAKindTwiceIsAnError() throws {
    var registry = try StageRegistry.withWordCount
    #expect(throws: PipelineError.self) {
      try registry.register(WordCountStage.self) { WordCountStage(options: $0) }
    }
    #expect(registry.kinds == ["keywords", "language", "layout", "normalize", "sentences", "summary", "tokens", "word-count"])
  }

  @Test func optionsOfAThirdPartyStageAreChecked() {
    let error = TestSupport.planError(
      "stages:\n  - kind: normalize\n  - kind: sentences\n  - kind: tokens\n  - kind: word-count\n    options: {min-length: 0}\n",
      registry: (try? StageRegistry.withWordCount) ?? .builtIn)
    #expect(
      error?.description
        == "config test.yaml:6:15: stage 'word-count' (kind word-count): option 'min-length' is 0, out of range; expected integer 1...100")
  }
}
