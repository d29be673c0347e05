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

  @Test(arguments: [("a\r\nb\rc\n", "a\nb\nc\n"), ("\r\n\r\n", "\n\n"), ("no breaks", "no breaks")])
  func lineEndsBecomeLF(input: String, expected: String) {
    #expect(TextDecoder.unifyLineEnds(input) == expected)
  }
}
