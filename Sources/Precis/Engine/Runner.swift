internal import Dispatch
internal import Foundation
internal import Synchronization

/// Runs a ``PipelinePlan`` over an input, streaming documents through a pool of workers.
///
/// Items are read in windows of a bounded size; the workers (`jobs` of them, via Dispatch)
/// take documents from the window, run the stage graph on each, and encode the outputs; the
/// results are then written in input order, by the calling thread while the other workers
/// process the next window. Memory is bounded by two windows, not the corpus, and the output
/// bytes do not depend on the number of workers.
public struct Runner: Sendable {
  /// How a run behaves.
  public struct Options: Sendable {
    /// Worker count; at least 1.
    public var jobs: Int
    /// Documents larger than this (in bytes) are skipped and recorded.
    public var maxBytes: Int
    /// Stop after the first failed document.
    public var failFast: Bool
    /// Documents in flight at once; defaults to 32 per worker.
    public var window: Int?
    /// Input bytes in flight at once (past a window's first document): windows of large
    /// documents hold fewer of them, so memory follows bytes, not only a document count.
    public var windowBytes = Runner.defaultWindowBytes
    /// Saved corpus statistics to use instead of a counting pass, by stage name
    /// (see ``CorpusStatistics``).
    public var statistics: [String: CorpusStatistics]
    /// Process only this shard of a folder input.
    public var shard: Shard?
    /// The input formats `run(inputPath:outputDirectory:progress:)` can open.
    public var inputFormats: InputFormats = .builtIn
    /// Write into an output folder that holds files but no `run.json` (files Precis did not write).
    public var force = false
    /// Follow symbolic links out of an input folder, and links to folders.
    public var followLinks = false
    /// Seconds a document may take through the stages; past it, its remaining stages are not
    /// run and it is recorded as a `document-timeout` error. `nil`: no limit. Checked between
    /// stages, and inside a stage that calls ``StageContext/checkDeadline()``; each pass of a
    /// run of two has its own budget.
    public var documentTimeout: Double? = Runner.defaultDocumentTimeout
    /// Go on from where an earlier run into the same output folder stopped (killed or
    /// interrupted): the windows it finished are reused when the input items still load the same
    /// and the pipeline, options and build are the same (see ``RunJournal``); otherwise, or when
    /// no run stopped there, the run starts from the beginning.
    public var resume = false
    /// Asked after every window: when it returns true, the run stops there and throws
    /// `PipelineError` `interrupted`, its finished windows kept for ``resume``.
    public var shouldStop: (@Sendable () -> Bool)?
    /// Give CSV cells that start with `=`, `+`, `-`, `@`, a tab or CR a leading `'`, so that
    /// spreadsheets show them as text instead of running them (`--no-csv-safe` turns it off).
    public var csvGuard = true

    public init(
      jobs: Int = Runner.defaultJobs, maxBytes: Int = 10_000_000, failFast: Bool = false, window: Int? = nil,
      statistics: [String: CorpusStatistics] = [:], shard: Shard? = nil
    ) {
      self.jobs = max(1, jobs)
      self.maxBytes = maxBytes
      self.failFast = failFast
      self.window = window
      self.statistics = statistics
      self.shard = shard
    }
  }

  /// Progress after each window: documents done, total, failed, seconds elapsed, and which pass
  /// ("counting" corpus statistics, or "processing").
  public struct Progress: Sendable {
    public var done: Int
    public var total: Int
    public var failed: Int
    public var seconds: Double
    public var pass: String
  }

  /// The number of cores, the default worker count.
  public static var defaultJobs: Int { ProcessInfo.processInfo.activeProcessorCount }

  public let plan: PipelinePlan
  public let options: Options

  public init(plan: PipelinePlan, options: Options) {
    self.plan = plan
    self.options = options
  }

  /// Runs the pipeline on the input at `inputPath` and writes every output into `outputDirectory`
  /// (with ``Options/shard``, only the shard's documents).
  /// - Parameter progress: called on the calling thread after each window.
  /// - Returns: the report also written to `run.json`.
  /// - Throws: `PipelineError` for problems with the input or output as a whole; failures of single
  ///   documents are recorded in the outputs instead.
  public func run(
    inputPath: String, outputDirectory: String, progress: ((Progress) -> Void)? = nil
  ) throws(PipelineError) -> RunReport {
    let makeReader = { () throws(PipelineError) -> any InputSource in
      try options.inputFormats.open(
        path: inputPath, include: plan.spec.include, exclude: plan.spec.exclude, shard: options.shard,
        followLinks: options.followLinks, fields: plan.spec.fields)
    }
    // The source is opened first: the metadata fields it knows get columns of `documents.csv`.
    let opened = try makeReader()
    var encoder = RecordEncoder(plan: plan)
    encoder.metadataColumns = opened.metadataColumns
    let writer = try OutputFolder(
      directory: outputDirectory, encoder: encoder, formats: plan.outputFormats, outputs: plan.outputs, force: options.force,
      csvGuard: options.csvGuard)
    let journal = try RunJournal.open(directory: outputDirectory, key: journalKey(input: inputPath), resume: options.resume)
    var handedOut = false
    let reader = { () throws(PipelineError) -> any InputSource in
      if handedOut { return try makeReader() }
      handedOut = true
      return opened
    }
    return try execute(
      makeReader: reader, sink: writer, encoder: encoder, input: inputPath, output: outputDirectory, journal: journal,
      progress: progress)
  }

  /// What a run's journal must match to be resumed by this run.
  func journalKey(input: String) -> RunJournal.Key {
    var given = ""
    if !options.statistics.isEmpty {
      let encoder = JSONEncoder()
      encoder.outputFormatting = .sortedKeys
      var hash = SHA256()
      hash.update([UInt8]((try? encoder.encode(options.statistics)) ?? Data()))
      given = hash.hexDigest()
    }
    return RunJournal.Key(
      executable: Self.executableIdentity, pipelineHash: FNV1a.hex(plan.spec.source), outputs: plan.outputs, input: input,
      maxBytes: options.maxBytes, failFast: options.failFast, shard: options.shard?.description,
      followLinks: options.followLinks, givenStatistics: given)
  }

  /// The running executable's file as its device, inode, size and modification time (once per
  /// process): another build is another file or was written later. A `stat`, where a digest read
  /// the whole file in every run (18 ms for the 15 MB release build, 8 times more for the 122 MB
  /// static one).
  static let executableIdentity: String = {
    var info = stat()
    guard stat("/proc/self/exe", &info) == 0 || Bundle.main.executablePath.map({ stat($0, &info) == 0 }) == true else { return "" }
    return "\(info.st_dev):\(info.st_ino):\(info.st_size):\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
  }()

  /// Streams JSON lines: reads documents from standard input and writes one `documents.jsonl`
  /// record per input line to standard output, in input order, flushed after each window.
  /// Corpus stages need ``Options/statistics`` (standard input cannot be read twice).
  /// - Throws: `PipelineError` when statistics are missing or standard output fails.
  public func stream(progress: ((Progress) -> Void)? = nil) throws(PipelineError) -> RunReport {
    let missing = plan.steps.filter { $0.stage is any CorpusStage && options.statistics[$0.name] == nil }.map(\.name)
    guard missing.isEmpty else {
      // Corpus stages count a pass over the input before processing it, and standard input can
      // be read only once: it is copied to a temporary file first (disk, not memory), unless
      // statistics were given.
      let spool = try StandardInputSpool()
      return try execute(
        makeReader: { () throws(PipelineError) -> any InputSource in
          try JSONLinesSource(path: spool.path, shownAs: "stdin", fields: plan.spec.fields)
        },
        sink: try StreamWriter(), encoder: RecordEncoder(plan: plan), input: "stdin", output: "stdout", progress: progress)
    }
    let reader = try JSONLinesSource(standardInput: (), fields: plan.spec.fields)
    return try execute(
      makeReader: { reader }, sink: try StreamWriter(), encoder: RecordEncoder(plan: plan), input: "stdin", output: "stdout",
      progress: progress)
  }

  /// Counts the corpus statistics of the input at `inputPath` (or standard input), without
  /// processing documents further: the first pass of a run, for sharded or distributed runs.
  public func countStatistics(inputPath: String?, progress: ((Progress) -> Void)? = nil) throws(PipelineError)
    -> [String: CorpusStatistics]
  {
    let makeReader = { () throws(PipelineError) -> any InputSource in
      guard let inputPath else { return try JSONLinesSource(standardInput: (), fields: plan.spec.fields) }
      return try options.inputFormats.open(
        path: inputPath, include: plan.spec.include, exclude: plan.spec.exclude, shard: options.shard,
        followLinks: options.followLinks, fields: plan.spec.fields)
    }
    return try corpusStatistics(makeReader: makeReader, window: max(1, options.window ?? options.jobs * 32), progress: progress)
  }

  func execute(
    makeReader: () throws(PipelineError) -> any InputSource, sink: any ResultSink, encoder: RecordEncoder, input: String,
    output: String, journal opened: RunJournal.Opened? = nil, progress: ((Progress) -> Void)?
  ) throws(PipelineError) -> RunReport {
    let clock = ContinuousClock()
    let start = clock.now
    var report = RunReport(
      pipeline: plan.spec.name, pipelineFile: plan.spec.file, pipelineHash: FNV1a.hex(plan.spec.source),
      input: input, output: output, jobs: options.jobs, maxBytes: options.maxBytes,
      failFast: options.failFast, started: Date().formatted(.iso8601),
      stages: plan.steps.map { step in
        var time = RunReport.StageTime(name: step.name, kind: step.kind, seconds: 0, documents: 0)
        time.written = step.writesOutput
        return time
      })
    let window = max(1, options.window ?? options.jobs * 32)
    var (counted, toCount) = try savedStatistics()
    let reader = CountingSource(try makeReader())
    let journal = opened?.journal
    var replay: [RunJournal.Window] = []
    report.resumeNote = opened?.note
    if let opened, let progress = opened.progress {
      let resumed = try resumable(progress, of: opened.journal, toCount: toCount, makeReader: makeReader, window: window)
      replay = resumed.windows
      if let statistics = resumed.statistics {
        counted.merge(statistics) { $1 }
        toCount = [:]
      }
      report.resumeNote = resumed.note ?? report.resumeNote
    }
    // With statistics to count, the counting pass reads every item once and carries what it made
    // to the processing pass, which then reads the carry instead of the input.
    let carry: (file: CarryFile, types: LayerTypes)?
    // Journaled while the first window of the processing pass is processed, before its record.
    var unjournaledStatistics: (statistics: [String: CorpusStatistics], input: RunJournal.InputIdentity)?
    if toCount.isEmpty {
      carry = nil
    } else {
      let file = try CarryFile()
      let types = LayerTypes()
      let made: (statistics: [String: CorpusStatistics], input: RunJournal.InputIdentity)
      do {
        made = try count(reader, steps: toCount, window: window, carry: (file, types), progress: progress)
      } catch {
        journal?.remove()  // nothing finished to resume
        throw error
      }
      unjournaledStatistics = made
      counted.merge(made.statistics) { $1 }
      carry = (file, types)
    }
    let statistics = counted
    let processingStart = clock.now
    // A window's results are written (journal, outputs, progress) by the calling thread while the
    // other workers already process the next window; it then joins them. Only one window waits
    // to be written at a time, and windows are written in input order.
    var unwritten: (results: [DocumentResult], journaled: Bool)?
    var stopped = false, begun = false
    /// Writes the window waiting to be written, if any; `more`: whether input follows it (for
    /// `stoppedEarly`). Sets `stopped` when --fail-fast stops the run there.
    func writeUnwritten(more: Bool) throws(PipelineError) {
      if let made = unjournaledStatistics {
        unjournaledStatistics = nil
        // Both encode every counted term table (a quarter of a second each on the 20 MB bench
        // corpus, while the other workers have one window to process): the journal's copy is
        // written on another thread meanwhile.
        if let journal {
          let beginning = !begun
          begun = true
          try Self.concurrently({ () throws(PipelineError) in try journal.recordStatistics(made.statistics, input: made.input) }) {
            () throws(PipelineError) in if beginning { try sink.begin(statistics: statistics) }
          }
        }
      }
      if !begun {
        begun = true
        try sink.begin(statistics: statistics)
      }
      guard let (results, journaled) = unwritten else { return }
      unwritten = nil
      if !journaled { try journal?.recordWindow(results) }
      for (index, result) in results.enumerated() {
        try sink.write(result)
        report.count(result)
        if options.failFast && result.status != .ok {
          // Stopped early when any document is left unwritten, in this window or after it.
          report.stoppedEarly = index + 1 < results.count || more
          stopped = true
          return
        }
      }
      try sink.flush()
      let elapsed = processingStart.duration(to: clock.now)
      progress?(Progress(
        done: report.documents.total, total: reader.count, failed: report.documents.error + report.documents.skipped,
        seconds: elapsed.seconds, pass: "processing"))
      if options.shouldStop?() == true { throw stopRequested(done: report.documents.total, total: reader.count, kept: journal != nil) }
    }
    /// `transform` of every item on the workers, the waiting window written meanwhile; the
    /// results wait to be written in turn, unless --fail-fast stopped the run.
    func processWritingUnwritten<Item: Sendable>(_ items: [Item], _ transform: @Sendable (Item) -> DocumentResult)
      throws(PipelineError)
    {
      let results = try parallelMap(items, meanwhile: { () throws(PipelineError) in try writeUnwritten(more: true) }, transform)
      if !stopped { unwritten = (results, false) }
    }
    windows: while !stopped {
      if !replay.isEmpty {
        // A journaled window: reused when its items load as they did, else the run goes on from here.
        try writeUnwritten(more: true)
        if stopped { break }
        let earlier = replay.removeFirst()
        let items = reader.next(earlier.count)
        if items.isEmpty { break }
        let maxBytes = options.maxBytes
        let fingerprints = try parallelMap(items) { $0.load(maxBytes: maxBytes).fingerprint }
        if let journal, items.count == earlier.count, RunJournal.digest(of: fingerprints) == earlier.digest {
          unwritten = (try journal.results(of: earlier), true)
          report.resumedDocuments += earlier.count
        } else {
          try journal?.discard(from: earlier)
          replay = []
          report.resumeNote = "the input changed after its first \(report.documents.total) documents, so the rest were processed again"
          unwritten = (try parallelMap(items) { process($0, encoder: encoder, statistics: statistics) }, false)
        }
      } else if let carry {
        let records = try carry.file.next(window, maxBytes: options.windowBytes)
        if records.isEmpty { break }
        let types = carry.types
        try processWritingUnwritten(records) { resume($0, types: types, encoder: encoder, statistics: statistics) }
      } else {
        let items = reader.next(window, maxBytes: options.windowBytes)
        if items.isEmpty { break }
        try processWritingUnwritten(items) { process($0, encoder: encoder, statistics: statistics) }
      }
    }
    try writeUnwritten(more: false)
    report.inputItemsRead = reader.itemsRead
    report.carriedBytes = carry?.file.bytesWritten ?? 0
    let elapsed = start.duration(to: clock.now).seconds
    report.finished = Date().formatted(.iso8601)
    report.seconds = elapsed
    report.documentsPerSecond = elapsed > 0 ? Double(report.documents.total) / elapsed : 0
    report = try sink.finish(report: report, statistics: statistics)
    journal?.remove()
    return report
  }

  /// What of an earlier run's `progress` this run can reuse: the windows to replay (while their
  /// items still load the same), and the statistics it counted for the steps of `toCount`.
  /// Statistics describe the whole input, so they (and every window made with them) are reused
  /// only when every item still loads as it did when they were counted; otherwise the journal is
  /// emptied. `note` says why less than everything was reused.
  func resumable(
    _ progress: RunJournal.Progress, of journal: RunJournal, toCount: [Int: [String: String]],
    makeReader: () throws(PipelineError) -> any InputSource, window: Int
  ) throws(PipelineError) -> (windows: [RunJournal.Window], statistics: [String: CorpusStatistics]?, note: String?) {
    guard !toCount.isEmpty else { return (progress.windows, nil, nil) }
    guard let saved = progress.statistics, Set(saved.statistics.keys) == Set(toCount.keys.map { plan.steps[$0].name }) else {
      return ([], nil, "the run that stopped had not finished counting its statistics; starting from the beginning")
    }
    guard try identity(of: CountingSource(try makeReader()), window: window) == saved.input else {
      try journal.discardAll()
      return ([], nil, "the input changed since the run that stopped counted its statistics, so every document is processed again")
    }
    return (progress.windows, saved.statistics, nil)
  }

  /// The error a run stopped by ``Options/shouldStop`` throws: how far it got, and how to go on.
  func stopRequested(done: Int, total: Int, kept: Bool) -> PipelineError {
    let of = total > 0 ? " of \(total)" : ""
    guard kept else { return PipelineError(.interrupted, "the run stopped after \(done)\(of) documents; nothing was written") }
    return PipelineError(
      .interrupted,
      "the run stopped after \(done)\(of) documents, which are kept in the output folder's journal; run the same command with --resume to go on from there")
  }

  /// The statistics given in ``Options/statistics`` for the corpus stages that have them (their
  /// settings must match), and the steps whose statistics must be counted, with their settings.
  func savedStatistics() throws(PipelineError) -> (saved: [String: CorpusStatistics], toCount: [Int: [String: String]]) {
    var saved: [String: CorpusStatistics] = [:]
    var toCount: [Int: [String: String]] = [:]
    for index in plan.passes.corpus {
      let step = plan.steps[index]
      let settings = statisticsSettings(of: index)
      guard let given = options.statistics[step.name] else {
        toCount[index] = settings
        continue
      }
      guard given.settings == settings else {
        throw PipelineError(
          .invalidConfig,
          "the statistics given for stage '\(step.name)' were made with other settings (\(given.settings)) than this pipeline's (\(settings)); count them again with this pipeline")
      }
      saved[step.name] = given
    }
    return (saved, toCount)
  }

  /// The statistics of every corpus stage: loaded from ``Options/statistics`` when given there,
  /// else counted in a pass over the input (see ``PipelinePlan/Passes``).
  func corpusStatistics(makeReader: () throws(PipelineError) -> any InputSource, window: Int, progress: ((Progress) -> Void)?)
    throws(PipelineError) -> [String: CorpusStatistics]
  {
    var (statistics, toCount) = try savedStatistics()
    guard !toCount.isEmpty else { return statistics }
    statistics.merge(try count(CountingSource(try makeReader()), steps: toCount, window: window, carry: nil, progress: progress).statistics) { $1 }
    return statistics
  }

  /// The counting pass: runs the plan's counted steps on every item of `reader`, lets the corpus
  /// stages in `steps` (step index to statistics settings) observe each document, and with `carry`
  /// writes one record per item for the processing pass.
  func count(
    _ reader: CountingSource, steps: [Int: [String: String]], window: Int, carry: (file: CarryFile, types: LayerTypes)?,
    progress: ((Progress) -> Void)?
  ) throws(PipelineError) -> (statistics: [String: CorpusStatistics], input: RunJournal.InputIdentity) {
    let clock = ContinuousClock()
    let start = clock.now
    var done = 0
    var identity = SHA256()
    // Workers add what each document contributes to one shared table per stage, under a lock
    // held only for the adding: counts are sums, so the totals do not depend on which worker saw
    // which document, and one table (not one per worker) keeps memory flat as workers are added.
    let totals = Mutex(steps.mapValues { CorpusStatistics(settings: $0) })
    let types = carry?.types
    let counting = steps.sorted { $0.key < $1.key }.map { (index: $0.key, settings: $0.value) }
    // As in the processing pass, a window's records are written while the next one is observed.
    var unwritten: [(record: [UInt8], fingerprint: [UInt8])]?
    func writeUnwritten() throws(PipelineError) {
      guard let observed = unwritten else { return }
      unwritten = nil
      for item in observed { identity.update(item.fingerprint) }
      try carry?.file.write(observed.map(\.record))
      done += observed.count
      progress?(Progress(done: done, total: reader.count, failed: 0, seconds: start.duration(to: clock.now).seconds, pass: "counting"))
      if options.shouldStop?() == true {
        throw PipelineError(
          .interrupted,
          "the run stopped in its counting pass (\(done) documents counted), before any document was finished; run the same command again to start over")
      }
    }
    while true {
      let items = reader.next(window, maxBytes: options.windowBytes)
      if items.isEmpty { break }
      let observed = try parallelMap(items, meanwhile: { () throws(PipelineError) in try writeUnwritten() }) {
        item -> (record: [UInt8], fingerprint: [UInt8]) in
        let (partial, record, fingerprint) = observe(item, counting: counting, types: types)
        totals.withLock { totals in
          for (step, statistics) in partial {
            try? totals[step]?.merge(statistics)  // same stage, same settings: cannot fail
          }
        }
        return (record, fingerprint)
      }
      unwritten = observed
    }
    try writeUnwritten()
    var result: [String: CorpusStatistics] = [:]
    for (step, statistics) in totals.withLock({ $0 }) { result[plan.steps[step].name] = statistics }
    return (result, RunJournal.InputIdentity(count: done, digest: identity.digest()))
  }

  /// The identity of every item `reader` holds, as ``count(_:steps:window:carry:progress:)``
  /// takes it: loaded (on the workers), not processed.
  func identity(of reader: CountingSource, window: Int) throws(PipelineError) -> RunJournal.InputIdentity {
    var identity = SHA256()
    var done = 0
    let maxBytes = options.maxBytes
    while true {
      let items = reader.next(window, maxBytes: options.windowBytes)
      if items.isEmpty { break }
      for fingerprint in try parallelMap(items, { $0.load(maxBytes: maxBytes).fingerprint }) { identity.update(fingerprint) }
      done += items.count
    }
    return RunJournal.InputIdentity(count: done, digest: identity.digest())
  }

  /// The settings recorded with a corpus stage's statistics: the stage's own, plus a hash of the
  /// kinds and options of every stage it reads from (normalization, language, sentence rules),
  /// since those change the terms it counts.
  func statisticsSettings(of index: Int) -> [String: String] {
    var settings = (plan.steps[index].stage as? any CorpusStage)?.statisticsSettings ?? [:]
    var upstream: Set<String> = []
    var pending = plan.steps[index].dependencies
    while let name = pending.popLast() {
      guard upstream.insert(name).inserted, let step = plan.steps.first(where: { $0.name == name }) else { continue }
      pending += step.dependencies
    }
    let description = plan.steps.filter { upstream.contains($0.name) }.map { step in
      step.kind + "{" + step.options.values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",") + "}"
    }.joined(separator: ";")
    settings["upstream"] = FNV1a.hex(description)
    return settings
  }

  /// Loads one item, runs the counted steps on it and lets the corpus stages in `counting` (step
  /// indices with their statistics settings, in plan order) observe it; a document that fails is left out of the
  /// statistics. With `types`, the carry record of the item for the processing pass (else empty).
  func observe(_ item: InputItem, counting: [(index: Int, settings: [String: String])], types: LayerTypes?)
    -> (partial: [Int: CorpusStatistics], record: [UInt8], fingerprint: [UInt8])
  {
    var carried: CarriedItem
    var document: Document
    let load = item.load(maxBytes: options.maxBytes)
    switch load {
    case .failed(let id, let error, let skipped):
      carried = CarriedItem(id: id, source: item.source, loadFailure: .init(error, skipped: skipped))
      carried.inputDigest = load.fingerprint
      return ([:], types == nil ? [] : (try? CarryCodec.encode(carried)) ?? [], carried.inputDigest)
    case .document(let loaded):
      document = loaded
      carried = CarriedItem(document: loaded)
    }
    carried.inputDigest = load.fingerprint
    let clock = ContinuousClock()
    carried.seconds = [Double](repeating: 0, count: plan.steps.count)
    var partial: [Int: CorpusStatistics] = [:]
    let began = clock.now
    let deadline = options.documentTimeout.flatMap { $0 > 0 ? began.advanced(by: .seconds($0)) : nil }
    var previous: Int?
    for index in plan.passes.counted {
      defer { previous = index }
      let step = plan.steps[index]
      let start = clock.now
      if let previous, let late = overTime(since: began, after: previous, before: index, document: document) {
        carried.failure = .init(late)
        break
      }
      do {
        let output = try step.stage.process(document, context: StageContext(stageName: step.name, deadline: deadline))
        carried.seconds[index] = start.duration(to: clock.now).seconds
        document.record(output, stage: step.name, provides: step.stage.provides)
        if let types {
          let encoded = types.encode(output)
          carried.layers.append(.init(step: index, type: encoded?.type ?? -1, bytes: encoded?.bytes ?? []))
        }
      } catch {
        carried.seconds[index] = start.duration(to: clock.now).seconds
        carried.failure = .init(Self.stageError(error, step: step, document: document))
      }
      if carried.failure != nil { break }
    }
    // The input text is carried once when the text a carried layer provides (a normalized
    // text) is the same: that layer gives it back.
    if carried.layers.contains(where: { $0.type >= 0 && plan.steps[$0.step].stage.provides.contains(.normalizedText) }),
      document.currentText.utf8.count == document.text.utf8.count, document.currentText == document.text
    {
      carried.text = ""
      carried.textIsCurrent = true
    }
    if carried.failure == nil {
      for (index, settings) in counting {
        let step = plan.steps[index]
        guard let corpusStage = step.stage as? any CorpusStage else { continue }
        let start = clock.now
        var statistics = CorpusStatistics(settings: settings)
        if (try? corpusStage.observe(document, into: &statistics, context: StageContext(stageName: step.name))) != nil {
          partial[index] = statistics
        }
        carried.seconds[index] = start.duration(to: clock.now).seconds
      }
    }
    return (partial, types == nil ? [] : (try? CarryCodec.encode(carried)) ?? [], carried.inputDigest)
  }

  /// `transform` applied to every item on `options.jobs` workers; results in input order.
  ///
  /// The calling thread is one of the workers: it first runs `meanwhile` (the previous window's
  /// writing, which must not wait for these items) while the others start on the items, then
  /// joins them. So no more than `options.jobs` threads work at once, and the serial part of a
  /// run overlaps with its parallel part instead of leaving the other workers idle. What
  /// `meanwhile` throws is thrown once the workers are done.
  func parallelMap<Item: Sendable, Result: Sendable>(
    _ items: [Item], meanwhile: () throws(PipelineError) -> Void = {}, _ transform: @Sendable (Item) -> Result
  ) throws(PipelineError) -> [Result] {
    let results = ResultSlots<Result>(count: items.count)
    defer { results.release() }
    let next = WorkCounter()
    let helpers = max(0, min(options.jobs, items.count) - 1)
    var failure: PipelineError?
    withoutActuallyEscaping(transform) { transform in
      let work: @Sendable () -> Void = {
        while true {
          let index = next.take()
          guard index < items.count else { break }
          results.buffer[index] = transform(items[index])
        }
      }
      let group = DispatchGroup()
      for _ in 0..<helpers { DispatchQueue.global().async(group: group, execute: work) }
      do throws(PipelineError) { try meanwhile() } catch { failure = error }
      if failure == nil { work() }
      group.wait()  // `transform` does not outlive this call
    }
    if let failure { throw failure }
    // Every slot was filled: each index below items.count was taken by exactly one worker.
    return results.buffer.compactMap { $0 }
  }

  /// Loads one item and runs every stage on it in plan order; a failing stage stops that document only.
  func process(_ item: InputItem, encoder: RecordEncoder, statistics: [String: CorpusStatistics]) -> DocumentResult {
    let load = item.load(maxBytes: options.maxBytes)
    var result: DocumentResult
    switch load {
    case .failed(let id, let error, let skipped):
      result = encoder.encodeFailure(id: id, source: item.source, error: error, skipped: skipped)
    case .document(let document):
      result = run(plan.steps.indices, on: document, encoder: encoder, statistics: statistics)
    }
    result.inputDigest = load.fingerprint
    return result
  }

  /// The processing pass for one item the counting pass carried: its counted layers are put back
  /// on the document (a layer that was not carried is made again), then the other steps run.
  func resume(_ record: [UInt8], types: LayerTypes, encoder: RecordEncoder, statistics: [String: CorpusStatistics])
    -> DocumentResult
  {
    guard let carried = try? CarryCodec.decode(CarriedItem.self, from: record) else {
      let error = PipelineError(.stageFailed, "the counting pass's record of this item could not be read back; run again")
      return encoder.encodeFailure(id: "?", source: "?", error: error, skipped: false)
    }
    var result = resume(carried, types: types, encoder: encoder, statistics: statistics)
    result.inputDigest = carried.inputDigest
    return result
  }

  func resume(_ carried: CarriedItem, types: LayerTypes, encoder: RecordEncoder, statistics: [String: CorpusStatistics])
    -> DocumentResult
  {
    if let failure = carried.loadFailure {
      return encoder.encodeFailure(
        id: carried.id, source: carried.source, error: failure.error(documentID: nil), skipped: failure.skipped)
    }
    var document = carried.document
    let seconds = carried.seconds
    // Seconds of the layers made again in this pass.
    var again = [Double](repeating: 0, count: plan.steps.count)
    for layer in carried.layers {
      let step = plan.steps[layer.step]
      if let output = try? types.decode(type: layer.type, bytes: layer.bytes) {
        document.record(output, stage: step.name, provides: step.stage.provides)
        if carried.textIsCurrent, let provider = output as? any TextProviding { document.text = provider.text }
        continue
      }
      // Not carried (or not readable): made again from the layers before it, which are back.
      let clock = ContinuousClock()
      let start = clock.now
      var failure: PipelineError?
      do {
        let output = try step.stage.process(document, context: StageContext(stageName: step.name))
        document.record(output, stage: step.name, provides: step.stage.provides)
      } catch {
        failure = Self.stageError(error, step: step, document: document)
      }
      again[layer.step] += start.duration(to: clock.now).seconds
      if let failure { return stopped(document, failure: failure, seconds: (seconds, again), encoder: encoder) }
    }
    if let failure = carried.failure {
      return stopped(document, failure: failure.error(documentID: document.id), seconds: (seconds, again), encoder: encoder)
    }
    var result = run(plan.passes.processed, on: document, encoder: encoder, statistics: statistics)
    result.countingSeconds = seconds
    for (index, made) in again.enumerated() where made > 0 { result.stageSeconds[index] += made }
    return result
  }

  /// The result of a document that a counted step stopped, with the seconds of both passes.
  func stopped(
    _ document: Document, failure: PipelineError, seconds: (counting: [Double], processing: [Double]), encoder: RecordEncoder
  ) -> DocumentResult {
    var result = encoder.encode(document, failure: failure, stageSeconds: seconds.processing)
    result.countingSeconds = seconds.counting
    return result
  }

  /// The default byte bound of a window: 64 MB of input.
  public static let defaultWindowBytes = 64 << 20

  /// The default per-document time limit, in seconds: far above any document of a sane size
  /// (a 10 MB document takes a few seconds), so it only ever catches pathological ones.
  public static let defaultDocumentTimeout = 60.0

  /// Runs the steps at `indices` (in plan order) on `document`; a failing step stops it.
  func run(
    _ indices: some Sequence<Int>, on document: Document, encoder: RecordEncoder, statistics: [String: CorpusStatistics]
  ) -> DocumentResult {
    var document = document
    let clock = ContinuousClock()
    var seconds = [Double](repeating: 0, count: plan.steps.count)
    var failure: PipelineError?
    let began = clock.now
    let deadline = options.documentTimeout.flatMap { $0 > 0 ? began.advanced(by: .seconds($0)) : nil }
    var previous: Int?
    for index in indices {
      defer { previous = index }
      let step = plan.steps[index]
      let start = clock.now
      if let previous, let late = overTime(since: began, after: previous, before: index, document: document) {
        failure = late
        break
      }
      do {
        let context = StageContext(stageName: step.name, statistics: statistics[step.name], deadline: deadline)
        let output = try step.stage.process(document, context: context)
        document.record(output, stage: step.name, provides: step.stage.provides)
      } catch {
        failure = Self.stageError(error, step: step, document: document)
      }
      seconds[index] = start.duration(to: clock.now).seconds
      if failure != nil { break }
    }
    return encoder.encode(document, failure: failure, stageSeconds: seconds)
  }

  /// The `document-timeout` error of `document` when more than ``Options/documentTimeout`` has
  /// passed since `began` (the checks between steps: the step at `previous` ran, the one at
  /// `next` would); `nil` while it is in time.
  func overTime(since began: ContinuousClock.Instant, after previous: Int, before next: Int, document: Document) -> PipelineError? {
    guard let limit = options.documentTimeout, limit > 0 else { return nil }
    let spent = began.duration(to: .now).seconds
    guard spent > limit else { return nil }
    return PipelineError(
      .documentTimeout,
      String(
        format: "the document took %.1f s up to stage '%@', over the limit of %.0f s; its remaining stages were not run (raise --document-timeout, or 0 for none)",
        spent, plan.steps[previous].name, limit),
      documentID: document.id, stage: plan.steps[next].name)
  }

  /// `error` thrown by `step` on `document`, as the `PipelineError` the outputs record.
  static func stageError(_ error: any Error, step: PipelinePlan.Step, document: Document) -> PipelineError {
    var stageError = error as? PipelineError ?? PipelineError(.stageFailed, "\(error)")
    stageError.stage = step.name
    stageError.documentID = document.id
    return stageError
  }
}

extension Runner {
  /// Runs `background` on another thread while `foreground` runs on this one, and returns when
  /// both have; throws the background's error, else the foreground's.
  static func concurrently(
    _ background: () throws(PipelineError) -> Void, while foreground: () throws(PipelineError) -> Void
  ) throws(PipelineError) {
    let failure = BackgroundFailure()
    var foregroundError: PipelineError?
    withoutActuallyEscaping(background) { background in
      // Unchecked: `background` runs on one thread only, and this call waits for it.
      let task = UncheckedTask(run: background)
      let group = DispatchGroup()
      DispatchQueue.global().async(group: group) {
        do throws(PipelineError) { try task.run() } catch { failure.error = error }
      }
      do throws(PipelineError) { try foreground() } catch { foregroundError = error }
      group.wait()  // `background` does not outlive this call
    }
    if let error = failure.error ?? foregroundError { throw error }
  }
}

/// A closure handed to one other thread, which the caller waits for (``Runner/concurrently(_:while:)``).
private struct UncheckedTask: @unchecked Sendable {
  let run: () throws(PipelineError) -> Void
}

/// The error of a background task, written by its thread before the caller's wait returns and
/// read only after it.
private final class BackgroundFailure: @unchecked Sendable {
  var error: PipelineError?
}

/// The next index of a window to process, taken by one worker each.
private final class WorkCounter: Sendable {
  private let next = Atomic<Int>(0)

  /// An index no other call returns: 0, 1, 2, ...
  func take() -> Int { next.add(1, ordering: .relaxed).oldValue }
}

/// One slot per document of a window, written concurrently by the workers.
///
/// Unchecked `Sendable` is sound here: each slot is written by exactly one worker (the one that
/// took its index from the atomic counter) and read only after every worker finished.
private struct ResultSlots<Element>: @unchecked Sendable {
  let buffer: UnsafeMutableBufferPointer<Element?>

  init(count: Int) {
    buffer = .allocate(capacity: count)
    buffer.initialize(repeating: nil)
  }

  func release() {
    buffer.deinitialize()
    buffer.deallocate()
  }
}

extension RunReport {
  mutating func count(_ result: DocumentResult) {
    documents.total += 1
    switch result.status {
    case .ok: documents.ok += 1
    case .error: documents.error += 1
    case .skipped: documents.skipped += 1
    }
    for index in stages.indices {
      let processing = index < result.stageSeconds.count ? result.stageSeconds[index] : 0
      let counting = index < result.countingSeconds.count ? result.countingSeconds[index] : 0
      guard processing > 0 || counting > 0 else { continue }
      stages[index].seconds += processing + counting
      stages[index].countingSeconds += counting
      stages[index].processingSeconds += processing
      stages[index].documents += 1
    }
  }
}

extension Duration {
  var seconds: Double {
    let (seconds, attoseconds) = components
    return Double(seconds) + Double(attoseconds) * 1e-18
  }
}

extension Runner {
  /// Statistics for the plan's corpus stages from `path` (see ``CorpusStatistics/loadAll(path:)``).
  /// - Throws: `PipelineError` when a corpus stage has none there or a file is unreadable.
  public static func loadStatistics(from path: String, plan: PipelinePlan) throws(PipelineError) -> [String: CorpusStatistics] {
    let all = try CorpusStatistics.loadAll(path: path)
    var result: [String: CorpusStatistics] = [:]
    for step in plan.steps where step.stage is any CorpusStage {
      guard let statistics = all[step.name] else {
        throw PipelineError(
          .inputNotFound,
          "--stats '\(path)' has no statistics for stage '\(step.name)' (it has: \(all.keys.sorted().joined(separator: ", ")))")
      }
      result[step.name] = statistics
    }
    return result
  }

  /// The number of documents the input at `path` holds, for a dry run; reads no document.
  public static func countInput(at path: String, spec: PipelineSpec, shard: Shard? = nil) throws(PipelineError) -> Int {
    try InputFormats.builtIn.open(path: path, include: spec.include, exclude: spec.exclude, shard: shard).count ?? 0
  }
}
