import Foundation
import Testing
@testable import Precis

/// `TextUnits.string` makes the same strings as the standard library's UTF-16 decoding, and
/// `utf8Precedes` orders NFC strings as `<` does, and `hasSameUTF8` tells spellings apart.
@Suite struct TextUnitsTests {
  @Test func transcodingMatchesTheStandardLibrary() throws {
    let corpus = TestSupport.repository.appendingPathComponent("Corpus")
    var samples: [[UInt16]] = [
      [], Array("Jong-un".utf16), Array("Mönchengladbach".utf16), Array("北朝鮮のミサイル".utf16), Array("😀 𠀀x".utf16),
      [0xD800], [0xDC00, 0x41], [0x41, 0xD83D], [0xD83D, 0xD83D, 0xDE00], [0x7F, 0x80, 0x7FF, 0x800, 0xFFFF],
    ]
    for name in try FileManager.default.contentsOfDirectory(atPath: corpus.path) {
      let text = try TextDecoder.decode([UInt8](Data(contentsOf: corpus.appendingPathComponent(name)))).text
      samples.append(Array(text.utf16))
    }
    for units in samples {
      let expected = String(decoding: units, as: UTF16.self)
      let made = units.withUnsafeBufferPointer(TextUnits.string)
      #expect(Array(made.utf8) == Array(expected.utf8), "\(units.prefix(8))")
    }
  }

  @Test func utf8OrderIsStringOrderForNFCText() {
    let words = ["zug", "Zug", "zü", "zu", "z", "", "ärger", "arg", "北朝鮮", "😀", "ﬁ", "şehir", "sehir", "ß", "ss"]
    for a in words {
      for b in words {
        #expect(a.utf8Precedes(b) == (a < b), "\(a) \(b)")
        #expect(a.hasSameUTF8(as: b) == (a == b), "\(a) \(b)")
      }
    }
    // Canonically equivalent spellings are equal strings, but not the same bytes.
    #expect("é" == "e\u{301}" && !"é".hasSameUTF8(as: "e\u{301}") && "é".utf8Compare("e\u{301}") > 0)
  }

  @Test func lowercasingByScalarIsLowercased() throws {
    // Every scalar of the planes that have case (the BMP and the SMP) alone and between capitals.
    let scalars = (0...0x1FFFF).compactMap { Unicode.Scalar(UInt32($0)) }
    for scalar in scalars {
      for text in [String(scalar), "A" + String(scalar) + "Ab"] where !Array(text.lowercasedByScalar().utf8).elementsEqual(text.lowercased().utf8) {
        Issue.record("\(text.unicodeScalars.map(\.value))")
      }
    }
    let corpus = TestSupport.repository.appendingPathComponent("Corpus")
    for name in try FileManager.default.contentsOfDirectory(atPath: corpus.path) {
      let text = try TextDecoder.decode([UInt8](Data(contentsOf: corpus.appendingPathComponent(name)))).text
      #expect(Array(text.lowercasedByScalar().utf8) == Array(text.lowercased().utf8), "\(name)")
    }
    #expect(Array("İstanbul ΣΟΦΊΑ Straße".lowercasedByScalar().utf8) == Array("i\u{307}stanbul σοφία straße".utf8))
    #expect(Array("ΟΔΟΣ".lowercasedByScalar().utf8) == Array("ΟΔΟΣ".lowercased().utf8))
  }
}

