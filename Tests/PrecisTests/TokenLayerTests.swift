import Foundation
import Testing
@testable import Precis

/// The `tokens` stage's layer: one tokenization per document that keywords and summary read.
@Suite struct TokenLayerTests {
  @Test func tokensCarryOffsetsFormsAndChains() {
    let layer = TestSupport.tokenLayer(["Kim Jong-un besuchte das NATO-Militärbündnis.", "Die Zahl: 2024 Teilnehmer."], language: "de")
    #expect(layer.sentenceCount == 2)
    let first = layer.tokenRange(ofSentence: 0).map(layer.text(ofToken:))
    #expect(first == ["Kim", "Jong-un", "besuchte", "das", "NATO-Militärbündnis", "."])  // joined words stay whole
    #expect(layer.tokens[layer.tokenRange(ofSentence: 0).last!].flags.contains(.punctuation))
    // Offsets are code points of the document text: the second sentence starts after the first and a space.
    let second = layer.tokenRange(ofSentence: 1)
    #expect(layer.tokens[second.lowerBound].start == 46 && layer.tokens[second.lowerBound].end == 49)
    let byText = Dictionary(uniqueKeysWithValues: second.map { (layer.text(ofToken: $0), layer.tokens[$0]) })
    #expect(byText["2024"]?.flags.contains(.numeric) == true)
    #expect(byText["2024"]?.flags.contains(.startsChain) == true)  // after the colon
    #expect(byText["Zahl"]?.flags.contains(.startsChain) == false)
    #expect(layer.tokens[second.lowerBound].flags.contains(.startsSentence))
    // One lexicon entry per form, with its lower case, stem and stopword bit.
    let das = layer.words.first { $0.text == "das" }
    #expect(das?.isStopword == true)
    let teilnehmer = layer.words.first { $0.text == "Teilnehmer" }
    #expect(teilnehmer?.lower == "teilnehmer" && teilnehmer?.isCapitalized == true && teilnehmer?.stem == "teilnehm")
    #expect(teilnehmer?.termKey == CorpusStatistics.key(language: "de", term: "teilnehm"))
  }

  @Test func offsetsCountCodePointsPastSurrogatePairs() {
    let layer = TestSupport.tokenLayer(["Emoji 😀 then words."], language: "en")
    let then = layer.tokens.first { layer.words[Int($0.word)].text == "then" }
    #expect(then?.start == 8 && then?.end == 12)
  }

  @Test func theLayerIsWrittenAsTokenObjects() throws {
    let layer = TestSupport.tokenLayer(["Hello world."], language: "en")
    let json = String(decoding: try JSONText.encode(layer), as: UTF8.self)
    #expect(
      json
        == #"{"language":"en","tokens":[{"end":5,"lower":"hello","sentence":0,"start":0,"stem":"hello","stopword":false,"text":"Hello"},{"end":11,"lower":"world","sentence":0,"start":6,"stem":"world","stopword":false,"text":"world"},{"end":12,"lower":".","sentence":0,"start":11,"stem":".","stopword":false,"text":"."}]}"#
    )
  }

  @Test func anInternalLayerIsKeptOutOfTheOutputs() throws {
    let corpus = TestSupport.repository.appendingPathComponent("Corpus")
    let yaml = "stages:\n  - kind: normalize\n  - kind: sentences\n  - kind: tokens\n    write: false\n"
    let (hidden, _) = try TestSupport.run(TestSupport.allOutputs(yaml), input: corpus)
    #expect(try TestSupport.records(hidden).allSatisfy { $0["tokens"] == nil })
    #expect(!FileManager.default.fileExists(atPath: hidden.appendingPathComponent("stages/tokens.jsonl").path))
    let (shown, _) = try TestSupport.run(TestSupport.allOutputs("stages:\n  - kind: normalize\n  - kind: sentences\n  - kind: tokens\n"), input: corpus)
    let tokens = try TestSupport.records(shown).compactMap { ($0["tokens"] as? [String: Any])?["tokens"] as? [[String: Any]] }
    #expect(tokens.count == 13 && tokens.allSatisfy { !$0.isEmpty })
    #expect(FileManager.default.fileExists(atPath: shown.appendingPathComponent("stages/tokens.jsonl").path))
  }

  @Test func keywordsAndSummaryNeedTheTokenLayer() {
    let error = TestSupport.planError("stages:\n  - kind: normalize\n  - kind: sentences\n  - kind: keywords\n")
    #expect(error?.message == "stage 'keywords' needs \"tokens\" but no stage provides it; add a stage that provides it or remove 'keywords'")
    #expect(TestSupport.planError("stages:\n  - kind: sentences\n    write: maybe\n")?.message == "`write` must be true or false, not 'maybe'")
  }

  @Test func aLayerReadAsAnotherTypeIsAPlanError() throws {
    var registry = StageRegistry.builtIn
    try registry.register(FakeSentences.self) { _ in FakeSentences() }
    let error = TestSupport.planError("stages:\n  - kind: fake-sentences\n  - kind: tokens\n", registry: registry)
    #expect(
      error?.message
        == "stage 'tokens' reads \"sentences\" as SentenceList, but 'fake-sentences' provides it as KeywordList; use a stage that provides SentenceList or remove 'tokens'"
    )
  }

  /// A stage that provides `sentences` with a value of the wrong type.
  struct FakeSentences: Stage {
    static let kind = "fake-sentences"
    static let summary = "provides sentences as keywords"
    var provides: Set<OutputKey> { [LayerKey<KeywordList>("sentences").erased] }
    func process(_ document: Document, context: StageContext) throws -> any StageOutput { KeywordList(keywords: []) }
  }
}
