internal import Foundation

/// One unit of input before it is loaded: a file of an input folder, or a line of a JSON-lines file.
package struct InputItem: Sendable {
  package enum Payload: Sendable {
    /// A file; `relativePath` is its id.
    case file(relativePath: String, path: String)
    /// A JSON-lines record; `line` is 1-based.
    case jsonLine(file: String, line: Int, bytes: [UInt8])
  }
  package var payload: Payload

  /// Where the item comes from, as reported in outputs.
  package var source: String {
    switch payload {
    case .file(_, let path): path
    case .jsonLine(let file, let line, _): "\(file):\(line)"
    }
  }
}

/// Streams the input items of a folder or a JSON-lines file, in a stable order.
///
/// Folders are walked recursively in sorted path order (hidden files and folders skipped), one
/// folder listing at a time; JSON-lines files are read one line at a time: memory does not grow
/// with the number of files or lines.
package final class InputReader {
  /// The number of items the input holds, known before reading any document.
  package let count: Int
  private var folder: (root: String, walker: FolderWalker)?
  private var singleFile: InputItem?
  private var lines: LineReader?

  /// Opens `path`: a folder (filtered by `include`/`exclude` globs), a `.jsonl` file, or one text file.
  /// - Throws: `PipelineError` (`inputNotFound`, `unreadableInput`) saying what to fix.
  package init(path: String, include: [String], exclude: [String], shard: Shard? = nil) throws(PipelineError) {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw PipelineError(.inputNotFound, "input '\(path)' does not exist; pass --input or fix `input:` in the pipeline file")
    }
    if isDirectory.boolValue {
      // One walk to count (for progress), then the walk that is read.
      let counter = try FolderWalker(root: path, include: include, exclude: exclude, shard: shard)
      var total = 0
      while counter.next() != nil { total += 1 }
      count = total
      folder = (path, try FolderWalker(root: path, include: include, exclude: exclude, shard: shard))
    } else if path.hasSuffix(".jsonl") || path.hasSuffix(".ndjson") {
      count = try LineReader.countNonEmptyLines(path)
      lines = try LineReader(path: path)
    } else {
      singleFile = InputItem(payload: .file(relativePath: (path as NSString).lastPathComponent, path: path))
      count = 1
    }
  }

  /// Reads JSON lines from standard input; the count is unknown (0) until the end.
  package init(standardInput: Void) throws(PipelineError) {
    lines = try LineReader(standardInput: ())
    count = 0
  }

  /// Up to `limit` next items; empty when the input is exhausted.
  package func next(_ limit: Int) -> [InputItem] {
    let items = nextItems(limit)
    itemsRead += items.count
    return items
  }

  /// Items handed out by ``next(_:)`` so far: each is opened and decoded once by whoever took it.
  package private(set) var itemsRead = 0

  private func nextItems(_ limit: Int) -> [InputItem] {
    if let lines {
      var items: [InputItem] = []
      while items.count < limit, let (number, bytes) = lines.nextNonEmptyLine() {
        items.append(InputItem(payload: .jsonLine(file: lines.path, line: number, bytes: bytes)))
      }
      return items
    }
    if let folder {
      var items: [InputItem] = []
      while items.count < limit, let relative = folder.walker.next() {
        items.append(InputItem(payload: .file(relativePath: relative, path: (folder.root as NSString).appendingPathComponent(relative))))
      }
      return items
    }
    defer { singleFile = nil }
    return singleFile.map { [$0] } ?? []
  }
}

/// The files of a folder tree, as paths relative to the root, in byte order of their UTF-8 paths
/// (the same on every machine and locale), holding one folder listing per level of depth.
///
/// Listing each folder sorted by name, with a folder's name compared as if followed by "/", visits
/// the paths in exactly the order a sort of all the paths would give. Hidden files and folders are
/// skipped, and so are symbolic links to folders (they could loop).
final class FolderWalker {
  private let root: String
  private let include: [String]
  private let exclude: [String]
  private let shard: Shard?
  /// Open folders: relative path ("" for the root), entries (name, is a folder), next entry.
  private var stack: [(folder: String, entries: [(name: String, isFolder: Bool)], next: Int)] = []

  /// - Throws: `PipelineError` (`unreadableInput`) when the root cannot be listed.
  init(root: String, include: [String], exclude: [String], shard: Shard?) throws(PipelineError) {
    self.root = root
    self.include = include
    self.exclude = exclude
    self.shard = shard
    guard let entries = list("") else {
      throw PipelineError(.unreadableInput, "cannot list folder '\(root)'; check its permissions")
    }
    stack = [("", entries, 0)]
  }

  /// The next matching file's relative path, or `nil` at the end.
  func next() -> String? {
    while let top = stack.last {
      guard top.next < top.entries.count else {
        stack.removeLast()
        continue
      }
      stack[stack.count - 1].next += 1
      let entry = top.entries[top.next]
      let relative = top.folder.isEmpty ? entry.name : top.folder + "/" + entry.name
      if entry.isFolder {
        if let entries = list(relative) { stack.append((relative, entries, 0)) }
        continue
      }
      let matches = { (pattern: String) in Glob.matches(pattern, name: entry.name, relativePath: relative) }
      guard include.contains(where: matches), !exclude.contains(where: matches), shard?.contains(relative) ?? true else { continue }
      return relative
    }
    return nil
  }

  /// The visible entries of `relative` that are files or real folders, in walking order.
  private func list(_ relative: String) -> [(name: String, isFolder: Bool)]? {
    let path = relative.isEmpty ? root : (root as NSString).appendingPathComponent(relative)
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return nil }
    var entries: [(name: String, isFolder: Bool, key: [UInt8])] = []
    for name in names where !name.hasPrefix(".") {
      let full = (path as NSString).appendingPathComponent(name)
      var status = stat()
      guard stat(full, &status) == 0 else { continue }
      let isFolder = (status.st_mode & S_IFMT) == S_IFDIR
      if isFolder {
        var linkStatus = stat()
        guard lstat(full, &linkStatus) == 0, (linkStatus.st_mode & S_IFMT) == S_IFDIR else { continue }
      } else if (status.st_mode & S_IFMT) != S_IFREG {
        continue
      }
      entries.append((name, isFolder, Array(name.utf8) + (isFolder ? [0x2F] : [])))
    }
    entries.sort { $0.key.lexicographicallyPrecedes($1.key) }
    return entries.map { ($0.name, $0.isFolder) }
  }
}

/// One shard of a folder input: the files whose FNV-1a 64 hash of their relative path, modulo
/// `count`, is `index` (a fixed hash, the same on every machine and run).
public struct Shard: Sendable, Equatable, CustomStringConvertible {
  public let index: Int
  public let count: Int

  /// Parses "i/n" (0 ≤ i < n).
  public init?(_ text: String) {
    let parts = text.split(separator: "/")
    guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count > 0, (0..<count).contains(index) else {
      return nil
    }
    self.index = index
    self.count = count
  }

  public func contains(_ relativePath: String) -> Bool {
    FNV1a.hash64(relativePath.utf8) % UInt64(count) == UInt64(index)
  }

  /// `part-i-of-n`, the name of the shard's output folder.
  public var description: String { "part-\(index)-of-\(count)" }
}

/// Shell-style glob matching (`*`, `?`, `[...]`) through the C library's `fnmatch`.
enum Glob {
  /// A pattern without `/` matches the file name; one with `/` matches the relative path.
  static func matches(_ pattern: String, name: String, relativePath: String) -> Bool {
    let subject = pattern.contains("/") ? relativePath : name
    return fnmatch(pattern, subject, 0) == 0
  }
}

/// Reads a file line by line with the C library's buffered `getline`.
final class LineReader {
  let path: String
  private let file: UnsafeMutablePointer<FILE>
  private var lineNumber = 0
  private var buffer: UnsafeMutablePointer<CChar>?
  private var capacity = 0

  private let ownsFile: Bool

  init(path: String) throws(PipelineError) {
    guard let file = fopen(path, "rb") else {
      throw PipelineError(.unreadableInput, "cannot open '\(path)' for reading; check its permissions")
    }
    self.path = path
    self.file = file
    ownsFile = true
  }

  /// Reads standard input (reported as `stdin`).
  init(standardInput: Void) throws(PipelineError) {
    // A stream of our own on descriptor 0, rather than the C library's global `stdin`.
    guard let file = fdopen(0, "rb") else {
      throw PipelineError(.unreadableInput, "cannot read standard input")
    }
    path = "stdin"
    self.file = file
    ownsFile = true
  }

  deinit {
    if ownsFile { fclose(file) }
    free(buffer)
  }

  /// The next line that is not blank, with its 1-based number, without its line end.
  func nextNonEmptyLine() -> (Int, [UInt8])? {
    while true {
      let length = getline(&buffer, &capacity, file)
      guard length >= 0, let buffer else { return nil }
      lineNumber += 1
      var bytes = UnsafeRawBufferPointer(start: buffer, count: length)[...]
      while let last = bytes.last, last == 10 || last == 13 { bytes = bytes.dropLast() }
      if bytes.allSatisfy({ $0 == 32 || $0 == 9 }) { continue }
      return (lineNumber, Array(bytes))
    }
  }

  /// Counts the lines of `path` that are not blank, reading it once in large blocks.
  static func countNonEmptyLines(_ path: String) throws(PipelineError) -> Int {
    guard let file = fopen(path, "rb") else {
      throw PipelineError(.unreadableInput, "cannot open '\(path)' for reading; check its permissions")
    }
    defer { fclose(file) }
    var buffer = [UInt8](repeating: 0, count: 1 << 20)
    var count = 0
    var lineHasText = false
    while true {
      let read = fread(&buffer, 1, buffer.count, file)
      if read == 0 { break }
      for byte in buffer[..<read] {
        if byte == 10 {
          if lineHasText { count += 1 }
          lineHasText = false
        } else if byte != 32 && byte != 9 && byte != 13 {
          lineHasText = true
        }
      }
    }
    return lineHasText ? count + 1 : count
  }
}
