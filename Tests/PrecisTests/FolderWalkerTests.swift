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
    while let path = walker.next() { walked.append(path) }
    let visible = files.filter { !$0.hasPrefix(".") && !$0.contains("/.") }
    #expect(walked == visible.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    let reader = try InputFormats.builtIn.open(path: root.path, include: ["*.txt"], exclude: ["b/*"])
    #expect(reader.count == 5)
    #expect(reader.next(10).map(\.source) == ["a-c/x.txt", "a/q.txt", "b-a.txt", "b.txt", "é.txt"].map { root.appendingPathComponent($0).path })
  }
}
