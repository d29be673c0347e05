internal import Foundation

/// Helpers for the developer benchmarks of the `precis` tool (not part of the pipeline).
package enum BenchSupport {
  /// The decoded texts of every `.txt` file under `folder`, in sorted order; undecodable files skipped.
  package static func loadTexts(_ folder: String) throws -> [String] {
    let reader = try FolderSource(root: folder, include: ["*.txt"], exclude: [], shard: nil)
    var texts: [String] = []
    while true {
      let items = reader.next(256)
      if items.isEmpty { break }
      for item in items {
        if case .document(let document) = item.load(maxBytes: .max) { texts.append(document.text) }
      }
    }
    return texts
  }

  /// The number of sentence boundaries plain ICU finds in `text` (root locale), including the
  /// conversion to UTF-16 that any ICU caller pays.
  package static func icuSentenceCount(_ text: String) throws -> Int {
    try ICU.boundaries(of: ICU.utf16(text), kind: .sentence, locale: "root").offsets.count
  }

  /// The sentences of `text` as code-point `(start, end)` pairs, white space trimmed: the
  /// splitter's for `language`, or with `plain` ICU's sentence-break iterator for that locale.
  /// What `Scripts/eval-ud-sentences` scores against the treebanks' sentences.
  package static func sentenceSpans(_ text: String, language: String, plain: Bool) throws -> [(start: Int, end: Int)] {
    guard plain else { return try SentenceSplitter(language: language).sentences(in: text).map { ($0.start, $0.end) } }
    let units = ICU.utf16(text)
    guard !units.isEmpty else { return [] }
    var breaks = try ICU.boundaries(of: units, kind: .sentence, locale: language.isEmpty ? "root" : language).offsets
    if breaks.first != 0 { breaks.insert(0, at: 0) }
    var trimmed: [Int32] = []
    for (lower, upper) in zip(breaks, breaks.dropFirst()) {
      var start = Int(lower), end = Int(upper)
      while start < end, TextUnits.isWhitespace(units[start]) { start += 1 }
      while end > start, TextUnits.isWhitespace(units[end - 1]) { end -= 1 }
      if start < end { trimmed += [Int32(start), Int32(end)] }
    }
    let codePoints = ICU.utf8Offsets(units, utf16Offsets: trimmed).codePoints
    return stride(from: 0, to: codePoints.count, by: 2).map { (Int(codePoints[$0]), Int(codePoints[$0 + 1])) }
  }

  package static func seconds(_ duration: Duration) -> Double { duration.seconds }

  /// Runs `body` `passes` times (at least once); returns the fastest pass's seconds and the last result.
  package static func fastest<Result>(passes: Int, _ body: () throws -> Result) rethrows -> (seconds: Double, result: Result) {
    var best = Double.infinity
    var result: Result?
    let clock = ContinuousClock()
    for _ in 0..<max(1, passes) {
      let start = clock.now
      result = try body()
      best = min(best, start.duration(to: clock.now).seconds)
    }
    return (best, result!)
  }

  /// The source of `ScalarBitsTables.swift` (see ``ScalarProperty/generatedSource()``).
  package static func scalarTablesSource() -> String { ScalarProperty.generatedSource() }

  /// The text of `Resources/date-number-words.json` for every language `precis languages` lists.
  package static func dateAndNumberListsSource() throws(PipelineError) -> String {
    DateAndNumberLists.generatedSource(languages: try LanguageSupport.all().map(\.code))
  }

  /// This process's resident memory (VmRSS from /proc/self/status), in MB.
  package static func residentMegabytes() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
      let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
      let kilobytes = Double(line.split(whereSeparator: \.isWhitespace).dropFirst().first ?? "")
    else { return 0 }
    return kilobytes / 1024
  }
}

extension BenchSupport {
  /// Token layers (without tags) of `texts` whose detected language has a morphology model:
  /// what `precis bench-morphology` times the tagger on.
  /// The word tokens (punctuation left out) of `layers`.
  package static func wordTokenCount(_ layers: [TokenLayer]) -> Int {
    layers.reduce(0) { $0 + $1.tokens.count { !$0.flags.contains(.punctuation) } }
  }

  package static func untaggedLayers(_ texts: [String]) throws -> [TokenLayer] {
    let detector = try LanguageDetector()
    return try texts.compactMap { text in
      let language = detector.dominantLanguage(of: text)
      guard MorphologyModel.bundled(language) != nil else { return nil }
      return TokenLayerBuilder.layer(of: try SentenceSplitter(language: language).sentences(in: text), language: language)
    }
  }

  /// Tags and lemmatizes copies of `layers` (the tokens stage's morphology, alone); returns the
  /// tokens tagged per language (punctuation included, as UD counts it).
  @discardableResult
  package static func tagMorphology(_ layers: [TokenLayer]) -> [String: Int] {
    var tokens: [String: Int] = [:]
    for layer in layers {
      guard let model = MorphologyModel.bundled(layer.language) else { continue }
      var copy = layer
      MorphologyTagger(model: model).analyze(&copy)
      tokens[layer.language, default: 0] += copy.tokens.count
    }
    return tokens
  }
}
