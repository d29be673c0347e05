import ArgumentParser
import Foundation
import Precis

struct InspectCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "inspect",
    abstract: "Show one document's per-stage output, or a per-stage summary of a run's outputs.")

  @Argument(help: "An output folder written by `precis run`.", completion: .directory)
  var outputDirectory: String

  @Option(help: "Show this document (its id).")
  var doc: String?

  @Option(help: "Show only this stage.", completion: Completions.stages)
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
    do {
      if let doc {
        // Read only as far as the document (and parse only its line).
        guard let record = try RunRecords(directory: outputDirectory).record(id: doc) else {
          throw ValidationError("no document with id '\(doc)' in \(outputDirectory)/documents.jsonl")
        }
        json ? printJSON(record, stages: stages) : printReadable(record, stages: stages)
      } else {
        var summary = RunDistributions(stages: stages, stageOfKind: reader.stageOfKind)
        try RunRecords(directory: outputDirectory).forEach { record in
          summary.add(record)
          return true
        }
        printSummary(summary, unwritten: reader.unwrittenStages)
      }
    } catch {
      throw reportFailure(error)
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

  func printSummary(_ summary: RunDistributions, unwritten: Set<String> = []) {
    if json {
      print(OutputReader.jsonText(summary.json, pretty: true))
      return
    }
    let statusText = summary.statuses.keys.sorted().map { "\($0) \(summary.statuses[$0] ?? 0)" }.joined(separator: ", ")
    print("\(summary.documents) documents (\(statusText))")
    for name in summary.stages {
      if unwritten.contains(name) {
        print("\(name): not written (`write: false` keeps it internal; drop that line to see it)")
        continue
      }
      var line = "\(name): output for \(summary.present[name] ?? 0) documents"
      if let count = summary.items[name], let documents = summary.present[name], documents > 0 {
        line += String(format: ", %d items (%.1f per document)", count, Double(count) / Double(documents))
      }
      print(line)
    }
    if !summary.languages.isEmpty {
      print("\nlanguages: " + RunRecords.top(summary.languages, 20).map { "\($0.key) \($0.value)" }.joined(separator: ", "))
    }
    if !summary.sentenceCounts.isEmpty {
      print("sentences per document: " + summary.sentenceSpread)
      for (range, count) in summary.sentenceHistogram {
        let bar = String(repeating: "#", count: max(1, 40 * count / max(1, summary.documents)))
        print("  " + range.padding(toLength: 10, withPad: " ", startingAt: 0) + String(format: "%7d ", count) + bar)
      }
    }
    if !summary.keywords.isEmpty {
      print("top keywords (documents): " + RunRecords.top(summary.keywords, 15).map { "\($0.key) \($0.value)" }.joined(separator: ", "))
    }
  }
}

/// What `precis inspect` says of a whole run, gathered one record at a time: statuses, languages,
/// sentences per document, top keywords, and per stage the documents and items it has.
struct RunDistributions {
  let stages: [String]
  let stageOfKind: [String: String]
  var documents = 0
  var statuses: [String: Int] = [:]
  var present: [String: Int] = [:]
  var items: [String: Int] = [:]
  var languages: [String: Int] = [:]
  var keywords: [String: Int] = [:]
  var sentenceCounts: [Int] = []

  mutating func add(_ record: [String: Any]) {
    documents += 1
    statuses[record["status"] as? String ?? "?", default: 0] += 1
    for name in stages {
      guard let value = record[name] else { continue }
      present[name, default: 0] += 1
      if let list = value as? [Any] { items[name, default: 0] += list.count }
    }
    if let name = stageOfKind["language"], let code = (record[name] as? [String: Any])?["code"] as? String {
      languages[code, default: 0] += 1
    }
    if let name = stageOfKind["sentences"], let sentences = record[name] as? [Any] { sentenceCounts.append(sentences.count) }
    if let name = stageOfKind["keywords"], let list = record[name] as? [[String: Any]] {
      for term in Set(list.compactMap { $0["text"] as? String }) { keywords[term, default: 0] += 1 }
    }
  }


  /// Minimum, median and maximum of the sentence counts.
  var sentenceSpread: String {
    let sorted = sentenceCounts.sorted()
    guard let first = sorted.first, let last = sorted.last else { return "none" }
    return "min \(first), median \(sorted[sorted.count / 2]), max \(last)"
  }

  /// Documents by sentence count, in bins of powers of two (1, 2-3, 4-7, ...).
  var sentenceHistogram: [(String, Int)] {
    var bins: [Int: Int] = [:]
    for count in sentenceCounts { bins[count <= 0 ? -1 : Int(log2(Double(count))), default: 0] += 1 }
    return bins.keys.sorted().map { bin in
      let range = bin < 0 ? "0" : bin == 0 ? "1" : "\(1 << bin)-\((1 << (bin + 1)) - 1)"
      return (range, bins[bin] ?? 0)
    }
  }

  var json: [String: Any] {
    [
      "documents": documents, "status": statuses,
      "stages": stages.map { ["name": $0, "documents": present[$0] ?? 0, "items": items[$0] ?? 0] },
      "languages": languages, "topKeywords": RunRecords.top(keywords, 25).map { ["keyword": $0.key, "documents": $0.value] },
      "sentencesPerDocument": sentenceHistogram.map { ["sentences": $0.0, "documents": $0.1] },
    ]
  }
}

/// Reads a run's output folder for `inspect`.
struct OutputReader {
  let directory: String
  let stageNames: [String]
  /// The stages whose output the run did not write (`write: false`).
  let unwrittenStages: Set<String>
  /// The name of the first written stage of each kind.
  let stageOfKind: [String: String]

  init(directory: String) throws {
    self.directory = directory
    guard let run = OutputFolder.runFile(in: directory), let stages = run["stages"] as? [[String: Any]] else {
      throw ValidationError("\(directory) has no readable run.json; pass a folder written by `precis run`")
    }
    stageNames = stages.compactMap { $0["name"] as? String }
    unwrittenStages = Set(stages.filter { ($0["written"] as? Bool) == false }.compactMap { $0["name"] as? String })
    stageOfKind = RunRecords.stageOfKind(run: run)
  }

  static func jsonText(_ value: Any, pretty: Bool) -> String {
    var options: JSONSerialization.WritingOptions = [.sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed]
    if pretty { options.insert(.prettyPrinted) }
    guard let data = try? JSONSerialization.data(withJSONObject: value, options: options) else { return "\(value)" }
    return String(decoding: data, as: UTF8.self)
  }
}
