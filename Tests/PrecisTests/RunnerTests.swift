import Foundation
import Synchronization
import Testing
@testable import Precis

/// The runner: bad documents are recorded while the rest complete; output is independent of --jobs.
@Suite struct RunnerTests {
  let mixed = TestSupport.fixtures.appendingPathComponent("mixed")

  /// The statistics' journal copy is written on another thread while their files are begun: both
  /// parts run, on two threads, and an error of either reaches the caller (the background's first).
  @Test func concurrentWritesBothRunAndReportTheirErrors() throws {
    let threads = Mutex<[UInt]>([])
    try Runner.concurrently({ () throws(PipelineError) in threads.withLock { $0.append(UInt(pthread_self())) } }) {
      () throws(PipelineError) in threads.withLock { $0.append(UInt(pthread_self())) }
    }
    #expect(threads.withLock { $0.count == 2 && $0[0] != $0[1] })
    let background = PipelineError(.outputFailed, "journal"), foreground = PipelineError(.outputFailed, "statistics file")
    #expect(throws: background) { try Runner.concurrently({ () throws(PipelineError) in throw background }) { () throws(PipelineError) in throw foreground } }
    #expect(throws: foreground) { try Runner.concurrently({ () throws(PipelineError) in }) { () throws(PipelineError) in throw foreground } }
  }

  @Test func badFilesAreRecordedAndTheRestComplete() throws {
    let (output, report) = try TestSupport.run(TestSupport.sentencesPipeline, input: mixed)
    #expect(report.documents == .init(total: 4, ok: 3, error: 1, skipped: 0))
    let records = try TestSupport.records(output)
    // Sorted by relative path; the .csv file is not included by the default globs.
    #expect(records.map { $0["id"] as? String } == ["a-utf8.txt", "b-latin1.txt", "c-binary.txt", "sub/d-crlf.md"])
    #expect(records.map { $0["status"] as? String } == ["ok", "ok", "error", "ok"])
    let error = try #require(records[2]["error"] as? [String: String])
    #expect(error == ["code": "binary-input", "stage": "input", "message": "the file holds NUL bytes, so it is binary data, not text; exclude it from the input"])
    let latin1 = try #require(records[1]["sentences"] as? [[String: Any]])
    #expect(latin1.map { $0["text"] as? String } == ["Le café de la gare a rouvert ses portes mardi.", "Les habitués sont revenus dès le premier jour."])
    #expect((records[1]["metadata"] as? [String: Any])?["encoding"] as? String == "ISO-8859-1")
    let crlf = try #require(records[3]["sentences"] as? [[String: Any]])
    #expect(crlf.map { $0["text"] as? String } == ["First line.", "Second line."])
    let errors = try String(contentsOf: output.appendingPathComponent("errors.jsonl"), encoding: .utf8)
    #expect(errors.split(separator: "\n").count == 1)
    #expect(errors.contains(#""id":"c-binary.txt""#))
  }

  @Test func invalidJSONLinesAreRecordedAndTheRestComplete() throws {
    let (output, report) = try TestSupport.run(
      TestSupport.sentencesPipeline, input: TestSupport.fixtures.appendingPathComponent("records.jsonl"))
    #expect(report.documents == .init(total: 5, ok: 3, error: 2, skipped: 0))
    let records = try TestSupport.records(output)
    // A line that fails keeps the user's id when it has one (line 3 is not JSON at all).
    #expect(records.map { $0["id"] as? String } == ["r1", "2", "line-3", "r4", "r5"])
    #expect(records.map { $0["status"] as? String } == ["ok", "ok", "error", "error", "ok"])
    #expect((records[0]["metadata"] as? [String: String]) == ["lang": "en"])
    #expect((records[2]["error"] as? [String: String])?["code"] == "invalid-input-line")
    #expect(
      (records[3]["error"] as? [String: String])?["message"]
        == #"line 5: no string field "text" (or base64 "bytes"); the object has "body", "id": name the text's key with --text-field (or `text-field:` in the pipeline)"#)
    #expect(((records[4]["sentences"] as? [[String: Any]])?.first?["text"] as? String) == "The last record survives the bad lines.")
  }

  /// Integers in JSON-lines input stay exact, ids and metadata alike (issue 17): as doubles,
  /// 9007199254740993 became "9007199254740992.0" and collided with the next id.
  @Test func integersInJSONLinesStayExact() throws {
    let folder = try TestSupport.temporaryDirectory()
    let input = folder.appendingPathComponent("ids.jsonl")
    try Data(
      """
      {"id": 9007199254740993, "text": "Der Zug kam.", "views": 9007199254740995, "score": 0.1}
      {"id": 9007199254740992, "text": "Der Bus kam."}

      """.utf8
    ).write(to: input)
    let (output, _) = try TestSupport.run(TestSupport.sentencesPipeline, input: input)
    let lines = try String(contentsOf: output.appendingPathComponent("documents.jsonl"), encoding: .utf8)
    #expect(lines.contains(#""id":"9007199254740993""#))
    #expect(lines.contains(#""id":"9007199254740992""#))
    #expect(lines.contains(#""views":9007199254740995"#))
    #expect(lines.contains(#""score":0.1"#))
  }

  /// A line that parses but holds a value we cannot keep names the value, not "not an object".
  @Test func unreadableJSONValuesAreNamed() {
    func message(_ line: String) -> String? {
      guard case .failure(let failure) = DocumentLoader.loadLine(Array(line.utf8), line: 3, source: "x:3", maxBytes: 1_000) else { return nil }
      return failure.error.message
    }
    let cause = "a number out of range (such as 1e400) or a string with an unpaired surrogate escape (such as \\ud800); fix or remove it"
    #expect(message(#"{"id": "a", "text": "\ud800 lone"}"#) == "line 3: the value of \"text\" is " + cause)
    #expect(message(#"{"id": "a", "text": "x", "meta": {"n": [1, 1e400]}}"#)?.hasPrefix("line 3: the value of \"meta.n") == true)
    #expect(message("[1, 2]") == #"line 3: not a JSON object (the line is JSON but not an object); each line must be {"id": ..., "text": ...}"#)
  }

  /// A second run into a folder that a run is writing is refused; temporaries of dead runs are
  /// removed, a live run's are not (issue 17).
  @Test func oneRunAtATimeAndDeadRunsLeaveNoTemporaries() throws {
    let folder = try TestSupport.temporaryDirectory()
    let corpus = TestSupport.repository.appendingPathComponent("Corpus").path
    let plan = try PipelinePlan(spec: try TestSupport.spec(TestSupport.sentencesPipeline), registry: .builtIn)
    let runner = Runner(plan: plan, options: .init(jobs: 1))
    try withExtendedLifetime(try OutputLock(directory: folder.path)) {
      #expect(throws: PipelineError.self) { try OutputLock(directory: folder.path) }
      #expect {
        try runner.run(inputPath: corpus, outputDirectory: folder.path)
      } throws: { error in
        (error as? PipelineError)?.message.contains("another precis run is writing into") == true
      }
    }
    // The lock goes with its holder: the next run gets the folder, and leaves no lock file.
    let report = try runner.run(inputPath: corpus, outputDirectory: folder.path)
    #expect(report.documents.error == 0)
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(".precis.lock").path))
    let dead = folder.appendingPathComponent("stages/.documents.jsonl.partial-2147483646")
    let live = folder.appendingPathComponent(".documents.csv.partial-\(getpid())")
    try FileManager.default.createDirectory(at: dead.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data("x".utf8).write(to: dead)
    try Data("x".utf8).write(to: live)
    OutputLock.removeStalePartials(in: folder.path)
    #expect(!FileManager.default.fileExists(atPath: dead.path))
    #expect(FileManager.default.fileExists(atPath: live.path))
  }

  /// Files of an older run that the new one does not write are removed (issue 17): a second run
  /// with fewer outputs leaves only its own files, and `run.json` lists them.
  @Test func filesOfThePreviousRunDoNotSurvive() throws {
    let folder = try TestSupport.temporaryDirectory()
    let corpus = TestSupport.repository.appendingPathComponent("Corpus").path
    let all = try PipelinePlan(spec: try TestSupport.spec(TestSupport.allOutputs(TestSupport.sentencesPipeline)), registry: .builtIn)
    _ = try Runner(plan: all, options: .init(jobs: 1)).run(inputPath: corpus, outputDirectory: folder.path)
    #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("stages/sentences.jsonl").path))
    try Data("mine".utf8).write(to: folder.appendingPathComponent("notes.txt"))
    let few = try PipelinePlan(spec: try TestSupport.spec("outputs: [jsonl]\n" + TestSupport.sentencesPipeline), registry: .builtIn)
    _ = try Runner(plan: few, options: .init(jobs: 1)).run(inputPath: corpus, outputDirectory: folder.path)
    let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    #expect(left == ["documents.jsonl", "notes.txt", "run.json"])  // a file Precis did not write stays
    let run = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("run.json"))) as? [String: Any]
    let manifest = run?["files"] as? [[String: Any]]
    #expect(manifest?.compactMap { $0["path"] as? String } == ["documents.jsonl"])
    let bytes = try Data(contentsOf: folder.appendingPathComponent("documents.jsonl"))
    #expect(manifest?.first?["bytes"] as? Int == bytes.count)
    #expect(manifest?.first?["sha256"] as? String == SHA256.ofFile(folder.appendingPathComponent("documents.jsonl").path))
  }

  /// SHA-256 against FIPS 180-4's examples, in one piece and fed in pieces.
  @Test func sha256MatchesTheStandardsExamples() {
    func hex(_ text: String, pieces: Int = 1) -> String {
      var hash = SHA256()
      let bytes = Array(text.utf8)
      let size = max(1, bytes.count / pieces)
      for start in stride(from: 0, to: bytes.count, by: size) { hash.update(Array(bytes[start..<min(bytes.count, start + size)])) }
      return hash.hexDigest()
    }
    #expect(hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    let long = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
    #expect(hex(long) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    #expect(hex(long, pieces: 7) == hex(long))
    #expect(hex(String(repeating: "a", count: 1_000_000), pieces: 13) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }

  /// The SHA extensions path gives the portable code's digests (the oracle), on random lengths.
  @Test func sha256HardwareMatchesThePortableCode() {
    var generator = SystemRandomNumberGenerator()
    let inputs = (0..<40).map { index in (0..<(index * 37 + Int.random(in: 0..<200, using: &generator))).map { _ in UInt8.random(in: 0...255, using: &generator) } }
    func digests() -> [String] {
      inputs.map { bytes in
        var hash = SHA256()
        hash.update(bytes)
        return hash.hexDigest()
      }
    }
    let chosen = SHA256.usesHardware
    SHA256.useHardware(false)
    let portable = digests()
    SHA256.useHardware(true)
    let hardware = digests()
    SHA256.useHardware(chosen)
    #expect(portable == hardware)
  }

  /// The manifest in run.json tells a folder that holds the run it describes from one that does
  /// not (a file changed, cut or missing: a failed commit or a mixed folder) (issue 17).
  @Test func theManifestDetectsAMixedFolder() throws {
    let folder = try TestSupport.temporaryDirectory()
    let plan = try PipelinePlan(spec: try TestSupport.spec(TestSupport.sentencesPipeline), registry: .builtIn)
    _ = try Runner(plan: plan, options: .init(jobs: 1)).run(
      inputPath: TestSupport.repository.appendingPathComponent("Corpus").path, outputDirectory: folder.path)
    #expect(OutputFolder.manifestProblems(in: folder.path, hashes: true).isEmpty)
    let csv = folder.appendingPathComponent("documents.csv")
    var bytes = try Data(contentsOf: csv)
    bytes[bytes.count - 2] ^= 1  // same size, other content
    try bytes.write(to: csv)
    #expect(OutputFolder.manifestProblems(in: folder.path, hashes: false).isEmpty)
    #expect(OutputFolder.manifestProblems(in: folder.path, hashes: true) == ["documents.csv is not the file the run wrote (SHA-256 differs)"])
    try FileManager.default.removeItem(at: folder.appendingPathComponent("errors.jsonl"))
    #expect(OutputFolder.manifestProblems(in: folder.path, hashes: false) == ["errors.jsonl is missing"])
  }

  /// A name taken by a folder is reported as such, not as "is the disk full?" (issue 17).
  @Test func anOutputNameTakenByAFolderSaysSo() throws {
    let folder = try TestSupport.temporaryDirectory()
    try FileManager.default.createDirectory(at: folder.appendingPathComponent("documents.jsonl/inner"), withIntermediateDirectories: true)
    let plan = try PipelinePlan(spec: try TestSupport.spec(TestSupport.sentencesPipeline), registry: .builtIn)
    var options = Runner.Options(jobs: 1)
    options.force = true  // the folder holds files no run wrote
    #expect {
      try Runner(plan: plan, options: options).run(inputPath: TestSupport.repository.appendingPathComponent("Corpus").path, outputDirectory: folder.path)
    } throws: { error in
      let message = (error as? PipelineError)?.message ?? ""
      return message.contains("a folder has that name") && !message.contains("disk")
    }
  }

  /// A folder of files that no run wrote is refused unless forced (issue 17): a run must not mix
  /// its outputs into somebody's folder.
  @Test func aFolderOfForeignFilesIsRefusedUnlessForced() throws {
    let folder = try TestSupport.temporaryDirectory()
    try Data("mine".utf8).write(to: folder.appendingPathComponent("thesis.docx"))
    let plan = try PipelinePlan(spec: try TestSupport.spec(TestSupport.sentencesPipeline), registry: .builtIn)
    let corpus = TestSupport.repository.appendingPathComponent("Corpus").path
    #expect {
      try Runner(plan: plan, options: .init(jobs: 1)).run(inputPath: corpus, outputDirectory: folder.path)
    } throws: { error in
      (error as? PipelineError)?.code == .invalidConfig && (error as? PipelineError)?.message.contains("'thesis.docx'") == true
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["thesis.docx"])
    var options = Runner.Options(jobs: 1)
    options.force = true
    _ = try Runner(plan: plan, options: options).run(inputPath: corpus, outputDirectory: folder.path)
    #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("run.json").path))
    // Once a run has written there, later runs need no --force.
    _ = try Runner(plan: plan, options: .init(jobs: 1)).run(inputPath: corpus, outputDirectory: folder.path)
  }

  /// A document over the per-document time limit is recorded as a timeout, its remaining stages
  /// skipped, and the run goes on (issue 17). A limit of a nanosecond makes every document late.
  @Test func documentsOverTheTimeLimitAreRecorded() throws {
    let folder = try TestSupport.temporaryDirectory()
    let plan = try PipelinePlan(spec: try TestSupport.spec(TestSupport.sentencesPipeline), registry: .builtIn)
    var options = Runner.Options(jobs: 2)
    options.documentTimeout = 1e-9
    let report = try Runner(plan: plan, options: options).run(
      inputPath: TestSupport.repository.appendingPathComponent("Corpus").path, outputDirectory: folder.path)
    #expect(report.documents.ok == 0 && report.documents.error == report.documents.total && report.documents.total > 0)
    let records = try TestSupport.records(folder)
    let error = records.first?["error"] as? [String: String]
    #expect(error?["code"] == "document-timeout")
    #expect(error?["stage"] == "sentences")
    #expect(error?["message"]?.contains("up to stage 'normalize'") == true)
    // The default limit never touches an ordinary corpus.
    #expect(Runner.Options().documentTimeout == 60)
  }

  /// A stage that loops calls `checkDeadline()` and is stopped inside (not only between stages);
  /// the counting pass keeps the limit too (issue 17).
  @Test func aLongStageIsStoppedAtItsDeadline() throws {
    struct Looper: Stage {
      static let kind = "looper"
      static let summary = "loops until its document's time budget is spent"
      var provides: Set<OutputKey> { ["looper"] }
      func process(_ document: Document, context: StageContext) throws -> any StageOutput {
        while true {
          try context.checkDeadline()
          usleep(1_000)
        }
      }
    }
    var registry = StageRegistry.builtIn
    try registry.register(Looper.self) { _ in Looper() }
    let plan = try PipelinePlan(spec: try TestSupport.spec(TestSupport.sentencesPipeline + "\n  - kind: looper\n"), registry: registry)
    var options = Runner.Options(jobs: 2)
    options.documentTimeout = 0.05
    let folder = try TestSupport.temporaryDirectory()
    let report = try Runner(plan: plan, options: options).run(
      inputPath: TestSupport.repository.appendingPathComponent("Corpus").path, outputDirectory: folder.path)
    #expect(report.documents.error == 13)
    let error = try TestSupport.records(folder).first?["error"] as? [String: String]
    #expect(error?["code"] == "document-timeout" && error?["stage"] == "looper")
    #expect(error?["message"]?.hasPrefix("the document ran over its time limit in stage 'looper'") == true)
    // The counting pass of a pipeline with corpus stages checks the limit between its stages.
    let news = try PipelinePlan(spec: try TestSupport.spec(TestSupport.newsPipeline()), registry: .builtIn)
    options.documentTimeout = 1e-9
    let counted = try TestSupport.temporaryDirectory()
    let late = try Runner(plan: news, options: options).run(
      inputPath: TestSupport.repository.appendingPathComponent("Corpus").path, outputDirectory: counted.path)
    #expect(late.documents.error == 13)
    let first = try TestSupport.records(counted).first?["error"] as? [String: String]
    #expect(first?["code"] == "document-timeout" && first?["message"]?.contains("up to stage 'normalize'") == true)
  }

  /// Windows are bounded by bytes as well as by documents (issue 17: 64 documents of 4 MB took
  /// 1.56 GB): items of known size fill a window up to the byte bound (at least one), the rest
  /// wait for the next; the outputs do not depend on the bound.
  @Test func windowsAreBoundedByBytes() throws {
    final class Sized: InputSource {
      var sizes: [Int]
      init(_ sizes: [Int]) { self.sizes = sizes }
      var count: Int? { nil }
      func next(_ limit: Int) -> [InputItem] {
        let taken = sizes.prefix(limit)
        sizes.removeFirst(taken.count)
        return taken.map { size in InputItem(source: "\(size)", byteCount: size) { _ in .failed(id: "x", error: PipelineError(.stageFailed, "x"), skipped: false) } }
      }
    }
    let reader = CountingSource(Sized([40, 30, 50, 10, 10, 200, 5]))
    var windows: [[String]] = []
    while true {
      let items = reader.next(4, maxBytes: 80)
      if items.isEmpty { break }
      windows.append(items.map(\.source))
    }
    #expect(windows == [["40", "30"], ["50", "10", "10"], ["200"], ["5"]])
    #expect(reader.itemsRead == 7)
    // The same outputs with one document per window as with the default.
    let corpus = TestSupport.repository.appendingPathComponent("Corpus").path
    let plan = try PipelinePlan(spec: try TestSupport.spec(TestSupport.newsPipeline()), registry: .builtIn)
    var tiny = Runner.Options(jobs: 2)
    tiny.windowBytes = 1
    let a = try TestSupport.temporaryDirectory(), b = try TestSupport.temporaryDirectory()
    _ = try Runner(plan: plan, options: tiny).run(inputPath: corpus, outputDirectory: a.path)
    _ = try Runner(plan: plan, options: .init(jobs: 2)).run(inputPath: corpus, outputDirectory: b.path)
    for file in ["documents.jsonl", "documents.csv", "keywords.csv"] {
      #expect(try Data(contentsOf: a.appendingPathComponent(file)) == Data(contentsOf: b.appendingPathComponent(file)), "\(file)")
    }
  }

  /// The calling thread writes the previous window (`meanwhile`) while the other workers
  /// already process the next one, then joins them; results stay in input order.
  @Test func theCallingThreadWritesOneWindowWhileTheOthersProcessTheNext() throws {
    let plan = try PipelinePlan(spec: try TestSupport.spec(TestSupport.sentencesPipeline), registry: .builtIn)
    let caller = pthread_self()
    for jobs in [1, 2, 3] {
      let runner = Runner(plan: plan, options: .init(jobs: jobs))
      let processed = Atomic<Int>(0)
      var meanwhileRuns = 0, meanwhileOnCaller = false, processedBeforeMeanwhileEnded = 0
      let doubled = try runner.parallelMap(Array(0..<50), meanwhile: {
        meanwhileRuns += 1
        meanwhileOnCaller = pthread_equal(pthread_self(), caller) != 0
        // With other workers, they are at work on the items before the writing ends.
        let deadline = Date().addingTimeInterval(10)
        while jobs > 1 && processed.load(ordering: .relaxed) == 0 && Date() < deadline { usleep(100) }
        processedBeforeMeanwhileEnded = processed.load(ordering: .relaxed)
      }) { item in
        processed.add(1, ordering: .relaxed)
        return 2 * item
      }
      #expect(doubled == (0..<50).map { 2 * $0 }, "--jobs \(jobs)")
      #expect(meanwhileRuns == 1 && meanwhileOnCaller, "--jobs \(jobs)")
      #expect((processedBeforeMeanwhileEnded > 0) == (jobs > 1), "--jobs \(jobs): \(processedBeforeMeanwhileEnded)")
    }
  }

  @Test func outputIsByteIdenticalForAnyNumberOfJobs() throws {
    let corpus = TestSupport.repository.appendingPathComponent("Corpus")
    let yaml = TestSupport.allOutputs(TestSupport.sentencesPipeline)
    let (one, _) = try TestSupport.run(yaml, input: corpus, jobs: 1)
    let (eight, _) = try TestSupport.run(yaml, input: corpus, jobs: 8, window: 3)
    for file in ["documents.jsonl", "documents.json", "documents.csv", "errors.jsonl", "errors.csv", "stages/normalize.jsonl", "stages/sentences.jsonl"] {
      let a = try Data(contentsOf: one.appendingPathComponent(file))
      let b = try Data(contentsOf: eight.appendingPathComponent(file))
      #expect(a == b, "\(file) differs between --jobs 1 and --jobs 8")
      #expect(!a.isEmpty || file == "errors.jsonl")
    }
  }

  @Test func allOutputFilesAreWrittenAndNoPartialFilesRemain() throws {
    let corpus = TestSupport.repository.appendingPathComponent("Corpus")
    let (output, report) = try TestSupport.run(TestSupport.allOutputs(TestSupport.sentencesPipeline), input: corpus)
    let files = try FileManager.default.contentsOfDirectory(atPath: output.path).sorted()
    #expect(files == ["documents.csv", "documents.json", "documents.jsonl", "errors.csv", "errors.jsonl", "run.json", "stages"])
    #expect(try FileManager.default.contentsOfDirectory(atPath: output.appendingPathComponent("stages").path).sorted() == ["normalize.jsonl", "sentences.jsonl"])
    let array = try JSONSerialization.jsonObject(with: Data(contentsOf: output.appendingPathComponent("documents.json"))) as? [Any]
    #expect(array?.count == 13)
    #expect(report.documents.ok == 13)
    let csv = try String(contentsOf: output.appendingPathComponent("documents.csv"), encoding: .utf8)
    #expect(csv.hasPrefix("id,source,status,error,chars,normalize_edits,sentences_count,metadata\r\n000_05597add93c0269f.txt,Corpus/000_05597add93c0269f.txt,"))
    let run = try JSONSerialization.jsonObject(with: Data(contentsOf: output.appendingPathComponent("run.json"))) as? [String: Any]
    #expect(run?["icuVersion"] as? String == ICU.version)
    #expect((run?["stages"] as? [[String: Any]])?.map { $0["name"] as? String } == ["normalize", "sentences"])
  }

  @Test func failFastStopsAtTheFirstFailure() throws {
    let (output, report) = try TestSupport.run(TestSupport.sentencesPipeline, input: mixed, jobs: 1, failFast: true, window: 1)
    #expect(report.documents == .init(total: 3, ok: 2, error: 1, skipped: 0))
    #expect(report.stoppedEarly)
    #expect(try TestSupport.records(output).count == 3)
    // Also when the documents left over are in the same window as the failure (the last one).
    let (whole, oneWindow) = try TestSupport.run(TestSupport.sentencesPipeline, input: mixed, jobs: 2, failFast: true, window: 100)
    #expect(oneWindow.documents.total == 3 && oneWindow.stoppedEarly)
    #expect(try TestSupport.records(whole).count == 3)
  }

  @Test func documentsOverTheSizeLimitAreSkippedAndRecorded() throws {
    let (output, report) = try TestSupport.run(TestSupport.sentencesPipeline, input: mixed, maxBytes: 50)
    #expect(report.documents == .init(total: 4, ok: 2, error: 1, skipped: 1))
    let record = try TestSupport.records(output)[1]
    #expect(record["status"] as? String == "skipped")
    #expect((record["error"] as? [String: String])?["message"] == "the document has 94 bytes, over the limit of 50; raise --max-bytes to include it")
  }

  @Test func missingInputIsAnError() throws {
    #expect(throws: PipelineError.self) {
      try TestSupport.run(TestSupport.sentencesPipeline, input: URL(fileURLWithPath: "/nonexistent/corpus"))
    }
  }

  @Test func aThrowingStageFailsOnlyItsDocument() throws {
    var registry = StageRegistry.builtIn
    try registry.register(FailOnKeyword.self) { _ in FailOnKeyword() }
    let yaml = TestSupport.allOutputs(TestSupport.sentencesPipeline + "\n  - kind: fail-on-keyword\n")
    let (output, report) = try TestSupport.run(yaml, input: mixed, registry: registry)
    #expect(report.documents == .init(total: 4, ok: 2, error: 2, skipped: 0))
    let records = try TestSupport.records(output)
    let error = try #require(records[0]["error"] as? [String: String])
    #expect(error == ["code": "stage-failed", "stage": "fail-on-keyword", "message": "found 'Zug'"])
    // Earlier stages' outputs are kept for the failed document.
    let kept = try #require(records[0]["sentences"] as? [[String: Any]])
    #expect(kept.map { $0["text"] as? String } == ["Der Zug kam pünktlich an.", "Alle stiegen aus."])
    let stageLines = try String(contentsOf: output.appendingPathComponent("stages/fail-on-keyword.jsonl"), encoding: .utf8)
    #expect(stageLines.split(separator: "\n").first == #"{"id":"a-utf8.txt","output":null,"error":{"code":"stage-failed","message":"found 'Zug'","stage":"fail-on-keyword"}}"#)
  }
}

/// A stage that fails on documents containing "Zug", to test per-document failures.
struct FailOnKeyword: Stage {
  static let kind = "fail-on-keyword"
  static let summary = "test stage"
  var provides: Set<OutputKey> { [] }

  struct Passed: StageOutput { var passed = true }

  func process(_ document: Document, context: StageContext) throws -> any StageOutput {
    if document.currentText.contains("Zug") { throw PipelineError(.stageFailed, "found 'Zug'") }
    return Passed()
  }
}
