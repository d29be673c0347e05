import Foundation
import Testing
@testable import Precis

/// What the counting pass carries over to the processing pass: the records survive the file, and
/// a stage resumed from its carry answers exactly as if it had run again.
@Suite struct CarryTests {
  static let corpus = TestSupport.repository.appendingPathComponent("Corpus")

  /// The texts of every bundled corpus document.
  static func corpusTexts() throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: corpus.path).sorted().map { name in
      try TextDecoder.decode([UInt8](Data(contentsOf: corpus.appendingPathComponent(name)))).text
    }
  }

  @Test func languageResumedFromItsCarryEqualsLanguageRunAgain() throws {
    let stage = try LanguageStage(options: StageOptions([:]))
    let counting = StageContext(stageName: "language", isCountingPass: true, isCarrying: true)
    let countingOnly = StageContext(stageName: "language", isCountingPass: true)
    let processing = StageContext(stageName: "language")
    let texts = try Self.corpusTexts()
    #expect(texts.count == 13)
    for (index, text) in texts.enumerated() {
      let document = Document(id: "\(index)", source: "\(index)", text: text)
      let carried = try #require(stage.carry(try stage.process(document, context: counting)))
      let resumed = try #require(try stage.resume(carried, document: document, context: processing) as? DetectedLanguage)
      let again = try #require(try stage.process(document, context: processing) as? DetectedLanguage)
      #expect(resumed == again, "document \(index)")
      #expect(!resumed.shares.isEmpty || resumed.code == "und")
      // A counting pass that carries nothing skips the shares: nothing would read them.
      #expect((try stage.process(document, context: countingOnly) as? DetectedLanguage)?.shares == [])
    }
    let seed = Document(id: "seed", source: "seed", text: texts[0])
    #expect((try stage.process(seed, context: processing) as? DetectedLanguage)?.code == "de")
    // A damaged carry is refused, so the runner runs the stage instead.
    #expect(throws: (any Error).self) { try stage.resume([5, 0x64], document: seed, context: processing) }
  }

  @Test func layoutResumedFromItsCarryEqualsLayoutRunAgain() throws {
    let stage = try LayoutStage(options: StageOptions([:]))
    let context = StageContext(stageName: "layout")
    var withDate = 0, withTrailer = 0
    for (index, text) in try Self.corpusTexts().enumerated() {
      let document = Document(id: "\(index)", source: "\(index)", text: text)
      let layout = try #require(try stage.process(document, context: context) as? DocumentLayout)
      let carried = try #require(stage.carry(layout))
      #expect(try stage.resume(carried, document: document, context: context) as? DocumentLayout == layout)
      if layout.date != nil { withDate += 1 }
      if !layout.trailer.isEmpty { withTrailer += 1 }
    }
    #expect(withDate > 0 && withTrailer > 0)  // the corpus exercises every field
    #expect(throws: (any Error).self) { try stage.resume([1, 0, 0], document: Document(id: "x", source: "x", text: "x"), context: context) }
  }

  @Test func recordsComeBackInOrderAndEmptyPastTheEnd() throws {
    let file = try #require(CarryFile())
    let first = CarryFile.Record(fingerprint: CarryFile.fingerprint("eins"), steps: [2: [1, 2, 3], 0: []])
    let second = CarryFile.Record(fingerprint: CarryFile.fingerprint("zwei"), steps: [:])
    file.write([first])
    file.write([second, .empty])
    let read = file.read(2) + file.read(3)
    #expect(read.map(\.fingerprint) == [first.fingerprint, second.fingerprint, 0, 0, 0])
    #expect(read[0].steps == first.steps)
    #expect(read[1].steps.isEmpty && read[4].steps.isEmpty)
  }

  @Test func aCarryMadeFromOtherTextIsIgnored() throws {
    let plan = try PipelinePlan(spec: try TestSupport.spec(TestSupport.newsPipeline()), registry: .builtIn)
    let runner = Runner(plan: plan, options: .init(jobs: 1))
    let item = try #require(try InputReader(path: Self.corpus.path, include: ["*.txt"], exclude: []).next(1).first)
    let encoder = RecordEncoder(plan: plan)
    let language = try #require(plan.steps.firstIndex { $0.kind == "language" })
    // An English answer carried for some other text: the German seed article must not get it.
    let english = LanguageStage.carryBytes([.init(code: "en", confidence: 1)], shares: [.init(code: "en", share: 1)])
    let stale = CarryFile.Record(fingerprint: CarryFile.fingerprint("another text"), steps: [language: english])
    let result = runner.process(item, carried: stale, encoder: encoder, statistics: [:])
    let record = try JSONSerialization.jsonObject(with: Data(result.record)) as? [String: Any]
    #expect((record?["language"] as? [String: Any])?["code"] as? String == "de")
    // The same bytes with the right fingerprint are used as they are.
    let text = try TextDecoder.decode([UInt8](Data(contentsOf: Self.corpus.appendingPathComponent("000_05597add93c0269f.txt")))).text
    let fresh = CarryFile.Record(fingerprint: CarryFile.fingerprint(text), steps: [language: english])
    let resumed = runner.process(item, carried: fresh, encoder: encoder, statistics: [:])
    let resumedRecord = try JSONSerialization.jsonObject(with: Data(resumed.record)) as? [String: Any]
    #expect((resumedRecord?["language"] as? [String: Any])?["code"] as? String == "en")
  }
}
