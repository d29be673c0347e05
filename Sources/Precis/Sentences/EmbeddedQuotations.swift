/// Quotations and brackets that sit inside a longer sentence, whose inner punctuation ends nothing.
///
/// `„Prieskumy beriem na ľahkú váhu. V podstate ma to nezaujíma,“ reagoval Matovič` is one
/// sentence: the quotation is followed by a continuation (a lowercase word, a comma, a bracket, a
/// period ...). A quotation followed by a capitalised word, a line break or the end of the text
/// stands on its own, and its inner sentences are split as usual. Pairs are matched within a
/// paragraph, with nesting; unmatched marks are ignored.
///
/// Spans are bounded: a bracket holding more than ``maxSentencesInBracket`` sentence ends, a
/// quotation holding more than ``maxSentencesInQuotation``, or either longer than ``maxLength``
/// code units, is no embedded span (its inner sentences are split), whatever follows it. A missed
/// closing mark, or one mark read as another ("امام) ره (به"), then costs a few sentences at most.
struct EmbeddedQuotations {
  /// Sentence ends (a terminator, white space, then a capital or a caseless letter) allowed inside
  /// an embedded bracket: "(see p. 5. Also Fig. 2)" has one.
  static let maxSentencesInBracket = 1
  /// Sentence ends allowed inside an embedded quotation: "„Two. Sentences,“ he said" is one
  /// sentence; a longer quotation is split into its own sentences. None when a comma follows the
  /// closing mark («Duas. Frases», disse): the quoted sentences stand, as treebanks split them.
  static let maxSentencesInQuotation = 1
  /// An opening bracket this close after a closing bracket that matched nothing is the second
  /// half of a mirrored pair (") ع (" for "(ع)"), in UTF-16 code units.
  static let mirroredBracketDistance = 12
  /// The longest embedded span, in UTF-16 code units.
  static let maxLength = 1_500

  /// Ranges of positions (after an opening mark, up to and including its closing mark) where no
  /// sentence may start.
  private(set) var spans: [Range<Int>] = []

  /// Finds the embedded quotations among `marks`, the positions of quotation marks, brackets and
  /// line feeds (see ``UnitScan``).
  init(units: [UInt16], marks: [Int], terminators: [Int]) {
    var stack: [(expected: Closers, position: Int)] = []
    var lastUnmatchedBracket = Int.min / 2
    let count = units.count
    for index in marks {
      let unit = units[index]
      if unit == 0x0A {
        if index + 1 < count, units[index + 1] == 0x0A { stack.removeAll() }
        continue
      }
      if let top = stack.last, top.expected.contains(unit), Self.canClose(units, index) {
        stack.removeLast()
        let limit =
          Self.isBracket(units[top.position])
          ? Self.maxSentencesInBracket
          : index + 1 < count && units[index + 1] == 0x2C ? 0 : Self.maxSentencesInQuotation
        if index - top.position <= Self.maxLength,
          Self.sentenceEnds(units, terminators, in: top.position + 1..<index, moreThan: limit) == false,
          Self.continuesAfter(units, closing: index, cjk: Self.cjkClosers.contains(unit))
        {
          spans.append(top.position + 1..<index + 1)
        }
        continue
      }
      if Self.isBracket(unit), index - lastUnmatchedBracket <= Self.mirroredBracketDistance {
        continue  // ") ع (": brackets written mirrored (right-to-left text); this one opens nothing
      }
      if let expected = Self.closers(forOpening: unit, units: units, index: index) {
        stack.append((expected, index))
      } else if unit == 0x29 || unit == 0x5D {
        lastUnmatchedBracket = index
      }
    }
    spans.sort { $0.lowerBound < $1.lowerBound }
  }

  /// Whether `position` lies inside an embedded quotation.
  /// - Complexity: O(log s) for s spans.
  func contains(_ position: Int) -> Bool {
    // Spans may nest; a binary search finds the last span starting at or before `position`,
    // and a short walk back covers the enclosing ones.
    var low = 0, high = spans.count
    while low < high {
      let middle = (low + high) / 2
      if spans[middle].lowerBound <= position { low = middle + 1 } else { high = middle }
    }
    var index = low - 1
    var steps = 0
    while index >= 0, steps < 8 {
      if spans[index].contains(position) { return true }
      index -= 1
      steps += 1
    }
    return false
  }

  static func isBracket(_ unit: UInt16) -> Bool {
    unit == 0x28 || unit == 0x5B || unit == 0xFF08 || unit == 0x3010
  }

  /// Whether `range` holds more than `limit` sentence ends: a terminator followed by white space
  /// and a capital, a caseless letter or an opening mark. `terminators` is sorted.
  static func sentenceEnds(_ units: [UInt16], _ terminators: [Int], in range: Range<Int>, moreThan limit: Int) -> Bool {
    var found = 0
    var index = SentenceBoundaries.SortedPositions.firstIndex(notBelow: range.lowerBound, in: terminators)
    while index < terminators.count, terminators[index] < range.upperBound {
      var next = terminators[index] + 1
      while next < range.upperBound, TextUnits.isTerminator(units[next]) || TextUnits.isCloser(units[next]) { next += 1 }
      index += 1
      guard next < range.upperBound, TextUnits.isWhitespace(units[next]) else { continue }
      while next < range.upperBound, TextUnits.isWhitespace(units[next]) { next += 1 }
      guard next < range.upperBound else { continue }
      let start = units[next]
      if TextUnits.isUppercase(start) || TextUnits.isOpener(start)
        || TextUnits.isLetter(start) && !TextUnits.isLowercase(start)
      {
        found += 1
        if found > limit { return true }
      }
    }
    return false
  }

  static let cjkClosers: Set<UInt16> = [0x300B, 0x3009, 0x300D, 0x300F, 0x3011, 0xFF09]

  /// Ranges that hold every unit ``mayBeQuotationMark(_:)`` accepts (and others): where tables of
  /// those units are made from, instead of testing all 65,536.
  static let markCandidates: [ClosedRange<UInt16>] = [0x0A...0xBB, 0x2018...0x203A, 0x3008...0x3011, 0xFF08...0xFF09]

  /// A cheap first test: quotation marks, brackets, and the line feed (paragraph ends).
  @inline(__always)
  static func mayBeQuotationMark(_ unit: UInt16) -> Bool {
    switch unit {
    case 0x0A, 0x22, 0x27, 0x28, 0x29, 0x5B, 0x5D, 0xAB, 0xBB, 0x2018...0x203A, 0x3008...0x3011, 0xFF08, 0xFF09: true
    default: false
    }
  }

  /// The closing marks that match `unit` when it opens a quotation or bracket here, else `nil`.
  /// One or two closing marks that may end a quotation.
  struct Closers {
    var first: UInt16
    var second: UInt16

    func contains(_ unit: UInt16) -> Bool { unit == first || unit == second }
  }

  static func closers(forOpening unit: UInt16, units: [UInt16], index: Int) -> Closers? {
    guard let marks = closingMarks(forOpening: unit, units: units, index: index) else { return nil }
    return Closers(first: marks.0, second: marks.1)
  }

  static func closingMarks(forOpening unit: UInt16, units: [UInt16], index: Int) -> (UInt16, UInt16)? {
    switch unit {
    case 0x201E: return (0x201C, 0x201D)  // „ … “ or ”
    case 0x201A: return (0x2018, 0x2019)  // ‚ … ‘
    case 0x201C: return (0x201D, 0x201D)  // “ … ”
    case 0x2018: return opensWord(units, index) ? (0x2019, 0x2019) : nil  // ‘ … ’ (’ is also an apostrophe)
    case 0xAB: return (0xBB, 0xBB)  // « … »
    case 0xBB: return (0xAB, 0xAB)  // » … « (Danish, German)
    case 0x2039: return (0x203A, 0x203A)
    case 0x203A: return (0x2039, 0x2039)
    case 0x28: return (0x29, 0x29)
    case 0x5B: return (0x5D, 0x5D)
    case 0x300A: return (0x300B, 0x300B)
    case 0x3008: return (0x3009, 0x3009)
    case 0x300C: return (0x300D, 0x300D)
    case 0x300E: return (0x300F, 0x300F)
    case 0x3010: return (0x3011, 0x3011)
    case 0xFF08: return (0xFF09, 0xFF09)
    case 0x22: return opensWord(units, index) ? (0x22, 0x22) : nil
    case 0x27: return opensWord(units, index) ? (0x27, 0x27) : nil
    default: return nil
    }
  }

  /// A straight or single quote opens when it follows white space (or an opener) and precedes text.
  static func opensWord(_ units: [UInt16], _ index: Int) -> Bool {
    let before = index == 0 || TextUnits.isWhitespace(units[index - 1]) || TextUnits.isOpener(units[index - 1])
    let after = index + 1 < units.count && !TextUnits.isWhitespace(units[index + 1])
    return before && after
  }

  /// A closing mark follows text, not white space (except "aufbauen. “", a space before it).
  static func canClose(_ units: [UInt16], _ index: Int) -> Bool {
    guard index > 0 else { return false }
    let unit = units[index]
    if unit == 0x27 || unit == 0x2019 {
      // An apostrophe inside a word ("l'Avv", "it's") does not close.
      return index + 1 >= units.count || !TextUnits.isLetter(units[index + 1])
    }
    return true
  }

  /// Whether the sentence goes on after the closing mark at `closing`.
  static func continuesAfter(_ units: [UInt16], closing: Int, cjk: Bool) -> Bool {
    var index = closing + 1
    if cjk {
      guard index < units.count else { return false }
      let unit = units[index]
      return !TextUnits.isWhitespace(unit) && !TextUnits.isTerminator(unit) && !TextUnits.isCloser(unit)
    }
    while index < units.count, units[index] == TextUnits.space { index += 1 }
    guard index < units.count else { return false }
    let unit = units[index]
    if TextUnits.isNewline(unit) { return false }
    if TextUnits.isLowercase(unit) || TextUnits.isDigit(unit) { return true }
    if TextUnits.isLetter(unit) { return !TextUnits.isUppercase(unit) }  // caseless scripts continue
    switch unit {
    case 0x2C, 0x3B, 0x3A, 0x28, 0x5B, TextUnits.period, 0x060C, 0x3001, 0xFF0C: return true
    default:
      if TextUnits.isDash(unit) {
        var after = index + 1
        while after < units.count, units[after] == TextUnits.space { after += 1 }
        return after < units.count && TextUnits.isLowercase(units[after])
      }
      return false
    }
  }
}
