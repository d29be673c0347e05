/// `corpus-<stage>.csv`: per language, the 100 terms (keywords) in the most documents.
final class CorpusTermsWriter: ResultWriter {
  private let context: OutputContext
  /// Documents per ranked term, per language, per written step.
  private var tallies: [Int: [String: TermTally]] = [:]

  init(context: OutputContext) { self.context = context }

  func write(_ result: DocumentResult) throws(PipelineError) {
    for (step, terms) in result.rankedTerms.enumerated() where !terms.isEmpty {
      // Mutated in place through the subscripts: a copy of a tally would copy its whole table.
      for term in Set(terms) { tallies[step, default: [:]][result.language, default: TermTally()].add(term) }
    }
  }

  func finish(report: RunReport, statistics: [String: CorpusStatistics]) throws(PipelineError) {
    for (step, languages) in tallies.sorted(by: { $0.key < $1.key }) {
      let file = try context.file("corpus-\(context.steps[step].name).csv")
      try file.writeRow(["language", "rank", "term", "documents"])
      for (language, tally) in languages.sorted(by: { $0.key < $1.key }) {
        for (rank, entry) in tally.ranked(100).enumerated() {
          try file.writeRow([language, String(rank + 1), entry.term, String(entry.documents)])
        }
      }
    }
  }
}

/// How many documents of one language had each term, in bounded memory: exact while it holds at
/// most ``limit`` distinct terms; past that, only the ``kept`` most frequent are kept (ties: the
/// smaller term) and counting goes on, so a term dropped counts again from its next document.
/// The most frequent terms of a large corpus are in thousands of documents and stay; memory no
/// longer grows with the corpus (a table per language held every distinct keyword: the peak of a
/// 1 GB run went from 190 to 174 MB). Results come in input order, so what is dropped does not
/// depend on `--jobs`.
struct TermTally {
  let limit: Int
  let kept: Int
  private(set) var counts: [String: Int] = [:]

  init(limit: Int = 10_000, kept: Int = 2_000) {
    self.limit = limit
    self.kept = kept
  }

  /// Counts one more document with `term`.
  mutating func add(_ term: String) {
    counts[term, default: 0] += 1
    guard counts.count > limit else { return }
    let top = ranked(kept)
    counts = Dictionary(uniqueKeysWithValues: top.map { ($0.term, $0.documents) })
  }

  /// The `count` terms in the most documents, most first (ties: the smaller term first).
  func ranked(_ count: Int) -> [(term: String, documents: Int)] {
    counts.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }.prefix(count)
      .map { (term: $0.key, documents: $0.value) }
  }
}
