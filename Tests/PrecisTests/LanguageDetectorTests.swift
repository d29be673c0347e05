import Foundation
import Testing
@testable import Precis

/// The language detector and stage, on sentences we wrote and on the bundled corpus.
@Suite struct LanguageDetectorTests {
  let detector = try! LanguageDetector()

  @Test(arguments: [
    ("The council approved the new budget on Tuesday evening.", "en"),
    ("Der Stadtrat hat am Dienstagabend den neuen Haushalt beschlossen.", "de"),
    ("Le conseil municipal a approuvé mardi soir le nouveau budget.", "fr"),
    ("El ayuntamiento aprobó el martes por la noche el nuevo presupuesto.", "es"),
    ("Il consiglio comunale ha approvato martedì sera il nuovo bilancio.", "it"),
    ("A câmara municipal aprovou na terça-feira à noite o novo orçamento.", "pt"),
    ("De gemeenteraad heeft dinsdagavond de nieuwe begroting goedgekeurd.", "nl"),
    ("Городской совет во вторник вечером утвердил новый бюджет.", "ru"),
    ("Rada miasta zatwierdziła we wtorek wieczorem nowy budżet.", "pl"),
    ("Byrådet godkendte tirsdag aften det nye budget for næste år.", "da"),
    ("市议会周二晚上批准了新的预算。", "zh"),
    ("市議会は火曜日の夜に新しい予算を承認した。", "ja"),
    ("시의회는 화요일 저녁 새 예산을 승인했다.", "ko"),
    ("وافق مجلس المدينة مساء الثلاثاء على الميزانية الجديدة.", "ar"),
    ("Το δημοτικό συμβούλιο ενέκρινε την Τρίτη τον νέο προϋπολογισμό.", "el"),
    ("สภาเมืองอนุมัติงบประมาณใหม่เมื่อคืนวันอังคาร", "th"),
    ("Belediye meclisi salı akşamı yeni bütçeyi onayladı.", "tr"),
  ])
  func identifiesSentences(text: String, code: String) {
    let best = detector.hypotheses(for: text, maximum: 3)
    #expect(best.first?.code == code)
    #expect(best.first.map { $0.confidence > 0.9 } == true)
  }

  /// Traditional Chinese (Taiwan and Hong Kong news sentences we wrote) is Chinese, not Japanese.
  @Test func traditionalChineseIsChinese() throws {
    let url = TestSupport.fixtures.appendingPathComponent("traditional-chinese.txt")
    let sentences = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
    #expect(sentences.count == 21)
    for sentence in sentences {
      #expect(detector.dominantLanguage(of: sentence) == "zh", "\(sentence)")
    }
    // Text with kana stays Japanese, even when most of it is kanji.
    #expect(detector.dominantLanguage(of: "東京都知事選挙の投票率は過去最低だった。") == "ja")
  }

  @Test func textWithoutLettersIsUndetermined() {
    #expect(detector.dominantLanguage(of: "12 345 -- !!") == "und")
    #expect(detector.dominantLanguage(of: "") == "und")
  }

  @Test func aSingleWordGetsItsBestGuess() {
    let hypotheses = detector.hypotheses(for: "Haushalt", maximum: 3)
    #expect(hypotheses.first?.code == "de")
    #expect(hypotheses.count == 3)
    // Best first, each a probability, together no more than the whole.
    #expect(hypotheses.map(\.confidence) == hypotheses.map(\.confidence).sorted(by: >))
    #expect(hypotheses.allSatisfy { (0...1).contains($0.confidence) })
    #expect(hypotheses.map(\.confidence).reduce(0, +) <= 1 + 1e-9)
    #expect((hypotheses.first?.confidence ?? 1) < 1)  // one word leaves room for doubt
  }

  @Test func restrictingTheCandidates() throws {
    let restricted = try LanguageDetector(languages: ["da", "sv"])
    #expect(restricted.dominantLanguage(of: "The council approved the budget.") != "en")
    #expect(throws: PipelineError.self) { try LanguageDetector(languages: ["xx"]) }
  }

  @Test func answersAreDeterministic() {
    let text = "Bom dia a todos"
    let first = detector.hypotheses(for: text, maximum: 5)
    for _ in 0..<5 { #expect(detector.hypotheses(for: text, maximum: 5) == first) }
  }

  @Test func seedArticleIsGermanWithHighConfidence() throws {
    let bytes = try Data(contentsOf: TestSupport.repository.appendingPathComponent("Corpus/000_05597add93c0269f.txt"))
    let stage = try LanguageStage(options: StageOptions(["min-confidence": .number(0), "candidates": .integer(3)]))
    let result = stage.detect(try TextDecoder.decode([UInt8](bytes)).text)
    #expect(result.code == "de")
    #expect(result.confidence >= 0.99)
    #expect(result.shares.first?.code == "de")
  }

  @Test func sharesOfAMixedDocument() throws {
    let stage = try LanguageStage(options: StageOptions(["min-confidence": .number(0), "candidates": .integer(2)]))
    let text = """
      Der Bürgermeister eröffnete am Montag die neue Brücke über den Fluss. Viele Menschen kamen zur Feier.
      "This bridge connects our two towns again after many years," said the visiting mayor from England.
      """
    let result = stage.detect(text)
    #expect(result.code == "de")
    #expect(Set(result.shares.map(\.code)) == ["de", "en"])
    #expect(result.shares.first.map { $0.code == "de" && $0.share > 0.5 } == true)
  }

  @Test func minimumConfidenceTurnsWeakAnswersIntoUnd() throws {
    let strict = try LanguageStage(options: StageOptions(["min-confidence": .number(0.999), "candidates": .integer(3)]))
    #expect(strict.detect("taxi").code == "und")
    #expect(strict.detect("Der Stadtrat hat am Dienstagabend den neuen Haushalt beschlossen.").code == "de")
  }

  @Test func everyCorpusDocumentGetsItsLanguage() throws {
    let (output, report) = try TestSupport.run(
      "stages:\n  - kind: normalize\n  - kind: language\n", input: TestSupport.repository.appendingPathComponent("Corpus"))
    #expect(report.documents.ok == 13)
    for record in try TestSupport.records(output) {
      let id = try #require(record["id"] as? String)
      let code = (record["language"] as? [String: Any])?["code"] as? String
      let expected = id.hasPrefix("000_") ? "de" : String(id.prefix(2))
      #expect(code == expected, "\(id)")
    }
  }
}

/// Run scores come from the workers' caches as they would be computed afresh.
@Suite struct RunScoreCacheTests {
  @Test func cachedScoresEqualFreshOnes() throws {
    let detector = try LanguageDetector()
    let corpus = TestSupport.repository.appendingPathComponent("Corpus")
    for name in try FileManager.default.contentsOfDirectory(atPath: corpus.path).sorted() {
      let text = try TextDecoder.decode([UInt8](Data(contentsOf: corpus.appendingPathComponent(name)))).text
      // An empty cache: the first score is computed afresh, and fills it.
      let cache = RunScoreCache(languages: detector.profiles.codes.count, profiles: ObjectIdentifier(detector.profiles))
      let fresh = detector.score(text, letterLimit: 600, cache: cache)
      let runs = cache.runs
      let cached = detector.score(text, letterLimit: 600, cache: cache)  // every run now from the cache
      #expect(fresh == cached, "\(name)")
      #expect(detector.score(text, letterLimit: 600) == fresh, "\(name)")  // with a cache from the pool
      // The second scoring found every run: the cache did not grow.
      #expect(cache.runs == runs && (runs > 0 || name.hasPrefix("zh")))
      #expect(fresh.contains { $0 > 0 } || name.hasPrefix("zh"))
    }
  }

  @Test func poolsHandEachCacheToOneWorkerAtATime() {
    let pool = CachePool<NSObject>()
    let first = pool.take(orMake: NSObject.init)
    let second = pool.take(orMake: NSObject.init)
    #expect(first !== second)  // both held: the second caller gets a cache of its own
    pool.putBack(first)
    #expect(pool.take(orMake: NSObject.init) === first)  // reused once given back
    pool.putBack(first)
    pool.putBack(second)
    // Both were kept: the next two takers get them back, and no new one is made.
    let again = [pool.take(orMake: NSObject.init), pool.take(orMake: NSObject.init)]
    #expect(again.contains { $0 === first } && again.contains { $0 === second })
  }

  @Test func storedRunsAddBack() {
    let owner = NSObject()
    let cache = RunScoreCache(languages: 2, profiles: ObjectIdentifier(owner))
    var run = LanguageDetector.RunSums(languages: 2)
    run.ngrams = [3, 4]
    run.words = [5, 0]
    cache.store(42, run)
    var totals = LanguageDetector.RunSums(languages: 2)
    #expect(cache.add(42, to: &totals) && cache.add(42, to: &totals))
    #expect(totals.ngrams == [6, 8] && totals.words == [10, 0])
    #expect(!cache.add(43, to: &totals))
    // A run scored into the cache starts from zero sums, whatever was scored before it.
    cache.store(43) { run in run.ngrams[1] &+= 2 }
    cache.store(44) { run in run.words[0] &+= 1 }
    var fresh = LanguageDetector.RunSums(languages: 2)
    #expect(cache.add(43, to: &fresh) && cache.add(44, to: &fresh))
    #expect(fresh.ngrams == [0, 2] && fresh.words == [1, 0])
  }
}
