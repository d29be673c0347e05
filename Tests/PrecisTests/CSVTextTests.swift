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
    #expect(CSVText.row(["id", "a,b", "=1+1"]) == "id,\"a,b\",'=1+1\r\n")
  }
}
