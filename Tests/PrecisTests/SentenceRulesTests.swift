import Testing
@testable import Precis

/// The sentence rules on cases we wrote ourselves: each pins one rule, in the language it serves.
@Suite struct SentenceRulesTests {
  func split(_ text: String, _ language: String? = nil) throws -> [String] {
    try SentenceSplitter(language: language).sentences(in: text).map(\.text)
  }

  @Test(arguments: [
    // Titles and initials never end a sentence; a capitalised sentence starter after an
    // ordinary abbreviation does.
    ("en", "Dr. Jane B. Okafor met Mr. Li at St. Mary's on Tuesday.", ["Dr. Jane B. Okafor met Mr. Li at St. Mary's on Tuesday."]),
    ("en", "The firm moved to the U.K. Its rivals stayed.", ["The firm moved to the U.K.", "Its rivals stayed."]),
    ("en", "He joined the U.N. Security Council in May.", ["He joined the U.N. Security Council in May."]),
    ("en", "See p. 12 and fig. 3 for details.", ["See p. 12 and fig. 3 for details."]),
    ("en", "Costs rose 4.5 percent. Prices fell.", ["Costs rose 4.5 percent.", "Prices fell."]),
    ("en", "The vote is at 9 a.m. Members should arrive early.", ["The vote is at 9 a.m. Members should arrive early."]),
    // Ordinals before month names and nouns in languages that write them with a period.
    ("de", "Die Wahl findet am 3. März statt. Danach wird gezählt.", ["Die Wahl findet am 3. März statt.", "Danach wird gezählt."]),
    ("de", "Zum 25. Jubiläum kamen alle, z. B. die Gründer.", ["Zum 25. Jubiläum kamen alle, z. B. die Gründer."]),
    ("de", "Das kostete 2,50 Euro. Die Kunden zahlten.", ["Das kostete 2,50 Euro.", "Die Kunden zahlten."]),
    ("pl", "Spotkanie odbędzie się 5. Maja w Warszawie.", ["Spotkanie odbędzie się 5. Maja w Warszawie."]),
    // Vowel-less abbreviations in Cyrillic and Latin script.
    ("ru", "Он жил в г. Казань до 2010 г. Потом переехал.", ["Он жил в г. Казань до 2010 г.", "Потом переехал."]),
    ("ru", "Цена выросла на 5 млн руб. Это много.", ["Цена выросла на 5 млн руб.", "Это много."]),
    ("ru", "Смета: 5 млн руб. Строительство начнётся весной.", ["Смета: 5 млн руб. Строительство начнётся весной."]),
    // Quotations embedded in a sentence keep their inner punctuation; standalone ones split.
    ("fr", "« Nous partons. Demain, peut-être », a dit le maire.", ["« Nous partons. Demain, peut-être », a dit le maire."]),
    ("de", "Er sagte: „Wir kommen. Es wird spät.“ Dann ging er.", ["Er sagte: „Wir kommen.", "Es wird spät.“", "Dann ging er."]),
    ("en", "\"Is it over?\" she asked.", ["\"Is it over?\" she asked."]),
    // Closing quotes after a space stay with their sentence.
    ("de", "Er sagte: „Das ist alles. “\n\nDanach schwieg er.", ["Er sagte: „Das ist alles. “", "Danach schwieg er."]),
    // Inline lists.
    ("en", "Steps: 1) Mix the flour 2) Add water 3) Bake", ["Steps: 1) Mix the flour", "2) Add water", "3) Bake"]),
    ("it", "Devi comprare: 1)pesce 2)sale.", ["Devi comprare: 1)pesce 2)sale."]),
    ("en", "1. Open the box. 2. Remove the lid.", ["1. Open the box.", "2. Remove the lid."]),
    // Dashes after a question: attribution continues, a new clause does not.
    ("es", "¿Vienes? – preguntó Ana. – No, gracias.", ["¿Vienes? – preguntó Ana.", "– No, gracias."]),
    // Sentences glued without a space; addresses are not split.
    ("en", "Hello world.Today is Tuesday.", ["Hello world.", "Today is Tuesday."]),
    ("en", "Write to jane.Doe@example.com. Thanks.", ["Write to jane.Doe@example.com.", "Thanks."]),
    // A hard-wrapped line goes on in lowercase; a line after final punctuation starts anew.
    ("en", "It was a cold\nnight in the city.\nThe end.", ["It was a cold\nnight in the city.", "The end."]),
    ("de", "Funde aus dem 1. -3. Jahrhundert sind selten.", ["Funde aus dem 1. -3. Jahrhundert sind selten."]),
    ("en", "The game is at 10 p.m. I'm going.", ["The game is at 10 p.m.", "I'm going."]),
    // Scripts written without spaces.
    ("ja", "雨が降った。試合は中止になった！", ["雨が降った。", "試合は中止になった！"]),
    ("hi", "आज बारिश हुई। कल धूप होगी।", ["आज बारिश हुई।", "कल धूप होगी।"]),
    ("hy", "Այսօր անձրև է: Վաղը արև կլինի:", ["Այսօր անձրև է:", "Վաղը արև կլինի:"]),
  ])
  func rule(language: String, text: String, expected: [String]) throws {
    #expect(try split(text, language) == expected)
  }

  @Test func withoutALanguageTheScriptDecides() throws {
    #expect(ScriptGuess.language(of: Array("Привет, как дела?".utf16)) == "ru")
    #expect(ScriptGuess.language(of: Array("これは日本語の文です。".utf16)) == "ja")
    #expect(ScriptGuess.language(of: Array("Plain Latin text.".utf16)) == "")
    // Language-neutral rules still know ordinals and sentence starters.
    #expect(try split("Am 12. Juni kam er. Dann ging er.") == ["Am 12. Juni kam er.", "Dann ging er."])
  }

  @Test func monthNamesComeFromICU() {
    let rules = SentenceRules.forLanguage("sk")
    #expect(rules.months.contains(WordKey("apríla")))
    #expect(rules.months.contains(WordKey("Apríl")))
    #expect(SentenceRules.forLanguage("de").months.contains(WordKey("juni")))
  }
}
