/// RFC 4180 CSV cells and rows, with spreadsheet formula injection neutralised, made on UTF-8
/// bytes (the characters that matter are all ASCII, so no grapheme breaking is needed).
package enum CSVText {
  /// One row: cells quoted where needed, joined by commas, ended by CRLF (RFC 4180).
  package static func row(_ cells: [String]) -> [UInt8] {
    var guarded = 0
    return row(cells, guards: true, guarded: &guarded)
  }

  /// One row, with the formula guard (`guards`) or without; `guarded` counts the cells it changed.
  package static func row(_ cells: [String], guards: Bool, guarded: inout Int) -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(cells.reduce(2) { $0 + $1.utf8.count + 3 })
    for (index, cell) in cells.enumerated() {
      if index > 0 { bytes.append(0x2C) }
      if append(cell, to: &bytes, guards: guards) { guarded += 1 }
    }
    bytes += [0x0D, 0x0A]
    return bytes
  }

  /// A cell as text (see ``append(_:to:)``).
  package static func cell(_ value: String) -> String {
    var bytes: [UInt8] = []
    append(value, to: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Appends a cell: a leading `=`, `+`, `-`, `@`, tab or CR gets a `'` in front so spreadsheets
  /// show it as text instead of running it as a formula (numbers like `-1.5` are left alone); a
  /// cell with a comma, quote, line feed or carriage return is quoted, every inner quote doubled.
  /// - Returns: whether the guard changed the cell.
  @discardableResult
  package static func append(_ value: String, to bytes: inout [UInt8], guards: Bool = true) -> Bool {
    let guarded = guards && value.utf8.first.map { [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D].contains($0) } == true && Double(value) == nil
    var value = value
    value.withUTF8 { utf8 in
      let quoted = utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
      if quoted { bytes.append(0x22) }
      if guarded { bytes.append(0x27) }
      if quoted {
        for byte in utf8 {
          bytes.append(byte)
          if byte == 0x22 { bytes.append(0x22) }
        }
        bytes.append(0x22)
      } else {
        bytes += utf8
      }
    }
    return guarded
  }
}
