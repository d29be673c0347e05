import Foundation
import Testing
@testable import Precis

/// The planner divides a plan between the counting and the processing pass, and checks each part.
@Suite struct PassesTests {
  static let corpus = TestSupport.repository.appendingPathComponent("Corpus")

  /// A stage that reads the keywords: it can run only once corpus statistics exist.
  struct KeywordCount: Stage {
    static let kind = "keyword-count"
    static let summary = "counts the keywords"
    var requires: Set<OutputKey> { [.keywords] }
    var provides: Set<OutputKey> { ["keyword-count"] }

    func process(_ document: Document, context: StageContext) throws -> any StageOutput {
      KeywordList(keywords: [Keyword(text: String(document[.keywords]?.keywords.count ?? -1), score: 1)])
    }
  }

  static var registry: StageRegistry {
    var registry = StageRegistry.builtIn
    try? registry.register(KeywordCount.self) { _ in KeywordCount() }
    return registry
  }

  @Test func theNewsPipelineCountsAfterItsTokenLayer() throws {
    let plan = try PipelinePlan(spec: try TestSupport.spec(TestSupport.newsPipeline()), registry: .builtIn)
    let names = { (indices: [Int]) in indices.map { plan.steps[$0].name } }
    #expect(names(plan.passes.counted) == ["normalize", "language", "layout", "sentences", "tokens"])
    #expect(names(plan.passes.corpus) == ["keywords", "summary"])
    #expect(names(plan.passes.processed) == ["keywords", "summary"])
    let single = try PipelinePlan(spec: try TestSupport.spec(TestSupport.sentencesPipeline), registry: .builtIn)
    #expect(single.passes.counted.isEmpty && single.passes.corpus.isEmpty && single.passes.processed == [0, 1])
  }

  @Test func aStageBetweenTwoCorpusStagesLeavesTheSecondOnesStatisticsWhole() throws {
    // Once a bug: the counting pass ran this stage without keywords, it failed, and summary's
    // statistics silently counted no document at all.
    let yaml = TestSupport.newsPipeline().replacingOccurrences(
      of: "  - kind: summary", with: "  - kind: keyword-count\n  - kind: summary\n    needs: [keyword-count]")
    let plan = try PipelinePlan(spec: try TestSupport.spec(yaml), registry: Self.registry)
    #expect(plan.passes.counted.map { plan.steps[$0].name } == ["normalize", "language", "layout", "sentences", "tokens"])
    let output = try TestSupport.temporaryDirectory()
    let report = try Runner(plan: plan, options: .init(jobs: 2)).run(inputPath: Self.corpus.path, outputDirectory: output.path)
    #expect(report.documents.ok == 13)
    let statistics = try CorpusStatistics.load(path: output.appendingPathComponent("statistics/summary.json").path)
    #expect(statistics.documents.values.reduce(0, +) == 13)
    let records = try TestSupport.records(output)
    #expect(records.allSatisfy { (($0["keyword-count"] as? [[String: Any]])?.first?["text"] as? String) == "10" })
  }

  @Test func aCorpusStageThatRequiresALaterOutputIsAPlanError() throws {
    var registry = Self.registry
    try registry.register(Greedy.self) { _ in Greedy() }
    let yaml = TestSupport.newsPipeline() + "\n  - kind: keyword-count\n  - kind: greedy\n"
    let error = TestSupport.planError(yaml, registry: registry)
    #expect(
      error?.message
        == "stage 'greedy' counts corpus statistics before the corpus stages run, but it requires \"keyword-count\" from 'keyword-count', which runs only once statistics exist; make 'greedy' read something else or remove it"
    )
  }

  @Test func eachInputItemIsReadOnceInARunOfTwoPasses() throws {
    let (_, report) = try TestSupport.run(TestSupport.newsPipeline(), input: Self.corpus)
    #expect(report.inputItemsRead == 13)
    #expect(report.carriedBytes > 0)
    let keywords = try #require(report.stages.first { $0.name == "keywords" })
    #expect(keywords.countingSeconds > 0 && keywords.processingSeconds > 0)
    let tokens = try #require(report.stages.first { $0.name == "tokens" })
    #expect(tokens.countingSeconds > 0 && tokens.processingSeconds == 0 && tokens.documents == 13)
  }

  /// A corpus stage that requires what only the processing pass makes.
  struct Greedy: CorpusStage {
    static let kind = "greedy"
    static let summary = "a corpus stage that reads keyword counts"
    var requires: Set<OutputKey> { ["keyword-count"] }
    var provides: Set<OutputKey> { ["greedy"] }
    var statisticsSettings: [String: String] { ["stage": "greedy"] }
    func observe(_ document: Document, into statistics: inout CorpusStatistics, context: StageContext) throws {}
    func process(_ document: Document, context: StageContext) throws -> any StageOutput { KeywordList(keywords: []) }
  }
}

/// A layer the carry cannot hold (its output is only `Encodable`): made again in the processing pass.
@Suite struct UncarriedLayerTests {
  struct Marker: Stage {
    static let kind = "marker"
    static let summary = "an output that is not Decodable"
    var requires: Set<OutputKey> { [.sentences] }
    var provides: Set<OutputKey> { ["marker"] }

    struct Output: StageOutput {
      var sentences: Int
    }

    func process(_ document: Document, context: StageContext) throws -> any StageOutput {
      Output(sentences: document[.sentences]?.sentences.count ?? -1)
    }
  }

  @Test func anOutputThatCannotBeCarriedIsMadeAgainFromTheCarriedLayers() throws {
    var registry = StageRegistry.builtIn
    try registry.register(Marker.self) { _ in Marker() }
    let yaml = TestSupport.newsPipeline().replacingOccurrences(of: "  - kind: keywords", with: "  - kind: marker\n  - kind: keywords\n    needs: [marker]")
    let plan = try PipelinePlan(spec: try TestSupport.spec(yaml), registry: registry)
    #expect(plan.passes.counted.map { plan.steps[$0].name }.contains("marker"))
    let output = try TestSupport.temporaryDirectory()
    let report = try Runner(plan: plan, options: .init(jobs: 2))
      .run(inputPath: TestSupport.repository.appendingPathComponent("Corpus").path, outputDirectory: output.path)
    #expect(report.documents.ok == 13)
    let records = try TestSupport.records(output)
    #expect(records.allSatisfy { (($0["marker"] as? [String: Any])?["sentences"] as? Int ?? 0) > 0 })
    // Run once in each pass: the carry could not hold it.
    let marker = try #require(report.stages.first { $0.name == "marker" })
    #expect(marker.countingSeconds > 0 && marker.processingSeconds > 0 && marker.documents == 13)
  }
}
