import Foundation
import Testing
@testable import Precis

/// `tokens.conllu`: the token layer in the format UD tools read, parsed back by a strict reader.
@Suite struct CoNLLUTests {
  /// One sentence of a CoNLL-U file: its comments by key and its token lines' ten fields.
  struct Block {
    var comments: [String: String] = [:]
    var rows: [[String]] = []
  }

  /// Reads `text` as CoNLL-U (https://universaldependencies.org/format.html), recording every
  /// rule it breaks: ten tab-separated fields, IDs 1, 2, ... per sentence, a non-empty FORM,
  /// UPOS one of UD's 17 or `_`, MISC `_` or `Key=Value` pairs, a blank line after each sentence.
  static func parse(_ text: String) -> (blocks: [Block], problems: [String]) {
    var blocks: [Block] = [], problems: [String] = []
    var current = Block()
    var documentComments: [String: String] = [:]
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard lines.last == "" else { return ([], ["the file does not end with a line break"]) }
    for (number, line) in lines.dropLast().enumerated() {
      if line.isEmpty {
        if current.rows.isEmpty { problems.append("line \(number + 1): a blank line outside a sentence") }
        blocks.append(current)
        current = Block(comments: documentComments)
        continue
      }
      if line.hasPrefix("# ") {
        let parts = line.dropFirst(2).split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2 else { continue }
        if parts[0] == "newdoc id" { documentComments = ["newdoc id": parts[1]] }
        current.comments[parts[0]] = parts[1]
        continue
      }
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      guard fields.count == 10 else {
        problems.append("line \(number + 1): \(fields.count) fields")
        continue
      }
      if fields[0] != String(current.rows.count + 1) { problems.append("line \(number + 1): ID \(fields[0])") }
      if fields[1].isEmpty || fields[2].isEmpty { problems.append("line \(number + 1): FORM or LEMMA empty") }
      if fields[3] != "_" && UniversalTag(name: fields[3]) == nil { problems.append("line \(number + 1): UPOS \(fields[3])") }
      if fields[9] != "_" && !fields[9].split(separator: "|").allSatisfy({ $0.contains("=") }) { problems.append("line \(number + 1): MISC") }
      current.rows.append(fields)
    }
    if !current.rows.isEmpty { problems.append("the last sentence has no blank line after it") }
    return (blocks, problems)
  }

  @Test func theSeedArticleParsesBackTokenForToken() throws {
    let input = TestSupport.repository.appendingPathComponent("Corpus/000_05597add93c0269f.txt")
    let yaml = "outputs: [default, conllu]\nstages:\n  - kind: normalize\n  - kind: language\n  - kind: sentences\n  - kind: tokens\n"
    let (folder, _) = try TestSupport.run(yaml, input: input)
    let (blocks, problems) = Self.parse(try String(contentsOf: folder.appendingPathComponent("tokens.conllu"), encoding: .utf8))
    #expect(problems.isEmpty, "\(problems)")
    let record = try #require(try TestSupport.records(folder).first)
    let tokens = try #require((record["tokens"] as? [String: Any])?["tokens"] as? [[String: Any]])
    let sentences = try #require(record["sentences"] as? [[String: Any]])
    // Every token of documents.jsonl is a row, in order, with the same form, lemma and tag.
    let rows = blocks.flatMap(\.rows)
    #expect(rows.count == tokens.count && rows.count > 300)
    for (row, token) in zip(rows, tokens) {
      #expect(row[1] == token["text"] as? String && row[2] == token["lemma"] as? String && row[3] == token["upos"] as? String)
    }
    #expect(Set(blocks.compactMap { $0.comments["sent_id"] }).count == blocks.count)
    #expect(blocks.allSatisfy { $0.comments["newdoc id"] == "000_05597add93c0269f.txt" })
    // `# text` is the sentence, and each form is found in it in order; SpaceAfter=No where no space follows.
    let second = try #require(blocks.first { $0.comments["sent_id"] == "000_05597add93c0269f.txt-2" })
    #expect(second.comments["text"] == (sentences[1]["text"] as? String)?.trimmingCharacters(in: .whitespaces))
    // Punctuation is a token (PUNCT), so the forms and SpaceAfter rebuild the text.
    #expect(second.rows.map { $0[1] }.prefix(6) == ["•", "Russland", "will", "„", "in", "allen"])
    #expect(second.rows.first { $0[1] == "„" }.map { $0[3] == "PUNCT" && $0[9] == "SpaceAfter=No" } == true)
    let rebuilt = second.rows.map { $0[1] + ($0[9] == "SpaceAfter=No" ? "" : " ") }.joined().trimmingCharacters(in: .whitespaces)
    #expect(rebuilt == second.comments["text"])
    #expect(second.rows.first { $0[1] == "Bereichen" }?[9] == "SpaceAfter=No")  // a quotation mark follows
    #expect(second.rows.first { $0[1] == "Russland" }.map { $0[3] == "PROPN" && $0[9] == "_" } == true)
    // The tidy table shows the same lemmas and tags, a row per token.
    let table = try String(contentsOf: folder.appendingPathComponent("tokens.csv"), encoding: .utf8).split(separator: "\r\n")
    #expect(table.first == "id,sentence,start,end,text,lemma,upos" && table.count == rows.count + 1)
    #expect(table.contains("000_05597add93c0269f.txt,1,90,99,Nordkorea,Nordkorea,PROPN"))
  }

  @Test func aPipelineWithoutTokensWritesNoFileAndUntaggedTokensHaveUnderscores() throws {
    let corpus = TestSupport.repository.appendingPathComponent("Corpus")
    let (folder, _) = try TestSupport.run("outputs: [default, conllu]\nstages:\n  - kind: normalize\n  - kind: sentences\n", input: corpus)
    #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("tokens.conllu").path))
    let layer = TestSupport.tokenLayer(["Il treno parte alle otto."], language: "it")
    let block = String(decoding: CoNLLU.block(documentID: "it\tdoc", sentences: [Sentence(index: 0, start: 0, end: 25, text: "Il treno parte alle otto.")], layer: layer), as: UTF8.self)
    #expect(block.hasPrefix("# newdoc id = it doc\n# sent_id = it doc-1\n# text = Il treno parte alle otto.\n1\tIl\t_\t_\t_\t_\t_\t_\t_\t_\n"))
    #expect(block.hasSuffix("5\totto\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n6\t.\t_\t_\t_\t_\t_\t_\t_\t_\n\n"))
    #expect(Self.parse(block).problems.isEmpty)
  }
}
