internal import CICU
internal import Foundation

/// Identifies the language of a text: a script pre-filter (ICU's uscript) narrows the candidates,
/// then character 1–5-gram and word scores from wordfreq's lists decide among them.
///
/// Create one and share it: it holds only references to the read-only profiles, so it is cheap
/// to copy and safe to use from many threads. The same text always gets the same answer.
public struct LanguageDetector: Sendable {
  /// A language and how likely it is.
  public struct Hypothesis: Sendable, Equatable, Codable {
    /// ISO 639-1 code, or `"und"` when the text has no letters.
    public var code: String
    /// Probability in 0...1 (a softmax over the candidates' scores).
    public var confidence: Double
  }

  let profiles: LanguageProfiles
  /// Profile indices allowed by the `languages` restriction (all when none was given).
  let allowed: Set<Int>
  /// Languages outside the profiles that a script identifies by itself, allowed or not.
  let allowedScriptLanguages: Set<String>?
  /// The allowed profile indices, sorted: the candidates for a script no profile is written in.
  let allowedSorted: [Int]
  /// The allowed profile indices written in each script shared by several languages (scripts
  /// whose allowed list would be empty are left out, so they fall back to ``allowedSorted``).
  let candidatesByScript: [Int: [Int]]

  /// A detector over the bundled profiles.
  /// - Parameter languages: restrict the answers to these ISO 639-1 codes (`nil`: all supported).
  /// - Throws: `PipelineError` when the profiles cannot be loaded or a code is not supported.
  public init(languages: [String]? = nil) throws(PipelineError) {
    try self.init(profiles: LanguageProfiles.bundled.get(), languages: languages)
  }

  init(profiles: LanguageProfiles, languages: [String]?) throws(PipelineError) {
    self.profiles = profiles
    if let languages {
      let supported = Set(profiles.codes).union(ScriptLanguages.singleLanguageScripts.values)
      if let unknown = languages.first(where: { !supported.contains($0) }) {
        var message = "language '\(unknown)' is not supported"
        if let near = Suggestion.nearest(to: unknown, in: supported.sorted()) { message += "; did you mean '\(near)'?" }
        throw PipelineError(.invalidOption, message + " (supported: " + supported.sorted().joined(separator: ", ") + ")")
      }
      allowed = Set(profiles.codes.indices.filter { languages.contains(profiles.codes[$0]) })
      allowedScriptLanguages = Set(languages)
    } else {
      allowed = Set(profiles.codes.indices)
      allowedScriptLanguages = nil
    }
    allowedSorted = allowed.sorted()
    var candidatesByScript: [Int: [Int]] = [:]
    for script in ScriptLanguages.sharedScripts {
      let codes = ScriptLanguages.profileLanguages(for: script)
      let indices = allowedSorted.filter { codes.contains(profiles.codes[$0]) }
      if !indices.isEmpty { candidatesByScript[script] = indices }
    }
    self.candidatesByScript = candidatesByScript
  }

  /// The size of the loaded profiles, in bytes.
  public var profileBytes: Int { profiles.byteCount }

  /// Every language the detector can answer, sorted.
  public var supportedLanguages: [String] {
    Set(profiles.codes).union(ScriptLanguages.singleLanguageScripts.values).sorted()
  }

  /// The most likely language of `text`, or `"und"` when it has no letters.
  public func dominantLanguage(of text: String) -> String {
    hypotheses(for: text, maximum: 1).first?.code ?? "und"
  }

  /// The most likely languages of `text`, best first, at most `maximum` of them.
  /// - Complexity: O(n) in the text length, looking at no more than `letterLimit` letters.
  public func hypotheses(for text: String, maximum: Int = 3, letterLimit: Int = 2_000) -> [Hypothesis] {
    // Letters are rarely sparser than one in three characters: read no more than that.
    // (A text of no more UTF-8 bytes than that has no more characters: no need to count them.)
    let text = text.utf8.count > 3 * letterLimit ? String(text.prefix(3 * letterLimit)) : text
    let units = ICU.utf16(text)
    let counts = ICU.scriptCounts(units, limit: letterLimit)
    let letters = counts.reduce(0, +)
    guard letters > 0 else { return [Hypothesis(code: "und", confidence: 1)] }
    let script = ScriptLanguages.dominantScript(counts)
    if let only = ScriptLanguages.singleLanguageScripts[script],
      allowedScriptLanguages?.contains(only) ?? true
    {
      return [Hypothesis(code: only, confidence: 1)]
    }
    let candidates = candidatesByScript[script] ?? allowedSorted
    guard !candidates.isEmpty else { return [Hypothesis(code: "und", confidence: 1)] }
    let scores = score(text, letterLimit: letterLimit)
    return Self.softmax(scores, candidates: candidates, temperature: profiles.temperature, codes: profiles.codes)
      .prefix(max(1, maximum)).map { $0 }
  }

  /// Sums the n-gram and word scores of `text`'s letter runs per profile language, with a run
  /// cache no other worker holds meanwhile.
  func score(_ text: String, letterLimit: Int) -> [Float] {
    let cache = RunScoreCache.take(for: profiles)
    defer { RunScoreCache.pool.putBack(cache) }
    return score(text, letterLimit: letterLimit, cache: cache)
  }

  /// ``score(_:letterLimit:)`` with runs scored before taken from `cache` (for `profiles`).
  func score(_ text: String, letterLimit: Int, cache: RunScoreCache) -> [Float] {
    // Quantized scores are added as integers (exact, and no conversion per entry), then scaled.
    var sums = RunSums(languages: profiles.codes.count)
    var run = RunBuffer()
    // The text is lower-cased a scalar at a time (as `lowercased()` does), only as far as read.
    // (The run is a value, not variables that nested functions capture: the compiler boxed
    // those and checked every access to them at run time, a sixth of the scoring's instructions.)
    for scalar in text.unicodeScalars {
      if run.seen >= letterLimit { break }
      scalar.forEachLowercase { lower in
        if Self.isRunScalar(lower) {
          run.append(lower)
        } else {
          run.finish { bytes, starts in addCachedRun(bytes, starts: starts, to: &sums, cache: cache) }
        }
      }
    }
    run.finish { bytes, starts in addCachedRun(bytes, starts: starts, to: &sums, cache: cache) }
    let ngramScale = 1 / profiles.scale, wordScale = profiles.wordWeight / profiles.scale
    return zip(sums.ngrams, sums.words).map { Float($0) * ngramScale + Float($1) * wordScale }
  }

  /// The letter run being read, as the UTF-8 bytes of " run " with where each scalar starts;
  /// reused from run to run.
  struct RunBuffer {
    var bytes: [UInt8] = [0x20]
    var starts: [Int] = [0]
    /// Letters and marks read into runs so far.
    var seen = 0

    init() {
      bytes.reserveCapacity(128)
      starts.reserveCapacity(64)
    }

    mutating func append(_ scalar: Unicode.Scalar) {
      starts.append(bytes.count)
      bytes.append(contentsOf: UTF8.encode(scalar)!)
    }

    /// Ends the run (when it has a scalar): hands `score` its bytes (with the closing space) and
    /// scalar starts (with an end sentinel), then starts an empty one.
    mutating func finish(_ score: ([UInt8], [Int]) -> Void) {
      guard starts.count > 1 else { return }
      seen += starts.count - 1
      starts.append(bytes.count)
      bytes.append(0x20)
      starts.append(bytes.count)  // end sentinel
      score(bytes, starts)
      bytes.removeAll(keepingCapacity: true)
      bytes.append(0x20)
      starts.removeAll(keepingCapacity: true)
      starts.append(0)
    }
  }

  /// Per profile language, the quantized n-gram and word scores added so far.
  struct RunSums {
    var ngrams: [UInt32]
    var words: [UInt32]

    init(languages: Int) {
      ngrams = [UInt32](repeating: 0, count: languages)
      words = [UInt32](repeating: 0, count: languages)
    }

    /// Every sum back to 0, in place.
    mutating func reset() {
      ngrams.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
      words.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
    }
  }

  /// Adds one run's scores, from `cache` when the run was scored before (common words recur in
  /// every text: "the", "und", "de").
  func addCachedRun(_ bytes: [UInt8], starts: [Int], to sums: inout RunSums, cache: RunScoreCache) {
    let key = FNV1a.hash64(bytes)
    if cache.add(key, to: &sums) { return }
    cache.store(key) { run in addRun(bytes, starts: starts, to: &run) }
    _ = cache.add(key, to: &sums)  // just stored
  }

  /// Letters and marks make runs; anything else ends one.
  @inline(__always)
  static func isRunScalar(_ scalar: Unicode.Scalar) -> Bool {
    if scalar.value < 0x80 { return (scalar.value | 0x20) >= 0x61 && (scalar.value | 0x20) <= 0x7A }
    return ScalarBits.letterOrMark.contains(scalar)
  }

  /// Adds one run's word score and its padded 1–5-gram scores; `bytes` is the UTF-8 of " run "
  /// and `starts` where each of its scalars starts, plus an end sentinel.
  func addRun(_ bytes: [UInt8], starts: [Int], to sums: inout RunSums) {
    let scalarCount = starts.count - 1
    let maxN = profiles.maxN
    sums.words.withUnsafeMutableBufferPointer { words in
      profiles.words.forEachEntry(FNV1a.hash64(bytes[1..<(bytes.count - 1)])) { entry in
        words[Int(entry >> 8)] &+= UInt32(entry & 0xFF)
      }
    }
    withUnsafeTemporaryAllocation(of: UInt64.self, capacity: scalarCount * maxN) { hashes in
      var count = 0
      bytes.withUnsafeBufferPointer { buffer in
        starts.withUnsafeBufferPointer { starts in
          // Each n-gram's hash extends the (n-1)-gram's that starts at the same place.
          for first in 0..<scalarCount {
            var hash = FNV1a.offsetBasis
            for n in 1...maxN where first + n <= scalarCount {
              for index in starts[first + n - 1]..<starts[first + n] { hash = FNV1a.extend(hash, buffer[index]) }
              if n == 1 && buffer[starts[first]] == 0x20 { continue }
              hashes[count] = hash
              count += 1
            }
          }
        }
      }
      // The lookups miss the cache: their slots are requested first, all at once, so the misses
      // overlap instead of following one another; then the entries the slots point to, likewise.
      let table = profiles.ngrams
      for index in 0..<count { table.prefetch(hashes[index]) }
      withUnsafeTemporaryAllocation(of: Range<Int>.self, capacity: count) { ranges in
        for index in 0..<count {
          let range = table.entryRange(hashes[index])
          ranges.initializeElement(at: index, to: range)
          if !range.isEmpty { table.prefetchEntry(range.lowerBound) }
        }
        let entries = table.entries
        sums.ngrams.withUnsafeMutableBufferPointer { ngrams in
          for index in 0..<count {
            for entry in ranges[index] {
              ngrams[Int(entries[entry] >> 8)] &+= UInt32(entries[entry] & 0xFF)
            }
          }
        }
      }
    }
  }

  /// Candidates ranked by a softmax of their scores; ties go to the earlier code, so answers
  /// never depend on anything but the text.
  static func softmax(_ scores: [Float], candidates: [Int], temperature: Float, codes: [String]) -> [Hypothesis] {
    let best = candidates.map { scores[$0] }.max() ?? 0
    let weights: [Double] = candidates.map { index in exp(Double(temperature * (scores[index] - best))) }
    let total = weights.reduce(0, +)
    var hypotheses: [Hypothesis] = []
    for (index, weight) in zip(candidates, weights) {
      hypotheses.append(Hypothesis(code: codes[index], confidence: weight / total))
    }
    hypotheses.sort { $0.confidence > $1.confidence || ($0.confidence == $1.confidence && $0.code < $1.code) }
    return hypotheses
  }
}

/// Which languages each script class can be (CICU_SCRIPT_*).
enum ScriptLanguages {
  /// Scripts written by (essentially) one language; no profile needed.
  static let singleLanguageScripts: [Int: String] = [
    Int(CICU_SCRIPT_GREEK): "el", Int(CICU_SCRIPT_HEBREW): "he", Int(CICU_SCRIPT_BENGALI): "bn",
    Int(CICU_SCRIPT_TAMIL): "ta", Int(CICU_SCRIPT_HANGUL): "ko", Int(CICU_SCRIPT_KANA): "ja",
    Int(CICU_SCRIPT_ARMENIAN): "hy", Int(CICU_SCRIPT_GEORGIAN): "ka", Int(CICU_SCRIPT_THAI): "th",
    Int(CICU_SCRIPT_GUJARATI): "gu", Int(CICU_SCRIPT_GURMUKHI): "pa", Int(CICU_SCRIPT_TELUGU): "te",
    Int(CICU_SCRIPT_KANNADA): "kn", Int(CICU_SCRIPT_MALAYALAM): "ml", Int(CICU_SCRIPT_SINHALA): "si",
    Int(CICU_SCRIPT_KHMER): "km", Int(CICU_SCRIPT_LAO): "lo", Int(CICU_SCRIPT_MYANMAR): "my",
    Int(CICU_SCRIPT_ETHIOPIC): "am", Int(CICU_SCRIPT_TIBETAN): "bo",
  ]

  /// The scripts ``profileLanguages(for:)`` knows.
  static let sharedScripts: [Int] = [
    Int(CICU_SCRIPT_LATIN), Int(CICU_SCRIPT_CYRILLIC), Int(CICU_SCRIPT_ARABIC), Int(CICU_SCRIPT_DEVANAGARI), Int(CICU_SCRIPT_HAN),
  ]

  /// Profile languages written in a script shared by several languages.
  static func profileLanguages(for script: Int) -> Set<String> {
    switch script {
    case CICU_SCRIPT_LATIN:
      ["ca", "cs", "da", "de", "en", "es", "fi", "fr", "hr", "hu", "id", "is", "it", "lt", "lv", "ms", "nb", "nl",
       "pl", "pt", "ro", "sk", "sl", "sv", "tl", "tr", "vi"]
    case CICU_SCRIPT_CYRILLIC: ["bg", "mk", "ru", "uk"]
    case CICU_SCRIPT_ARABIC: ["ar", "fa", "ur"]
    case CICU_SCRIPT_DEVANAGARI: ["hi"]
    // Han without kana is Chinese, Simplified or Traditional: Japanese prose always has kana
    // (particles, inflections), and text with kana is read as Japanese (see `dominantScript`).
    // The Chinese profile knows Simplified characters only, so the Japanese one, which knows many
    // Traditional forms, would win Traditional text if it were a candidate here.
    case CICU_SCRIPT_HAN: ["zh"]
    default: []
    }
  }

  /// The script with the most letters; any kana makes Han text Japanese.
  static func dominantScript(_ counts: [Int32]) -> Int {
    if counts[Int(CICU_SCRIPT_KANA)] > 0 && counts[Int(CICU_SCRIPT_HAN)] + counts[Int(CICU_SCRIPT_KANA)] >= counts.max() ?? 0 {
      return Int(CICU_SCRIPT_KANA)
    }
    var best = 0
    for index in counts.indices where counts[index] > counts[best] { best = index }
    return best
  }
}

/// The scores of runs (words) scored recently by one worker, for one set of profiles: at most
/// ``capacity`` runs, then it starts afresh. Never used by two workers at once (``pool``).
final class RunScoreCache {
  static let capacity = 4_096
  let languages: Int
  let profiles: ObjectIdentifier
  // One worker at a time uses a cache (``pool``), so accesses are not checked at run time.
  @exclusivity(unchecked) private var slots = UInt64Map<Int32>(empty: -1, capacity: capacity)
  /// Per cached run, its n-gram then its word sums (`2 × languages` counters).
  @exclusivity(unchecked) private var sums: [UInt32] = []
  /// Where a run is scored before it is stored, reused from run to run.
  @exclusivity(unchecked) private var scratch: LanguageDetector.RunSums

  init(languages: Int, profiles: ObjectIdentifier) {
    self.languages = languages
    self.profiles = profiles
    scratch = LanguageDetector.RunSums(languages: languages)
    sums.reserveCapacity(2 * languages * Self.capacity)
  }

  /// The number of runs cached.
  var runs: Int { slots.count }

  /// Adds the cached scores of the run with hash `key` to `totals`; false when it is not cached.
  func add(_ key: UInt64, to totals: inout LanguageDetector.RunSums) -> Bool {
    guard let slot = slots[key] else { return false }
    let base = Int(slot) * 2 * languages
    sums.withUnsafeBufferPointer { cached in
      for index in 0..<languages {
        totals.ngrams[index] &+= cached[base + index]
        totals.words[index] &+= cached[base + languages + index]
      }
    }
    return true
  }

  /// Stores under `key` the sums that `scoring` adds to empty ones.
  func store(_ key: UInt64, scoring: (inout LanguageDetector.RunSums) -> Void) {
    scratch.reset()
    scoring(&scratch)
    store(key, scratch)
  }

  func store(_ key: UInt64, _ run: LanguageDetector.RunSums) {
    if slots.count >= Self.capacity {
      slots = UInt64Map(empty: -1, capacity: Self.capacity)
      sums.removeAll(keepingCapacity: true)
    }
    slots.set(key, Int32(slots.count))
    sums += run.ngrams
    sums += run.words
  }

  /// The workers' caches: as many as texts were scored at once.
  static let pool = CachePool<RunScoreCache>()

  /// A cache for `profiles` from ``pool`` (a new one when the one taken was for other profiles),
  /// for the caller alone until it puts it back.
  static func take(for profiles: LanguageProfiles) -> RunScoreCache {
    let languages = profiles.codes.count, identity = ObjectIdentifier(profiles)
    let cache = pool.take { RunScoreCache(languages: languages, profiles: identity) }
    guard cache.profiles == identity, cache.languages == languages else { return RunScoreCache(languages: languages, profiles: identity) }
    return cache
  }
}
