import ArgumentParser
import Precis

struct LanguagesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "languages",
    abstract: "List the languages Precis identifies, and what it does for each.",
    discussion: """
      A table: per ISO 639-1 code, whether the language stage can answer it, whether a stopword list \
      and a Snowball stemmer exist, and whether the tokens stage tags parts of speech (upos) and \
      gives lemmas (a language without a model gets neither; some get lemmas only). --codes prints only the codes the language stage answers.
      """)

  @Flag(help: "Print only the codes the language stage answers, on one line.")
  var codes = false

  func run() throws {
    do {
      if codes {
        print(try LanguageDetector().supportedLanguages.joined(separator: " "))
        return
      }
      let rows = try LanguageSupport.all()
      print("code  identified  stopwords  stemmer  upos  lemma")
      for row in rows {
        let cells = [row.isIdentified, row.hasStopwords, row.hasStemmer, row.hasPartsOfSpeech, row.hasLemmas].map { $0 ? "yes" : "-" }
        print(pad(row.code, 6) + pad(cells[0], 12) + pad(cells[1], 11) + pad(cells[2], 9) + pad(cells[3], 6) + cells[4])
      }
      print(
        "\(rows.filter(\.isIdentified).count) identified, \(rows.filter(\.hasPartsOfSpeech).count) tagged with parts of speech, "
          + "\(rows.filter(\.hasLemmas).count) with lemmas")
    } catch {
      throw reportFailure(error)
    }
  }

  /// `text` followed by spaces up to `width` characters.
  func pad(_ text: String, _ width: Int) -> String { text + String(repeating: " ", count: max(1, width - text.count)) }
}
