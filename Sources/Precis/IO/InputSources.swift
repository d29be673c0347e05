internal import Foundation

/// The files of a folder, recursively, in a stable order (see ``FolderWalker``), each one document
/// whose id is its path relative to the folder.
///
/// The folder is walked twice, one listing per level at a time: once to count (for progress),
/// once to read; memory does not grow with the number of files.
final class FolderSource: InputSource {
  let root: String
  let count: Int?
  private let walker: FolderWalker

  /// - Throws: `PipelineError` (`unreadableInput`) when the folder cannot be listed.
  init(root: String, include: [String], exclude: [String], shard: Shard?) throws(PipelineError) {
    self.root = root
    let counter = try FolderWalker(root: root, include: include, exclude: exclude, shard: shard)
    var total = 0
    while counter.next() != nil { total += 1 }
    count = total
    walker = try FolderWalker(root: root, include: include, exclude: exclude, shard: shard)
  }

  func next(_ limit: Int) -> [InputItem] {
    var items: [InputItem] = []
    while items.count < limit, let relative = walker.next() {
      items.append(DocumentLoader.fileItem(id: relative, path: (root as NSString).appendingPathComponent(relative)))
    }
    return items
  }
}

/// One text file as one document, whose id is the file's name.
final class TextFileSource: InputSource {
  private var item: InputItem?
  var count: Int? { 1 }

  init(path: String) {
    item = DocumentLoader.fileItem(id: (path as NSString).lastPathComponent, path: path)
  }

  func next(_ limit: Int) -> [InputItem] {
    guard limit > 0, let item else { return [] }
    self.item = nil
    return [item]
  }
}

/// A JSON-lines file (or standard input): one document per line that is not blank, each line
/// parsed on a worker; read one line at a time, so memory does not grow with the file.
final class JSONLinesSource: InputSource {
  let count: Int?
  private let lines: LineReader

  /// - Throws: `PipelineError` (`unreadableInput`) when the file cannot be read.
  init(path: String) throws(PipelineError) {
    count = try LineReader.countNonEmptyLines(path)
    lines = try LineReader(path: path)
  }

  /// Reads standard input; the count is unknown until the end.
  init(standardInput: Void) throws(PipelineError) {
    lines = try LineReader(standardInput: ())
    count = nil
  }

  func next(_ limit: Int) -> [InputItem] {
    var items: [InputItem] = []
    while items.count < limit, let (number, bytes) = lines.nextNonEmptyLine() {
      items.append(DocumentLoader.lineItem(bytes, line: number, source: "\(lines.path):\(number)"))
    }
    return items
  }
}

/// The items a run took from its source, counted: each is loaded (opened and decoded) once.
final class CountingSource {
  let source: any InputSource
  private(set) var itemsRead = 0

  init(_ source: any InputSource) { self.source = source }

  var count: Int { source.count ?? 0 }

  func next(_ limit: Int) -> [InputItem] {
    let items = source.next(limit)
    itemsRead += items.count
    return items
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
