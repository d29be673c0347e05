import ArgumentParser
import Foundation
import Precis

struct InspectCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "inspect",
    abstract: "Show one document's per-stage output, or a per-stage summary of a run's outputs.")

  @Argument(help: "An output folder written by `precis run`.")
  var outputDirectory: String

  @Option(help: "Show this document (its id).")
  var doc: String?

  @Option(help: "Show only this stage.")
  var stage: String?

  @Flag(help: "Print JSON instead of a readable view.")
  var json = false

  @Flag(help: "Check every file against the SHA-256 manifest in run.json, print the result, and exit 74 when the folder does not hold exactly that run's files.")
  var verify = false

  func run() throws {
    let reader: OutputReader
    do {
      reader = try OutputReader(directory: outputDirectory)
      if let stage, !reader.stageNames.contains(stage) {
        throw ValidationError(
          "no stage '\(stage)' in this run; its stages are: \(reader.stageNames.joined(separator: ", "))")
      }
    } catch {
      throw reportFailure(error)
    }
    // Sizes are always checked (cheap); hashes with --verify.
    let problems = OutputFolder.manifestProblems(in: outputDirectory, hashes: verify)
    if verify {
      guard problems.isEmpty else {
        for problem in problems { printError("precis: \(problem)") }
        printError(
          "precis: error: \(outputDirectory) does not hold the files of the run its run.json describes (an interrupted commit, or files changed since); run it again")
        throw Exit.io
      }
      print("manifest: every file is the one the run wrote")
      return
    }
    if !problems.isEmpty {
      printError(
        "precis: warning: \(outputDirectory) does not match its run.json (\(problems.joined(separator: "; "))); `precis inspect --verify` checks every file")
    }
    let stages = stage.map { [$0] } ?? reader.stageNames
    if let doc {
      guard let record = try reader.records().first(where: { ($0["id"] as? String) == doc }) else {
        throw reportFailure(ValidationError("no document with id '\(doc)' in \(outputDirectory)/documents.jsonl"))
      }
      json ? printJSON(record, stages: stages) : printReadable(record, stages: stages)
    } else {
      printSummary(try reader.records(), stages: stages, unwritten: reader.unwrittenStages)
    }
  }

  func printJSON(_ record: [String: Any], stages: [String]) {
    var selected: [String: Any] = [:]
    for key in ["id", "source", "status", "error", "metadata"] + stages { selected[key] = record[key] }
    print(OutputReader.jsonText(selected, pretty: true))
  }

  func printReadable(_ record: [String: Any], stages: [String]) {
    print("id: \(record["id"] ?? "")")
    print("source: \(record["source"] ?? "")")
    print("status: \(record["status"] ?? "")")
    if let error = record["error"] as? [String: Any] {
      print("error: stage \(error["stage"] ?? "?"): \(error["message"] ?? "")")
    }
    for name in stages {
      print("\n== \(name)")
      guard let value = record[name] else {
        print("(no output)")
        continue
      }
      if let items = value as? [[String: Any]], items.allSatisfy({ $0["text"] is String }) {
        for (index, item) in items.enumerated() {
          let span = item["start"].map { start in "\(start)-\(item["end"] ?? "") " } ?? ""
          print("[\(item["index"] ?? index)] \(span)\(item["text"] ?? "")")
        }
      } else if let object = value as? [String: Any], let text = object["text"] as? String {
        print(text)
        var rest = object
        rest["text"] = nil
        if !rest.isEmpty { print(OutputReader.jsonText(rest, pretty: false)) }
      } else {
        print(OutputReader.jsonText(value, pretty: true))
      }
    }
  }

  func printSummary(_ records: [[String: Any]], stages: [String], unwritten: Set<String> = []) {
    var statuses: [String: Int] = [:]
    var present = [String: Int]()
    var items = [String: Int]()
    for record in records {
      statuses[record["status"] as? String ?? "?", default: 0] += 1
      for name in stages {
        guard let value = record[name] else { continue }
        present[name, default: 0] += 1
        if let list = value as? [Any] { items[name, default: 0] += list.count }
      }
    }
    if json {
      let summary: [String: Any] = [
        "documents": records.count, "status": statuses,
        "stages": stages.map { ["name": $0, "documents": present[$0] ?? 0, "items": items[$0] ?? 0] },
      ]
      print(OutputReader.jsonText(summary, pretty: true))
      return
    }
    let statusText = statuses.keys.sorted().map { "\($0) \(statuses[$0] ?? 0)" }.joined(separator: ", ")
    print("\(records.count) documents (\(statusText))")
    for name in stages {
      if unwritten.contains(name) {
        print("\(name): not written (`write: false` keeps it internal; drop that line to see it)")
        continue
      }
      var line = "\(name): output for \(present[name] ?? 0) documents"
      if let count = items[name], let documents = present[name], documents > 0 {
        line += String(format: ", %d items (%.1f per document)", count, Double(count) / Double(documents))
      }
      print(line)
    }
  }
}

/// Reads a run's output folder for `inspect`.
struct OutputReader {
  let directory: String
  let stageNames: [String]
  /// The stages whose output the run did not write (`write: false`).
  let unwrittenStages: Set<String>

  init(directory: String) throws {
    self.directory = directory
    let runFile = URL(fileURLWithPath: directory).appendingPathComponent("run.json")
    guard let data = try? Data(contentsOf: runFile),
      let run = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let stages = run["stages"] as? [[String: Any]]
    else {
      throw ValidationError("\(directory) has no readable run.json; pass a folder written by `precis run`")
    }
    stageNames = stages.compactMap { $0["name"] as? String }
    unwrittenStages = Set(stages.filter { ($0["written"] as? Bool) == false }.compactMap { $0["name"] as? String })
  }

  /// Every record of documents.jsonl, in order.
  func records() throws -> [[String: Any]] {
    let path = URL(fileURLWithPath: directory).appendingPathComponent("documents.jsonl")
    guard let text = try? String(contentsOf: path, encoding: .utf8) else {
      throw ValidationError("cannot read \(path.path)")
    }
    return text.split(separator: "\n").compactMap { line in
      (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
    }
  }

  static func jsonText(_ value: Any, pretty: Bool) -> String {
    var options: JSONSerialization.WritingOptions = [.sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed]
    if pretty { options.insert(.prettyPrinted) }
    guard let data = try? JSONSerialization.data(withJSONObject: value, options: options) else { return "\(value)" }
    return String(decoding: data, as: UTF8.self)
  }
}
