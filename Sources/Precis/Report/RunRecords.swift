internal import Foundation

/// The records of a run's `documents.jsonl`, read one line at a time (memory does not grow with
/// the run): for `precis inspect` and the HTML report.
package struct RunRecords {
  package let path: String

  /// The records of the run in `directory`.
  package init(directory: String) {
    path = (directory as NSString).appendingPathComponent("documents.jsonl")
  }

  /// Calls `body` with each record's line (JSON, without its line end), in order, until it
  /// returns false.
  /// - Throws: `PipelineError` (`unreadableInput`) when the file cannot be read.
  package func forEachLine(_ body: ([UInt8]) throws -> Bool) throws {
    let reader = try LineReader(path: path)
    while let (_, line) = reader.nextNonEmptyLine() {
      guard try body(line) else { return }
    }
  }

  /// Calls `body` with each record, parsed, in order, until it returns false.
  package func forEach(_ body: ([String: Any]) throws -> Bool) throws {
    try forEachLine { line in
      guard let record = Self.parse(line) else { return true }
      return try body(record)
    }
  }

  /// One record line parsed, or `nil` when it is not a JSON object.
  package static func parse(_ line: [UInt8]) -> [String: Any]? {
    (try? JSONSerialization.jsonObject(with: Data(line))) as? [String: Any]
  }

  /// The record of the document `id`, reading only as far as it (a line is parsed only when its
  /// bytes hold the id as the record writes it).
  package func record(id: String) throws -> [String: Any]? {
    var needle = Array(#""id":"#.utf8)
    JSONText.appendString(id, to: &needle)
    var found: [String: Any]?
    try forEachLine { line in
      guard line.firstRange(of: needle) != nil, let record = Self.parse(line), record["id"] as? String == id
      else { return true }
      found = record
      return false
    }
    return found
  }

  /// The name of the first written stage of each kind in a run's `run.json` (parsed): where a
  /// reader finds the `language`, `sentences`, `keywords`, ... outputs of a record.
  package static func stageOfKind(run: [String: Any]) -> [String: String] {
    var names: [String: String] = [:]
    for stage in (run["stages"] as? [[String: Any]] ?? []).reversed() where stage["written"] as? Bool != false {
      if let kind = stage["kind"] as? String, let name = stage["name"] as? String { names[kind] = name }
    }
    return names
  }

  /// The `limit` largest counts, largest first (ties by name).
  package static func top(_ counts: [String: Int], _ limit: Int) -> [(key: String, value: Int)] {
    Array(counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(limit))
  }
}
