/// Decides sentence boundaries: ICU and a scan for terminators propose, the rules below decide.
///
/// Proposals are positions where a sentence could start. Each is judged from what ends before it
/// (the terminator, closing quotes, the word before) and what starts at it (case, digits, dashes,
/// the next word). Quotations embedded in a longer sentence, list items, abbreviations, initials,
/// ordinals, ellipses and names with "!" are handled here.
struct SentenceBoundaries {
  let units: [UInt16]
  let rules: SentenceRules
  private var count: Int { units.count }

  init(units: [UInt16], rules: SentenceRules) {
    self.units = units
    self.rules = rules
  }

  /// The sentences as UTF-16 ranges, whitespace trimmed, empty ones dropped.
  /// - Parameter proposals: boundaries from ICU (UTF-16 offsets).
  /// - Complexity: O(n) in the text length plus O(k log k) for k proposals.
  func sentenceRanges(proposals: [Int32]) -> [Range<Int>] {
    guard !units.isEmpty else { return [] }
    let scan = UnitScan(units: units, extraTerminators: rules.extraTerminators)
    let lists = ListMarkers(units: units, starts: scan.markerStarts)
    let quotes = EmbeddedQuotations(units: units, marks: scan.marks)
    var candidates = proposals.compactMap { $0 > 0 && Int($0) < count ? Int($0) : nil }
    scanForProposals(scan.terminators, into: &candidates)
    candidates.append(contentsOf: lists.forcedBreaks)
    candidates.sort()
    var boundaries: [Int] = []
    var segmentStart = 0
    var previous = -1
    for candidate in candidates where candidate != previous {
      previous = candidate
      let keep: Bool
      if !lists.forcedBreaks.isEmpty && lists.forcedBreaks.contains(candidate) {
        keep = true
      } else if !lists.protectedStarts.isEmpty && lists.protectedStarts.contains(candidate) || quotes.contains(candidate) {
        keep = false
      } else {
        keep = decide(candidate, segmentStart: segmentStart)
      }
      if keep {
        boundaries.append(candidate)
        segmentStart = candidate
      }
    }
    boundaries.append(count)
    var ranges: [Range<Int>] = []
    var start = 0
    for end in boundaries {
      let range = trimmed(start..<end)
      if !range.isEmpty { ranges.append(range) }
      start = end
    }
    return ranges
  }

  // MARK: - Proposals

  /// Adds a proposal after every terminator (with its closing quotes) followed by white space, and
  /// after terminators of scripts written without spaces.
  func scanForProposals(_ terminators: [Int], into candidates: inout [Int]) {
    var scannedTo = 0
    for index in terminators where index >= scannedTo {
      let unit = units[index]
      var end = index + 1
      while end < count, isTerminator(units[end]) || TextUnits.isCloser(units[end]) || TextUnits.isFormat(units[end]) {
        end += 1
      }
      if end < count, TextUnits.isWhitespace(units[end]) {
        let next = skipWhitespace(from: end)
        if next < count {
          candidates.append(next)
          // A closing quote standing alone after the terminator ("aufbauen. “") belongs before the break.
          var closer = next
          while closer < count, TextUnits.isCloser(units[closer]) { closer += 1 }
          if closer > next, closer < count, TextUnits.isWhitespace(units[closer]) {
            let after = skipWhitespace(from: closer)
            if after < count { candidates.append(after) }
          }
        }
      } else if end < count, TextUnits.isSpacelessTerminator(unit) {
        candidates.append(end)
      }
      scannedTo = end
    }
  }

  // MARK: - Decision

  /// Whether a sentence starts at `candidate`.
  func decide(_ candidate: Int, segmentStart: Int) -> Bool {
    var contentEnd = candidate
    var sawNewline = false
    while contentEnd > segmentStart, TextUnits.isWhitespace(units[contentEnd - 1]) || TextUnits.isFormat(units[contentEnd - 1]) {
      if TextUnits.isNewline(units[contentEnd - 1]) { sawNewline = true }
      contentEnd -= 1
    }
    if contentEnd == segmentStart { return false }
    if sawNewline { return true }
    let next = nextToken(at: candidate)
    if next.isClosersOnly || next.startsWithTerminator { return false }

    // Closing quotes and brackets after the terminator, possibly after a space ("aufbauen. “").
    var terminatorEnd = contentEnd
    while terminatorEnd > segmentStart, TextUnits.isCloser(units[terminatorEnd - 1]) { terminatorEnd -= 1 }
    let hasClosers = terminatorEnd < contentEnd
    if hasClosers {
      var beforeSpace = terminatorEnd
      while beforeSpace > segmentStart, units[beforeSpace - 1] == TextUnits.space { beforeSpace -= 1 }
      if beforeSpace < terminatorEnd, beforeSpace > segmentStart, isTerminator(units[beforeSpace - 1]) {
        terminatorEnd = beforeSpace
      }
    }
    let terminatorStart = scanTerminatorsBackward(from: terminatorEnd, limit: segmentStart)
    if terminatorStart == terminatorEnd { return false }
    let terminators = Array(units[terminatorStart..<terminatorEnd])
    let dots = terminators.count { $0 == TextUnits.period }
    let isEllipsis = terminators.contains(0x2026) || dots >= 2
    let attached = terminatorStart > 0 && !TextUnits.isWhitespace(units[terminatorStart - 1])

    if terminators.contains(where: { $0 != TextUnits.period && $0 != 0x2026 && $0 != TextUnits.space }) {
      return decideStrong(terminators, tokenEnd: terminatorStart, attached: attached, hasClosers: hasClosers, next: next)
    }
    if isEllipsis {
      return decideEllipsis(
        start: terminatorStart, dots: dots, spaced: terminators.contains(TextUnits.space), attached: attached,
        next: next)
    }
    return decidePeriod(tokenEnd: terminatorStart, attached: attached, next: next)
  }

  /// Question and exclamation marks and the other non-period terminators.
  /// Whether the clause starting at `position` is a single word before the next terminator.
  func nextClauseIsOneWord(from position: Int) -> Bool {
    var index = position
    while index < count, !TextUnits.isWhitespace(units[index]), !isTerminator(units[index]) { index += 1 }
    while index < count, units[index] == TextUnits.space { index += 1 }
    return index >= count || isTerminator(units[index])
  }

  func decideStrong(_ terminators: [UInt16], tokenEnd: Int, attached: Bool, hasClosers: Bool, next: NextToken) -> Bool {
    let exclamationOnly = terminators.allSatisfy { $0 == 0x21 }
    if exclamationOnly, attached {
      let word = token(endingAt: tokenEnd).core.lowercased()
      if rules.exclamationNames.contains(word) { return false }
    }
    if terminators.allSatisfy({ $0 == 0x060C }), nextClauseIsOneWord(from: next.position) {
      return false  // an Arabic comma between list items: "ضغط الدم، والقلب، ..."
    }
    if next.isDash { return !next.wordAfterDashIsLowercase }
    if next.isLowercase {
      // "Where?" he asked. / Yahoo! in / but "кім? не?"
      if hasClosers || terminators.contains(0x21) { return false }
    }
    return true
  }

  /// "...", "…", ". . .", "....": omissions inside a sentence, or its end.
  func decideEllipsis(start: Int, dots: Int, spaced: Bool, attached: Bool, next: NextToken) -> Bool {
    if start > 0, units[start - 1] == 0x5B || units[start - 1] == 0x28 { return false }  // "[...]", "(…)"
    if next.isLowercase { return false }
    if spaced {
      // Detached ". . ." is an omission; ". . . ." ends the sentence. A word's own period followed
      // by ". . ." was already a boundary before the ellipsis, which starts the next sentence.
      return !attached && dots >= 4
    }
    return true
  }

  /// A single period.
  func decidePeriod(tokenEnd: Int, attached: Bool, next: NextToken) -> Bool {
    if next.startsWithPeriod {
      // "compounds. . . . The practice": the word's period ends the sentence and the ellipsis
      // opens the next; a detached ". . . ." is one ellipsis, judged after its last dot.
      return attached && next.wordAfterDotsIsUppercase
    }
    guard attached else { return true }
    if next.isLowercase && !rules.periodBeforeLowercaseBreaks { return false }
    if isPlainLongWord(endingAt: tokenEnd) { return true }
    let word = token(endingAt: tokenEnd)
    let core = word.core
    if core.isEmpty { return true }
    let folded = core.lowercased()
    let abbreviation = classifyAbbreviation(core, folded: folded)
    if next.isLowercase {
      return rules.periodBeforeLowercaseBreaks && abbreviation == .none && !word.isNumber
    }
    if word.isNumber {
      return decideNumber(core, next: next)
    }
    // After a number, a title or a lowercase letter is a unit ("2010 г.", "5 m."), not a name's start.
    let isUnit = word.previousWordIsNumber && (abbreviation == .title || abbreviation == .singleLetter && core == folded)
    switch isUnit ? .abbreviation : abbreviation {
    case .none:
      return true
    case .number:
      return !next.isDigit
    case .title:
      return false
    case .singleLetter:
      // "you and I. Did" ends a sentence; "Albert I. Jones" and "Jonas E. Smith" do not.
      return core == "I" && next.isUppercase && word.previousWordIsLowercase
    case .abbreviation:
      if next.isDigit { return false }
      if rules.language == "en", core == "P.M" || core == "A.M", next.isUppercase { return true }
      return next.isUppercase && rules.starters.contains(lowercasedWord(at: next.wordStart))
    }
  }

  /// A word too long for any abbreviation rule (no inner period, over 12 units): an ordinary word.
  func isPlainLongWord(endingAt end: Int) -> Bool {
    var start = end
    while start > 0, end - start <= 12 {
      let unit = units[start - 1]
      if TextUnits.isWhitespace(unit) || unit == TextUnits.period || unit == 0x27 || unit == 0x2019 { return false }
      start -= 1
    }
    return end - start > 12
  }

  /// A number followed by a period: an ordinal ("am 12. Juni", "zum 70. Jahrestag") or a sentence end.
  func decideNumber(_ number: String, next: NextToken) -> Bool {
    let shortNumber = number.count <= 3 && number.allSatisfy(\.isASCII) && number.allSatisfy(\.isNumber)
    guard shortNumber else { return true }
    let nextWord = lowercasedWord(at: next.wordStart)
    if number.count <= 2, rules.months.contains(nextWord) { return false }
    if rules.ordinalPeriod, next.isUppercase, !rules.starters.contains(nextWord) { return false }
    return true
  }

  enum AbbreviationKind { case none, title, number, singleLetter, abbreviation }

  func classifyAbbreviation(_ core: String, folded: String) -> AbbreviationKind {
    if core.count == 1, core.first?.isLetter == true { return .singleLetter }
    if rules.numberAbbreviations.contains(folded) { return .number }
    if rules.titles.contains(folded) { return .title }
    if rules.isKnownAbbreviation(core, folded: folded) { return .abbreviation }
    if isMultiPeriodAbbreviation(core) || isVowelless(core) { return .abbreviation }
    return .none
  }

  /// "U.S", "a.m", "z.B", "Ph.D", "т.б", "s.r.o": short letter groups joined by periods.
  func isMultiPeriodAbbreviation(_ core: String) -> Bool {
    guard core.contains(".") else { return false }
    let parts = core.split(separator: ".", omittingEmptySubsequences: false)
    return parts.count >= 2 && parts.allSatisfy { !$0.isEmpty && $0.count <= 3 && $0.allSatisfy(\.isLetter) }
  }

  /// "Mr", "gg", "кв", "Kv": a short word with a lowercase letter and no vowel cannot be a word.
  func isVowelless(_ core: String) -> Bool {
    core.count <= 5 && core.allSatisfy(\.isLetter) && core.contains(where: \.isLowercase)
      && !core.lowercased().contains(where: TextUnits.vowels.contains)
      && core.unicodeScalars.allSatisfy { $0.value < 0x0530 }  // Latin, Greek, Cyrillic only
  }

  // MARK: - Tokens

  /// The word ending at `end` (the position of its final period), without leading openers.
  struct Token {
    var core: String
    var isNumber: Bool
    var previousWordIsLowercase: Bool
    /// "2010 г.": after a number, a title abbreviation is a unit ("год"), not a title.
    var previousWordIsNumber: Bool
  }

  func token(endingAt end: Int) -> Token {
    var start = end
    while start > 0, !TextUnits.isWhitespace(units[start - 1]) { start -= 1 }
    var coreStart = start
    while coreStart < end, TextUnits.isOpener(units[coreStart]) || TextUnits.isFormat(units[coreStart]) { coreStart += 1 }
    // Elided article or preposition: "l'Avv." -> "Avv", "dell’arch." -> "arch".
    if let apostrophe = units[coreStart..<end].lastIndex(where: { $0 == 0x27 || $0 == 0x2019 }),
      apostrophe - coreStart <= 4, apostrophe + 1 < end, TextUnits.isLetter(units[apostrophe + 1])
    {
      coreStart = apostrophe + 1
    }
    var coreEnd = end
    while coreEnd > coreStart, TextUnits.isFormat(units[coreEnd - 1]) { coreEnd -= 1 }
    let core = string(coreStart..<coreEnd, skippingFormat: true)
    let isNumber = coreStart < coreEnd && TextUnits.isDigit(units[coreStart])
      && units[coreStart..<coreEnd].allSatisfy { TextUnits.isDigit($0) || [0x2E, 0x2C, 0x3A, 0x2F, 0x2D, 0x27, 0x2019].contains($0) }
    // The word before: skip spaces back to its last letter and look at its first.
    var previous = start
    while previous > 0, TextUnits.isWhitespace(units[previous - 1]) { previous -= 1 }
    var previousStart = previous
    while previousStart > 0, !TextUnits.isWhitespace(units[previousStart - 1]) { previousStart -= 1 }
    let previousIsLowercase = previousStart < previous && TextUnits.isLowercase(units[previousStart])
    let previousIsNumber = previousStart < previous && units[previousStart..<previous].allSatisfy(TextUnits.isDigit)
    return Token(
      core: core, isNumber: isNumber, previousWordIsLowercase: previousIsLowercase, previousWordIsNumber: previousIsNumber)
  }

  /// What starts at a proposed boundary.
  struct NextToken {
    var isLowercase = false
    var isUppercase = false
    var isDigit = false
    var isDash = false
    var isClosersOnly = false
    var startsWithPeriod = false
    /// Starts with "!", "?" or another terminator (not a period): "! ! !", "Fig. ??".
    var startsWithTerminator = false
    var wordAfterDashIsLowercase = false
    var wordAfterDotsIsUppercase = false
    /// Where the first word starts, after opening quotes and brackets (-1: no word).
    var wordStart = -1
    /// Where the token starts (after invisible format characters).
    var position = 0
  }

  /// The word starting at `start` (letters and apostrophes), lowercased; empty for -1.
  func lowercasedWord(at start: Int) -> String {
    guard start >= 0 else { return "" }
    var end = start
    while end < count, TextUnits.isLetter(units[end]) || units[end] == 0x27 || units[end] == 0x2019 { end += 1 }
    return string(start..<end, skippingFormat: false).lowercased()
  }

  func nextToken(at position: Int) -> NextToken {
    var next = NextToken()
    var index = position
    while index < count, TextUnits.isFormat(units[index]) { index += 1 }
    next.position = index
    guard index < count else { return next }
    let first = units[index]
    var closers = index
    while closers < count, TextUnits.isCloser(units[closers]) { closers += 1 }
    next.isClosersOnly = closers > index && (closers == count || TextUnits.isWhitespace(units[closers]))
    if first == TextUnits.period {
      next.startsWithPeriod = true
      var after = index
      while after < count, units[after] == TextUnits.period || units[after] == TextUnits.space { after += 1 }
      next.wordAfterDotsIsUppercase = after < count && TextUnits.isUppercase(units[after])
      return next
    }
    if isTerminator(first) {
      next.startsWithTerminator = true
      return next
    }
    if TextUnits.isDash(first) {
      next.isDash = true
      var after = index
      while after < count, TextUnits.isDash(units[after]) || TextUnits.isWhitespace(units[after]) { after += 1 }
      next.wordAfterDashIsLowercase = after < count && TextUnits.isLowercase(units[after])
      return next
    }
    var wordStart = index
    while wordStart < count, TextUnits.isOpener(units[wordStart]) { wordStart += 1 }
    guard wordStart < count else { return next }
    let letter = units[wordStart]
    next.isLowercase = TextUnits.isLowercase(letter)
    next.isUppercase = TextUnits.isUppercase(letter)
    next.isDigit = TextUnits.isDigit(letter)
    next.wordStart = wordStart
    return next
  }

  // MARK: - Helpers

  func isTerminator(_ unit: UInt16) -> Bool {
    TextUnits.isTerminator(unit) || !rules.extraTerminators.isEmpty && rules.extraTerminators.contains(unit)
  }

  /// The start of the run of terminators ending at `end`; dots may be separated by single spaces.
  func scanTerminatorsBackward(from end: Int, limit: Int) -> Int {
    var start = end
    while start > limit {
      let unit = units[start - 1]
      if isTerminator(unit) {
        start -= 1
      } else if unit == TextUnits.space, start - 1 > limit, units[start - 2] == TextUnits.period,
        start < end, units[start] == TextUnits.period
      {
        start -= 1
      } else {
        break
      }
    }
    return start
  }

  /// The text of `range`, optionally without invisible format characters.
  func string(_ range: Range<Int>, skippingFormat: Bool) -> String {
    units.withUnsafeBufferPointer { buffer in
      let slice = UnsafeBufferPointer(rebasing: buffer[range])
      if skippingFormat, slice.contains(where: TextUnits.isFormat) {
        return String(decoding: slice.filter { !TextUnits.isFormat($0) }, as: UTF16.self)
      }
      return String(decoding: slice, as: UTF16.self)
    }
  }

  func skipWhitespace(from index: Int) -> Int {
    var position = index
    while position < count, TextUnits.isWhitespace(units[position]) { position += 1 }
    return position
  }

  func trimmed(_ range: Range<Int>) -> Range<Int> {
    var lower = range.lowerBound, upper = range.upperBound
    while lower < upper, TextUnits.isWhitespace(units[lower]) { lower += 1 }
    while upper > lower, TextUnits.isWhitespace(units[upper - 1]) { upper -= 1 }
    return lower..<upper
  }
}
