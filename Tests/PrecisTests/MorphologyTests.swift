import Foundation
import Testing
@testable import Precis

/// Parts of speech and lemmas on the token layer, from the bundled morphology models.
@Suite struct MorphologyTests {
  /// Tags and lemmas of `tokens` (one sentence) as `FORM/UPOS/LEMMA` words, or `nil` untagged.
  static func tagged(_ tokens: String, language: String) -> String? {
    var layer = TestSupport.tokenLayer([tokens], language: language)
    guard let model = MorphologyModel.bundled(language) else { return nil }
    MorphologyTagger(model: model).analyze(&layer)
    return layer.tokens.indices.map { position in
      let analysis = layer.analysis(ofToken: position)
      return "\(layer.text(ofToken: position))/\(analysis?.upos?.description ?? "-")/\(analysis?.lemma ?? "-")"
    }.joined(separator: " ")
  }

  /// The tokens stage's layer of `text` (one sentence) in `language`.
  static func stageLayer(_ text: String, language: String, options: [String: OptionValue] = [:]) throws -> TokenLayer {
    var document = Document(id: "test", source: "test", text: text)
    document.record(DetectedLanguage(code: language, confidence: 1, candidates: [], shares: []), stage: "language", provides: [.language])
    let sentences = [Sentence(index: 0, start: 0, end: text.unicodeScalars.count, text: text)]
    document.record(SentenceList(sentences: sentences, locale: language), stage: "sentences", provides: [.sentences])
    let output = try TokensStage(options: StageOptions(options)).process(document, context: StageContext(stageName: "tokens"))
    return try #require(output as? TokenLayer)
  }

  /// The Swift tagger gives, token for token, what the training script's own tagger gives with
  /// the same model file (`Scripts/update-morphology-oracle` wrote the expected column).
  @Test func tagsAndLemmasAreTheTrainingScriptsOnRealSentences() throws {
    let fixture = try String(contentsOf: TestSupport.fixtures.appendingPathComponent("morphology-oracle.tsv"), encoding: .utf8)
    let rows = fixture.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    #expect(rows.count == 22)
    for row in rows {
      #expect(Self.tagged(row[1], language: row[0]) == row[2], "\(row[0]): \(row[1])")
    }
    #expect(Set(rows.map { $0[0] }).count == 17)
  }

  /// The per-thread word cache is a speed trick only: a cold and a warm cache give the same tags
  /// and lemmas, and the ASCII shortcut of the shape feature agrees with the general one.
  @Test func theWordCacheAndTheASCIIShapeChangeNothing() throws {
    let sentence = "Die Kinder spielten im Park und die Eltern sahen den Kindern zu"
    let model = try #require(MorphologyModel.bundled("de"))
    let fresh = try MorphologyModel(path: try #require(MorphologyModel.bundledPath(for: "de")), language: "de")  // a cold cache of its own
    var cold = TestSupport.tokenLayer([sentence], language: "de")
    var warm = cold
    MorphologyTagger(model: fresh).analyze(&cold)
    MorphologyTagger(model: model).analyze(&warm)
    MorphologyTagger(model: model).analyze(&warm)  // every word now comes from the cache
    #expect(cold.analyses == warm.analyses && cold.tokens == warm.tokens && cold.analyses.count == 12)
    for form in ["Park", "NATO", "x", "A1", "2024", "Jong-un", "a-B", "", "USA-Wahl", "9x9", "iPhone", "3,5"] {
      #expect(MorphologyTagger.asciiShape(of: form) == MorphologyTagger.generalShape(of: form), "\(form)")
    }
    #expect(MorphologyTagger.asciiShape(of: "Élysée") == nil && MorphologyTagger.shape(of: "Élysée") == 1)
  }

  @Test func everyTreebankLanguageHasAModelAndOthersGetNoTags() throws {
    let tagged = MorphologyModel.bundledLanguages.filter { MorphologyModel.bundled($0)?.isLemmaOnly == false }
    #expect(tagged == ["da", "de", "en", "es", "fa", "fi", "fr", "id", "ja", "ko", "nb", "nl", "pt", "ro", "ru", "sv", "vi", "zh"])
    // Stopword languages with a lemma dictionary but no treebank get lemmas only.
    let lemmasOnly = MorphologyModel.bundledLanguages.filter { MorphologyModel.bundled($0)?.isLemmaOnly == true }
    // Mapped once, on first use, and the same object for every caller (word caches are per model).
    #expect(MorphologyModel.bundled("de") === MorphologyModel.bundled("de"))
    #expect(MorphologyModel.bundled("und") == nil && MorphologyModel.bundled("xx") == nil)
    #expect(lemmasOnly == ["ar", "bg", "ca", "cs", "el", "he", "hi", "hu", "is", "it", "lt", "lv", "mk", "ms", "pl", "sk", "sl", "tl", "tr", "uk"])
    let italian = try Self.stageLayer("I treni partono dalle stazioni.", language: "it")
    #expect(italian.tokens.indices.compactMap { italian.analysis(ofToken: $0)?.lemma } == ["il", "treno", "partire", "dalla", "stazione", "."])
    #expect(italian.analyses.allSatisfy { $0.upos == nil })
    let italianJSON = String(decoding: try JSONText.encode(italian), as: UTF8.self)
    #expect(italianJSON.contains(#""lemma":"treno""#) && !italianJSON.contains("upos"))
    // A language with neither gets nothing, never a guess.
    let tamil = try Self.stageLayer("ரயில் எட்டு மணிக்கு புறப்படும்.", language: "ta")
    #expect(tamil.tokens.count == 5 && tamil.tokens.allSatisfy { $0.analysis == -1 })
    let json = String(decoding: try JSONText.encode(tamil), as: UTF8.self)
    #expect(!json.contains("upos") && !json.contains("lemma"))
    let table = try LanguageSupport.all()
    #expect(table.first { $0.code == "de" }.map { $0.hasPartsOfSpeech && $0.hasLemmas } == true)
    #expect(table.first { $0.code == "it" }.map { !$0.hasPartsOfSpeech && $0.hasLemmas && $0.isIdentified && $0.hasStopwords } == true)
    #expect(table.first { $0.code == "ta" }.map { !$0.hasPartsOfSpeech && !$0.hasLemmas && $0.hasStopwords } == true)
  }

  /// A lemma-only language's lexicon classes (Italian's Morph-it!, Polish's PoliMorf through
  /// spacy-lookups-data): verb-only forms and numerals, and nothing for nouns or ambiguous forms.
  @Test func lemmaOnlyLanguagesKnowTheirVerbOnlyFormsAndNumerals() throws {
    func classes(_ text: String, _ language: String) throws -> [String] {
      let layer = try Self.stageLayer(text, language: language)
      return layer.tokens.indices.map { layer.analysis(ofToken: $0)?.lexiconClass?.description ?? "-" }
    }
    // From the Corpus documents: "consumano" and "durerà" (a future form no table lists, whose
    // lemma is a verb's only), "cento" a numeral; "energia", "città", "treni" nouns.
    let italianClasses = try classes("I treni consumano il venti per cento di energia e durerà in città.", "it")
    #expect(italianClasses == ["-", "-", "VERB", "-", "NUM", "-", "NUM", "-", "-", "-", "VERB", "-", "-", "-"], "\(italianClasses)")
    #expect(try classes("Linia została otwarta w Krakowie.", "pl") == ["-", "VERB", "-", "-", "-", "-"])
    let italian = try Self.stageLayer("I treni consumano.", language: "it")
    #expect(italian.analyses.allSatisfy { $0.upos == nil })  // a class, not a tag
    #expect(try classes("Die Züge fahren.", "de").allSatisfy { $0 == "-" })  // tagged languages have tags instead
  }

  @Test func tokenObjectsCarryLemmaAndUPOS() throws {
    let layer = try Self.stageLayer("Die Kinder spielten.", language: "de")
    let json = String(decoding: try JSONText.encode(layer), as: UTF8.self)
    #expect(json.contains(#"{"end":10,"lemma":"Kind","lower":"kinder","sentence":0,"start":4,"stem":"kind","stopword":false,"text":"Kinder","upos":"NOUN"}"#))
    #expect(layer.analyses.contains { $0.lemma == "Kind" && $0.lemmaStem == "kind" && $0.isKnown })
    // The carry between passes keeps them.
    let decoded = try CarryCodec.decode(TokenLayer.self, from: CarryCodec.encode(layer))
    #expect(decoded == layer)
  }

  @Test func morphologyCanBeTurnedOff() throws {
    let layer = try Self.stageLayer("Die Kinder spielten.", language: "de", options: ["morphology": .bool(false)])
    #expect(layer.analyses.isEmpty && layer.tokens.count == 4)
  }
}
