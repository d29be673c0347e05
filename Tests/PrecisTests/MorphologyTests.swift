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
    #expect(rows.count == 26)
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
    // A lemma-only model keeps its lemmas (and recomputes the word classes) the same way.
    let italianSentence = "I treni consumano il venti per cento di energia e durerà in città"
    let italianFresh = try MorphologyModel(path: try #require(MorphologyModel.bundledPath(for: "it")), language: "it")
    var italianCold = TestSupport.tokenLayer([italianSentence], language: "it")
    var italianWarm = italianCold
    MorphologyTagger(model: italianFresh).analyze(&italianCold)
    let italian = try #require(MorphologyModel.bundled("it"))
    MorphologyTagger(model: italian).analyze(&italianWarm)
    MorphologyTagger(model: italian).analyze(&italianWarm)
    #expect(italianCold.analyses == italianWarm.analyses && italianCold.tokens == italianWarm.tokens)
    #expect(italianWarm.analyses.map(\.lemma).contains("treno") && italianWarm.analyses.contains { $0.lexiconClass == .verb })
    for form in ["Park", "NATO", "x", "A1", "2024", "Jong-un", "a-B", "", "USA-Wahl", "9x9", "iPhone", "3,5"] {
      #expect(MorphologyTagger.asciiShape(of: form) == MorphologyTagger.generalShape(of: form), "\(form)")
    }
    #expect(MorphologyTagger.asciiShape(of: "Élysée") == nil && MorphologyTagger.shape(of: "Élysée") == 1)
  }

  /// The tagger adds dense rows for the features that take few values and for what neighbour
  /// words give (``MorphologyModel/ContextRows``, ``MorphologyTagger/roleRows(of:isWordToken:model:)``):
  /// a speed trick only. On every Corpus document in a tagged language, with a cold and a warm word
  /// cache, its tags are those of a plain tagger that looks every feature key up, as the training
  /// script lists them.
  @Test func denseRowsGiveTheTagsOfATaggerThatLooksEveryKeyUp() throws {
    var texts: [(name: String, language: String, text: String)] = []
    for file in try FileManager.default.contentsOfDirectory(at: TestSupport.repository.appendingPathComponent("Corpus"), includingPropertiesForKeys: nil) {
      guard let text = try? String(contentsOf: file, encoding: .utf8) else { continue }
      let prefix = String(file.lastPathComponent.prefix(2))
      texts.append((file.lastPathComponent, prefix == "00" ? "de" : prefix, text))  // 000_…: the German seed article
    }
    let oracle = try String(contentsOf: TestSupport.fixtures.appendingPathComponent("morphology-oracle.tsv"), encoding: .utf8)
    for row in oracle.split(separator: "\n").map({ $0.split(separator: "\t").map(String.init) }) { texts.append(("oracle", row[0], row[1])) }
    var compared = 0
    for (name, language, text) in texts {
      guard let model = MorphologyModel.bundled(language), !model.isLemmaOnly else { continue }
      let fresh = try MorphologyModel(path: try #require(MorphologyModel.bundledPath(for: language)), language: language)
      var cold = TokenLayerBuilder.layer(of: try SentenceSplitter(language: language).sentences(in: text), language: language)
      var warm = cold
      let expected = Self.plainTags(of: cold, model: model)
      MorphologyTagger(model: fresh).analyze(&cold)
      MorphologyTagger(model: model).analyze(&warm)
      MorphologyTagger(model: model).analyze(&warm)
      for layer in [cold, warm] {
        let tags = layer.tokens.indices.map { layer.tokens[$0].flags.contains(.punctuation) ? nil : layer.analysis(ofToken: $0)?.upos }
        #expect(tags == expected, "\(name) (\(language))")
      }
      compared += expected.count { $0 != nil }
    }
    #expect(compared > 1_000)
  }

  /// Each word token's tag by the training script's `features` (key for key, every key looked up
  /// in the feature table); `nil` for punctuation.
  static func plainTags(of layer: TokenLayer, model: MorphologyModel) -> [UniversalTag?] {
    typealias T = MorphologyTagger
    let mix = T.mix
    struct Word { var hash: UInt64 = 0, suffix3: UInt64 = 0, shape: UInt64 = 0, tagSet: UInt64 = 0, keys: [UInt64] = [] }
    let words = layer.words.map { word -> Word in
      var found = Word(shape: T.shape(of: word.text))
      found.keys = [mix(0, 0)]
      _ = T.hashes(of: word.lower) { part, hash in
        switch part {
        case .word: found.hash = hash; found.keys.append(mix(1, hash))
        case .suffix(let k):
          if k <= 3 { found.suffix3 = hash }
          if (1...5).contains(k) { found.keys.append(mix(1 + UInt64(k), hash)) }
        case .prefix(let k): found.keys.append(mix(30 + UInt64(k), hash))
        }
      }
      let formHash = word.text == word.lower ? found.hash : FNV1a.hash64(word.text.utf8)
      found.keys.append(mix(24, model.lexiconClass(formHash: formHash, lowerHash: found.hash)))
      if model.hasPartOfSpeechClasses {
        found.keys.append(mix(25, model.partOfSpeechClass(formHash: formHash, lowerHash: found.hash)))
      }
      found.tagSet = model.tagSet(lowerHash: found.hash)
      found.keys.append(mix(41, found.tagSet))
      return found
    }
    var tags = [UniversalTag?](repeating: nil, count: layer.tokens.count)
    for sentence in 0..<layer.sentenceCount {
      let positions = layer.tokenRange(ofSentence: sentence).filter { !layer.tokens[$0].flags.contains(.punctuation) }
      let sentenceWords = positions.map { words[Int(layer.tokens[$0].word)] }
      var previous = T.noTag, before = T.noTag
      for (index, word) in sentenceWords.enumerated() {
        let last = index > 0 ? sentenceWords[index - 1].hash : T.start
        let following = index + 1 < sentenceWords.count ? sentenceWords[index + 1] : nil
        let keys = word.keys + [
          mix(8, word.shape | (index == 0 ? 32 : 0)), mix(9, previous), mix(10, previous * 32 + before), mix(11, last),
          mix(16, index > 1 ? sentenceWords[index - 2].hash : T.start), mix(12, following?.hash ?? T.end),
          mix(13, following?.suffix3 ?? T.end), mix(15, index + 2 < sentenceWords.count ? sentenceWords[index + 2].hash : T.end),
          mix(17, following.map { $0.shape & 3 } ?? 4), mix(mix(14, previous), word.hash), mix(mix(18, last), word.hash),
          mix(mix(19, word.hash), following?.hash ?? T.end), mix(mix(23, previous), word.suffix3),
          mix(40, following?.tagSet ?? T.noTagSet), mix(mix(43, previous), following?.tagSet ?? T.noTagSet),
        ]
        var scores = [Int32](repeating: 0, count: MorphologyModel.tagCount)
        scores.withUnsafeMutableBufferPointer { scores in keys.forEach { model.features.addWeights(of: $0, to: scores.baseAddress!) } }
        let best = scores.indices.reduce(0) { scores[$1] > scores[$0] ? $1 : $0 }
        tags[positions[index]] = UniversalTag(rawValue: UInt8(best))
        before = previous
        previous = UInt64(best + 1)
      }
    }
    return tags
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
  @Test func lemmaOnlyLanguagesKnowTheirVerbOnlyFormsNumeralsAndAdjectives() throws {
    func classes(_ text: String, _ language: String) throws -> [String] {
      let layer = try Self.stageLayer(text, language: language)
      return layer.tokens.indices.map { layer.analysis(ofToken: $0)?.lexiconClass?.description ?? "-" }
    }
    // From the Corpus documents: "consumano" and "durerà" (a future form no table lists, whose
    // lemma is a verb's only), "cento" a numeral; "energia", "città", "treni" nouns.
    let italianClasses = try classes("I treni consumano il venti per cento di energia e durerà in città.", "it")
    #expect(italianClasses == ["-", "-", "VERB", "-", "NUM", "-", "NUM", "-", "-", "-", "VERB", "-", "-", "-"], "\(italianClasses)")
    #expect(try classes("Linia została otwarta w Krakowie.", "pl") == ["-", "VERB", "-", "-", "-", "-"])
    // Adjective-only forms ("nowa", "tramwajowa"; "korzystny" no table lists, a lemma of the
    // adjective table only): keywords take no candidate of them alone.
    let polishClasses = try classes("Nowa linia tramwajowa jest korzystny.", "pl")
    #expect(Array(polishClasses.prefix(3)) == ["ADJ", "-", "ADJ"] && polishClasses[4] == "ADJ", "\(polishClasses)")
    let italian = try Self.stageLayer("I treni consumano.", language: "it")
    #expect(italian.analyses.allSatisfy { $0.upos == nil })  // a class, not a tag
    #expect(try classes("Die Züge fahren.", "de").allSatisfy { $0 == "-" })  // tagged languages have tags instead
  }

  /// Nine models read a part-of-speech lexicon (jieba's tags for Chinese, german-nouns for German,
  /// MeCab's for Japanese, MeCab-ko's for Korean, spacy-lookups-data's parts of speech for the
  /// others); the other tagged languages have an empty one.
  @Test func partOfSpeechLexiconsGiveClassesToTheWordsTheyList() throws {
    let withLexicon = MorphologyModel.bundledLanguages.filter { MorphologyModel.bundled($0)?.hasPartOfSpeechClasses == true }
    #expect(withLexicon == ["de", "en", "es", "fr", "ja", "ko", "nb", "nl", "zh"])
    let chinese = try #require(MorphologyModel.bundled("zh"))
    func chineseClass(_ word: String) -> UInt64 {
      let hash = FNV1a.hash64(word.utf8)
      return chinese.partOfSpeechClass(formHash: hash, lowerHash: hash)
    }
    // jieba tags 位于 and 来自 as verbs (one class), 预计 as a verbal noun and 电池 as a noun; the
    // Traditional form of a word has its class too.
    #expect(chineseClass("位于") != 0 && chineseClass("位于") == chineseClass("来自") && ![0, chineseClass("位于")].contains(chineseClass("预计")))
    #expect(chineseClass("电池") != 0 && chineseClass("电池") != chineseClass("位于") && chineseClass("電池") == chineseClass("电池"))
    #expect(chineseClass("Precis") == 0)
    // From the Corpus document zh_dianchi-gongchang.txt: the two verbs are tagged so in context
    // (each was NOUN before the lexicon, and each ended up in a keyword), 电池 a noun.
    let layer = try Self.stageLayer("其位于江苏的电池工厂已正式投产，预计每年可生产二十万套动力电池。", language: "zh")
    let tags = Dictionary(layer.tokens.indices.map { (layer.text(ofToken: $0), layer.analysis(ofToken: $0)?.upos) }) { first, _ in first }
    #expect(tags["位于"] == .verb && tags["预计"] == .verb && tags["电池"] == .noun, "\(tags)")
    #expect(MorphologyModel.bundled("fi")?.hasPartOfSpeechClasses == false)
    // MeCab-ko reads 학교 and 정부 as common nouns (NNG), 서울 as a name (NNP), 에서 as a particle (JKB).
    let korean = try #require(MorphologyModel.bundled("ko"))
    func koreanClass(_ word: String) -> UInt64 {
      let hash = FNV1a.hash64(word.utf8)
      return korean.partOfSpeechClass(formHash: hash, lowerHash: hash)
    }
    #expect(koreanClass("학교") != 0 && koreanClass("학교") == koreanClass("정부"))
    #expect(Set([koreanClass("학교"), koreanClass("서울"), koreanClass("에서")]).count == 3 && koreanClass("서울") != 0 && koreanClass("에서") != 0)
  }

  /// UD_Korean-GSD writes a compound noun's lemma as its nouns joined by "+"; the Korean model
  /// splits a long stem the rules leave whole into the fewest nouns MeCab-ko knows, and only the
  /// Korean model has such nouns.
  @Test func koreanCompoundLemmasSplitIntoTheirNouns() throws {
    let withParts = MorphologyModel.bundledLanguages.filter { MorphologyModel.bundled($0)?.hasCompoundParts == true }
    #expect(withParts == ["ko"])
    let korean = try #require(MorphologyModel.bundled("ko"))
    #expect(korean.splitCompound("국제협력사업+에") == "국제+협력+사업+에")
    #expect(korean.splitCompound("정부기관연구원") == "정부+기관+연구원")
    // Three syllables or fewer, a noun MeCab-ko knows whole, a non-Hangul stem: left as they are.
    #expect(korean.splitCompound("도서관+을") == "도서관+을" && korean.splitCompound("연구원") == "연구원")
    #expect(korean.splitCompound("대한민국+의") == "대한민국+의" && korean.splitCompound("인공지능") == "인공지능")
    #expect(korean.splitCompound("대학교") == "대학교" && korean.splitCompound("Precis+는") == "Precis+는")
    let layer = try Self.stageLayer("정부기관연구원들이 국제협력사업에 참여했다.", language: "ko")
    let lemmas = layer.tokens.indices.compactMap { layer.analysis(ofToken: $0)?.lemma }
    #expect(lemmas.first == "정부+기관+연구원+들+이", "\(lemmas)")
  }

  /// UD_Finnish-TDT marks compound boundaries in lemmas ("pöytä#kirja"); the Finnish model marks
  /// them in the lemmas its dictionary and rules make for nouns, names and adjectives, but not
  /// after endings that training showed are no compound part ("suomalainen"), and only the
  /// Finnish model has such parts.
  @Test func finnishCompoundLemmasAreMarked() throws {
    #expect(MorphologyModel.bundledLanguages.filter { MorphologyModel.bundled($0)?.hasMarkedParts == true } == ["fi"])
    let finnish = try #require(MorphologyModel.bundled("fi"))
    #expect(finnish.markedCompound("pöytäkirja", tag: .noun) == "pöytä#kirja" && finnish.markedCompound("sanomalehti", tag: .noun) == "sanoma#lehti")
    #expect(finnish.markedCompound("Ulkoministeriö", tag: .propn) == "Ulko#ministeriö")
    for word in ["suomalainen", "maailma", "kuukausi", "toimisto"] { #expect(finnish.markedCompound(word, tag: .adj) == word) }
    #expect(finnish.markedCompound("pöytäkirja", tag: .verb) == "pöytäkirja" && finnish.markedCompound("työ#paikka", tag: .noun) == "työ#paikka")
    #expect(try #require(MorphologyModel.bundled("de")).markedCompound("Arbeitsplatz", tag: .noun) == "Arbeitsplatz")
    // On the token layer; the lemma's stem is of the unmarked lemma, as keywords group and show it.
    let layer = try Self.stageLayer("Vikailmoitukset lisääntyivät. Uudet vikailmoitukset käsitellään nopeasti.", language: "fi")
    let analysis = try #require(layer.analyses.first { $0.lemma == "vika#ilmoitus" }, "\(layer.analyses.map(\.lemma))")
    #expect(!analysis.lemmaStem.contains("#") && analysis.lemmaStem.hasPrefix("vikailmoitu"))
  }

  /// A tagged model keeps the tags its training text gave each lower-case form (a bit per tag), and
  /// a frequent form it lacks gets its lemma's; lemma-only models keep none. In the harbour article's headline sentence the next word's set
  /// tells "bridge", between a noun and a verb, from an auxiliary (it was AUX before the sets).
  @Test func tagSetsHoldTheTagsTrainingGaveAForm() throws {
    let english = try #require(MorphologyModel.bundled("en"))
    func tags(_ model: MorphologyModel, _ word: String) -> Set<UniversalTag> {
      let mask = model.tagSet(lowerHash: FNV1a.hash64(word.utf8))
      return Set(UniversalTag.allCases.filter { mask & (1 << UInt64($0.rawValue)) != 0 })
    }
    #expect(tags(english, "the") == [.det, .pron] && tags(english, "said") == [.verb] && tags(english, "bridge").contains(.noun))
    #expect(tags(english, "reopened") == [])  // UD_English-EWT's dev split has no form of "reopen"
    // Not in UD_French-GSD's dev split either, but simplemma lemmatizes it "reprendre", whose forms
    // there ("reprend", "repris") are verbs.
    #expect(tags(try #require(MorphologyModel.bundled("fr")), "reprendra") == [.verb])
    #expect(tags(try #require(MorphologyModel.bundled("it")), "il") == [])
    let layer = try Self.stageLayer("PORTSMOUTH - The old harbour bridge reopened to traffic on Monday.", language: "en")
    let tagged = Dictionary(layer.tokens.indices.map { (layer.text(ofToken: $0), layer.analysis(ofToken: $0)?.upos) }) { first, _ in first }
    #expect(tagged["bridge"] == .noun && tagged["reopened"] == .verb, "\(tagged)")
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
