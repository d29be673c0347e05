/// What a run did, written to `run.json`: versions, settings, counts and time per stage.
public struct RunReport: Codable, Sendable {
  /// Document counts by outcome.
  public struct Counts: Codable, Sendable, Equatable {
    public var total = 0
    public var ok = 0
    public var error = 0
    public var skipped = 0
  }

  /// Time spent in one stage, summed over documents and workers.
  public struct StageTime: Codable, Sendable {
    public var name: String
    public var kind: String
    public var seconds: Double
    public var documents: Int
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
  public var stages: [StageTime]
}

/// Library-wide constants.
public enum Precis {
  /// The version of Precis.
  public static let version = "0.1.0"
}
