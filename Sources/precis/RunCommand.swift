import ArgumentParser
import Foundation
import Precis
import Synchronization

struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Run a pipeline over a folder of documents or a JSON-lines file.",
    discussion: """
      Writes the pipeline's outputs (by default documents.jsonl, documents.csv, errors.jsonl and
      errors.csv, the stage tables, corpus summaries and statistics) and run.json into the output folder. Exit
      status: 0 when every document succeeded, 1 when any failed or was skipped, 64 for a usage or
      pipeline-file error, 74 when an input or output cannot be read or written.
      """)

  @Argument(
    help: "The pipeline: a file (YAML or JSON), e.g. Pipelines/news.yaml, or a bundled pipeline's name (news, sentences).",
    completion: Completions.pipelines)
  var pipeline: String

  @Option(help: "Input: a folder, a .jsonl/.ndjson, .json (array), .csv or .tsv file, or a text file (overrides the pipeline's `input:`).", completion: .file())
  var input: String?

  @OptionGroup var inputOptions: InputOptions

  @Option(help: "Output folder (overrides the pipeline's `output:`).", completion: .directory)
  var output: String?

  @Option(help: "Outputs to write, comma-separated, instead of the pipeline's `outputs:` (`default`, jsonl, csv, errors, tables, corpus-terms, statistics, json, stages), e.g. default,stages.")
  var outputs: String?

  @Option(help: "Worker threads (default: all cores).")
  var jobs: Int = Runner.defaultJobs

  @Option(help: "Skip, and record, documents larger than this many bytes.")
  var maxBytes: Int = 10_000_000

  @Option(help: "Corpus statistics to use instead of a counting pass: a folder with <stage>.json files (such as a run's statistics/ folder) or one .json file.")
  var stats: String?

  @Flag(help: "Read JSON lines from standard input and write one result line per input line to standard output, in order (needs --stats for corpus stages).")
  var jsonl = false

  @Option(help: "Process only shard i of n of a folder input (i/n, by a fixed hash of the relative path); outputs go to OUTPUT/part-i-of-n.")
  var shard: String?

  @Flag(help: "Print the plan and the number of input documents, then stop.")
  var dryRun = false

  @Flag(help: "Stop at the first document that fails.")
  var failFast = false

  @Flag(help: "Print nothing on standard error but errors.")
  var quiet = false

  @Option(
    name: .customLong("progress"),
    help: "How progress is shown on standard error: auto (a line redrawn on a terminal, else a log line every 5 s), bar, log, json (one object per line) or none.")
  var progressStyle: ProgressStyle = .auto

  @Flag(help: "Exit 0 even when documents failed or were skipped (they are still recorded): for engines such as Spark that treat a non-zero exit as a crashed task.")
  var allowFailedDocuments = false

  @Flag(help: "Write into an output folder that holds files no precis run wrote (it has no run.json).")
  var force = false

  @Flag(help: "Follow symbolic links that lead out of the input folder, and links to folders (loops are detected).")
  var followLinks = false

  @Option(help: "Seconds a document may take through the stages before its remaining stages are skipped and it is recorded as a timeout (checked between stages, and inside stages that call checkDeadline; 0: no limit).")
  var documentTimeout: Double = Runner.defaultDocumentTimeout

  @Flag(help: "Go on from where a run into the same --output stopped (killed, interrupted, the machine down): the documents it finished are reused when the input, pipeline and options are unchanged, and the outputs are those of an uninterrupted run.")
  var resume = false

  @Flag(
    inversion: .prefixedNo,
    help: "Give CSV cells that start with = + - @ (or a tab or CR) a leading ' so spreadsheets show them as text instead of running them as formulas; --no-csv-safe writes them as they are. The JSON outputs always hold the original text.")
  var csvSafe = true

  @Flag(name: .customLong("report"), help: "After the run, write its HTML report (report.html and report-data/ in the output folder; see `precis report`).")
  var writeReport = false

  @Option(help: "Documents in flight at once (default: 32 per worker); fewer use less memory and journal progress for --resume more often.")
  var window: Int?

  func validate() throws {
    guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    guard documentTimeout >= 0 else { throw ValidationError("--document-timeout must be 0 (no limit) or more seconds") }
    _ = try parseShard(shard)
    if jsonl && (input != nil || output != nil || shard != nil || dryRun || writeReport) {
      throw ValidationError("--jsonl reads standard input and writes standard output; drop --input, --output, --shard, --dry-run and --report")
    }
    guard maxBytes >= 1 else { throw ValidationError("--max-bytes must be at least 1") }
    if let window, window < 1 { throw ValidationError("--window must be at least 1") }
    if jsonl && resume { throw ValidationError("--resume needs an output folder; --jsonl writes standard output, which cannot be resumed") }
  }

  func run() throws {
    Interruption.install(output: output, graceful: !jsonl)
    Self.boundMallocArenas(jobs: jobs)
    if jsonl { return try runStreaming() }
    let plan: PipelinePlan
    let inputPath: String
    var outputPath: String
    let shard = self.shard.flatMap(Shard.init)
    do {
      plan = try loadPlan(pipeline, outputs: outputs, input: inputOptions)
      guard let resolvedInput = input.map(absolute) ?? plan.spec.input else {
        throw ValidationError("no input: pass --input PATH or set `input:` in \(pipeline)")
      }
      guard let resolvedOutput = output.map(absolute) ?? plan.spec.output else {
        throw ValidationError("no output folder: pass --output DIR or set `output:` in \(pipeline)")
      }
      inputPath = resolvedInput
      outputPath = resolvedOutput
      if let shard { outputPath = (outputPath as NSString).appendingPathComponent(shard.description) }
    } catch {
      throw reportFailure(error)
    }
    if dryRun {
      try printDryRun(plan: plan, input: inputPath, output: outputPath)
      return
    }
    let statistics: [String: CorpusStatistics]
    do {
      statistics = try stats.map { try Runner.loadStatistics(from: absolute($0), plan: plan) } ?? [:]
    } catch {
      throw reportFailure(error)
    }
    let runner = Runner(
      plan: plan, options: options(statistics: statistics, shard: shard))
    let meter = ProgressMeter(style: quiet ? .none : progressStyle)
    let report: RunReport
    do {
      report = try runner.run(inputPath: inputPath, outputDirectory: outputPath) { meter.show($0) }
    } catch where error.code == .interrupted {
      meter.clear()
      printError("precis: \(Interruption.received ?? "stopped"): \(error.message)")
      throw ExitCode(Interruption.exitStatus)
    } catch {
      meter.clear()
      throw reportFailure(error)
    }
    meter.clear()
    let counts = report.documents
    if !quiet, resume {
      printError("precis: resumed: \(report.resumedDocuments) documents taken from the run that stopped, the rest processed")
      if let note = report.resumeNote { printError("precis: note: \(note)") }
    }
    if !quiet {
      printError(
        String(
          format: "precis: %d documents (%d ok, %d failed, %d skipped) in %.2f s, %.1f docs/s -> %@",
          counts.total, counts.ok, counts.error, counts.skipped, report.seconds, report.documentsPerSecond, outputPath))
      if counts.error + counts.skipped > 0 {
        printError("precis: see \(outputPath)/errors.jsonl for what failed and why")
      }
      if report.csvGuardedCells > 0 {
        printError(
          "precis: note: \(report.csvGuardedCells) CSV cells start with = + - or @ and got a leading ' (so spreadsheets do not run them); --no-csv-safe writes them as they are, and the JSON outputs hold the original text")
      }
      if report.stoppedEarly { printError("precis: stopped at the first failure (--fail-fast)") }
      if counts.total == 0 {
        printError(
          "precis: warning: no input documents in \(inputPath); a folder's files must match `include:` (\(plan.spec.include.joined(separator: ", ")))")
      }
    }
    if writeReport {
      do {
        let written = try HTMLReport.write(outputDirectory: outputPath)
        if !quiet { printError("precis: report -> \(written.index)") }
      } catch {
        throw reportFailure(error)
      }
    }
    if counts.error + counts.skipped > 0 && !allowFailedDocuments { throw Exit.documentsFailed }
  }

  /// Holds glibc's malloc to one arena per worker. By default it makes one for each new thread up
  /// to 8 per core, and Dispatch runs a run's windows on changing pool threads, so freed memory
  /// stayed spread over more arenas than there are workers (the news pipeline on the 50 MB corpus
  /// at `--jobs 2`: 155 MB peak, 148 to 151 MB with two arenas). A user's own `MALLOC_ARENA_MAX`
  /// is left as it is.
  static func boundMallocArenas(jobs: Int) {
    guard ProcessInfo.processInfo.environment["MALLOC_ARENA_MAX"] == nil,
      let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt")  // RTLD_DEFAULT; absent: not glibc
    else { return }
    typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
    let arenaMax: Int32 = -8  // M_ARENA_MAX of glibc's <malloc.h>
    _ = unsafeBitCast(symbol, to: Mallopt.self)(arenaMax, Int32(clamping: max(1, jobs)))
  }

  /// The runner's options from the flags.
  func options(statistics: [String: CorpusStatistics], shard: Shard?) -> Runner.Options {
    var options = Runner.Options(jobs: jobs, maxBytes: maxBytes, failFast: failFast, statistics: statistics, shard: shard)
    options.force = force
    options.followLinks = followLinks
    options.documentTimeout = documentTimeout > 0 ? documentTimeout : nil
    options.window = window
    options.resume = resume
    options.shouldStop = { Interruption.requested }
    options.csvGuard = csvSafe
    return options
  }

  /// `--jsonl`: standard input to standard output; messages on standard error only.
  func runStreaming() throws {
    let report: RunReport
    do {
      let plan = try loadPlan(pipeline, input: inputOptions)
      let statistics = try stats.map { try Runner.loadStatistics(from: absolute($0), plan: plan) } ?? [:]
      report = try Runner(plan: plan, options: options(statistics: statistics, shard: nil))
        .stream()
    } catch {
      throw reportFailure(error)
    }
    let counts = report.documents
    if !quiet {
      printError(String(format: "precis: %d documents (%d ok, %d failed, %d skipped)", counts.total, counts.ok, counts.error, counts.skipped))
    }
    if counts.error + counts.skipped > 0 && !allowFailedDocuments { throw Exit.documentsFailed }
  }

  func printDryRun(plan: PipelinePlan, input: String, output: String) throws {
    let count: Int
    do {
      count = try Runner.countInput(at: input, spec: plan.spec, shard: shard.flatMap(Shard.init))
    } catch {
      throw reportFailure(error)
    }
    print("pipeline \(plan.spec.name) (\(plan.spec.file))")
    print(plan.summary)
    print("input: \(input) (\(count) documents)")
    print("output: \(output)")
  }
}

/// How a run reports progress on standard error.
enum ProgressStyle: String, ExpressibleByArgument, CaseIterable {
  /// A line redrawn in place on a terminal, else `log`.
  case auto
  /// One line redrawn in place (fitted to the terminal's width).
  case bar
  /// A plain line every few seconds (for cron jobs and CI logs).
  case log
  /// One JSON object per line (`{"pass", "done", "total", "failed", "seconds", "eta"}`), for machines.
  case json
  case none
}

/// Shows done/total, failures, docs/s and an ETA over the whole run (both passes when corpus
/// statistics are counted first) on standard error, in the chosen ``ProgressStyle``.
final class ProgressMeter {
  let style: ProgressStyle
  private var shown = false
  private let start = ContinuousClock.now
  private var lastLog: ContinuousClock.Instant?
  private var twoPasses = false

  init(style: ProgressStyle) {
    self.style = style == .auto ? (isatty(STDERR_FILENO) == 1 ? .bar : .log) : style
  }

  /// The run's fraction done and the seconds left, counting a first (counting) pass as half.
  func estimate(_ progress: Runner.Progress) -> (fraction: Double, eta: Double?) {
    if progress.pass == "counting" { twoPasses = true }
    guard progress.total > 0 else { return (0, nil) }
    let total = Double(progress.total) * (twoPasses ? 2 : 1)
    let done = Double(progress.done) + (twoPasses && progress.pass == "processing" ? Double(progress.total) : 0)
    let elapsed = start.duration(to: .now)
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    guard done > 0 else { return (0, nil) }
    return (done / total, seconds * (total - done) / done)
  }

  func show(_ progress: Runner.Progress) {
    guard style != .none else { return }
    let (fraction, eta) = estimate(progress)
    let rate = progress.seconds > 0 ? Double(progress.done) / progress.seconds : 0
    let of = progress.total > 0 ? "/\(progress.total)" : ""
    let etaText = eta.map { String(format: ", ETA %.0f s", $0) } ?? ""
    let text = String(
      format: "%@: %d%@ documents, %d failed, %.1f docs/s%@", progress.pass, progress.done, of, progress.failed, rate, etaText)
    switch style {
    case .bar:
      let width = Self.terminalWidth()
      let percent = progress.total > 0 ? String(format: " %3.0f%%", 100 * fraction) : ""
      var line = text + percent
      if line.count > width - 1 { line = String(line.prefix(max(10, width - 2))) + "…" }
      FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8))
      shown = true
    case .log:
      let now = ContinuousClock.now
      if let lastLog, lastLog.duration(to: now) < .seconds(5), progress.done < progress.total { return }
      lastLog = now
      printError("precis: " + text)
    case .json:
      var object: [String: Any] = [
        "pass": progress.pass, "done": progress.done, "failed": progress.failed, "seconds": progress.seconds,
        "fraction": fraction,
      ]
      if progress.total > 0 { object["total"] = progress.total }
      if let eta { object["eta"] = eta }
      if let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) {
        FileHandle.standardError.write(data + Data("\n".utf8))
      }
    case .auto, .none:
      break
    }
  }

  /// Columns of the terminal on standard error (80 when it does not say).
  static func terminalWidth() -> Int {
    var size = winsize()
    guard ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 80 }
    return Int(size.ws_col)
  }

  func clear() {
    guard shown else { return }
    FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    shown = false
  }
}

/// SIGINT and SIGTERM. A run into a folder (`graceful`) finishes the window it is on, keeps what
/// it finished in the folder's journal, removes its temporary files (its outputs only ever appear
/// when it completes, so the folder keeps the previous run's files), says how to resume, and exits
/// 130 or 143. A second signal, or any signal in `--jsonl` mode, stops at once the same way, with
/// the journal as it was after the last finished window.
enum Interruption {
  nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []
  private static let signalled = Mutex<Int32?>(nil)

  /// Whether a signal asked the run to stop.
  static var requested: Bool { signalled.withLock { $0 != nil } }

  /// The name of the signal received, if any.
  static var received: String? { signalled.withLock { $0 }.map { $0 == SIGINT ? "SIGINT" : "SIGTERM" } }

  /// 128 plus the signal's number (130 for SIGINT, 143 for SIGTERM).
  static var exitStatus: Int32 { 128 + (signalled.withLock { $0 } ?? SIGINT) }

  static func install(output: String?, graceful: Bool) {
    for signalNumber in [SIGINT, SIGTERM] {
      signal(signalNumber, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
      source.setEventHandler {
        let first = signalled.withLock { current in
          defer { current = current ?? signalNumber }
          return current == nil
        }
        let name = signalNumber == SIGINT ? "SIGINT" : "SIGTERM"
        if graceful && first {
          printError("\nprecis: \(name): stopping after the documents in hand (send it again to stop at once)")
          return
        }
        TemporaryFiles.removeAll()
        let folder = output.map { " in \($0)" } ?? ""
        let advice = graceful
          ? "what it had finished is kept: run the same command with --resume to go on from there"
          : "run the same command again to start over"
        printError("\nprecis: stopped by \(name); nothing of this run was written\(folder) (its temporary files are removed); \(advice)")
        exit(128 + signalNumber)
      }
      source.resume()
      sources.append(source)
    }
  }
}
