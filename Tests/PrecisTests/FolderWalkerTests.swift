import Foundation
import Testing
@testable import Precis

/// Folders are read one listing at a time, in the order a byte sort of all the paths gives.
@Suite struct FolderWalkerTests {
  @Test func walkOrderEqualsSortingEveryPath() throws {
    let root = try TestSupport.temporaryDirectory()
    // "a-c" sorts before "a/..." ('-' < '/'), and "b.txt" before "b/...": a walk that sorted plain
    // names would get both wrong.
    let files = ["a-c/x.txt", "a/q.txt", "b-a.txt", "b.txt", "b/c/y.txt", "b/z.txt", "é.txt", ".hidden/h.txt", "b/.h.txt"]
    for file in files {
      let url = root.appendingPathComponent(file)
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data("Text.".utf8).write(to: url)
    }
    try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("loop"), withDestinationURL: root)
    let walker = try FolderWalker(root: root.path, include: ["*.txt"], exclude: [], shard: nil)
    var walked: [String] = []
    while let entry = walker.next() {
      if case .file(let path) = entry { walked.append(path) }
    }
    let visible = files.filter { !$0.hasPrefix(".") && !$0.contains("/.") }
    #expect(walked == visible.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    let reader = try InputFormats.builtIn.open(path: root.path, include: ["*.txt"], exclude: ["b/*"])
    #expect(reader.count == 6)
    let items = reader.next(10)
    // Sources name the input folder and the path in it, the same on every machine.
    #expect(items.map(\.source) == ["a-c/x.txt", "a/q.txt", "b-a.txt", "b.txt", "loop/", "é.txt"].map { root.lastPathComponent + "/" + $0 })
    // The link to a folder is not followed, and says so.
    guard case .failed(let id, let error, let skipped) = items[4].load(maxBytes: 100) else {
      Issue.record("the link to a folder was read")
      return
    }
    #expect(id == "loop/" && skipped && error.message.contains("symbolic link to a folder"))
  }

  /// Every entry that is not read is recorded with its reason (issue 17): a dangling link, a link
  /// out of the input folder, a FIFO (which would block the run), a name that is not UTF-8, and a
  /// folder that cannot be listed.
  @Test func entriesThatAreNotReadAreRecorded() throws {
    let root = try TestSupport.temporaryDirectory()
    let outside = try TestSupport.temporaryDirectory()
    try Data("Secret.".utf8).write(to: outside.appendingPathComponent("secret.txt"))
    try Data("Text.".utf8).write(to: root.appendingPathComponent("a.txt"))
    try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("b-dangling.txt").path, withDestinationPath: "nowhere.txt")
    try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("c-out.txt").path, withDestinationPath: outside.appendingPathComponent("secret.txt").path)
    try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("d-in.txt").path, withDestinationPath: "a.txt")
    #expect(mkfifo(root.appendingPathComponent("e-fifo.txt").path, 0o644) == 0)
    let badName = Array(root.path.utf8) + Array("/f-\u{FF}".utf8.prefix(3)) + [0xFF] + Array(".txt".utf8) + [0]
    let descriptor = badName.withUnsafeBufferPointer { open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_CREAT | O_WRONLY, 0o644) }
    #expect(descriptor >= 0)
    close(descriptor)
    let walker = try FolderWalker(root: root.path, include: ["*.txt"], exclude: [], shard: nil)
    var entries: [FolderWalker.Entry] = []
    while let entry = walker.next() { entries.append(entry) }
    #expect(entries.count == 6)
    #expect(entries[0] == .file("a.txt"))
    #expect(entries[3] == .file("d-in.txt"))
    func reason(_ index: Int) -> (String, String, Bool)? {
      guard case .notRead(let id, let error, let skipped) = entries[index] else { return nil }
      return (id, error.message, skipped)
    }
    #expect(reason(1).map { $0.0 == "b-dangling.txt" && $0.1.contains("leads nowhere") && !$0.2 } == true)
    #expect(reason(2).map { $0.0 == "c-out.txt" && $0.1.contains("leads out of the input folder") && $0.2 } == true)
    #expect(reason(4).map { $0.0 == "e-fifo.txt" && $0.1.contains("not a regular file") && $0.2 } == true)
    #expect(reason(5).map { $0.0.hasPrefix("f-") && $0.1.contains("not UTF-8") && !$0.2 } == true)
    // A run records them and exits 1 (tested through the runner: every entry becomes a record).
    let reader = try InputFormats.builtIn.open(path: root.path, include: ["*.txt"], exclude: [])
    #expect(reader.count == 6)
    let loads = reader.next(10).map { $0.load(maxBytes: 1_000) }
    let failed = loads.filter { if case .failed = $0 { return true } else { return false } }
    #expect(failed.count == 4)
  }

  /// With `followLinks`, links out of the folder and links to folders are followed; a link back
  /// into a folder being walked is recorded, not looped through.
  @Test func followingLinksDetectsLoops() throws {
    let root = try TestSupport.temporaryDirectory()
    let outside = try TestSupport.temporaryDirectory()
    try Data("Out.".utf8).write(to: outside.appendingPathComponent("o.txt"))
    try Data("In.".utf8).write(to: root.appendingPathComponent("a.txt"))
    try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("b-out").path, withDestinationPath: outside.path)
    try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("c-file.txt").path, withDestinationPath: outside.appendingPathComponent("o.txt").path)
    try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("d-loop").path, withDestinationPath: root.path)
    let walker = try FolderWalker(root: root.path, include: ["*.txt"], exclude: [], shard: nil, followLinks: true)
    var entries: [FolderWalker.Entry] = []
    while let entry = walker.next() { entries.append(entry) }
    #expect(entries.count == 4)
    #expect(entries[0] == .file("a.txt"))
    #expect(entries[1] == .file("b-out/o.txt"))
    #expect(entries[2] == .file("c-file.txt"))
    guard case .notRead(let id, let error, let skipped) = entries[3] else {
      Issue.record("the loop was walked")
      return
    }
    #expect(id == "d-loop/" && skipped && error.message.contains("link loop"))
  }

  /// A folder that cannot be listed is one record (its files are unknown), not a silent gap. The
  /// folder goes away after its parent was listed, which fails its listing as root too (a
  /// `chmod 000` would not stop root).
  @Test func unlistableFolderIsRecorded() throws {
    let root = try TestSupport.temporaryDirectory()
    let gone = root.appendingPathComponent("gone")
    try FileManager.default.createDirectory(at: gone, withIntermediateDirectories: true)
    try Data("Text.".utf8).write(to: gone.appendingPathComponent("x.txt"))
    try Data("Text.".utf8).write(to: root.appendingPathComponent("z.txt"))
    let walker = try FolderWalker(root: root.path, include: ["*.txt"], exclude: [], shard: nil)
    try FileManager.default.removeItem(at: gone)
    guard case .notRead(let id, let error, let skipped) = walker.next() else {
      Issue.record("the folder that could not be listed was not recorded")
      return
    }
    #expect(id == "gone/" && !skipped && error.message.contains("cannot list folder 'gone' (No such file or directory)"))
    #expect(walker.next() == .file("z.txt"))
    #expect(walker.next() == nil)
  }
}
