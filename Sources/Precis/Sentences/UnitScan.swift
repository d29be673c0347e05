/// One pass over a text's UTF-16 units that records the few positions the sentence rules look at:
/// terminators, quotation marks and brackets (with line feeds, for paragraph ends), and the
/// starts of words that could be list markers.
///
/// The rules then visit only these positions instead of scanning the text three times.
struct UnitScan {
  /// Positions of sentence terminators (Unicode Sentence_Terminal, the ellipsis, and `extra`).
  private(set) var terminators: [Int] = []
  /// Positions of quotation marks, brackets and line feeds, in order.
  private(set) var marks: [Int] = []
  /// Positions that start a word with a bullet, an ASCII digit or a lowercase ASCII letter.
  private(set) var markerStarts: [Int] = []

  init(units: [UInt16], extraTerminators: [UInt16]) {
    Self.table.withUnsafeBufferPointer { table in
    units.withUnsafeBufferPointer { buffer in
      let count = buffer.count
      if count > 0, ListMarkers.mayStartMarker(buffer[0]) { markerStarts.append(0) }
      for index in 0..<count {
        let flags = table[Int(buffer[index])]
        if flags == 0 { continue }
        if flags & Self.terminator != 0 { terminators.append(index) }
        if flags & Self.mark != 0 { marks.append(index) }
        if flags & Self.whitespace != 0, index + 1 < count, ListMarkers.mayStartMarker(buffer[index + 1]) {
          markerStarts.append(index + 1)
        }
        if flags & Self.extra != 0, extraTerminators.contains(buffer[index]) { terminators.append(index) }
      }
    }
    }
  }

  static let terminator: UInt8 = 1
  static let mark: UInt8 = 2
  static let whitespace: UInt8 = 4
  /// Characters some language treats as a terminator (":", ";", "،", "։").
  static let extra: UInt8 = 8

  /// Flags for every code unit of the Basic Multilingual Plane, built once.
  static let table: [UInt8] = {
    var table = [UInt8](repeating: 0, count: 0x10000)
    for value in 0...0xFFFF {
      let unit = UInt16(value)
      var flags: UInt8 = 0
      if TextUnits.isTerminator(unit) { flags |= terminator }
      if EmbeddedQuotations.mayBeQuotationMark(unit) { flags |= mark }
      if TextUnits.isWhitespace(unit) { flags |= whitespace }
      if unit == 0x3A || unit == 0x3B || unit == 0x060C || unit == 0x0589 { flags |= extra }
      table[value] = flags
    }
    return table
  }()
}
