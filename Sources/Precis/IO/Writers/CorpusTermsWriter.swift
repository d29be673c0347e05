/// `corpus-<stage>.csv`: per language, the 100 terms (keywords) in the most documents.
final class CorpusTermsWriter: ResultWriter {
  private let context: OutputContext
  /// Documents per ranked term, per language, per written step.
  private var termCounts: [Int: [String: [String: Int]]] = [:]

  init(context: OutputContext) { self.context = context }

  func write(_ result: DocumentResult) throws(PipelineError) {
    for (step, terms) in result.rankedTerms.enumerated() where !terms.isEmpty {
      countTerms(Set(terms), language: result.language, step: step)
    }
  }

  /// Counts one document's terms; past 200,000 terms in a language, terms seen once are dropped
  /// (so the summary is approximate for huge corpora, and memory stays bounded).
  private func countTerms(_ terms: Set<String>, language: String, step: Int) {
    // Mutated in place through the subscripts: a copy of the counts would copy the whole table.
    for term in terms { termCounts[step, default: [:]][language, default: [:]][term, default: 0] += 1 }
    if let counts = termCounts[step]?[language], counts.count > 200_000 {
      termCounts[step]?[language] = nil
      termCounts[step]?[language] = counts.filter { $0.value > 1 }
    }
  }

  func finish(report: RunReport, statistics: [String: CorpusStatistics]) throws(PipelineError) {
    for (step, languages) in termCounts.sorted(by: { $0.key < $1.key }) {
      let file = try context.file("corpus-\(context.steps[step].name).csv")
      try file.writeRow(["language", "rank", "term", "documents"])
      for (language, counts) in languages.sorted(by: { $0.key < $1.key }) {
        let ranked = counts.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }.prefix(100)
        for (rank, entry) in ranked.enumerated() {
          try file.writeRow([language, String(rank + 1), entry.key, String(entry.value)])
        }
      }
    }
  }
}
