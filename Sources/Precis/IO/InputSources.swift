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
  init(root: String, include: [String], exclude: [String], shard: Shard?, followLinks: Bool = false) throws(PipelineError) {
    self.root = root
    let counter = try FolderWalker(root: root, include: include, exclude: exclude, shard: shard, followLinks: followLinks)
    var total = 0
    while counter.next() != nil { total += 1 }
    count = total
    walker = try FolderWalker(root: root, include: include, exclude: exclude, shard: shard, followLinks: followLinks)
  }

  /// A file's `source` in the outputs: the input folder's name and the file's path in it
  /// (`Corpus/a.txt`), the same on every machine (run.json holds the folder's full path).
  func shown(_ relative: String) -> String {
    let name = (root as NSString).lastPathComponent
    return name.isEmpty || name == "/" ? relative : (name as NSString).appendingPathComponent(relative)
  }

  func next(_ limit: Int) -> [InputItem] {
    var items: [InputItem] = []
    while items.count < limit, let entry = walker.next() {
      switch entry {
      case .file(let relative):
        let path = (root as NSString).appendingPathComponent(relative)
        var status = stat()
        let size = stat(path, &status) == 0 ? Int(status.st_size) : nil
        items.append(DocumentLoader.fileItem(id: relative, path: path, source: shown(relative), byteCount: size))
      case .notRead(let relative, let error, let skipped):
        items.append(InputItem(source: shown(relative)) { _ in .failed(id: relative, error: error, skipped: skipped) })
      }
    }
    return items
  }
}

/// One text file as one document, whose id is the file's name.
final class TextFileSource: InputSource {
  private var item: InputItem?
  var count: Int? { 1 }

  init(path: String) {
    let name = (path as NSString).lastPathComponent
    item = DocumentLoader.fileItem(id: name, path: path, source: name)
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
  private let fields: InputFields

  /// - Throws: `PipelineError` (`unreadableInput`) when the file cannot be read.
  /// - Parameters:
  ///   - shownAs: the name records give as their source (`NAME:LINE`); default the file's name.
  ///   - fields: the keys of each object's text and id.
  init(path: String, shownAs: String? = nil, fields: InputFields = InputFields()) throws(PipelineError) {
    count = try LineReader.countNonEmptyLines(path)
    lines = try LineReader(path: path, shownAs: shownAs ?? (path as NSString).lastPathComponent)
    self.fields = fields
    metadataColumns = try Self.keys(ofFirstLines: path, fields: fields)
  }

  /// The metadata keys of the first lines of the file, sorted.
  let metadataColumns: [String]

  /// How many lines are read for ``metadataColumns`` (keys seen only later stay in the JSON column).
  static let keyLines = 1_000

  static func keys(ofFirstLines path: String, fields: InputFields) throws(PipelineError) -> [String] {
    let reader = try LineReader(path: path)
    var keys = Set<String>()
    var read = 0
    while read < keyLines, let (_, bytes) = reader.nextNonEmptyLine() {
      read += 1
      // Parsed as the records are (DocumentLoader.loadLine), so a key is one a record has.
      if let object = try? JSONDecoder().decode([String: JSONValue].self, from: Data(bytes)) { keys.formUnion(object.keys) }
    }
    return keys.subtracting([fields.text, fields.id, "bytes"]).sorted()
  }

  /// Reads standard input; the count is unknown until the end.
  init(standardInput: Void, fields: InputFields = InputFields()) throws(PipelineError) {
    lines = try LineReader(standardInput: ())
    count = nil
    self.fields = fields
    metadataColumns = []
  }

  func next(_ limit: Int) -> [InputItem] {
    var items: [InputItem] = []
    while items.count < limit, let (number, bytes) = lines.nextNonEmptyLine() {
      items.append(DocumentLoader.lineItem(bytes, line: number, source: "\(lines.path):\(number)", fields: fields))
    }
    return items
  }
}

/// Standard input copied to a temporary file (removed when the spool goes), for runs that must
/// read their input twice: memory stays bounded whatever the input's size.
final class StandardInputSpool {
  let path: String

  /// - Throws: `PipelineError` (`outputFailed`) when the temporary file cannot be written.
  init() throws(PipelineError) {
    let folder = NSTemporaryDirectory()  // $TMPDIR, else /tmp, as for the carry file
    var template = Array((folder as NSString).appendingPathComponent("precis-stdin-XXXXXX.jsonl").utf8CString)
    let descriptor = template.withUnsafeMutableBufferPointer { mkstemps($0.baseAddress!, 6) }
    guard descriptor >= 0 else {
      throw PipelineError(.outputFailed, "cannot create a temporary file in \(folder) to hold standard input (\(FileBytes.reason(errno))); set TMPDIR, or pass --stats")
    }
    path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    TemporaryFiles.register(path)
    defer { close(descriptor) }
    var buffer = [UInt8](repeating: 0, count: 1 << 20)
    while true {
      let got = buffer.withUnsafeMutableBytes { Glibc.read(0, $0.baseAddress!, $0.count) }
      if got < 0, errno == EINTR { continue }
      if got < 0 {
        unlink(path)
        TemporaryFiles.unregister(path)
        throw PipelineError(.unreadableInput, "cannot read standard input (\(FileBytes.reason(errno)))")
      }
      if got == 0 { break }
      var written = 0
      while written < got {
        let wrote = buffer.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + written, got - written) }
        if wrote < 0, errno == EINTR { continue }
        guard wrote > 0 else {
          let reason = FileBytes.reason(errno)
          unlink(path)
          TemporaryFiles.unregister(path)
          throw PipelineError(.outputFailed, "cannot copy standard input to \(path) (\(reason)); free disk space, set TMPDIR, or pass --stats")
        }
        written += wrote
      }
    }
  }

  deinit {
    unlink(path)
    TemporaryFiles.unregister(path)
  }
}

/// The items a run took from its source, counted: each is loaded (opened and decoded) once.
final class CountingSource {
  let source: any InputSource
  private(set) var itemsRead = 0

  init(_ source: any InputSource) { self.source = source }

  var count: Int { source.count ?? 0 }
  /// Items taken from the source but left for the next window (over the byte bound).
  private var pending: [InputItem] = []

  /// At most `limit` items and, past the first, no more than `maxBytes` of known sizes together.
  func next(_ limit: Int, maxBytes: Int = .max) -> [InputItem] {
    var items = pending
    pending = []
    if items.count < limit { items += source.next(limit - items.count) }
    var bytes = 0
    for (index, item) in items.enumerated() {
      bytes += item.byteCount ?? 0
      if index > 0, bytes > maxBytes {
        pending = Array(items[index...])
        items.removeSubrange(index...)
        break
      }
    }
    itemsRead += items.count
    return items
  }
}

/// The files of a folder tree, as paths relative to the root, in byte order of their UTF-8 paths
/// (the same on every machine and locale), holding one folder listing per level of depth.
///
/// Listing each folder sorted by name, with a folder's name compared as if followed by "/", visits
/// the paths in exactly the order a sort of all the paths would give. Hidden files and folders are
/// left out (as files the globs do not match are). Everything else that is not read comes out as
/// ``Entry/notRead(_:_:skipped:)`` with its reason, so a run records it: folders that cannot be
/// listed (permissions, too many open files), entries that cannot be examined (dangling or looping
/// links, names too long), names that are not UTF-8, and, as skipped, links to folders (they could
/// loop), links that lead out of the input folder, and files that are no regular files (FIFOs,
/// sockets, devices), which could block a run or never end.
final class FolderWalker {
  /// What the walk found next.
  enum Entry: Equatable {
    case file(String)
    case notRead(String, PipelineError, skipped: Bool)
  }

  private let root: String
  /// The root's real path, to tell links that stay inside the input folder.
  private let realRoot: String
  private let include: [String]
  private let exclude: [String]
  private let shard: Shard?
  private let followLinks: Bool
  /// Device and inode of the folders being walked (the root and the open ones), so that a link
  /// followed with `followLinks` never walks a folder it is already inside.
  private var openFolders: [(dev: UInt64, ino: UInt64)] = []
  /// Open folders: relative path ("" for the root), entries, next entry.
  private var stack: [(folder: String, entries: [Listed], next: Int)] = []
  /// Problems found while listing, handed out before the next entry.
  private var pending: [Entry] = []

  /// `folderProblem`: a folder not walked (a link to one), recorded whatever the globs say.
  private enum Kind { case file, folder, problem(PipelineError, skipped: Bool), folderProblem(PipelineError, skipped: Bool) }
  private struct Listed {
    var name: String
    var kind: Kind
  }

  /// - Throws: `PipelineError` (`unreadableInput`) when the root cannot be listed.
  init(root: String, include: [String], exclude: [String], shard: Shard?, followLinks: Bool = false) throws(PipelineError) {
    self.root = root
    self.include = include
    self.exclude = exclude
    self.shard = shard
    self.followLinks = followLinks
    realRoot = Self.realPath(root) ?? root
    switch list("") {
    case .success(let entries):
      stack = [("", entries, 0)]
      openFolders = [Self.identity(root)]
    case .failure(let reason):
      throw PipelineError(.unreadableInput, "cannot list folder '\(root)' (\(reason)); check its permissions")
    }
  }

  /// A folder's device and inode (following links).
  private static func identity(_ path: String) -> (dev: UInt64, ino: UInt64) {
    var status = stat()
    guard stat(path, &status) == 0 else { return (0, 0) }
    return (UInt64(status.st_dev), UInt64(status.st_ino))
  }

  /// The next matching file, or a matching entry that is not read, or `nil` at the end.
  func next() -> Entry? {
    if !pending.isEmpty { return pending.removeFirst() }
    while let top = stack.last {
      guard top.next < top.entries.count else {
        stack.removeLast()
        openFolders.removeLast()
        continue
      }
      stack[stack.count - 1].next += 1
      let entry = top.entries[top.next]
      let relative = top.folder.isEmpty ? entry.name : top.folder + "/" + entry.name
      switch entry.kind {
      case .folder:
        let identity = Self.identity((root as NSString).appendingPathComponent(relative))
        if openFolders.contains(where: { $0 == identity }) {
          guard shard?.contains(relative + "/") ?? true else { continue }
          return .notRead(
            relative + "/", PipelineError(.unreadableInput, "'\(relative)' leads back into a folder being read (a link loop); not followed"),
            skipped: true)
        }
        switch list(relative) {
        case .success(let entries):
          stack.append((relative, entries, 0))
          openFolders.append(identity)
        case .failure(let reason):
          guard shard?.contains(relative + "/") ?? true else { continue }
          // A folder's files are unknown, so the folder itself is recorded (no glob applies).
          return .notRead(relative + "/", PipelineError(.unreadableInput, "cannot list folder '\(relative)' (\(reason)); its files were not read; check its permissions"), skipped: false)
        }
        continue
      case .folderProblem(let error, let skipped):
        guard shard?.contains(relative + "/") ?? true else { continue }
        return .notRead(relative + "/", error, skipped: skipped)
      case .file, .problem:
        let matches = { (pattern: String) in Glob.matches(pattern, name: entry.name, relativePath: relative) }
        guard include.contains(where: matches), !exclude.contains(where: matches), shard?.contains(relative) ?? true else { continue }
        if case .problem(let error, let skipped) = entry.kind { return .notRead(relative, error, skipped: skipped) }
        return .file(relative)
      }
    }
    return nil
  }

  private static func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  /// Why a folder could not be listed: the system's words.
  private struct ListingFailure: Error, CustomStringConvertible {
    var reason: String
    var description: String { reason }
  }

  /// The visible entries of `relative`, classified, in walking order; or the system's reason.
  private func list(_ relative: String) -> Result<[Listed], ListingFailure> {
    let path = relative.isEmpty ? root : (root as NSString).appendingPathComponent(relative)
    guard let directory = opendir(path) else { return .failure(ListingFailure(reason: FileBytes.reason(errno))) }
    defer { closedir(directory) }
    var entries: [(listed: Listed, key: [UInt8])] = []
    while true {
      errno = 0
      guard let record = readdir(directory) else {
        if errno != 0 { return .failure(ListingFailure(reason: FileBytes.reason(errno))) }
        break
      }
      let rawName = withUnsafeBytes(of: record.pointee.d_name) { buffer in
        Array(buffer.prefix { $0 != 0 })
      }
      guard let first = rawName.first, first != 0x2E else { continue }  // hidden, ".", ".."
      guard let name = String(validating: rawName, as: UTF8.self) else {
        let shown = String(decoding: rawName, as: UTF8.self)
        let error = PipelineError(.unreadableInput, "the file name '\(shown)' is not UTF-8, so it cannot be an id in the outputs; rename it")
        entries.append((Listed(name: shown, kind: .problem(error, skipped: false)), rawName))
        continue
      }
      let full = (path as NSString).appendingPathComponent(name)
      entries.append((Listed(name: name, kind: classify(full, relative: relative.isEmpty ? name : relative + "/" + name)), rawName))
    }
    for index in entries.indices where { if case .folder = entries[index].listed.kind { return true } else { return false } }() {
      entries[index].key.append(0x2F)
    }
    entries.sort { $0.key.lexicographicallyPrecedes($1.key) }
    return .success(entries.map(\.listed))
  }

  /// What the entry at `full` is: a regular file, a real folder, or why it is not read.
  private func classify(_ full: String, relative: String) -> Kind {
    var linkStatus = stat()
    guard lstat(full, &linkStatus) == 0 else {
      return .problem(PipelineError(.unreadableInput, "cannot examine '\(relative)' (\(FileBytes.reason(errno)))"), skipped: false)
    }
    let isLink = (linkStatus.st_mode & S_IFMT) == S_IFLNK
    var status = linkStatus
    if isLink, stat(full, &status) != 0 {
      return .problem(
        PipelineError(.unreadableInput, "'\(relative)' is a symbolic link that leads nowhere (\(FileBytes.reason(errno))); fix or remove it"),
        skipped: false)
    }
    switch status.st_mode & S_IFMT {
    case S_IFDIR:
      if isLink, !followLinks {
        return .folderProblem(
          PipelineError(.unreadableInput, "'\(relative)' is a symbolic link to a folder, not followed; pass --follow-links to follow it"),
          skipped: true)
      }
      return .folder
    case S_IFREG:
      if isLink, !followLinks, let target = Self.realPath(full), !(target == realRoot || target.hasPrefix(realRoot.hasSuffix("/") ? realRoot : realRoot + "/")) {
        return .problem(
          PipelineError(.unreadableInput, "'\(relative)' is a symbolic link that leads out of the input folder (to '\(target)'); not followed (pass --follow-links to read it)"),
          skipped: true)
      }
      return .file
    default:
      return .problem(
        PipelineError(.unreadableInput, "'\(relative)' is not a regular file (a FIFO, socket or device), which could block the run; not read"),
        skipped: true)
    }
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

/// Shell-style glob matching (`*`, `?`, `[...]`) through the C library's `fnmatch`, regardless of case.
enum Glob {
  /// A pattern without `/` matches the file name; one with `/` matches the relative path.
  static func matches(_ pattern: String, name: String, relativePath: String) -> Bool {
    let subject = pattern.contains("/") ? relativePath : name
    // Regardless of case: `*.txt` reads `NOTES.TXT` too (glibc's FNM_CASEFOLD).
    return fnmatch(pattern, subject, 1 << 4) == 0
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

  init(path: String, shownAs: String? = nil) throws(PipelineError) {
    let file = try Self.openStream(path)
    self.path = shownAs ?? path
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
  /// A stream on the regular file `path` (a FIFO is refused up front rather than waited on).
  static func openStream(_ path: String) throws(PipelineError) -> UnsafeMutablePointer<FILE> {
    switch FileBytes.openRegularFile(path) {
    case .failure(.unreadable(let reason)):
      throw PipelineError(.unreadableInput, "cannot read '\(path)' (\(reason)); give a regular file, or pipe it with --jsonl")
    case .failure(.tooLarge):
      throw PipelineError(.unreadableInput, "cannot read '\(path)'")
    case .success(let descriptor):
      guard let file = fdopen(descriptor, "rb") else {
        close(descriptor)
        throw PipelineError(.unreadableInput, "cannot open '\(path)' for reading; check its permissions")
      }
      return file
    }
  }

  static func countNonEmptyLines(_ path: String) throws(PipelineError) -> Int {
    let file = try openStream(path)
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
