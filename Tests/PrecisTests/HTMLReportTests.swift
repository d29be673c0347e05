import Foundation
import Testing
@testable import Precis

/// The HTML report's files (issue 19): the page with the corpus data inline, the records in data
/// files of ``HTMLReport/pageSize`` (the browser test is `CLITests`' report test).
@Suite struct HTMLReportTests {
  @Test func theReportHoldsTheCorpusAndPagesOfRecords() throws {
    let (output, _) = try TestSupport.run(TestSupport.newsPipeline(), input: TestSupport.repository.appendingPathComponent("Corpus"))
    let file = output.appendingPathComponent("elsewhere/run-report.html")
    try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    let written = try HTMLReport.write(outputDirectory: output.path, to: file.path)
    #expect(written.documents == 13 && written.dataFiles == 1)
    let html = try String(contentsOf: file, encoding: .utf8)
    // Nothing is fetched from a network: no remote script, style, image or font.
    #expect(html.hasPrefix("<!doctype html>"))
    for remote in [#"src="http"#, #"href="http"#, "url(http", "@import"] { #expect(!html.contains(remote), "\(remote)") }
    // The corpus data: between its script tags, JSON that cannot close them.
    let start = try #require(html.range(of: #"<script type="application/json" id="precis-corpus">"#)).upperBound
    let end = try #require(html.range(of: "</script>", range: start..<html.endIndex)).lowerBound
    let corpus = try #require(try JSONSerialization.jsonObject(with: Data(html[start..<end].utf8)) as? [String: Any])
    let documents = try #require(corpus["documents"] as? [[Any]])
    #expect(documents.count == 13)
    let seed = try #require(documents.first)
    #expect(seed[0] as? String == "000_05597add93c0269f.txt")
    #expect(seed[1] as? String == "Russland will „in allen Bereichen“ enge Beziehungen zu Nordkorea aufbauen")
    #expect(seed[2] as? String == "2023-10-27T10:56:00+02:00")
    #expect(seed[3] as? String == "de" && seed[4] as? String == "ok" && seed[6] as? Int == 1)
    #expect((seed[5] as? String)?.hasPrefix("Nordkorea; Russland; USA") == true)
    #expect(corpus["stages"] as? [String: String] == [
      "normalize": "normalize", "language": "language", "layout": "layout", "sentences": "sentences", "keywords": "keywords",
      "summary": "summary", "tokens": "tokens",
    ])
    let languages = try #require(corpus["languages"] as? [[String: Any]])
    #expect(languages.first?["code"] as? String == "de" && languages.first?["documents"] as? Int == 2)
    let timeline = try #require(corpus["timeline"] as? [String: Any])
    #expect(timeline["months"] as? [String] == ["2023-10"])
    // The records, as documents.jsonl holds them, behind the page's loader call.
    let page = try String(contentsOf: file.deletingLastPathComponent().appendingPathComponent("report-data/page-0001.js"), encoding: .utf8)
    #expect(page.hasPrefix("precisPage(1,[{") && page.hasSuffix("]);\n"))
    let records = try String(contentsOf: output.appendingPathComponent("documents.jsonl"), encoding: .utf8)
      .split(separator: "\n").joined(separator: ",")
    #expect(page == "precisPage(1,[" + records + "]);\n")
  }

  /// A new run into the folder removes the previous run's report, which describes a run that is gone.
  @Test func aNewRunRemovesTheReportOfThePreviousOne() throws {
    let corpus = TestSupport.repository.appendingPathComponent("Corpus")
    let plan = try PipelinePlan(spec: try TestSupport.spec(TestSupport.sentencesPipeline), registry: .builtIn)
    let output = try TestSupport.temporaryDirectory()
    _ = try Runner(plan: plan, options: .init(jobs: 2)).run(inputPath: corpus.path, outputDirectory: output.path)
    _ = try HTMLReport.write(outputDirectory: output.path)
    #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("report-data/page-0001.js").path))
    _ = try Runner(plan: plan, options: .init(jobs: 2)).run(inputPath: corpus.path, outputDirectory: output.path)
    #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("report.html").path))
    #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("report-data").path))
  }

  @Test func aFolderWithoutARunIsRefused() throws {
    let folder = try TestSupport.temporaryDirectory()
    let error = #expect(throws: PipelineError.self) { try HTMLReport.write(outputDirectory: folder.path) }
    #expect(error?.code == .unreadableInput && error?.message.contains("has no readable run.json") == true)
  }

  /// `RunRecords.record(id:)` finds a document by its id as the record writes it (escaped).
  @Test func aRecordIsFoundByItsIdAlone() throws {
    let folder = try TestSupport.temporaryDirectory()
    let lines = [#"{"id":"a\"b","status":"ok"}"#, #"{"id":"plain","note":"\"id\":\"a\\\"b\"","status":"ok"}"#, #"{"id":"c","status":"error"}"#]
    try (lines.joined(separator: "\n") + "\n").write(to: folder.appendingPathComponent("documents.jsonl"), atomically: true, encoding: .utf8)
    let records = RunRecords(directory: folder.path)
    #expect(try records.record(id: "a\"b")?["status"] as? String == "ok")
    #expect(try records.record(id: "c")?["status"] as? String == "error")
    #expect(try records.record(id: "missing") == nil)
  }
}
