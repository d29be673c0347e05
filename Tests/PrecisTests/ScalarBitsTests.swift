import Foundation
import Testing
@testable import Precis

/// The property tables answer exactly as Swift's Unicode properties, for every scalar.
@Suite struct ScalarBitsTests {
  @Test func tablesAgreeWithTheProperties() {
    let tables: [(ScalarBits, (Unicode.Scalar) -> Bool)] = [
      (.letterOrDigit, { $0.properties.isAlphabetic || $0.properties.numericType != nil }),
      (.alphabetic, { $0.properties.isAlphabetic }),
      (.changesWhenLowercased, { $0.properties.changesWhenLowercased }),
      (.whitespace, { $0.properties.isWhitespace }),
      (.numeric, { $0.properties.numericType != nil }),
      (.spaceSeparator, { $0.properties.generalCategory == .spaceSeparator }),
      (.letterOrMark, { [.Lu, .Ll, .Lt, .Lm, .Lo, .Mn, .Mc, .Me].contains(Self.category($0)) }),
      (.sentenceTerminal, { $0.value == 0x2026 || $0.properties.isSentenceTerminal }),
    ]
    // The whole BMP (the tables) and a stretch beyond it (the fallback): emoji, CJK extension B.
    let values: [UInt32] = Array(0..<0x10000) + Array(0x1F600..<0x1F650) + Array(0x20000..<0x20040)
    for (index, (table, property)) in tables.enumerated() {
      let disagreements = values.compactMap(Unicode.Scalar.init(_:)).filter { table.contains($0) != property($0) }
      #expect(disagreements.isEmpty, "table \(index) disagrees at \(disagreements.prefix(3).map(\.value))")
    }
    #expect(ScalarBits.spaceSeparator.contains("\u{00A0}") && !ScalarBits.spaceSeparator.contains("a"))
    #expect(ScalarBits.letterOrMark.contains("ж") && ScalarBits.letterOrMark.contains("\u{0301}"))
    #expect(ScalarBits.sentenceTerminal.contains(unit: 0x3002) && !ScalarBits.sentenceTerminal.contains(unit: 0xD83D))
    #expect(ScalarBits.sentenceTerminal.bmpValues().prefix(3) == [0x21, 0x2E, 0x3F])
  }

  @Test func scalarCountsMatchTheScalarView() throws {
    let corpus = TestSupport.repository.appendingPathComponent("Corpus")
    for name in try FileManager.default.contentsOfDirectory(atPath: corpus.path) {
      let text = try TextDecoder.decode([UInt8](Data(contentsOf: corpus.appendingPathComponent(name)))).text
      #expect(text.scalarCount == text.unicodeScalars.count, "\(name)")
      let line = text.split(separator: "\n").first ?? ""
      #expect(line.scalarCount == line.unicodeScalars.count, "\(name)")
    }
    #expect("e\u{301}😀".scalarCount == 3 && "".scalarCount == 0)
  }

  enum Category { case Lu, Ll, Lt, Lm, Lo, Mn, Mc, Me, other }

  static func category(_ scalar: Unicode.Scalar) -> Category {
    switch scalar.properties.generalCategory {
    case .uppercaseLetter: .Lu
    case .lowercaseLetter: .Ll
    case .titlecaseLetter: .Lt
    case .modifierLetter: .Lm
    case .otherLetter: .Lo
    case .nonspacingMark: .Mn
    case .spacingMark: .Mc
    case .enclosingMark: .Me
    default: .other
    }
  }
}
