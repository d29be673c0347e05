internal import Foundation

/// An HTML report of a run's output folder that opens from the file system, with no server and no
/// network: `report.html` (the corpus view, the document list, and the script and styles inline)
/// and, beside it, `report-data/page-NNNN.js`, the records of the documents in pages of
/// ``pageSize``, which the page loads only when one of their documents is opened. A document's view
/// has its own address: `report.html#doc=<url-encoded id>`.
///
/// The run's `documents.jsonl` is read once, a line at a time, so memory does not grow with the
/// run; each page file holds the records' lines as they are.
public enum HTMLReport {
  /// Documents per data file.
  public static let pageSize = 100
  /// The page's name in an output folder, and the folder of its data beside it.
  static let fileName = "report.html"
  static let dataFolderName = "report-data"

  /// Removes the report a previous run left in `directory` (it describes a run that is gone):
  /// called when a run commits into the folder.
  static func removeStale(in directory: String) {
    unlink((directory as NSString).appendingPathComponent(fileName))
    try? FileManager.default.removeItem(atPath: (directory as NSString).appendingPathComponent(dataFolderName))
  }

  /// What was written.
  public struct Written: Sendable {
    /// The report's page (open it in a browser).
    public var index: String
    public var documents: Int
    public var dataFiles: Int
    /// Bytes of the page and of the data files together.
    public var bytes: Int
  }

  /// Writes the report of the run in `outputDirectory` to `file` (default:
  /// `<outputDirectory>/report.html`), with its data files in `report-data/` beside it.
  /// - Throws: `PipelineError`: `unreadableInput` when the folder holds no run, `outputFailed`
  ///   when the report cannot be written.
  public static func write(outputDirectory: String, to file: String? = nil) throws(PipelineError) -> Written {
    let index = file ?? (outputDirectory as NSString).appendingPathComponent(fileName)
    guard let run = OutputFolder.runFile(in: outputDirectory) else {
      throw PipelineError(
        .unreadableInput, "\(outputDirectory) has no readable run.json; pass a folder written by `precis run`")
    }
    let folder = (index as NSString).deletingLastPathComponent
    let dataName = dataFolderName
    let dataFolder = (folder as NSString).appendingPathComponent(dataName)
    do {
      try? FileManager.default.removeItem(atPath: dataFolder)
      try FileManager.default.createDirectory(atPath: dataFolder, withIntermediateDirectories: true)
    } catch {
      throw PipelineError(.outputFailed, "cannot create '\(dataFolder)' (\(error.localizedDescription)); choose another place with -o")
    }
    var summary = CorpusSummary(run: run)
    var page: [UInt8] = []
    var pageCount = 0
    var inPage = 0
    var bytes = 0
    func flushPage() throws(PipelineError) {
      guard inPage > 0 else { return }
      pageCount += 1
      let name = String(format: "page-%04d.js", pageCount)
      let content = Array("precisPage(\(pageCount),[".utf8) + page + Array("]);\n".utf8)
      try writeFile(content, to: (dataFolder as NSString).appendingPathComponent(name))
      bytes += content.count
      page.removeAll(keepingCapacity: true)
      inPage = 0
    }
    do {
      try RunRecords(directory: outputDirectory).forEachLine { line in
        guard let record = RunRecords.parse(line) else { return true }
        if inPage > 0 { page.append(UInt8(ascii: ",")) }
        page += line
        inPage += 1
        summary.add(record, page: pageCount + 1)
        if inPage == pageSize { try flushPage() }
        return true
      }
      try flushPage()
    } catch let error as PipelineError {
      throw error
    } catch {
      throw PipelineError(.outputFailed, "\(error)")
    }
    let corpus = summary.json(run: run, dataFolder: dataName, pageSize: pageSize)
    let html = try Self.page(title: run["pipeline"] as? String ?? "run", corpus: corpus)
    try writeFile(Array(html.utf8), to: index)
    bytes += html.utf8.count
    return Written(index: index, documents: summary.documents.count, dataFiles: pageCount, bytes: bytes)
  }

  /// The report's page: the corpus data inline (as JSON that cannot close its script element),
  /// the bundled styles and script.
  static func page(title: String, corpus: [String: Any]) throws(PipelineError) -> String {
    guard let data = try? JSONSerialization.data(withJSONObject: corpus, options: [.sortedKeys, .withoutEscapingSlashes]) else {
      throw PipelineError(.outputFailed, "cannot encode the report's data")
    }
    let json = String(decoding: data, as: UTF8.self).replacingOccurrences(of: "</", with: "<\\/")
    let css = try asset("report.css")
    let script = try asset("report.js")
    return """
      <!doctype html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <meta name="color-scheme" content="light dark">
      <title>Precis report: \(escape(title))</title>
      <style>
      \(css)
      </style>
      </head>
      <body>
      <header class="top"><a href="#" class="home">Precis report</a> <span id="run-title">\(escape(title))</span></header>
      <main id="corpus-view"></main>
      <main id="document-view" hidden></main>
      <noscript>This report needs JavaScript to show its data.</noscript>
      <script type="application/json" id="precis-corpus">\(json)</script>
      <script>
      \(script)
      </script>
      </body>
      </html>

      """
  }

  /// A bundled file of the report (`Resources/report/`).
  static func asset(_ name: String) throws(PipelineError) -> String {
    let base = (name as NSString).deletingPathExtension
    let ext = (name as NSString).pathExtension
    guard
      let url = Bundle.module.url(forResource: base, withExtension: ext, subdirectory: "Resources/report")
        ?? Bundle.module.url(forResource: base, withExtension: ext, subdirectory: "report"),
      let text = try? String(contentsOf: url, encoding: .utf8)
    else {
      throw PipelineError(.outputFailed, "the report's \(name) is missing from the installed resources; reinstall precis")
    }
    return text
  }

  static func escape(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
  }

  static func writeFile(_ bytes: [UInt8], to path: String) throws(PipelineError) {
    let file = try AtomicFile(path: path)
    try file.write(bytes)
    try file.commit()
  }
}

/// What the report's corpus view shows, gathered one record at a time.
struct CorpusSummary {
  /// Per document, for the list: id, title, date, language, status, keywords, page, code points,
  /// sentences.
  var documents: [[Any]] = []
  var errors: [[String: String]] = []
  var statuses: [String: Int] = [:]
  var languages: [String: (documents: Int, confidence: Double)] = [:]
  var keywords: [String: Int] = [:]
  var keywordsByLanguage: [String: [String: Int]] = [:]
  /// Documents per month (`YYYY-MM`), and per month and keyword.
  var months: [String: Int] = [:]
  var keywordMonths: [String: [String: Int]] = [:]
  /// The name of the first stage of each built-in kind the report reads (`layout`, `language`,
  /// `normalize`, `sentences`, `keywords`, `summary`).
  let stageOfKind: [String: String]

  init(run: [String: Any]) { stageOfKind = RunRecords.stageOfKind(run: run) }

  func output(_ kind: String, of record: [String: Any]) -> Any? { stageOfKind[kind].flatMap { record[$0] } }

  mutating func add(_ record: [String: Any], page: Int) {
    let id = record["id"] as? String ?? ""
    let status = record["status"] as? String ?? "?"
    statuses[status, default: 0] += 1
    if let error = record["error"] as? [String: Any] {
      errors.append([
        "id": id, "stage": error["stage"] as? String ?? "", "code": error["code"] as? String ?? "",
        "message": error["message"] as? String ?? "",
      ])
    }
    let layout = output("layout", of: record) as? [String: Any]
    let metadata = record["metadata"] as? [String: Any] ?? [:]
    let title = layout?["title"] as? String ?? metadata["title"] as? String ?? ""
    let date = layout?["date"] as? String ?? metadata["date"] as? String ?? ""
    let language = output("language", of: record) as? [String: Any]
    let code = language?["code"] as? String ?? ""
    if !code.isEmpty {
      let confidence = language?["confidence"] as? Double ?? 0
      let known = languages[code] ?? (0, 0)
      languages[code] = (known.documents + 1, known.confidence + confidence)
    }
    let keywordList = output("keywords", of: record) as? [[String: Any]] ?? []
    let terms = keywordList.compactMap { $0["text"] as? String }
    let month = date.count >= 7 ? String(date.prefix(7)) : ""
    if !month.isEmpty { months[month, default: 0] += 1 }
    for term in Set(terms) {
      keywords[term, default: 0] += 1
      if !code.isEmpty { keywordsByLanguage[code, default: [:]][term, default: 0] += 1 }
      if !month.isEmpty { keywordMonths[term, default: [:]][month, default: 0] += 1 }
    }
    let normalized = output("normalize", of: record) as? [String: Any]
    let sentences = output("sentences", of: record) as? [Any]
    let chars = (normalized?["text"] as? String)?.unicodeScalars.count ?? 0
    documents.append([id, title, date, code, status, terms.prefix(5).joined(separator: "; "), page, chars, sentences?.count ?? 0])
  }

  /// The most frequent `limit` terms of `counts` as `[term, count]` pairs, most frequent first.
  static func top(_ counts: [String: Int], _ limit: Int) -> [[Any]] {
    RunRecords.top(counts, limit).map { [$0.key, $0.value] }
  }

  func json(run: [String: Any], dataFolder: String, pageSize: Int) -> [String: Any] {
    var byLanguage: [String: Any] = [:]
    for (code, counts) in keywordsByLanguage { byLanguage[code] = Self.top(counts, 15) }
    let monthsSorted = months.keys.sorted()
    let timelineTerms = Self.top(keywords.filter { keywordMonths[$0.key] != nil }, 10).compactMap { $0.first as? String }
    var runSummary = run
    runSummary["files"] = nil
    return [
      "run": runSummary,
      "stages": stageOfKind,
      "dataFolder": dataFolder,
      "pageSize": pageSize,
      "documents": documents,
      "errors": errors,
      "statuses": statuses,
      "languages": languages.sorted { $0.value.documents != $1.value.documents ? $0.value.documents > $1.value.documents : $0.key < $1.key }
        .map { ["code": $0.key, "documents": $0.value.documents, "confidence": $0.value.confidence / Double($0.value.documents)] },
      "keywords": ["all": Self.top(keywords, 15), "byLanguage": byLanguage],
      "timeline": [
        "months": monthsSorted, "documents": monthsSorted.map { months[$0] ?? 0 },
        "terms": timelineTerms.map { term in [term, monthsSorted.map { keywordMonths[term]?[$0] ?? 0 }] as [Any] },
      ],
    ]
  }
}
