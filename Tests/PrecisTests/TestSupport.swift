import Foundation
@testable import Precis

/// Paths and helpers shared by the tests.
enum TestSupport {
  /// `Tests/PrecisTests/Fixtures`.
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
  /// The repository's root folder.
  static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// The folder that holds this test process's scratch folders, removed when the process exits.
  static let scratchRoot: URL = {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("precis-tests-\(UUID().uuidString)")
    atexit { try? FileManager.default.removeItem(at: TestSupport.scratchRoot) }
    return url
  }()

  /// A new empty folder under ``scratchRoot``.
  static func temporaryDirectory() throws -> URL {
    let url = scratchRoot.appendingPathComponent(UUID().uuidString)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// Parses pipeline YAML given inline, as if read from `test.yaml`.
  static func spec(_ yaml: String) throws -> PipelineSpec {
    try PipelineSpec.parse(yaml, file: "test.yaml", baseDirectory: "/tmp")
  }

  /// The error that parsing and planning `yaml` throws, or `nil` when it is valid.
  static func planError(_ yaml: String, registry: StageRegistry = .builtIn) -> PipelineError? {
    do {
      _ = try PipelinePlan(spec: try spec(yaml), registry: registry)
      return nil
    } catch {
      return error as? PipelineError
    }
  }

  /// Runs `yaml` over `input` into a new folder; returns the folder and the report.
  static func run(
    _ yaml: String, input: URL, jobs: Int = 2, registry: StageRegistry = .builtIn, failFast: Bool = false,
    maxBytes: Int = 10_000_000, window: Int? = nil
  ) throws -> (URL, RunReport) {
    let plan = try PipelinePlan(spec: try spec(yaml), registry: registry)
    let output = try temporaryDirectory()
    let options = Runner.Options(jobs: jobs, maxBytes: maxBytes, failFast: failFast, window: window)
    let report = try Runner(plan: plan, options: options).run(inputPath: input.path, outputDirectory: output.path)
    return (output, report)
  }

  /// The records of `documents.jsonl` in `folder`, parsed.
  static func records(_ folder: URL) throws -> [[String: Any]] {
    let text = try String(contentsOf: folder.appendingPathComponent("documents.jsonl"), encoding: .utf8)
    return try text.split(separator: "\n").map {
      try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:]
    }
  }

  /// The token layer of `sentences`, as if they were a document's sentences separated by one space.
  static func tokenLayer(_ sentences: [String], language: String) -> TokenLayer {
    var start = 0
    let list = sentences.enumerated().map { index, text in
      defer { start += text.unicodeScalars.count + 1 }
      return Sentence(index: index, start: start, end: start + text.unicodeScalars.count, text: text)
    }
    return TokenLayerBuilder.layer(of: list, language: language)
  }

  /// `yaml` (a pipeline whose `stages:` come last) writing every output, those that repeat
  /// `documents.jsonl` too.
  static func allOutputs(_ yaml: String) -> String { "outputs: [default, json, stages]\n" + yaml }

  /// The news pipeline's stages, with `keywordOptions` and `summaryOptions` for those stages.
  static func newsPipeline(keywordOptions: String = "", summaryOptions: String = "") -> String {
    """
    stages:
      - kind: normalize
      - kind: layout
      - kind: language
      - kind: sentences
      - kind: tokens
      - kind: keywords
        options: {\(keywordOptions)}
      - kind: summary
        options: {\(summaryOptions)}
    """
  }

  static let sentencesPipeline = """
    name: test
    stages:
      - kind: normalize
      - kind: sentences
    """
}
