internal import Foundation

/// Where documents come from: a folder, a JSON-lines file, a text file, or a format of your own.
///
/// A source hands out ``InputItem``s in a stable order, a window at a time, on the runner's
/// thread; each item is loaded (read, parsed, decoded) later on a worker. Register a new format in
/// ``InputFormats`` to make `precis run --input` (and ``Runner``) open it.
public protocol InputSource: AnyObject {
  /// The number of items, when it is known before reading any (for progress), else `nil`.
  var count: Int? { get }
  /// Up to `limit` next items; empty once the input is exhausted.
  func next(_ limit: Int) -> [InputItem]
  /// Metadata fields the records have, known before reading them (a CSV header's other columns,
  /// the keys of a JSON-lines file's first lines): `documents.csv` gives each a column.
  var metadataColumns: [String] { get }
}

extension InputSource {
  public var metadataColumns: [String] { [] }
}

/// One unit of input: it becomes one document, or one recorded failure, when loaded.
public struct InputItem: Sendable {
  /// Where the item comes from, as outputs report it (a path, `FILE:LINE`, ...).
  public let source: String
  /// The item's size in bytes when the source knows it before loading (a file's size, a line's
  /// length): the runner bounds a window's bytes with it, not only its document count.
  public let byteCount: Int?
  private let loader: @Sendable (_ maxBytes: Int) -> InputLoad

  /// An item whose `load` makes the document; it runs on a worker, once per run.
  /// - Parameters:
  ///   - byteCount: the item's size, if known before loading.
  ///   - load: given the run's byte limit per document (`--max-bytes`), the document or why there
  ///     is none; a document over the limit should fail as skipped.
  public init(source: String, byteCount: Int? = nil, load: @escaping @Sendable (_ maxBytes: Int) -> InputLoad) {
    self.source = source
    self.byteCount = byteCount
    self.loader = load
  }

  /// Loads the item.
  public func load(maxBytes: Int) -> InputLoad { loader(maxBytes) }
}

/// Which fields of a record hold a document's text and id: keys of JSON objects, columns of CSV
/// and TSV files (`--text-field`, `--id-field`; `text-field:`, `id-field:` in a pipeline file).
public struct InputFields: Sendable, Equatable {
  public var text: String
  public var id: String

  public init(text: String = "text", id: String = "id") {
    self.text = text
    self.id = id
  }
}

/// What loading an ``InputItem`` gave.
public enum InputLoad: Sendable {
  case document(Document)
  /// No document: `id` names the item in the outputs; `skipped` is true for the byte limit.
  case failed(id: String, error: PipelineError, skipped: Bool)

  /// A SHA-256 of everything the pipeline reads of the item (id, source, text and metadata, or
  /// the failure): a resumed run reuses a journaled result only for an item that still loads to
  /// the same fingerprint (see ``RunJournal``).
  var fingerprint: [UInt8] {
    var hash = SHA256()
    func add(_ text: String) {
      var text = text
      text.withUTF8 { hash.update(UnsafeRawBufferPointer($0)) }
      hash.update([0])
    }
    switch self {
    case .document(let document):
      add("document")
      add(document.id)
      add(document.source)
      add(document.text)
      hash.update(document.metadata.isEmpty ? [] : (try? JSONText.encode(document.metadata)) ?? [])
    case .failed(let id, let error, let skipped):
      add(skipped ? "skipped" : "failed")
      add(id)
      add(error.code.description)
      add(error.message)
    }
    return hash.digest()
  }
}

/// The input formats a run can open, tried newest registration first: a format of your own (a
/// CSV file, an archive, a database export) is one ``InputSource`` type and one ``register(_:matches:open:)``.
public struct InputFormats: Sendable {
  /// What a format is asked to open.
  public struct Request: Sendable {
    public var path: String
    public var isDirectory: Bool
    /// The pipeline's `include` and `exclude` globs, for formats that list files.
    public var include: [String]
    public var exclude: [String]
    /// The shard of a sharded run, for formats that can split themselves.
    public var shard: Shard?
    /// Follow symbolic links out of an input folder, and links to folders (loops are detected).
    public var followLinks = false
    /// The fields of records (JSON lines, JSON arrays, CSV and TSV rows) that hold text and id.
    public var fields = InputFields()

    /// The path's file name ending, in lower case (`csv`), empty when it has none.
    public var ending: String { (path as NSString).pathExtension.lowercased() }
  }

  /// Opens a request the format matched.
  public typealias Opener = @Sendable (Request) throws(PipelineError) -> any InputSource

  struct Entry: Sendable {
    let name: String
    let matches: @Sendable (Request) -> Bool
    let open: Opener
  }

  private var entries: [Entry] = []

  /// No formats.
  public init() {}

  /// The file name endings read as one text document each (in lower case; a file without an
  /// ending is read as text too).
  public static let textEndings: Set<String> = ["txt", "text", "md", "markdown", "rst", "org", "asc"]

  /// The formats Precis knows: a folder (recursive, sorted, filtered by the globs); a `.jsonl` or
  /// `.ndjson` file (one object per line); a `.json` file (an array of objects); a `.csv` or
  /// `.tsv` file (a header row, one document per row); a text file (``textEndings``) as one
  /// document. The text and id of records come from the request's ``Request/fields``.
  public static var builtIn: InputFormats {
    var formats = InputFormats()
    // Distinct names, registered once: cannot fail.
    try? formats.register(
      "text", matches: { !$0.isDirectory && ($0.ending.isEmpty || textEndings.contains($0.ending)) },
      open: { request throws(PipelineError) in TextFileSource(path: request.path) })
    try? formats.register(
      "csv", matches: { !$0.isDirectory && ["csv", "tsv", "tab"].contains($0.ending) },
      open: { request throws(PipelineError) in
        try DelimitedFileSource(
          path: request.path, separator: request.ending == "csv" ? UInt8(ascii: ",") : 9, fields: request.fields)
      })
    try? formats.register(
      "json", matches: { !$0.isDirectory && $0.ending == "json" },
      open: { request throws(PipelineError) in try JSONArraySource(path: request.path, fields: request.fields) })
    try? formats.register(
      "jsonl", matches: { !$0.isDirectory && ["jsonl", "ndjson"].contains($0.ending) },
      open: { request throws(PipelineError) in try JSONLinesSource(path: request.path, fields: request.fields) })
    try? formats.register(
      "folder", matches: \.isDirectory,
      open: { request throws(PipelineError) in
        try FolderSource(
          root: request.path, include: request.include, exclude: request.exclude, shard: request.shard,
          followLinks: request.followLinks)
      })
    return formats
  }

  /// The registered format names, newest first (the order they are tried in).
  public var names: [String] { entries.reversed().map(\.name) }

  /// Adds a format, tried before every format registered earlier.
  /// - Throws: `PipelineError` (`duplicateKind`) when `name` is taken.
  public mutating func register(
    _ name: String, matches: @escaping @Sendable (Request) -> Bool, open: @escaping Opener
  ) throws(PipelineError) {
    guard !entries.contains(where: { $0.name == name }) else {
      throw PipelineError(.duplicateKind, "input format '\(name)' is already registered; give yours another name")
    }
    entries.append(Entry(name: name, matches: matches, open: open))
  }

  /// The source for `path`, opened by the newest format that matches it.
  /// - Throws: `PipelineError` (`inputNotFound`, `unreadableInput`) saying what to fix.
  public func open(
    path: String, include: [String], exclude: [String], shard: Shard? = nil, followLinks: Bool = false,
    fields: InputFields = InputFields()
  ) throws(PipelineError) -> any InputSource {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw PipelineError(.inputNotFound, "input '\(path)' does not exist; pass --input or fix `input:` in the pipeline file")
    }
    var request = Request(path: path, isDirectory: isDirectory.boolValue, include: include, exclude: exclude, shard: shard)
    request.followLinks = followLinks
    request.fields = fields
    guard let entry = entries.last(where: { $0.matches(request) }) else {
      let ending = (path as NSString).pathExtension
      throw PipelineError(
        .invalidConfig,
        "precis cannot read '\(path)'\(ending.isEmpty ? "" : " (a .\(ending) file)"): give a folder of text files, a .jsonl or .ndjson file (one object per line), a .json array of objects, a .csv or .tsv file with a header row, or a text file (.txt, .md); convert other documents to text first (formats: \(names.joined(separator: ", ")))")
    }
    return try entry.open(request)
  }
}
