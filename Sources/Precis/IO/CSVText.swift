internal import Foundation

/// RFC 4180 CSV cells and rows, with spreadsheet formula injection neutralised.
package enum CSVText {
  /// One row: cells quoted where needed, joined by commas, ended by CRLF (RFC 4180).
  package static func row(_ cells: [String]) -> String {
    cells.map(cell).joined(separator: ",") + "\r\n"
  }

  /// A cell: a leading `=`, `+`, `-`, `@`, tab or CR gets a `'` in front so spreadsheets show it
  /// as text instead of running it as a formula (numbers like `-1.5` are left alone); a cell with
  /// a comma, quote or line break is quoted, inner quotes doubled.
  package static func cell(_ value: String) -> String {
    var text = value
    if let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), Double(text) == nil {
      text = "'" + text
    }
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else {
      return text
    }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
