/// What a run did, written to `run.json`: versions, settings, counts and time per stage.
public struct RunReport: Codable, Sendable {
  /// Document counts by outcome.
  public struct Counts: Codable, Sendable, Equatable {
    public var total = 0
    public var ok = 0
    public var error = 0
    public var skipped = 0
  }

  /// Time spent in one stage, summed over documents and workers, in all and per pass.
  public struct StageTime: Codable, Sendable {
    public var name: String
    public var kind: String
    /// Both passes together.
    public var seconds: Double
    public var documents: Int
    /// In the counting pass: running a step the corpus stages observe after, or a corpus stage observing.
    public var countingSeconds = 0.0
    /// In the processing pass (the only pass of a run without corpus stages).
    public var processingSeconds = 0.0
    /// Whether the stage's output is written (false for `write: false`).
    public var written = true

    public init(name: String, kind: String, seconds: Double, documents: Int) {
      self.name = name
      self.kind = kind
      self.seconds = seconds
      self.documents = documents
    }
  }

  public var tool = "precis"
  public var version = Precis.version
  public var icuVersion = ICU.version
  public var pipeline: String
  public var pipelineFile: String
  /// FNV-1a 64-bit hash of the pipeline file's bytes, hex.
  public var pipelineHash: String
  public var input: String
  public var output: String
  public var jobs: Int
  public var maxBytes: Int
  public var failFast: Bool
  /// True when `--fail-fast` stopped the run before every document was processed.
  public var stoppedEarly = false
  public var started: String
  public var finished = ""
  public var seconds = 0.0
  public var documentsPerSecond = 0.0
  public var documents = Counts()
  /// Input items read (each opened and decoded once): the documents of a run, however many passes.
  public var inputItemsRead = 0
  /// Bytes the counting pass carried to the processing pass through its temporary file (0 for a
  /// run of one pass).
  public var carriedBytes = 0
  /// Documents whose results came from the journal of an earlier run that stopped part-way
  /// (``Runner/Options/resume``), not processed again.
  public var resumedDocuments = 0
  /// With ``Runner/Options/resume``, why less than what the stopped run finished was reused.
  public var resumeNote: String?
  /// CSV cells that start with `=`, `+`, `-`, `@`, a tab or CR and got a leading `'` (the
  /// spreadsheet formula guard; `csvGuard` off writes them as they are). JSON outputs never change.
  public var csvGuardedCells = 0
  public var stages: [StageTime]
  /// The files the run wrote besides `run.json`, relative to the output folder, sorted, with
  /// their sizes and SHA-256: `run.json` is renamed into place last, so its list is the run's
  /// manifest (`precis inspect` checks it); the next run removes those it does not write again.
  public var files: [FileEntry]?

  /// One written file of the manifest.
  public struct FileEntry: Codable, Sendable, Equatable {
    public var path: String
    public var bytes: Int
    public var sha256: String
  }
}

/// Library-wide constants.
public enum Precis {
  /// The version of Precis.
  public static let version = "0.1.0"
}
