internal import Foundation

/// A CSV (RFC 4180: quoted fields may hold commas, quotes doubled, line breaks) or TSV file with a
/// header row: one document per row, its text and id from the columns ``InputFields`` names, every
/// other column kept as metadata. Read in blocks, one record at a time, so memory does not grow
/// with the file. Fields are UTF-8 (a byte that is not becomes U+FFFD).
final class DelimitedFileSource: InputSource {
  var count: Int? { nil }
  private let reader: DelimitedRecordReader
  private let name: String
  private let header: [String]
  private let textColumn: Int
  private let idColumn: Int?

  /// - Throws: `PipelineError`: `unreadableInput` when the file cannot be read, `invalidConfig`
  ///   when its header has no column of the text's name (naming the columns it has).
  init(path: String, separator: UInt8, fields: InputFields) throws(PipelineError) {
    reader = try DelimitedRecordReader(path: path, separator: separator)
    name = (path as NSString).lastPathComponent
    guard let first = reader.next() else {
      throw PipelineError(.invalidConfig, "\(name) is empty; a CSV or TSV input needs a header row naming its columns")
    }
    header = first.fields.map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespaces) }
    guard let text = header.firstIndex(of: fields.text) else {
      throw PipelineError(
        .invalidConfig,
        "\(name) has no column \"\(fields.text)\" (its columns: \(header.prefix(12).joined(separator: ", "))); name the text's column with --text-field (or `text-field:` in the pipeline)")
    }
    textColumn = text
    idColumn = header.firstIndex(of: fields.id)
  }

  var metadataColumns: [String] {
    header.enumerated().filter { $0.offset != textColumn && $0.offset != idColumn }.map(\.element)
  }

  func next(_ limit: Int) -> [InputItem] {
    var items: [InputItem] = []
    while items.count < limit, let record = reader.next() {
      let source = "\(name):\(record.line)"
      let (header, textColumn, idColumn, row) = (header, textColumn, idColumn, reader.records)
      let cells = record.fields
      let bytes = cells.reduce(0) { $0 + $1.count }
      items.append(
        InputItem(source: source, byteCount: bytes) { maxBytes in
          let id = idColumn.flatMap { $0 < cells.count ? String(decoding: cells[$0], as: UTF8.self) : nil } ?? "row-\(row - 1)"
          guard cells.count == header.count else {
            return .failed(
              id: id,
              error: PipelineError(
                .invalidInputLine, "line \(record.line): the row has \(cells.count) fields, the header \(header.count); quote fields that hold the separator"),
              skipped: false)
          }
          if cells[textColumn].count > maxBytes {
            return .failed(id: id, error: DocumentLoader.tooLarge(cells[textColumn].count, maxBytes: maxBytes), skipped: true)
          }
          var metadata: [String: JSONValue] = [:]
          for (index, column) in header.enumerated() where index != textColumn && index != idColumn {
            metadata[column] = .string(String(decoding: cells[index], as: UTF8.self))
          }
          let text = TextDecoder.unifyLineEnds(String(decoding: cells[textColumn], as: UTF8.self))
          return .document(Document(id: id, source: source, text: text, metadata: metadata))
        })
    }
    return items
  }
}

/// Splits a delimited file into records of fields, in blocks of 1 MB.
final class DelimitedRecordReader {
  private let file: UnsafeMutablePointer<FILE>
  private let separator: UInt8
  /// Quotes group fields in CSV; in TSV a quote is an ordinary character.
  private let quotes: Bool
  private var buffer = [UInt8](repeating: 0, count: 1 << 20)
  private var filled = 0
  private var position = 0
  private var line = 1
  /// Records read so far (the header included).
  private(set) var records = 0

  init(path: String, separator: UInt8) throws(PipelineError) {
    file = try LineReader.openStream(path)
    self.separator = separator
    quotes = separator == UInt8(ascii: ",")
  }

  deinit { fclose(file) }

  private func nextByte() -> UInt8? {
    if position == filled, !refill() { return nil }
    defer { position += 1 }
    return buffer[position]
  }

  /// The next record that is not blank, with the line it starts on; `nil` at the end.
  func next() -> (fields: [[UInt8]], line: Int)? {
    while true {
      var fields: [[UInt8]] = []
      var field: [UInt8] = []
      var quoted = false
      var started = false
      let start = line
      var ended = false
      while let byte = nextByte() {
        started = true
        if quoted {
          if byte == UInt8(ascii: "\"") {
            // A doubled quote is one quote; a single one ends the quoted part.
            if position < filled || refill() {
              if buffer[position] == UInt8(ascii: "\"") {
                position += 1
                field.append(byte)
                continue
              }
            }
            quoted = false
          } else {
            if byte == 10 { line += 1 }
            field.append(byte)
          }
          continue
        }
        if byte == UInt8(ascii: "\"") && quotes && field.isEmpty {
          quoted = true
        } else if byte == separator {
          fields.append(field)
          field = []
        } else if byte == 10 {
          line += 1
          ended = true
          break
        } else if byte != 13 {
          field.append(byte)
        }
      }
      guard started else { return nil }
      fields.append(field)
      if fields.count == 1 && fields[0].isEmpty {
        if ended { continue }
        return nil
      }
      records += 1
      return (fields, start)
    }
  }

  /// Reads the next block into the buffer (once it is spent); false at the end of the file.
  private func refill() -> Bool {
    filled = buffer.withUnsafeMutableBytes { fread($0.baseAddress, 1, $0.count, file) }
    position = 0
    return filled > 0
  }
}

/// A `.json` file holding an array of objects (one document each, as JSON lines are read), or
/// objects one per line. The file is read whole; each element is parsed on a worker.
final class JSONArraySource: InputSource {
  let count: Int?
  private let bytes: [UInt8]
  private var ranges: [Range<Int>]
  private var next = 0
  private let name: String
  private let fields: InputFields

  /// - Throws: `PipelineError` (`unreadableInput`, `invalidConfig`) when the file cannot be read or
  ///   is not an array of objects.
  init(path: String, fields: InputFields) throws(PipelineError) {
    name = (path as NSString).lastPathComponent
    self.fields = fields
    switch FileBytes.read(path, maxBytes: Int.max) {
    case .success(let data): bytes = data
    case .failure(.unreadable(let reason)):
      throw PipelineError(.unreadableInput, "cannot read '\(path)' (\(reason)); check its permissions")
    case .failure(.tooLarge(let size)):
      throw PipelineError(.unreadableInput, "cannot read '\(path)' (\(size) bytes)")
    }
    guard let ranges = Self.elements(of: bytes) else {
      throw PipelineError(
        .invalidConfig,
        "\(name) is not a JSON array of objects; give [{\"id\": ..., \"text\": ...}, ...], or one object per line in a .jsonl file")
    }
    self.ranges = ranges
    count = ranges.count
  }

  func next(_ limit: Int) -> [InputItem] {
    var items: [InputItem] = []
    while items.count < limit, next < ranges.count {
      let element = Array(bytes[ranges[next]])
      next += 1
      items.append(DocumentLoader.lineItem(element, line: next, source: "\(name):\(next)", fields: fields))
    }
    return items
  }

  /// The byte ranges of the top-level elements of the JSON array `bytes` holds (a leading BOM and
  /// white space allowed), or `nil` when it is not an array.
  static func elements(of bytes: [UInt8]) -> [Range<Int>]? {
    var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    func isSpace(_ byte: UInt8) -> Bool { byte == 32 || byte == 9 || byte == 10 || byte == 13 }
    while index < bytes.count, isSpace(bytes[index]) { index += 1 }
    guard index < bytes.count, bytes[index] == UInt8(ascii: "[") else { return nil }
    index += 1
    var ranges: [Range<Int>] = []
    var depth = 0
    var inString = false
    var escaped = false
    var start: Int?
    while index < bytes.count {
      let byte = bytes[index]
      if inString {
        if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
      } else if byte == UInt8(ascii: "\"") {
        inString = true
        if start == nil { start = index }
      } else if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
        if start == nil { start = index }
        depth += 1
      } else if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
        if depth == 0 {  // the array's own end
          if let start { ranges.append(start..<index) }
          return ranges.map { range in
            var end = range.upperBound
            while end > range.lowerBound, isSpace(bytes[end - 1]) { end -= 1 }
            return range.lowerBound..<end
          }
        }
        depth -= 1
      } else if byte == UInt8(ascii: ","), depth == 0 {
        if let start { ranges.append(start..<index) }
        start = nil
      } else if !isSpace(byte), start == nil {
        start = index
      }
      index += 1
    }
    return nil
  }
}
