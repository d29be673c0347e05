import Foundation
import Testing
@testable import Precis

/// The summary stage: body sentences only, in order, under the budget.
@Suite struct SummaryStageTests {
  func summaries(_ options: String) throws -> [String: [String: Any]] {
    let (output, _) = try TestSupport.run(TestSupport.newsPipeline(summaryOptions: options), input: TestSupport.repository.appendingPathComponent("Corpus"))
    var result: [String: [String: Any]] = [:]
    for record in try TestSupport.records(output) {
      result[record["id"] as? String ?? ""] = record
    }
    return result
  }

  @Test func seedArticleSummary() throws {
    let record = try #require(try summaries("words: 80")["000_05597add93c0269f.txt"])
    let summary = try #require(record["summary"] as? [String: Any])
    let text = try #require(summary["text"] as? String)
    for word in ["Russland", "Nordkorea", "Waffen"] { #expect(text.contains(word), "\(text)") }
    for excluded in ["Oct 27", "Europe/Berlin", "Tags", "• "] { #expect(!text.contains(excluded)) }
    #expect(text.hasSuffix("."))
    let indices = try #require(summary["sentences"] as? [Int])
    #expect(indices == indices.sorted() && !indices.isEmpty)
    #expect(!indices.contains(0) && !indices.contains(1))  // dateline and headline
    #expect((summary["scores"] as? [Double])?.count == indices.count)
  }

  @Test func similaritiesEqualPairwiseCosinesToTheBit() throws {
    let text = try String(
      contentsOf: TestSupport.repository.appendingPathComponent("Corpus/000_05597add93c0269f.txt"), encoding: .utf8)
    let split = try SentenceSplitter().sentences(in: text)
    let reader = SummaryStage.TermReader(layer: TokenLayerBuilder.layer(of: split, language: "de"), language: "de")
    let sentences = split.map { reader.terms(ofTokens: reader.layer.tokenRange(ofSentence: $0.index)) }
    let vocabulary = SummaryStage.distinctKeys(sentences)
    var numbers = UInt64Map<Int32>(empty: -1)
    for (number, key) in vocabulary.enumerated() { numbers.set(key, Int32(number)) }
    let idf = vocabulary.indices.map { 1 + Double($0 % 7) / 3 }  // uneven weights
    let vectors = sentences.map { SummaryStage.weighted($0, idf: idf, numbers: numbers) }
    #expect(vectors.count > 15)
    let similarity = SummaryStage.similarities(vectors, terms: vocabulary.count)
    var shared = 0
    for i in vectors.indices {
      #expect(similarity[i][i] == 0)
      for j in vectors.indices where j != i {
        #expect(similarity[i][j] == SummaryStage.cosine(vectors[min(i, j)], vectors[max(i, j)]))
        if similarity[i][j] > 0 { shared += 1 }
      }
    }
    #expect(shared > 20)
  }

  @Test func everyCorpusLanguageGetsCompleteSentences() throws {
    for (id, record) in try summaries("words: 60") {
      let summary = try #require(record["summary"] as? [String: Any], "\(id)")
      let sentences = try #require(record["sentences"] as? [[String: Any]])
      let chosen = try #require(summary["sentences"] as? [Int])
      #expect(!chosen.isEmpty, "\(id)")
      let texts = chosen.map { sentences[$0]["text"] as? String ?? "" }
      #expect(summary["text"] as? String == texts.joined(separator: " "), "\(id)")
      for text in texts {
        #expect(text.last.map { ".!?。！？،".contains($0) } == true, "\(id): \(text)")
      }
    }
  }

  @Test func budgetsAreRespected() throws {
    for (id, record) in try summaries("sentences: 2") {
      #expect(((record["summary"] as? [String: Any])?["sentences"] as? [Int])?.count ?? 0 <= 2, "\(id)")
    }
    for (id, record) in try summaries("words: 40") {
      let summary = try #require(record["summary"] as? [String: Any])
      let chosen = try #require(summary["sentences"] as? [Int])
      let words = SummaryStage.wordCount(summary["text"] as? String ?? "")
      #expect(words <= 40 || chosen.count == 1, "\(id): \(words) words")
    }
    #expect(throws: PipelineError.self) {
      try PipelinePlan(spec: try TestSupport.spec(TestSupport.newsPipeline(summaryOptions: "words: 10, sentences: 2")), registry: .builtIn)
    }
  }

  @Test func leadTakesTheFirstBodySentences() throws {
    let record = try #require(try summaries("sentences: 2, method: lead")["en_harbour-bridge-reopens.txt"])
    #expect((record["summary"] as? [String: Any])?["sentences"] as? [Int] == [1, 2])
  }

  @Test func wordCountsForScriptsWithoutSpaces() {
    #expect(SummaryStage.wordCount("Two words") == 2)
    #expect(SummaryStage.wordCount("新电池工厂") == 5)
    #expect(SummaryStage.quotesBalanced("„Ja“, sagte er.") && !SummaryStage.quotesBalanced("Wir gehen. “"))
  }
}
