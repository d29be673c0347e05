/// The `layout` stage: finds a news document's dateline, headline and trailing boilerplate.
///
/// The dateline is a short leading line that ICU reads as a date (in the document's language when
/// known, else in a list of locales); the headline is a short leading line of its own (bullets
/// stripped); the trailer is the run of short closing lines such as "Tags", share prompts or
/// copyright notes. Everything between is the body, which ``Document/bodySentences`` keeps.
public struct LayoutStage: Stage {
  public static let kind = "layout"
  public static let summary = "News layout: dateline (as ISO 8601), headline, trailing boilerplate, body range"
  public static let options: [OptionSpec] = [
    OptionSpec("max-headline-words", .integer(range: 1...100), default: .integer(30), help: "longest headline, in words")
  ]

  let maxHeadlineWords: Int
  public var uses: Set<OutputKey> { [.normalizedText, .language] }
  public var provides: Set<OutputKey> { [.layout] }
  public var csvColumns: [CSVColumn] { [.named("title"), .named("date")] }

  /// Creates the stage from checked options (`max-headline-words`).
  public init(options: StageOptions) throws {
    maxHeadlineWords = options.integer("max-headline-words", defaultFrom: Self.options)
  }

  public func process(_ document: Document, context: StageContext) throws -> any StageOutput {
    analyze(document.currentText, language: document.languageCode)
  }

  /// The layout of `text`.
  /// - Complexity: O(n) in the text length.
  public func analyze(_ text: String, language: String? = nil) -> DocumentLayout {
    let lines = Line.split(text)
    var layout = DocumentLayout(bodyStart: 0, bodyEnd: text.scalarCount)
    var bodyStartLine = 0
    var examined = 0
    for (index, line) in lines.enumerated() where examined < 4 {
      if line.text.isEmpty { continue }
      examined += 1
      if layout.date == nil, let date = dateline(line.text, language: language) {
        layout.date = date
        layout.dateline = line.text
        bodyStartLine = index + 1
      } else if layout.title == nil, isHeadline(line.text), standsAlone(lines, index) {
        let title = stripBullet(line.text)
        layout.title = title
        let end = line.start + line.text.scalarCount
        layout.titleRange = (end - title.scalarCount)..<end
        bodyStartLine = index + 1
      } else {
        break
      }
    }
    var bodyEndLine = lines.count
    for index in lines.indices.reversed() where index >= bodyStartLine {
      let line = lines[index].text
      if line.isEmpty { continue }
      guard isTrailer(line) else { break }
      layout.trailer.insert(line, at: 0)
      bodyEndLine = index
    }
    let body = lines[bodyStartLine..<max(bodyStartLine, bodyEndLine)].filter { !$0.text.isEmpty }
    layout.bodyStart = body.first?.start ?? layout.bodyEnd
    layout.bodyEnd = body.last.map { $0.start + $0.text.scalarCount } ?? layout.bodyStart
    return layout
  }

  func dateline(_ line: String, language: String?) -> String? {
    // Every dateline pattern has a four-digit year (1000-9999) and a day apart from it, in ASCII
    // digits: a line without both cannot parse, so ICU (hundreds of pattern tries) is not asked.
    guard line.utf8.count <= 320, Self.mayHoldDate(line), line.count <= 80 else { return nil }
    return ICU.parseDate(line, preferredLocale: language)
  }

  /// Whether `line` holds four ASCII digits in a row and another run of digits.
  static func mayHoldDate(_ line: String) -> Bool {
    var run = 0, runs = 0, longest = 0
    for byte in line.utf8 {
      if (0x30...0x39).contains(byte) {
        if run == 0 { runs += 1 }
        run += 1
        longest = max(longest, run)
      } else {
        run = 0
      }
    }
    return longest >= 4 && runs >= 2
  }

  func isHeadline(_ line: String) -> Bool {
    let words = line.split(whereSeparator: \.isWhitespace).count
    guard line.count <= 250, words <= maxHeadlineWords, line.contains(where: \.isLetter) else { return false }
    return !(line.hasSuffix(".") && !line.hasSuffix("..."))
  }

  /// A headline is a line of its own: a blank line or the end of the header follows it.
  func standsAlone(_ lines: [Line], _ index: Int) -> Bool {
    index + 1 >= lines.count || lines[index + 1].text.isEmpty || dateline(lines[index + 1].text, language: nil) != nil
  }

  func stripBullet(_ line: String) -> String {
    let bullets: Set<Character> = ["•", "·", "‣", "◦", "▪", "■", "►", "▶", "-", "–", "—", "*", ">"]
    return String(line.drop { bullets.contains($0) || $0.isWhitespace })
  }

  /// Closing boilerplate: tag lists, share prompts, copyright and source notes, hashtags.
  func isTrailer(_ line: String) -> Bool {
    guard line.count <= 120 else { return false }
    let folded = line.lowercased()
    if Self.trailerPrefixes.contains(where: { folded.hasPrefix($0) }) { return true }
    let words = folded.split(whereSeparator: \.isWhitespace)
    return !words.isEmpty && words.allSatisfy { $0.hasPrefix("#") || $0.hasPrefix("@") || $0.hasPrefix("http") }
  }

  static let trailerPrefixes = [
    "tags", "tag:", "schlagwörter", "schlagworte", "stichwörter", "themen:", "mots-clés", "étiquettes",
    "etiquetas", "temas:", "argomenti", "tagi:", "теги", "метки", "share", "teilen", "partager", "compartir",
    "condividi", "compartilhar", "delen", "udostępnij", "поделиться", "related", "mehr zum thema",
    "read more", "read also", "lesen sie auch", "weiterlesen", "lire aussi", "à lire aussi", "leer más",
    "lea también", "leggi anche", "leia também", "читайте также", "copyright", "©", "(c) ", "all rights reserved",
    "alle rechte vorbehalten", "tous droits réservés", "todos los derechos", "follow us", "folgen sie uns",
    "suivez-nous", "síguenos", "advertisement", "anzeige", "werbung", "publicité", "publicidad", "newsletter",
    "source:", "quelle:", "fuente:", "fonte:", "bron:", "источник:", "photo:", "foto:", "bild:", "image:",
  ]

  /// A line of the text with the code-point offset where it starts.
  struct Line {
    var start: Int
    var text: String

    /// The lines of `text`, each trimmed of surrounding spaces (offsets point at the trimmed text).
    static func split(_ text: String) -> [Line] {
      // Split on the UTF-8 bytes: a line feed is always its own character (grapheme breaks
      // around controls), so this is the same split as on characters, without grapheme breaking.
      // The line feeds are found in one pass over the contiguous bytes (the generic `split` of
      // the UTF-8 view cost 36 instructions a byte).
      var ends: [Int] = []
      var contiguous = text
      contiguous.withUTF8 { bytes in
        for index in bytes.indices where bytes[index] == 0x0A { ends.append(index) }
        ends.append(bytes.count)
      }
      let utf8 = text.utf8
      var lines: [Line] = []
      lines.reserveCapacity(ends.count)
      var offset = 0
      var lineStart = utf8.startIndex
      for end in ends {
        let lineEnd = utf8.index(utf8.startIndex, offsetBy: end)
        let raw = Substring(utf8[lineStart..<lineEnd])
        let leading = raw.unicodeScalars.prefix(while: ScalarBits.whitespace.contains).count
        let trimmed = raw.trimmingWhitespace()
        lines.append(Line(start: offset + leading, text: trimmed))
        offset += raw.scalarCount + 1
        lineStart = lineEnd == utf8.endIndex ? lineEnd : utf8.index(after: lineEnd)
      }
      return lines
    }
  }
}

/// The `layout` stage's output. Offsets count code points of the text the stage read.
public struct DocumentLayout: StageOutput, Codable, Equatable {
  /// The headline, bullets stripped.
  public var title: String?
  /// Where the headline (as ``title`` has it) lies in the text, in code points.
  public var titleRange: Range<Int>?
  /// The dateline as ISO 8601 (with the zone offset when the line names a zone).
  public var date: String?
  /// The dateline as written.
  public var dateline: String?
  /// Closing boilerplate lines, in order.
  public var trailer: [String] = []
  /// Where the body starts and ends.
  public var bodyStart: Int
  public var bodyEnd: Int

  public var csvCells: [String: String] { ["title": title ?? "", "date": date ?? ""] }
}

extension DocumentLayout: JSONWriting {
  package func writeJSON(into bytes: inout [UInt8]) {
    JSONText.appendKey("body", first: true, to: &bytes)
    JSONText.appendField("end", bodyEnd, first: true, to: &bytes)
    JSONText.appendField("start", bodyStart, to: &bytes)
    bytes.append(UInt8(ascii: "}"))
    JSONText.appendField("date", date, to: &bytes)
    JSONText.appendField("dateline", dateline, to: &bytes)
    JSONText.appendField("title", title, to: &bytes)
    JSONText.appendKey("trailer", to: &bytes)
    JSONText.appendArray(trailer, to: &bytes) { (line, bytes: inout [UInt8]) in JSONText.appendString(line, to: &bytes) }
    bytes.append(UInt8(ascii: "}"))
  }
}

extension Substring {
  fileprivate func trimmingWhitespace() -> String {
    let scalars = unicodeScalars
    guard let first = scalars.firstIndex(where: { !ScalarBits.whitespace.contains($0) }),
      let last = scalars.lastIndex(where: { !ScalarBits.whitespace.contains($0) })
    else { return "" }
    return String(scalars[first...last])
  }
}
