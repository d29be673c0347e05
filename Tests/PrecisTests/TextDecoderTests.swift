import Foundation
import Testing
@testable import Precis

/// Input bytes become text: BOMs, UTF-8, detected legacy charsets, line ends; binary is refused.
@Suite struct TextDecoderTests {
  @Test func latin1FileIsDetectedAndConverted() throws {
    let bytes = [UInt8](try Data(contentsOf: TestSupport.fixtures.appendingPathComponent("mixed/b-latin1.txt")))
    let decoded = try TextDecoder.decode(bytes)
    #expect(decoded.encoding == "ISO-8859-1")
    #expect(decoded.detected)
    #expect(decoded.text.hasPrefix("Le café de la gare a rouvert ses portes mardi. Les habitués sont revenus dès"))
  }

  @Test func utf16WithBOM() throws {
    let bytes: [UInt8] = [0xFF, 0xFE] + "Größe\r\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    let decoded = try TextDecoder.decode(bytes)
    #expect(decoded == .init(text: "Größe\n", encoding: "UTF-16LE", detected: false))
  }

  @Test func utf8BOMIsDropped() throws {
    #expect(try TextDecoder.decode([0xEF, 0xBB, 0xBF] + Array("Ja".utf8)).text == "Ja")
  }

  @Test func binaryDataIsRefused() throws {
    let bytes = [UInt8](try Data(contentsOf: TestSupport.fixtures.appendingPathComponent("mixed/c-binary.txt")))
    #expect(throws: PipelineError(.binaryInput, "the file holds NUL bytes, so it is binary data, not text; exclude it from the input")) {
      try TextDecoder.decode(bytes)
    }
  }

  /// A stray byte in a UTF-8 text is replaced and counted; the text is not re-read as Latin-1 (issue 17).
  @Test func utf8WithAStrayByteStaysUTF8() throws {
    let bytes = Array("La grève a commencé mardi, ".utf8) + [0xFF] + Array(" hier.\n".utf8)
    let decoded = try TextDecoder.decode(bytes)
    #expect(decoded == .init(text: "La grève a commencé mardi, \u{FFFD} hier.\n", encoding: "UTF-8", detected: false, replacedBytes: 1))
    // Latin-1 has no valid multi-byte sequences: it is still detected as Latin-1.
    let latin1: [UInt8] = Array("Le caf".utf8) + [0xE9] + Array(" de la gare a rouvert mardi. Les habitu".utf8) + [0xE9, 0x73]
      + Array(" sont revenus d".utf8) + [0xE8] + Array("s l'aube, et le patron les a accueillis.".utf8)
    #expect(try TextDecoder.decode(latin1).encoding != "UTF-8")
  }

  /// UTF-16 without a byte-order mark is read from its byte pattern: ASCII zeros in the high byte,
  /// or (Japanese, no ASCII at all) few distinct high bytes (issue 17).
  @Test(arguments: [
    ("Größe und Gewicht der Pakete, 2024.\n", true),
    ("Größe und Gewicht der Pakete, 2024.\n", false),
    ("東京都の新しい予算案は、火曜日の夜に市議会で承認された。台風の影響で、首都圏の鉄道は朝から運転を見合わせている。"
      + "政府は来年度から子育て支援の給付金を増やす方針を固めた。図書館の開館時間が延長され、学生や会社員に喜ばれている。", true),
    (String(repeating: "Городской совет утвердил новый бюджет.", count: 3), false),
  ])
  func utf16WithoutBOM(text: String, littleEndian: Bool) throws {
    let bytes = text.utf16.flatMap { littleEndian ? [UInt8($0 & 0xFF), UInt8($0 >> 8)] : [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    let decoded = try TextDecoder.decode(bytes)
    #expect(decoded == .init(text: text, encoding: littleEndian ? "UTF-16LE" : "UTF-16BE", detected: true))
  }

  @Test(arguments: [("a\r\nb\rc\n", "a\nb\nc\n"), ("\r\n\r\n", "\n\n"), ("no breaks", "no breaks")])
  func lineEndsBecomeLF(input: String, expected: String) {
    #expect(TextDecoder.unifyLineEnds(input) == expected)
  }
}
