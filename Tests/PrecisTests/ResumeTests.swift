import Foundation
import Synchronization
import Testing
@testable import Precis

/// `resume`: a run stopped after some windows goes on from there, and its outputs are those of an
/// uninterrupted run, byte for byte (issue 17). The journal (``RunJournal``) is the seam.
@Suite struct ResumeTests {
  static let corpus = TestSupport.repository.appendingPathComponent("Corpus")

  /// Every output file of `folder` but `run.json` (its times differ), by relative path.
  static func outputs(_ folder: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    for path in try FileManager.default.subpathsOfDirectory(atPath: folder.path) where path != "run.json" {
      var isFolder: ObjCBool = false
      let url = folder.appendingPathComponent(path)
      guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue else { continue }
      files[path] = try Data(contentsOf: url)
    }
    return files
  }

  /// Runs the news pipeline (or `yaml`) with all outputs over `input` into `output`, two
  /// documents a window; with `stopAfter`, asks it to stop after that many windows of its
  /// processing pass (after the seven of a counting pass over 13 documents) and expects it to.
  @discardableResult
  static func run(
    input: URL, output: URL, stopAfter: Int? = nil, resume: Bool = false, maxBytes: Int = 10_000_000,
    yaml: String = TestSupport.newsPipeline()
  ) throws -> RunReport? {
    let plan = try PipelinePlan(spec: try TestSupport.spec(TestSupport.allOutputs(yaml)), registry: .builtIn)
    let counting = plan.passes.corpus.isEmpty ? 0 : 7
    var options = Runner.Options(jobs: 2, maxBytes: maxBytes, window: 2)
    options.resume = resume
    if let stopAfter {
      let windows = Atomic<Int>(0)
      options.shouldStop = { windows.add(1, ordering: .relaxed).newValue >= counting + stopAfter }
    }
    let runner = Runner(plan: plan, options: options)
    let outcome = Result { () throws(PipelineError) -> RunReport in
      try runner.run(inputPath: input.path, outputDirectory: output.path)
    }
    switch outcome {
    case .success(let report):
      return report
    case .failure(let error):
      guard stopAfter != nil, error.code == .interrupted else { throw error }
      #expect(error.message.contains("run the same command with --resume"))
      return nil
    }
  }

  @Test func aStoppedRunResumesToTheOutputsOfAnUninterruptedOne() throws {
    let folder = try TestSupport.temporaryDirectory()
    let reference = folder.appendingPathComponent("reference")
    try Self.run(input: Self.corpus, output: reference)
    let expected = try Self.outputs(reference)
    #expect(expected.count == 17)  // errors.csv among them
    for windows in [1, 4, 6] {
      let output = folder.appendingPathComponent("stopped-\(windows)")
      #expect(try Self.run(input: Self.corpus, output: output, stopAfter: windows) == nil)
      let left = try FileManager.default.contentsOfDirectory(atPath: output.path)
      #expect(left == [RunJournal.fileName], "only the journal is left after \(windows) windows")
      let report = try #require(try Self.run(input: Self.corpus, output: output, resume: true))
      #expect(report.resumedDocuments == 2 * windows)
      #expect(report.documents.ok == 13)
      #expect(try Self.outputs(output) == expected, "after a stop at window \(windows)")
      #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent(RunJournal.fileName).path))
    }
  }

  /// A changed input item: without corpus statistics, the windows before it are reused and it
  /// and the rest are processed again; with them (which it changes), everything is.
  @Test(arguments: [false, true]) func aChangedDocumentIsProcessedAgain(withStatistics: Bool) throws {
    let yaml = withStatistics ? TestSupport.newsPipeline() : TestSupport.sentencesPipeline
    let folder = try TestSupport.temporaryDirectory()
    let input = folder.appendingPathComponent("input")
    try FileManager.default.copyItem(at: Self.corpus, to: input)
    let output = folder.appendingPathComponent("out")
    #expect(try Self.run(input: input, output: output, stopAfter: 3, yaml: yaml) == nil)
    // The fourth document in input order, in the second window.
    let names = try FileManager.default.contentsOfDirectory(atPath: input.path).filter { $0.hasSuffix(".txt") }.sorted()
    let changed = input.appendingPathComponent(names[3])
    try (try String(contentsOf: changed, encoding: .utf8) + "\nOne more sentence at the end.\n").write(to: changed, atomically: true, encoding: .utf8)
    let report = try #require(try Self.run(input: input, output: output, resume: true, yaml: yaml))
    #expect(report.resumedDocuments == (withStatistics ? 0 : 2))
    #expect(report.resumeNote?.contains("changed") == true)
    let reference = folder.appendingPathComponent("reference")
    try Self.run(input: input, output: reference, yaml: yaml)
    #expect(try Self.outputs(output) == Self.outputs(reference))
  }

  /// Another option (here the byte limit) makes it another run: nothing is reused.
  @Test func anotherRunsJournalIsNotReused() throws {
    let output = try TestSupport.temporaryDirectory().appendingPathComponent("out")
    #expect(try Self.run(input: Self.corpus, output: output, stopAfter: 2) == nil)
    let report = try #require(try Self.run(input: Self.corpus, output: output, resume: true, maxBytes: 9_999_999))
    #expect(report.resumedDocuments == 0)
    #expect(report.documents.ok == 13)
  }

  /// A journal whose last record was cut short (the machine went down while writing it) resumes
  /// from the windows before it; without `resume` a journal is ignored and replaced.
  @Test func aRecordCutShortIsNotUsed() throws {
    let folder = try TestSupport.temporaryDirectory()
    let reference = folder.appendingPathComponent("reference")
    try Self.run(input: Self.corpus, output: reference)
    let output = folder.appendingPathComponent("out")
    #expect(try Self.run(input: Self.corpus, output: output, stopAfter: 3) == nil)
    let journal = output.appendingPathComponent(RunJournal.fileName).path
    var status = stat()
    #expect(stat(journal, &status) == 0)
    #expect(truncate(journal, status.st_size - 5) == 0)
    let report = try #require(try Self.run(input: Self.corpus, output: output, resume: true))
    #expect(report.resumedDocuments == 4)
    #expect(try Self.outputs(output) == Self.outputs(reference))
    #expect(try Self.run(input: Self.corpus, output: output, stopAfter: 1) == nil)
    let fresh = try #require(try Self.run(input: Self.corpus, output: output))
    #expect(fresh.resumedDocuments == 0)
  }

  /// A journaled window reads back as the results it was made of.
  @Test func journaledResultsReadBackWhole() throws {
    let folder = try TestSupport.temporaryDirectory()
    let key = RunJournal.Key(
      executable: "x", pipelineHash: "p", outputs: ["jsonl"], input: "in", maxBytes: 1, failFast: false, shard: nil,
      followLinks: false, givenStatistics: "")
    let journal = try RunJournal.open(directory: folder.path, key: key, resume: false).journal
    var failed = DocumentResult(
      id: "b", source: "b.txt", status: .error, error: PipelineError(.stageFailed, "boom", documentID: "b", stage: "keywords"),
      record: Array("{}".utf8), stageOutputs: [Array("[1]".utf8), nil], csvCells: ["b", "", "error"], stageSeconds: [0.5, 0.25])
    failed.tidyRows = [[["x", "1"]], []]
    failed.rankedTerms = [["x"], []]
    failed.inputDigest = [1, 2, 3]
    failed.language = "de"
    try journal.recordWindow([failed])
    let opened = try RunJournal.open(directory: folder.path, key: key, resume: true)
    let window = try #require(opened.progress?.windows.first)
    #expect(window.count == 1 && window.digest == RunJournal.digest(of: [[1, 2, 3]]))
    let back = try #require(try opened.journal.results(of: window).first)
    #expect(back.id == "b" && back.source == "b.txt" && back.status == .error && back.error == failed.error)
    #expect(back.record == failed.record && back.stageOutputs == failed.stageOutputs && back.csvCells == failed.csvCells)
    #expect(back.stageSeconds == failed.stageSeconds && back.tidyRows == failed.tidyRows && back.rankedTerms == failed.rankedTerms)
    #expect(back.language == "de" && back.inputDigest == [1, 2, 3])
    var other = key
    other.pipelineHash = "q"
    let refused = try RunJournal.open(directory: folder.path, key: other, resume: true)
    #expect(refused.progress?.windows.isEmpty == true)
    #expect(refused.note?.contains("is of another run") == true)
  }
}
