/// One pass over a text's UTF-16 units that records the few positions the sentence rules look at:
/// terminators, quotation marks and brackets (with line feeds, for paragraph ends), and the
/// starts of possible list markers ("1.", "b)", "• 9.").
///
/// The rules then visit only these positions instead of scanning the text several times.
struct UnitScan {
  /// Positions of sentence terminators (Unicode Sentence_Terminal, the ellipsis, and `extra`).
  private(set) var terminators: [Int] = []
  /// Positions of quotation marks, brackets and line feeds, in order.
  private(set) var marks: [Int] = []
  /// Positions where a list marker may start, in order.
  private(set) var markerStarts: [Int] = []

  init(units: [UInt16], extraTerminators: [UInt16]) {
    Self.table.withUnsafeBufferPointer { table in
      units.withUnsafeBufferPointer { buffer in
        for index in 0..<buffer.count {
          let flags = table[Int(buffer[index])]
          if flags == 0 { continue }
          if flags & Self.terminator != 0 { terminators.append(index) }
          if flags & Self.mark != 0 { marks.append(index) }
          if flags & Self.extra != 0, extraTerminators.contains(buffer[index]) { terminators.append(index) }
        }
        // A marker ends with "." (a terminator) or ")" (a mark).
        var previous = -1
        for end in Self.merged(terminators, marks) where buffer[end] == TextUnits.period || buffer[end] == 0x29 {
          if let start = ListMarkers.markerStart(buffer, endingAt: end), start > previous {
            markerStarts.append(start)
            previous = start
          }
        }
      }
    }
  }

  /// The positions of two sorted lists, in order.
  static func merged(_ a: [Int], _ b: [Int]) -> [Int] {
    var result: [Int] = []
    result.reserveCapacity(a.count + b.count)
    var i = 0, j = 0
    while i < a.count || j < b.count {
      if j == b.count || i < a.count && a[i] <= b[j] {
        result.append(a[i])
        i += 1
      } else {
        result.append(b[j])
        j += 1
      }
    }
    return result
  }

  static let terminator: UInt8 = 1
  static let mark: UInt8 = 2
  /// Characters some language treats as a terminator (":", ";", "،", "։"): the union of every
  /// language's `extraTerminators`, so the scan sees them whatever the language.
  static let extra: UInt8 = 4

  /// Flags for every code unit of the Basic Multilingual Plane, built once.
  static let table: [UInt8] = {
    // From the few units that have a flag, not a property lookup per unit: this runs in every
    // process that splits sentences.
    var table = [UInt8](repeating: 0, count: 0x10000)
    for unit in ScalarBits.sentenceTerminal.bmpValues() { table[Int(unit)] |= terminator }
    for unit in EmbeddedQuotations.markCandidates.joined() where EmbeddedQuotations.mayBeQuotationMark(unit) { table[Int(unit)] |= mark }
    for unit in SentenceLanguageData.extraTerminatorUnits { table[Int(unit)] |= extra }
    return table
  }()
}
