internal import Dispatch
internal import Foundation
internal import Synchronization

/// Runs a ``PipelinePlan`` over an input, streaming documents through a pool of workers.
///
/// Items are read in windows of a bounded size; the workers (`jobs` of them, via Dispatch)
/// take documents from the window, run the stage graph on each, and encode the outputs; the
/// results are then written in input order. Memory is bounded by the window, not the corpus,
/// and the output bytes do not depend on the number of workers.
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
    /// Saved corpus statistics to use instead of a counting pass, by stage name
    /// (see ``CorpusStatistics``).
    public var statistics: [String: CorpusStatistics]
    /// Process only this shard of a folder input.
    public var shard: Shard?

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
    let makeReader = { () throws(PipelineError) -> InputReader in
      try InputReader(path: inputPath, include: plan.spec.include, exclude: plan.spec.exclude, shard: options.shard)
    }
    let encoder = RecordEncoder(plan: plan)
    let writer = try OutputWriter(directory: outputDirectory, encoder: encoder)
    return try execute(
      makeReader: makeReader, sink: writer, encoder: encoder, input: inputPath, output: outputDirectory, progress: progress)
  }

  /// Streams JSON lines: reads documents from standard input and writes one `documents.jsonl`
  /// record per input line to standard output, in input order, flushed after each window.
  /// Corpus stages need ``Options/statistics`` (standard input cannot be read twice).
  /// - Throws: `PipelineError` when statistics are missing or standard output fails.
  public func stream(progress: ((Progress) -> Void)? = nil) throws(PipelineError) -> RunReport {
    let missing = plan.steps.filter { $0.stage is any CorpusStage && options.statistics[$0.name] == nil }.map(\.name)
    guard missing.isEmpty else {
      throw PipelineError(
        .invalidConfig,
        "stage(s) \(missing.joined(separator: ", ")) need corpus statistics, and standard input can be read only once; count them first (`precis stats count`) and pass --stats")
    }
    let reader = try InputReader(standardInput: ())
    return try execute(
      makeReader: { reader }, sink: try StreamWriter(), encoder: RecordEncoder(plan: plan), input: "stdin", output: "stdout",
      progress: progress)
  }

  /// Counts the corpus statistics of the input at `inputPath` (or standard input), without
  /// processing documents further: the first pass of a run, for sharded or distributed runs.
  public func countStatistics(inputPath: String?, progress: ((Progress) -> Void)? = nil) throws(PipelineError)
    -> [String: CorpusStatistics]
  {
    let makeReader = { () throws(PipelineError) -> InputReader in
      guard let inputPath else { return try InputReader(standardInput: ()) }
      return try InputReader(path: inputPath, include: plan.spec.include, exclude: plan.spec.exclude, shard: options.shard)
    }
    return try corpusStatistics(makeReader: makeReader, window: max(1, options.window ?? options.jobs * 32)) { done, total, seconds in
      progress?(Progress(done: done, total: total, failed: 0, seconds: seconds, pass: "counting"))
    }
  }

  func execute(
    makeReader: () throws(PipelineError) -> InputReader, sink: any ResultSink, encoder: RecordEncoder, input: String,
    output: String, progress: ((Progress) -> Void)?
  ) throws(PipelineError) -> RunReport {
    let clock = ContinuousClock()
    let start = clock.now
    var report = RunReport(
      pipeline: plan.spec.name, pipelineFile: plan.spec.file, pipelineHash: FNV1a.hex(plan.spec.source),
      input: input, output: output, jobs: options.jobs, maxBytes: options.maxBytes,
      failFast: options.failFast, started: Date().formatted(.iso8601),
      stages: plan.steps.map { .init(name: $0.name, kind: $0.kind, seconds: 0, documents: 0) })
    let window = max(1, options.window ?? options.jobs * 32)
    // What carried stages did in the counting pass, kept for the processing pass, when both run.
    let counts = plan.steps.contains { $0.stage is any CorpusStage && options.statistics[$0.name] == nil }
    let carry = counts && plan.steps.contains { $0.stage is any CarriedStage } ? CarryFile() : nil
    let statistics = try corpusStatistics(makeReader: makeReader, window: window, carry: carry) { done, total, seconds in
      progress?(Progress(done: done, total: total, failed: 0, seconds: seconds, pass: "counting"))
    }
    let reader = try makeReader()
    let processingStart = clock.now
    windows: while true {
      let items = reader.next(window)
      if items.isEmpty { break }
      let carried = carry?.read(items.count) ?? items.map { _ in .empty }
      let results = process(items, carried: carried, encoder: encoder, statistics: statistics)
      for (index, result) in results.enumerated() {
        try sink.write(result)
        report.count(result)
        if options.failFast && result.status != .ok {
          // Stopped early when any document is left unwritten, in this window or after it.
          report.stoppedEarly = index + 1 < results.count || !reader.next(1).isEmpty
          break windows
        }
      }
      try sink.flush()
      let elapsed = processingStart.duration(to: clock.now)
      progress?(Progress(
        done: report.documents.total, total: reader.count, failed: report.documents.error + report.documents.skipped,
        seconds: elapsed.seconds, pass: "processing"))
    }
    let elapsed = start.duration(to: clock.now).seconds
    report.finished = Date().formatted(.iso8601)
    report.seconds = elapsed
    report.documentsPerSecond = elapsed > 0 ? Double(report.documents.total) / elapsed : 0
    try sink.finish(report: report, statistics: statistics)
    return report
  }

  /// The statistics of every corpus stage: loaded from ``Options/statistics`` when given there
  /// (their settings must match), else counted in a first pass over the input that runs each
  /// document up to the last corpus stage and lets each corpus stage observe it.
  /// - Parameter carry: where to keep what carried stages did for each document (see ``CarriedStage``).
  func corpusStatistics(
    makeReader: () throws(PipelineError) -> InputReader, window: Int, carry: CarryFile? = nil,
    progress: (Int, Int, Double) -> Void
  ) throws(PipelineError) -> [String: CorpusStatistics] {
    let corpusSteps = plan.steps.indices.filter { plan.steps[$0].stage is any CorpusStage }
    guard let last = corpusSteps.last else { return [:] }
    var result: [String: CorpusStatistics] = [:]
    var toCount: [Int] = []
    for index in corpusSteps {
      let step = plan.steps[index]
      let settings = statisticsSettings(of: index)
      if let saved = options.statistics[step.name] {
        guard saved.settings == settings else {
          throw PipelineError(
            .invalidConfig,
            "the statistics given for stage '\(step.name)' were made with other settings (\(saved.settings)) than this pipeline's (\(settings)); count them again with this pipeline")
        }
        result[step.name] = saved
      } else {
        result[step.name] = CorpusStatistics(settings: settings)
        toCount.append(index)
      }
    }
    guard !toCount.isEmpty else { return result }
    let reader = try makeReader()
    let clock = ContinuousClock()
    let start = clock.now
    var done = 0
    // Settings per counted step, made once: every document's partial statistics carry them.
    let counting = Dictionary(uniqueKeysWithValues: toCount.map { ($0, statisticsSettings(of: $0)) })
    // Workers add what each document contributes to one shared table per stage, under a lock
    // held only for the adding: counts are sums, so the totals do not depend on which worker saw
    // which document, and one table (not one per worker) keeps memory flat as workers are added.
    let totals = Mutex(counting.mapValues { CorpusStatistics(settings: $0) })
    while true {
      let items = reader.next(window)
      if items.isEmpty { break }
      let next = Atomic<Int>(0)
      let carrying = carry != nil
      let records = ResultSlots<CarryFile.Record>(count: carrying ? items.count : 0)
      defer { records.release() }
      DispatchQueue.concurrentPerform(iterations: min(options.jobs, items.count)) { _ in
        while true {
          let index = next.add(1, ordering: .relaxed).oldValue
          guard index < items.count else { break }
          let (partial, record) = observe(items[index], upTo: last, counting: counting, carrying: carrying)
          if carrying { records.buffer[index] = record }
          totals.withLock { totals in
            for (step, statistics) in partial {
              try? totals[step]?.merge(statistics)  // same stage, same settings: cannot fail
            }
          }
        }
      }
      // Every slot was filled, each by the worker that took its index; one record per item
      // keeps the file in step with the processing pass, which reads the same items in order.
      carry?.write(records.buffer.map { $0 ?? .empty })
      done += items.count
      progress(done, reader.count, start.duration(to: clock.now).seconds)
    }
    for (step, statistics) in totals.withLock({ $0 }) {
      result[plan.steps[step].name] = statistics
    }
    return result
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

  /// Runs one document through the steps up to `last`, letting the corpus stages in `counting`
  /// (step index to statistics settings) observe it; a document that fails is left out of the
  /// statistics. With `carrying`, the record holds what each carried stage keeps of its output.
  func observe(_ item: InputItem, upTo last: Int, counting: [Int: [String: String]], carrying: Bool = false)
    -> (partial: [Int: CorpusStatistics], record: CarryFile.Record)
  {
    guard case .success(var document) = DocumentLoader.load(item, maxBytes: options.maxBytes) else { return ([:], .empty) }
    var partial: [Int: CorpusStatistics] = [:]
    var record = CarryFile.Record(fingerprint: carrying ? CarryFile.fingerprint(document.text) : 0, steps: [:])
    for index in 0...last {
      let step = plan.steps[index]
      let context = StageContext(stageName: step.name, isCountingPass: true, isCarrying: carrying)
      do {
        if let corpusStage = step.stage as? any CorpusStage {
          if let settings = counting[index] {
            var statistics = CorpusStatistics(settings: settings)
            try corpusStage.observe(document, into: &statistics, context: context)
            partial[index] = statistics
          }
          continue
        }
        let output = try step.stage.process(document, context: context)
        if carrying, let carried = step.stage as? any CarriedStage { record.steps[index] = carried.carry(output) }
        document.record(output, stage: step.name, provides: step.stage.provides)
      } catch {
        return (partial, record)
      }
    }
    return (partial, record)
  }

  /// Processes `items` on `options.jobs` workers, each with its record from the counting pass;
  /// results come back in input order.
  func process(
    _ items: [InputItem], carried: [CarryFile.Record], encoder: RecordEncoder, statistics: [String: CorpusStatistics]
  ) -> [DocumentResult] {
    parallelMap(Array(zip(items, carried))) { process($0.0, carried: $0.1, encoder: encoder, statistics: statistics) }
  }

  /// `transform` applied to every item on `options.jobs` workers; results in input order.
  func parallelMap<Item: Sendable, Result: Sendable>(_ items: [Item], _ transform: @Sendable (Item) -> Result) -> [Result] {
    let results = ResultSlots<Result>(count: items.count)
    defer { results.release() }
    let next = Atomic<Int>(0)
    let workers = min(options.jobs, items.count)
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
      while true {
        let index = next.add(1, ordering: .relaxed).oldValue
        guard index < items.count else { break }
        results.buffer[index] = transform(items[index])
      }
    }
    // Every slot was filled: each index below items.count was taken by exactly one worker.
    return results.buffer.compactMap { $0 }
  }

  /// Loads one item and runs every stage on it in plan order; a failing stage stops that document
  /// only. Carried stages resume from `carried` when it was made from the same text.
  func process(
    _ item: InputItem, carried: CarryFile.Record = .empty, encoder: RecordEncoder, statistics: [String: CorpusStatistics]
  ) -> DocumentResult {
    var document: Document
    switch DocumentLoader.load(item, maxBytes: options.maxBytes) {
    case .failure(let failure):
      return encoder.encodeFailure(id: failure.id, source: item.source, error: failure.error, skipped: failure.skipped)
    case .success(let loaded):
      document = loaded
    }
    let clock = ContinuousClock()
    var seconds = [Double](repeating: 0, count: plan.steps.count)
    var failure: PipelineError?
    let resumable = !carried.steps.isEmpty && carried.fingerprint == CarryFile.fingerprint(document.text)
    for (index, step) in plan.steps.enumerated() {
      let start = clock.now
      do {
        let context = StageContext(stageName: step.name, statistics: statistics[step.name])
        let output: any StageOutput
        if resumable, let bytes = carried.steps[index], let stage = step.stage as? any CarriedStage,
          let resumed = try? stage.resume(bytes, document: document, context: context)
        {
          output = resumed
        } else {
          output = try step.stage.process(document, context: context)
        }
        document.record(output, stage: step.name, provides: step.stage.provides)
      } catch {
        var stageError = error as? PipelineError ?? PipelineError(.stageFailed, "\(error)")
        stageError.stage = step.name
        stageError.documentID = document.id
        failure = stageError
      }
      seconds[index] = start.duration(to: clock.now).seconds
      if failure != nil { break }
    }
    return encoder.encode(document, failure: failure, stageSeconds: seconds)
  }
}

/// One slot per document of a window, written concurrently by the workers.
///
/// Unchecked `Sendable` is sound here: each slot is written by exactly one worker (the one that
/// took its index from the atomic counter) and read only after `concurrentPerform` returned.
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
    for index in stages.indices where index < result.stageSeconds.count && result.stageSeconds[index] > 0 {
      stages[index].seconds += result.stageSeconds[index]
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
    try InputReader(path: path, include: spec.include, exclude: spec.exclude, shard: shard).count
  }
}
