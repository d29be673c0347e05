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
    ("sk", "„Prieskumy beriem na ľahkú váhu. V podstate ma to nezaujíma,“ reagoval Matovič.", ["„Prieskumy beriem na ľahkú váhu. V podstate ma to nezaujíma,“ reagoval Matovič."]),
    // A comma after the closing mark: the quoted sentences stand on their own, as treebanks split them.
    ("fr", "« Nous partons. Demain, peut-être », a dit le maire.", ["« Nous partons.", "Demain, peut-être », a dit le maire."]),
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

  /// The bugs of issue 16, each with the input that showed it, and rules that generalise them.
  @Test(arguments: [
    // 1. A contraction or a possessive is no elided article: its last letter is no initial.
    ("en", "It was John's. Then we left.", ["It was John's.", "Then we left."]),
    ("en", "I can't. Please stop.", ["I can't.", "Please stop."]),
    ("en", "It isn't. Then we left.", ["It isn't.", "Then we left."]),
    ("it", "Lo disse l'avv. Rossi ieri.", ["Lo disse l'avv. Rossi ieri."]),
    // 3. An Arabic colon after a verb of saying introduces speech; after a heading it ends one.
    ("ar", "قال ثاقب: طلبنا المساعدة.", ["قال ثاقب: طلبنا المساعدة."]),
    ("ar", "سؤال وجواب: ماذا حدث بعد الانتخابات؟", ["سؤال وجواب:", "ماذا حدث بعد الانتخابات؟"]),
    // 4. ASCII "?", "!" and "." between characters of scripts without spaces.
    ("ja", "本です!次です。", ["本です!", "次です。"]),
    ("zh", "你好?我很好!谢谢。", ["你好?", "我很好!", "谢谢。"]),
    ("zh", "研发实验基地..另外，教区现存有教堂。", ["研发实验基地..", "另外，教区现存有教堂。"]),
    // 5. Abbreviations that close a list, spaced or not, before a capital.
    ("ru", "Купили яблоки, груши и т. д. Потом ушли домой.", ["Купили яблоки, груши и т. д.", "Потом ушли домой."]),
    ("uk", "Купили яблука, груші, т. п. Потім пішли.", ["Купили яблука, груші, т. п.", "Потім пішли."]),
    ("ru", "Это т. е. главное.", ["Это т. е. главное."]),
    ("en", "We bought apples, pears etc. Then we left.", ["We bought apples, pears etc.", "Then we left."]),
    ("de", "Äpfel, Birnen usw. Danach gingen wir.", ["Äpfel, Birnen usw.", "Danach gingen wir."]),
    // Informal text: a lowercase word's period before a lowercase word; not after a quotation.
    ("en", "i am going out tonight. jill finishes her exams today.", ["i am going out tonight.", "jill finishes her exams today."]),
    ("en", "She turned to him, \"This is great.\" she said.", ["She turned to him, \"This is great.\" she said."]),
    ("de", "Wir treffen uns ca. zwei Stunden später.", ["Wir treffen uns ca. zwei Stunden später."]),
    // A smiley ends a sentence before a capital; one caseless letter is a word, not an initial.
    ("fi", "Sopisivat hiuksiini.:) Lintu ja Minttu juoruilivat.", ["Sopisivat hiuksiini.:)", "Lintu ja Minttu juoruilivat."]),
    ("ko", "가장 별로였던 곳. 효성은 의장을 선임했다.", ["가장 별로였던 곳.", "효성은 의장을 선임했다."]),
    // Korean final endings end a sentence with no punctuation; particles ("보다") do not.
    ("ko", "정말 맛있어요 대전까지 거리가 얼마나 되나요", ["정말 맛있어요", "대전까지 거리가 얼마나 되나요"]),
    ("ko", "생각보다 맛있었다.", ["생각보다 맛있었다."]),
    // Norwegian: a capital after a colon starts a sentence; a lowercase word does not.
    ("nb", "For ordens skyld: Jeg har selv vært forsvarer.", ["For ordens skyld:", "Jeg har selv vært forsvarer."]),
    ("nb", "Han kjøpte tre ting: melk, brød og egg.", ["Han kjøpte tre ting: melk, brød og egg."]),
    // A number's period ends the sentence in languages without ordinal periods.
    ("id", "Satelit ini kelak dinamai Sputnik 3. Mereka akan menyediakan kereta.", ["Satelit ini kelak dinamai Sputnik 3.", "Mereka akan menyediakan kereta."]),
    // Straight quotes: one standing after a terminator opens the next sentence when it is the
    // paragraph's first, third ... quote.
    ("vi", "Họ không lấy tiền công . \" Mới quen nhau , anh ấy dạy em \" Lý kể .", ["Họ không lấy tiền công .", "\" Mới quen nhau , anh ấy dạy em \" Lý kể ."]),
    // Mirrored brackets in right-to-left text open nothing.
    ("fa", "به امام حسین) ع (نامه نوشت. او را توصیه می‌کند. امام) ع (آمد.", ["به امام حسین) ع (نامه نوشت.", "او را توصیه می‌کند.", "امام) ع (آمد."]),
  ])
  func issue16(language: String, text: String, expected: [String]) throws {
    #expect(try split(text, language) == expected)
  }

  /// 2. Quotations and brackets are bounded: one holding many sentences is split, in every script.
  @Test func embeddedSpansAreBounded() throws {
    let inner = (3...39).map { "This is sentence number \($0)." }.joined(separator: " ")
    let text = "This is one (see two. \(inner) Then it closes) here. Next one."
    let sentences = try split(text, "en")
    #expect(sentences.count == 40)
    #expect(sentences.first == "This is one (see two.")
    #expect(sentences.last == "Next one.")
    // One sentence end inside a bracket is still embedded.
    #expect(try split("He came (see p. 5. Also Fig. 2) late. Then he left.", "en") == ["He came (see p. 5. Also Fig. 2) late.", "Then he left."])
    // Persian: a quotation that never closes properly swallows no more than its bound.
    let persian = "او گفت «ما رفتیم. آنها ماندند. همه خسته بودند. شب شد» و رفت. فردا آمد."
    #expect(try split(persian, "fa") == ["او گفت «ما رفتیم.", "آنها ماندند.", "همه خسته بودند.", "شب شد» و رفت.", "فردا آمد."])
    // A span longer than the bound is split even with a single inner sentence end.
    let long = "(" + String(repeating: "word ", count: 200) + "end. Next " + String(repeating: "word ", count: 200) + "close) more. Last."
    #expect(try split(long, "en").count == 3)
  }

  /// Runs of spaced periods are split in one pass: 400 KB of ". " took 11.5 s when each period
  /// looked through the whole run after it (issue 17); now a fraction of a second.
  @Test(arguments: [". ", ".\t", ".\u{00A0}"])
  func longRunsOfPeriodsAreSplitInLinearTime(unit: String) throws {
    let text = String(repeating: unit, count: 200_000)
    let sentences = try SentenceSplitter(language: "en").sentences(in: text)
    if unit == ". " {
      // Four spaced dots make a closed ellipsis: 50,000 sentences of ". . . .".
      #expect(sentences.count == 50_000)
      #expect(sentences.first?.text == ". . . .")
    } else {
      #expect(sentences.count == 1)
      #expect(sentences.first?.end == text.unicodeScalars.count - 1)
    }
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
