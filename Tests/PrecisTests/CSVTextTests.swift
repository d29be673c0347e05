import Testing
@testable import Precis

/// documents.csv cells: RFC 4180 quoting and formula neutralisation.
@Suite struct CSVTextTests {
  @Test(arguments: [
    ("plain", "plain"),
    ("a,b", "\"a,b\""),
    ("say \"hi\"", "\"say \"\"hi\"\"\""),
    ("two\nlines", "\"two\nlines\""),
    ("=SUM(A1:A3)", "'=SUM(A1:A3)"),
    ("+49 30 1234", "'+49 30 1234"),
    ("@mention", "'@mention"),
    ("-rm -rf", "'-rm -rf"),
    ("=HYPERLINK(\"x\",\"y\")", "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\""),
    ("-1.5", "-1.5"),
    ("", ""),
  ])
  func cell(input: String, expected: String) {
    #expect(CSVText.cell(input) == expected)
  }

  @Test func rowEndsWithCRLF() {
    #expect(String(decoding: CSVText.row(["id", "a,b", "=1+1"]), as: UTF8.self) == "id,\"a,b\",'=1+1\r\n")
  }

  /// Every quote is doubled, also one a combining mark follows (one character with it), so the
  /// cell reads back as written; a cell of one carriage return is guarded and quoted.
  @Test func quotesAreDoubledWhateverFollowsThem() {
    #expect(CSVText.cell("a\"\u{301}b") == "\"a\"\"\u{301}b\"")
    #expect(CSVText.cell("\r\n") == "\"'\r\n\"")
    #expect(CSVText.cell("é, ü") == "\"é, ü\"")
  }
}
