import Foundation
import Testing
@testable import Precis

/// Input files are read whole, refused over the byte limit, and unreadable ones say why.
@Suite struct FileBytesTests {
  @Test func readsTheWholeFile() throws {
    let path = TestSupport.repository.appendingPathComponent("Corpus").path
    for name in try FileManager.default.contentsOfDirectory(atPath: path) {
      let file = path + "/" + name
      let expected = try [UInt8](Data(contentsOf: URL(fileURLWithPath: file)))
      #expect(FileBytes.read(file, maxBytes: 10_000_000) == .success(expected), "\(name)")
    }
    let empty = try TestSupport.temporaryDirectory().appendingPathComponent("empty.txt")
    try Data().write(to: empty)
    #expect(FileBytes.read(empty.path, maxBytes: 10) == .success([]))
  }

  @Test func refusesFilesOverTheLimit() throws {
    let file = try TestSupport.temporaryDirectory().appendingPathComponent("ten.txt")
    try Data("0123456789".utf8).write(to: file)
    #expect(FileBytes.read(file.path, maxBytes: 9) == .failure(.tooLarge(10)))
    #expect(FileBytes.read(file.path, maxBytes: 10) == .success(Array("0123456789".utf8)))
  }

  @Test func unreadableFilesSayWhy() throws {
    let folder = try TestSupport.temporaryDirectory()
    #expect(FileBytes.read(folder.path, maxBytes: 100) == .failure(.unreadable("Is a directory")))
    #expect(FileBytes.read(folder.path + "/missing.txt", maxBytes: 100) == .failure(.unreadable("No such file or directory")))
  }

  /// A FIFO is refused up front, never waited on: as a document (swapped in after the listing)
  /// or as the JSON-lines input itself (issue 17).
  @Test func fifosAreRefusedNotWaitedOn() throws {
    let folder = try TestSupport.temporaryDirectory()
    let fifo = folder.appendingPathComponent("feed.jsonl").path
    #expect(mkfifo(fifo, 0o644) == 0)
    #expect(FileBytes.read(fifo, maxBytes: 100) == .failure(.unreadable("not a regular file (a FIFO, socket or device), which could block the run")))
    #expect(throws: PipelineError.self) { try InputFormats.builtIn.open(path: fifo, include: ["*"], exclude: []) }
    do {
      _ = try InputFormats.builtIn.open(path: fifo, include: ["*"], exclude: [])
    } catch {
      #expect(error.code == .unreadableInput)
      #expect(error.message.contains("not a regular file"))
    }
  }
}
