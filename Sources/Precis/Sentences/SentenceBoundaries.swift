/// Decides sentence boundaries: a scan proposes, the rules below decide.
///
/// Proposals are positions where a sentence could start: after every sentence terminator
/// (Unicode's Sentence_Terminal set, as in ICU's sentence rules) with its closing quotes and the
/// white space that follows, after the terminators of scripts written without spaces, and after
/// every line break. (ICU's own sentence iterator proposed the same positions on the evaluation
/// data and cost as much as everything else together, so the scan replaced it; see README.)
/// Each proposal is judged from what ends before it
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
  /// - Complexity: O(n) in the text length plus O(k log k) for k proposals.
  func sentenceRanges() -> [Range<Int>] {
    guard !units.isEmpty else { return [] }
    let scan = UnitScan(units: units, extraTerminators: rules.extraTerminators)
    let lists = ListMarkers(units: units, starts: scan.markerStarts)
    let quotes = EmbeddedQuotations(units: units, marks: scan.marks, terminators: scan.terminators)
    let openingQuotes = Self.openingStraightQuotes(units, marks: scan.marks)
    var candidates: [Int] = []
    candidates.reserveCapacity(scan.terminators.count + 16)
    scanForProposals(scan.terminators, into: &candidates)
    for index in scan.marks where units[index] == 0x0A {
      let next = skipWhitespace(from: index + 1)
      if next < count { candidates.append(next) }
    }
    // Boundaries that no rule judges: list items, and (outside quotations) smileys and the
    // language's unpunctuated sentence endings.
    var forced = lists.forcedBreaks
    var unpunctuated = rules.unpunctuatedEndings.isEmpty ? [] : unpunctuatedEnds()
    unpunctuated.formUnion(emoticonEnds(marks: scan.marks))
    for start in unpunctuated where !quotes.contains(start) { forced.insert(start) }
    candidates.append(contentsOf: forced)
    candidates.sort()
    var boundaries: [Int] = []
    var segmentStart = 0
    var previous = -1
    for candidate in candidates where candidate != previous {
      previous = candidate
      let keep: Bool
      if !forced.isEmpty && forced.contains(candidate) {
        keep = true
      } else if !lists.protectedStarts.isEmpty && lists.protectedStarts.contains(candidate) || quotes.contains(candidate) {
        keep = false
      } else {
        keep = decide(candidate, segmentStart: segmentStart, openingQuotes: openingQuotes)
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

  /// Starts of sentences after a smiley that ends one (":)", ";-)", ":(", also glued to a period:
  /// "sopisivat hiuksiini.:) Lintu"): white space, then a capital or a caseless letter.
  /// `marks` holds the brackets' positions (see ``UnitScan``).
  func emoticonEnds(marks: [Int]) -> Set<Int> {
    var starts = Set<Int>()
    for index in marks where (units[index] == 0x29 || units[index] == 0x28) && index >= 1 {
      var eyes = index - 1
      if units[eyes] == 0x2D, eyes >= 1 { eyes -= 1 }  // the nose of ":-)"
      guard units[eyes] == 0x3A || units[eyes] == 0x3B,
        eyes == 0 || !TextUnits.isLetter(units[eyes - 1]) && !TextUnits.isDigit(units[eyes - 1]),
        index + 1 < count, TextUnits.isWhitespace(units[index + 1])
      else { continue }
      let next = skipWhitespace(from: index + 1)
      guard next < count else { continue }
      var word = next
      while word < count, TextUnits.isOpener(units[word]) { word += 1 }
      if word < count, TextUnits.isUppercase(units[word]) || TextUnits.isLetter(units[word]) && !TextUnits.isLowercase(units[word]) {
        starts.insert(next)
      }
    }
    return starts
  }

  /// Starts of words that follow a word with one of the language's unpunctuated sentence endings
  /// ("맛있어요 대전까지"): a space, then a letter. Only for languages that list such endings.
  func unpunctuatedEnds() -> Set<Int> {
    var starts = Set<Int>()
    var index = 1
    while index < count {
      defer { index += 1 }
      guard units[index] == TextUnits.space, TextUnits.isLetter(units[index - 1]) else { continue }
      let next = skipWhitespace(from: index)
      guard next < count, TextUnits.isLetter(units[next]) else { continue }
      for ending in rules.unpunctuatedEndings where ending.count <= index
        && units[(index - ending.count)..<index].elementsEqual(ending)
      {
        var wordStart = index
        while wordStart > 0, !TextUnits.isWhitespace(units[wordStart - 1]) { wordStart -= 1 }
        let key = units.withUnsafeBufferPointer { WordKey($0, wordStart..<index) }
        if !rules.unpunctuatedEndingExceptions.contains(key) { starts.insert(next) }
        break
      }
    }
    return starts
  }

  /// Adds a proposal after every terminator (with its closing quotes) followed by white space, and
  /// after terminators of scripts written without spaces.
  /// - Parameter terminators: positions of the terminators (see ``UnitScan``).
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
      } else if end < count, TextUnits.isSpacelessTerminator(unit) || isStrongTerminatorBetweenCJK(index, end) {
        candidates.append(end)
      } else if end < count, end == index + 1, TextUnits.isUppercase(units[end]), isGluedSentenceEnd(at: index) {
        candidates.append(end)  // "Hello world.Today is Tuesday."
      }
      scannedTo = end
    }
  }

  /// Whether the terminators from `index` up to `end` are ASCII "?", "!" or "." written between
  /// characters of scripts without spaces ("本です!次です。", "基地..另外"): there they end a
  /// sentence as "？", "！" and "。" do.
  func isStrongTerminatorBetweenCJK(_ index: Int, _ end: Int) -> Bool {
    let isASCII = { (unit: UInt16) in unit == 0x3F || unit == 0x21 || unit == TextUnits.period }
    guard index > 0, isASCII(units[index]), units[index..<end].allSatisfy({ isASCII($0) || TextUnits.isCloser($0) })
    else { return false }
    return TextUnits.isSpacelessScript(units[index - 1]) && TextUnits.isSpacelessScript(units[end])
  }

  /// Whether the terminator at `index`, followed directly by a capital letter, may end a sentence
  /// glued to the next: it follows two lowercase letters, and the text around it is no address
  /// ("Jane.Doe@example.com", "example.Com/Page").
  func isGluedSentenceEnd(at index: Int) -> Bool {
    guard index >= 2, TextUnits.isLowercase(units[index - 1]), TextUnits.isLowercase(units[index - 2]) else { return false }
    var start = index
    while start > 0, !TextUnits.isWhitespace(units[start - 1]) { start -= 1 }
    var end = index + 1
    while end < count, !TextUnits.isWhitespace(units[end]) { end += 1 }
    return !units[start..<end].contains { $0 == 0x40 || $0 == 0x2F || $0 == 0x3A || $0 == 0x5F }
  }

  // MARK: - Decision

  /// Positions of the straight double quotes that open a quotation: the first, third, ... of each
  /// paragraph (`marks` holds every quotation mark and line feed, in order). A straight quote
  /// standing alone after a terminator ("rồi . " Mới") then starts the next sentence.
  static func openingStraightQuotes(_ units: [UInt16], marks: [Int]) -> SortedPositions {
    var openers = SortedPositions()
    var isOpen = false
    for index in marks {
      if units[index] == 0x0A {
        if index + 1 < units.count, units[index + 1] == 0x0A { isOpen = false }
      } else if units[index] == 0x22 {
        if !isOpen && !closesByWhatFollows(units, index) {
          openers.append(index)
          isOpen = true
        } else {
          isOpen = false
        }
      }
    }
    return openers
  }

  /// Positions in increasing order, looked up by binary search (cheaper than a `Set` for the few
  /// positions a text has, built in order).
  struct SortedPositions {
    private(set) var positions: [Int] = []

    mutating func append(_ position: Int) { positions.append(position) }

    func contains(_ position: Int) -> Bool {
      let index = Self.firstIndex(notBelow: position, in: positions)
      return index < positions.count && positions[index] == position
    }

    /// The index of the first of the sorted `positions` that is `position` or more (binary search).
    static func firstIndex(notBelow position: Int, in positions: [Int]) -> Int {
      var low = 0, high = positions.count
      while low < high {
        let middle = (low + high) / 2
        if positions[middle] < position { low = middle + 1 } else { high = middle }
      }
      return low
    }
  }

  /// Whether what follows the straight quote at `index` (after spaces) shows that it closes: a
  /// dash, a comma, a period or the end of the text (`… " - anh Thảo kể`).
  static func closesByWhatFollows(_ units: [UInt16], _ index: Int) -> Bool {
    var next = index + 1
    while next < units.count, units[next] == TextUnits.space { next += 1 }
    guard next < units.count else { return true }
    let unit = units[next]
    return TextUnits.isDash(unit) || unit == 0x2C || TextUnits.isTerminator(unit) || TextUnits.isNewline(unit)
  }

  /// Whether a sentence starts at `candidate`.
  func decide(_ candidate: Int, segmentStart: Int, openingQuotes: SortedPositions = SortedPositions()) -> Bool {
    var contentEnd = candidate
    var sawNewline = false
    while contentEnd > segmentStart, TextUnits.isWhitespace(units[contentEnd - 1]) || TextUnits.isFormat(units[contentEnd - 1]) {
      if TextUnits.isNewline(units[contentEnd - 1]) { sawNewline = true }
      contentEnd -= 1
    }
    if contentEnd == segmentStart { return false }
    if sawNewline {
      // A line that goes on in lowercase after one without final punctuation is hard-wrapped.
      let last = units[contentEnd - 1]
      let wrapped = TextUnits.isLowercase(units[candidate]) && !isTerminator(last) && last != 0x3A
        && !(candidate - contentEnd > 1 && units[contentEnd..<candidate].count(where: TextUnits.isNewline) > 1)
      return !wrapped
    }
    let next = nextToken(at: candidate)
    if next.isClosersOnly && !openingQuotes.contains(next.position) || next.startsWithTerminator { return false }

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
    return decidePeriod(tokenEnd: terminatorStart, attached: attached, hasClosers: hasClosers, next: next)
  }

  /// Whether the clause starting at `position` is a single word before the next terminator.
  func nextClauseIsOneWord(from position: Int) -> Bool {
    var index = position
    while index < count, !TextUnits.isWhitespace(units[index]), !isTerminator(units[index]) { index += 1 }
    while index < count, units[index] == TextUnits.space { index += 1 }
    return index >= count || isTerminator(units[index])
  }

  /// Question and exclamation marks and the other non-period terminators.
  func decideStrong(_ terminators: [UInt16], tokenEnd: Int, attached: Bool, hasClosers: Bool, next: NextToken) -> Bool {
    let exclamationOnly = terminators.allSatisfy { $0 == 0x21 }
    if exclamationOnly, attached, rules.exclamationNames.contains(token(endingAt: tokenEnd).key) { return false }
    if terminators.allSatisfy({ $0 == 0x060C }), nextClauseIsOneWord(from: next.position) {
      return false  // an Arabic comma between list items: "ضغط الدم، والقلب، ..."
    }
    if !rules.colonIsFullStop, terminators.allSatisfy({ $0 == 0x3A }) {
      // A colon that ends sentences (Arabic, Norwegian ...): not before a lowercase word, a number
      // or a lowercase clause after a dash, nor after a verb of saying ("قال ثاقب: طلبنا").
      if next.isLowercase || next.isDigit || next.isDash && next.wordAfterDashIsLowercase { return false }
      return !rules.speechVerbs.isEmpty ? !speechVerbPrecedes(tokenEnd) : true
    }
    if next.isDash { return !next.wordAfterDashIsLowercase }
    if next.isLowercase {
      // "Where?" he asked. / Yahoo! in / but "кім? не?"
      if hasClosers || terminators.contains(0x21) { return false }
    }
    return true
  }

  /// Whether one of the three words before `end` is one of the language's verbs of saying.
  func speechVerbPrecedes(_ end: Int) -> Bool {
    var wordEnd = end
    for _ in 0..<3 {
      let word = previousWord(before: wordEnd)
      guard !word.isEmpty else { return false }
      var upper = word.upperBound
      while upper > word.lowerBound, !TextUnits.isLetter(units[upper - 1]) { upper -= 1 }
      let key = units.withUnsafeBufferPointer { WordKey($0, word.lowerBound..<upper) }
      if rules.speechVerbs.contains(key) { return true }
      wordEnd = word.lowerBound
    }
    return false
  }

  /// "...", "…", ". . .", "....": omissions inside a sentence, or its end.
  func decideEllipsis(start: Int, dots: Int, spaced: Bool, attached: Bool, next: NextToken) -> Bool {
    if start > 0, units[start - 1] == 0x5B || units[start - 1] == 0x28 { return false }  // "[...]", "(…)"
    if next.isLowercase || next.isDash && next.wordAfterDashIsLowercase { return false }
    // "…" before a letter of a caseless script: nothing tells an omission from an end; like ICU
    // (which never breaks after "…"), go on. Periods ("...") end the sentence there, as in ICU.
    if dots == 0, next.wordStart >= 0, !next.isUppercase, !next.isDigit,
      TextUnits.isLetter(units[next.wordStart])
    {
      return false
    }
    if spaced {
      // Detached ". . ." is an omission; ". . . ." ends the sentence. A word's own period followed
      // by ". . ." was already a boundary before the ellipsis, which starts the next sentence.
      return !attached && dots >= 4
    }
    return true
  }

  /// The fewest letters of a lowercase word whose period ends a sentence before a lowercase word;
  /// shorter unlisted words may be abbreviations ("ca. zwei", "vgl. die").
  static let minimumWordBeforeLowercase = 5

  /// A single period.
  func decidePeriod(tokenEnd: Int, attached: Bool, hasClosers: Bool = false, next: NextToken) -> Bool {
    if next.startsWithPeriod {
      // "compounds. . . . The practice": the word's period ends the sentence and the ellipsis
      // opens the next; a detached ". . . ." is one ellipsis, judged after its last dot.
      return attached && next.wordAfterDotsIsUppercase
    }
    // Before a lowercase word only a period after a lowercase letter can end a sentence.
    if next.isLowercase && !rules.periodBeforeLowercaseBreaks
      && (!attached || hasClosers || !TextUnits.isLowercase(units[tokenEnd - 1]))
    {
      return false
    }
    guard attached else { return true }
    let word = token(endingAt: tokenEnd)
    if word.isEmpty { return true }
    let abbreviation = classifyAbbreviation(word)
    if next.isLowercase {
      // A lowercase word after the period: the sentence goes on after an abbreviation; after a
      // plain lowercase word too long for one (informal text: "get wasted. jill finishes"), it ends,
      // unless a quotation or bracket closes after the period ("'This is great.' she said").
      if rules.periodBeforeLowercaseBreaks { return abbreviation == .none && !word.isNumber }
      return !hasClosers && abbreviation == .none && word.isPlainLowercaseWord && word.letters >= Self.minimumWordBeforeLowercase
    }
    if word.isLong { return true }
    if word.isNumber {
      return decideNumber(word, next: next)
    }
    // After a number, a title or a lowercase letter is a unit ("2010 г.", "5 m."), not a name's start.
    let isUnit = previousWordIsNumber(before: word.start)
      && (abbreviation == .title || abbreviation == .singleLetter && !word.hasUppercase)
    switch isUnit ? .abbreviation : abbreviation {
    case .none:
      return true
    case .number:
      return !next.isDigit
    case .title:
      return false
    case .singleLetter:
      // "you and I. Did" ends a sentence; "Albert I. Jones" and "Jonas E. Smith" do not.
      return word.equals("I") && next.isUppercase && previousWordIsLowercase(before: word.start)
    case .listEnd:
      return !next.isDigit
    case .abbreviation:
      if next.isDigit { return false }
      // "at 6 P.M. Mr. Smith left": capitalised times end their sentence (pySBD's convention).
      if word.equals("P.M") || word.equals("A.M"), next.isUppercase { return true }
      return next.isUppercase && (rules.starters.contains(nextWordKey(next)) || rules.starters.contains(nextWordKey(next, stopAtApostrophe: true)))
    }
  }

  /// A number followed by a period: an ordinal ("am 12. Juni", "zum 70. Jahrestag") or a sentence end.
  func decideNumber(_ number: Token, next: NextToken) -> Bool {
    guard number.length <= 3, number.isPlainDigits else { return true }
    if next.isDash && next.digitAfterDash { return false }  // "im 1. -3. Jahrhundert"
    let nextWord = nextWordKey(next)
    if number.length <= 2, rules.months.contains(nextWord) { return false }
    if rules.ordinalPeriod, next.isUppercase, !rules.starters.contains(nextWord) { return false }
    return true
  }

  /// `listEnd`: an abbreviation that closes an enumeration ("etc.", "usw.", "т. д."), so a
  /// capitalised word after it starts a new sentence, as after any word.
  enum AbbreviationKind { case none, title, number, singleLetter, abbreviation, listEnd }

  func classifyAbbreviation(_ word: Token) -> AbbreviationKind {
    // One cased letter is an initial ("J. Smith"); one letter of a caseless script ("곳.") is a word.
    if word.length == 1, word.letters == 1, word.hasUppercase || word.hasLowercase {
      // "т. д.", "т. п.", "a. s.": a listed abbreviation written with a space after its inner period.
      if let spaced = spacedAbbreviationKey(endingWith: word) {
        if rules.listEnders.contains(spaced) { return .listEnd }
        if rules.abbreviations.contains(spaced) { return .abbreviation }
      }
      return .singleLetter
    }
    if rules.listEnders.contains(word.key) { return .listEnd }
    if rules.numberAbbreviations.contains(word.key) { return .number }
    if rules.titles.contains(word.key) { return .title }
    if rules.abbreviations.contains(word.key) || rules.abbreviationsExactCase.contains(word.exactKey) {
      return .abbreviation
    }
    if word.isMultiPeriod || word.isVowelless { return .abbreviation }
    return .none
  }

  // MARK: - Tokens

  /// The word before a period, read at the level of code units.
  struct Token {
    /// The word's units, without leading openers, an elided article ("l'") or format characters.
    var start = 0
    var end = 0
    /// Units, letters and periods in the word (format characters not counted).
    var length = 0
    var letters = 0
    var periods = 0
    var hasUppercase = false
    var hasLowercase = false
    var hasVowel = false
    var isNumber = false
    var isPlainDigits = false
    /// "U.S", "a.m", "z.B", "Ph.D", "т.б", "s.r.o": short letter groups joined by periods.
    var isMultiPeriod = false
    /// Latin, Greek or Cyrillic script only (for the vowel test).
    var isEuropeanScript = true
    var key = WordKey.none
    var exactKey = WordKey.none
    private var text: [UInt16] = []

    var isEmpty: Bool { length == 0 }
    /// Letters only, no capital, no inner period: "wasted", not "Inc", "e.g" or "km2".
    var isPlainLowercaseWord: Bool { letters == length && !hasUppercase && periods == 0 }
    /// Over 12 units and no inner period: too long for any abbreviation rule.
    var isLong: Bool { length > 12 && periods == 0 }
    /// "Mr", "gg", "кв", "Kv": a short word with a lowercase letter and no vowel cannot be a word.
    var isVowelless: Bool {
      length <= 5 && letters == length && hasLowercase && !hasVowel && isEuropeanScript
    }

    func equals(_ literal: String) -> Bool { text.elementsEqual(literal.utf16) }

    init() {}

    init(_ units: UnsafeBufferPointer<UInt16>, _ range: Range<Int>) {
      start = range.lowerBound
      end = range.upperBound
      var groupLength = 0
      var groupsOK = true
      for index in range {
        let unit = units[index]
        if TextUnits.isFormat(unit) { continue }
        length += 1
        if length <= 12 { text.append(unit) }
        if unit == TextUnits.period {
          periods += 1
          if groupLength == 0 || groupLength > 3 { groupsOK = false }
          groupLength = 0
          continue
        }
        if TextUnits.isLetter(unit) {
          letters += 1
          groupLength += 1
          if unit >= 0x0530 { isEuropeanScript = false }
          if TextUnits.isUppercase(unit) { hasUppercase = true } else if TextUnits.isLowercase(unit) { hasLowercase = true }
          if TextUnits.isVowel(unit) { hasVowel = true }
        } else {
          groupsOK = false
        }
      }
      isMultiPeriod = periods >= 1 && groupsOK && groupLength >= 1 && groupLength <= 3
      let first = text.first ?? 0
      isNumber = TextUnits.isDigit(first)
        && units[range].allSatisfy { TextUnits.isDigit($0) || [0x2E, 0x2C, 0x3A, 0x2F, 0x2D, 0x27, 0x2019].contains($0) }
      isPlainDigits = isNumber && units[range].allSatisfy { (0x30...0x39).contains($0) }
      if length <= 24 {
        key = WordKey(units, range)
        exactKey = WordKey(units, range, folding: false)
      }
    }
  }

  /// The word ending at `end` (the position of its final period).
  func token(endingAt end: Int) -> Token {
    units.withUnsafeBufferPointer { buffer in
      var start = end
      while start > 0, !TextUnits.isWhitespace(buffer[start - 1]) { start -= 1 }
      while start < end, TextUnits.isOpener(buffer[start]) || TextUnits.isFormat(buffer[start])
        || TextUnits.isDash(buffer[start]) && start + 1 < end && TextUnits.isDigit(buffer[start + 1])
      {
        start += 1  // "(", "„", and the dash of a range's end ("1. -3.")
      }
      // Elided article or preposition: "l'Avv." -> "Avv", "dell’arch." -> "arch".
      var apostrophe = end
      while apostrophe > start, buffer[apostrophe - 1] != 0x27 && buffer[apostrophe - 1] != 0x2019 { apostrophe -= 1 }
      // A single letter after the apostrophe is a contraction or a possessive ("can't", "John's"):
      // the word is kept whole, so the letter is not read as an initial.
      if apostrophe > start, apostrophe - 1 - start <= 4, apostrophe + 1 < end, TextUnits.isLetter(buffer[apostrophe]) {
        start = apostrophe
      }
      guard start < end else { return Token() }
      return Token(buffer, start..<end)
    }
  }

  /// The key of the single letter `word` joined to the word before it when that one ends in a
  /// period ("т. д" → "т.д"), or `nil`.
  func spacedAbbreviationKey(endingWith word: Token) -> WordKey? {
    guard word.start >= 3, units[word.start - 1] == TextUnits.space else { return nil }
    let before = previousWord(before: word.start)
    guard before.count >= 2, before.count <= 6, units[before.upperBound - 1] == TextUnits.period else { return nil }
    let joined = Array(units[before]) + Array(units[word.start..<word.end])
    return joined.withUnsafeBufferPointer { WordKey($0, 0..<joined.count) }
  }

  /// The start of the word before position `start` (skipping white space), and its end.
  func previousWord(before start: Int) -> Range<Int> {
    var end = start
    while end > 0, TextUnits.isWhitespace(units[end - 1]) { end -= 1 }
    var begin = end
    while begin > 0, !TextUnits.isWhitespace(units[begin - 1]) { begin -= 1 }
    return begin..<end
  }

  func previousWordIsLowercase(before start: Int) -> Bool {
    let word = previousWord(before: start)
    return !word.isEmpty && TextUnits.isLowercase(units[word.lowerBound])
  }

  /// "2010 г.": after a number, a title abbreviation is a unit ("год"), not a title.
  func previousWordIsNumber(before start: Int) -> Bool {
    let word = previousWord(before: start)
    return !word.isEmpty && units[word].allSatisfy(TextUnits.isDigit)
  }

  /// The key of the word after a boundary (letters and apostrophes), case-folded.
  func nextWordKey(_ next: NextToken, stopAtApostrophe: Bool = false) -> WordKey {
    guard next.wordStart >= 0 else { return WordKey.none }
    var end = next.wordStart
    while end < count,
      TextUnits.isLetter(units[end]) || !stopAtApostrophe && (units[end] == 0x27 || units[end] == 0x2019)
    {
      end += 1
    }
    return units.withUnsafeBufferPointer { WordKey($0, next.wordStart..<end) }
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
    var digitAfterDash = false
    var wordAfterDotsIsUppercase = false
    /// Where the first word starts, after opening quotes and brackets (-1: no word).
    var wordStart = -1
    /// Where the token starts (after invisible format characters).
    var position = 0
  }

  /// The longest run of dots and spaces looked through for the word after an ellipsis.
  static let maxDotRun = 32

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
      // Bounded: a long run of spaced dots (". . . . ...") must not be walked again at each dot.
      var after = index
      let limit = min(count, index + Self.maxDotRun)
      while after < limit, units[after] == TextUnits.period || units[after] == TextUnits.space { after += 1 }
      next.wordAfterDotsIsUppercase = after < limit && TextUnits.isUppercase(units[after])
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
      next.digitAfterDash = after < count && TextUnits.isDigit(units[after])
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
