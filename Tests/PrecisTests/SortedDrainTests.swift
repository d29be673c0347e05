import Foundation
import Testing
@testable import Precis

/// The heap the keyword stage ranks candidates with gives them in exactly the order a full sort does.
@Suite struct SortedDrainTests {
  /// Words of a real article with their lengths and first positions: many ties on length, broken by position.
  static func words() throws -> [(length: Int, order: Int)] {
    let text = try String(
      contentsOf: TestSupport.repository.appendingPathComponent("Corpus/000_05597add93c0269f.txt"), encoding: .utf8)
    return text.split(whereSeparator: \.isWhitespace).enumerated().map { ($1.count, $0) }
  }

  @Test func drainsInTheOrderOfAFullSort() throws {
    let words = try Self.words()
    let precedes = { (a: (length: Int, order: Int), b: (length: Int, order: Int)) in
      a.length > b.length || (a.length == b.length && a.order < b.order)
    }
    var drain = SortedDrain(words, by: precedes)
    var drained: [Int] = []
    while let next = drain.next() { drained.append(next.order) }
    #expect(words.count > 400)
    #expect(drained == words.sorted(by: precedes).map(\.order))
  }

  @Test func takesOnlyWhatIsAskedAndEndsWithNil() {
    var drain = SortedDrain([5, 3, 9, 1], by: <)
    #expect(drain.next() == 1)
    #expect(drain.next() == 3)
    #expect(drain.next() == 5)
    #expect(drain.next() == 9)
    #expect(drain.next() == nil)
    var empty = SortedDrain([Int](), by: <)
    #expect(empty.next() == nil)
  }
}
