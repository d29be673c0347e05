import Testing
@testable import Precis

/// The normalize stage: Unicode forms, cleanup of whitespace and controls, line unwrapping.
@Suite struct NormalizeStageTests {
  func stage(_ options: [String: OptionValue] = [:]) throws -> NormalizeStage {
    try #require(try StageRegistry.builtIn.make("normalize", options: options) as? NormalizeStage)
  }

  @Test func nfcComposesDecomposedLetters() throws {
    let result = try stage().normalize("Cafe\u{0301} und Mu\u{0308}nchen")
    #expect(result.text == "Café und München")
    #expect(result.changes.form)
  }

  @Test func nfkcAndCasefold() throws {
    #expect(try stage(["form": .string("nfkc")]).normalize("ﬁnal ①").text == "final 1")
    #expect(try stage(["form": .string("nfkc_casefold")]).normalize("Straße GROSS").text == "strasse gross")
  }

  @Test func whitespaceAndControlsAreCleaned() throws {
    let result = try stage().normalize("  Erste\u{00A0}\u{00A0}Zeile \t\n\n\n\nZweite\u{0007} Zei\u{00AD}le  \n")
    #expect(result.text == "Erste Zeile\n\nZweite Zeile")
    #expect(result.changes.controls == 2)
    #expect(result.changes.blankLines == 2)
    #expect(result.changes.spaces == 8)
    #expect(!result.changes.form)
  }

  @Test func unwrapJoinsHardWrappedLinesButNotListsOrParagraphs() throws {
    let text = "A sentence wrapped\nover two lines.\n\n- first item\n- second item\n1. numbered"
    let result = try stage(["unwrap-lines": .bool(true)]).normalize(text)
    #expect(result.text == "A sentence wrapped over two lines.\n\n- first item\n- second item\n1. numbered")
    #expect(result.changes.unwrappedLines == 1)
    #expect(try stage().normalize(text).text == text)
  }
}
