import Foundation
import Testing
@testable import Precis

/// The input files users have (issue 18): CSV and TSV with a header, JSON arrays, records whose
/// text is under another key, upper-case file names; a kind Precis cannot read is an error.
@Suite struct InputFormatsTests {
  /// Runs the sentences pipeline over `input` (with `yaml` lines added at the top).
  static func run(_ input: URL, header: String = "") throws -> (records: [[String: Any]], report: RunReport) {
    let (output, report) = try TestSupport.run(header + TestSupport.sentencesPipeline, input: input)
    return (try TestSupport.records(output), report)
  }

  static func file(_ name: String, _ text: String) throws -> URL {
    let url = try TestSupport.temporaryDirectory().appendingPathComponent(name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url
  }

  @Test func csvRowsAreDocumentsWithTheirColumnsAsMetadata() throws {
    let csv = try Self.file(
      "articles.csv",
      "article,title,body\r\n17,\"Hamburg, Germany\",\"Erster Satz. Ein \"\"zitierter\"\" Satz.\nZweite Zeile.\"\r\n\r\n42,Short,Only one sentence here.\r\n43,Broken\r\n")
    let (records, report) = try Self.run(csv, header: "text-field: body\nid-field: article\n")
    #expect(report.documents == .init(total: 3, ok: 2, error: 1, skipped: 0))
    #expect(records.map { $0["id"] as? String } == ["17", "42", "43"])
    #expect(records.map { $0["source"] as? String } == ["articles.csv:2", "articles.csv:5", "articles.csv:6"])
    #expect((records[0]["metadata"] as? [String: String]) == ["title": "Hamburg, Germany"])
    let sentences = (records[0]["sentences"] as? [[String: Any]])?.map { $0["text"] as? String }
    #expect(sentences == ["Erster Satz.", "Ein \"zitierter\" Satz.", "Zweite Zeile."])
    let error = try #require(records[2]["error"] as? [String: String])
    #expect(error["code"] == "invalid-input-line")
    #expect(error["message"] == "line 6: the row has 2 fields, the header 3; quote fields that hold the separator")
  }

  @Test func tsvAndAMissingTextColumn() throws {
    let tsv = try Self.file("notes.tsv", "id\ttext\na\tPremière phrase. Deuxième phrase.\n")
    let (records, _) = try Self.run(tsv)
    #expect(records.first?["id"] as? String == "a")
    #expect((records.first?["sentences"] as? [Any])?.count == 2)
    let csv = try Self.file("no-text.csv", "id,title,body\n1,a,b\n")
    #expect {
      try Self.run(csv)
    } throws: { error in
      (error as? PipelineError)?.message
        == #"no-text.csv has no column "text" (its columns: id, title, body); name the text's column with --text-field (or `text-field:` in the pipeline)"#
    }
  }

  @Test func jsonArraysKeepExactIdsAndTheUsersIdWhenTheTextIsMissing() throws {
    let json = try Self.file(
      "items.json", #"[ {"id": 9007199254740993, "body": "Un texte. Deux phrases."}, {"id": "b", "title": "no body"}, {"body": "x, [y]"} ]"#)
    let (records, report) = try Self.run(json, header: "text-field: body\n")
    #expect(report.documents.total == 3)
    #expect(records.map { $0["id"] as? String } == ["9007199254740993", "b", "line-3"])
    let error = try #require(records[1]["error"] as? [String: String])
    #expect(error["message"]?.contains(#"no string field "body""#) == true)
    #expect(error["message"]?.contains(#"the object has "id", "title""#) == true)
    #expect(JSONArraySource.elements(of: Array(#"{"a": 1}"#.utf8)) == nil)
  }

  @Test func jsonLinesTextUnderAnotherKey() throws {
    let lines = try Self.file("feed.jsonl", #"{"uid": "u1", "content": "One. Two."}"# + "\n")
    let (records, _) = try Self.run(lines, header: "text-field: content\nid-field: uid\n")
    #expect(records.first?["id"] as? String == "u1" && (records.first?["sentences"] as? [Any])?.count == 2)
    #expect(records.first?["source"] as? String == "feed.jsonl:1")
  }

  /// Metadata fields known before the records are read (a CSV header, the keys of a JSON-lines
  /// file's first lines) get columns of `documents.csv`, named `metadata.KEY` where a column of
  /// that name is there already; the `metadata` column holds the rest as JSON.
  @Test func metadataFieldsBecomeColumnsOfDocumentsCSV() throws {
    let lines = try Self.file("c.jsonl", #"{"id": "a", "text": "One. Two.", "feed": "rss", "n": 3}"# + "\n" + #"{"id": "b", "text": "Three.", "late": true}"# + "\n")
    let (output, _) = try TestSupport.run(TestSupport.sentencesPipeline, input: lines)
    let csv = try String(contentsOf: output.appendingPathComponent("documents.csv"), encoding: .utf8).components(separatedBy: "\r\n")
    #expect(csv[0] == "id,source,status,error,chars,normalize_edits,sentences_count,feed,late,n,metadata")
    #expect(csv[1] == "a,c.jsonl:1,ok,,9,0,2,rss,,3,")
    #expect(csv[2] == "b,c.jsonl:2,ok,,6,0,1,,true,,")
    let table = try Self.file("t.csv", "id,title,section,text\n1,\"A, title\",local,Ein Satz. Noch einer.\n")
    let (news, _) = try TestSupport.run(TestSupport.newsPipeline(), input: table)
    let header = try String(contentsOf: news.appendingPathComponent("documents.csv"), encoding: .utf8).components(separatedBy: "\r\n")[0]
    #expect(header.hasSuffix(",title,date,sentences_count,keywords,summary,metadata.title,section,metadata"))
  }

  @Test func globsMatchRegardlessOfCase() throws {
    let folder = try TestSupport.temporaryDirectory()
    try "Upper case name. Still text.".write(to: folder.appendingPathComponent("NOTES.TXT"), atomically: true, encoding: .utf8)
    try "Lower. Case.".write(to: folder.appendingPathComponent("b.md"), atomically: true, encoding: .utf8)
    let (records, _) = try Self.run(folder)
    #expect(records.map { $0["id"] as? String } == ["NOTES.TXT", "b.md"])
  }

  @Test func aKindPrecisCannotReadIsAnErrorNotOneDocument() throws {
    let pdf = try Self.file("report.pdf", "%PDF-1.4")
    #expect {
      try Self.run(pdf)
    } throws: { error in
      let error = error as? PipelineError
      return error?.code == .invalidConfig && error?.message.contains("(a .pdf file)") == true
        && error?.message.contains("convert other documents to text first") == true
    }
  }
}
