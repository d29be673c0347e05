/// The lemmas of languages whose treebanks write a word's morphemes into its lemma: Korean joins
/// them with "+" ("교수+생활+을"), Finnish marks compound boundaries with "#" ("pöytä#kirja").
/// `Scripts/train-morphology` does the same with the same model files (`split_compound`,
/// `particle_split`, `marked_compound`), and `MorphologyTests` holds the two to one oracle.
extension MorphologyModel {
  /// `lemma` with its first "+"-joined piece, when that is four or more Hangul syllables and not a
  /// compound part itself, written as the fewest parts it is made of, each of two or more
  /// syllables (the shortest first part among equals: "교수생활+을" -> "교수+생활+을"), as
  /// UD_Korean-GSD writes compound nouns; unchanged when no parts make it up. The training
  /// script's `split_compound` does the same.
  func splitCompound(_ lemma: String) -> String {
    guard hasCompoundParts else { return lemma }
    let scalars = Array(lemma.unicodeScalars)
    let headCount = scalars.firstIndex(of: "+") ?? scalars.count
    guard headCount >= 4, scalars[..<headCount].allSatisfy({ (0xAC00...0xD7A3).contains($0.value) }) else {
      return lemma
    }
    // Hangul syllables are three UTF-8 bytes each.
    let bytes = Array(String(String.UnicodeScalarView(scalars[..<headCount])).utf8)
    func isPart(_ start: Int, _ end: Int) -> Bool { has(Self.morphemeCompoundPart, FNV1a.hash64(bytes[(3 * start)..<(3 * end)])) }
    guard !isPart(0, headCount) else { return lemma }
    // partCount[i]: the fewest parts that make up scalars i..<headCount (0: none do, but at the
    // end); partEnd[i]: where the first of them ends.
    var partCount = [Int](repeating: 0, count: headCount + 1)
    var partEnd = [Int](repeating: 0, count: headCount + 1)
    for start in stride(from: headCount - 2, through: 0, by: -1) {
      for end in (start + 2)...headCount where (end == headCount || partCount[end] > 0) && isPart(start, end) {
        let count = (end == headCount ? 0 : partCount[end]) + 1
        if partCount[start] == 0 || count < partCount[start] {
          partCount[start] = count
          partEnd[start] = end
        }
      }
    }
    guard partCount[0] >= 2 else { return lemma }
    var pieces: [String] = []
    var start = 0
    while start < headCount {
      pieces.append(String(String.UnicodeScalarView(scalars[start..<partEnd[start]])))
      start = partEnd[start]
    }
    return pieces.joined(separator: "+") + String(String.UnicodeScalarView(scalars[headCount...]))
  }

  /// `lemma` of a word tagged `tag` (a noun, name or adjective) with "#" between its compound
  /// parts, as UD_Finnish-TDT writes them ("pöytäkirja" -> "pöytä#kirja"), its first letter's case
  /// kept: the fewest parts of two or more that make up its lower case (letters a-z, å, ä, ö
  /// only), all but the last ``morphemeInitialPart`` parts of three or more letters, the last a
  /// ``morphemeFinalPart`` of four or more, the longest last part among equal counts. Unchanged
  /// when the model has no such parts, the lemma is marked already or no parts make it up. The
  /// training script's `marked_compound` does the same.
  func markedCompound(_ lemma: String, tag: UniversalTag) -> String {
    guard hasMarkedParts, [.noun, .propn, .adj].contains(tag) else { return lemma }
    let lower = lemma.lowercasedByScalar()
    // Letters of one byte or two (å, ä, ö): offsets into the UTF-8 stand for letters below.
    let letters = Array(lower.unicodeScalars)
    let initialLength = 3, finalLength = 4
    let n = letters.count
    guard n >= initialLength + finalLength, letters.allSatisfy({ ("a"..."z").contains($0) || "åäö".unicodeScalars.contains($0) }) else {
      return lemma
    }
    var offsets = [0]
    for letter in letters { offsets.append(offsets.last! + UTF8.width(letter)) }
    let bytes = Array(lower.utf8)
    func span(_ start: Int, _ end: Int, has bits: UInt32) -> Bool { has(bits, FNV1a.hash64(bytes[offsets[start]..<offsets[end]])) }
    // rest[i]: the fewest parts of letters i..<n (for i = 0, two or more), as the ends of its parts.
    var rest = [[Int]?](repeating: nil, count: n + 1)
    func better(_ candidate: [Int], than best: [Int]?, start: Int) -> Bool {
      guard let best else { return true }
      if candidate.count != best.count { return candidate.count < best.count }
      // The longer last part: the one whose last part starts earlier.
      let lastStart = { (ends: [Int]) in ends.count > 1 ? ends[ends.count - 2] : start }
      return lastStart(candidate) < lastStart(best)
    }
    for start in stride(from: n - finalLength, through: 0, by: -1) {
      if start > 0 && span(start, n, has: Self.morphemeFinalPart) { rest[start] = [n] }
      guard start + initialLength <= n - finalLength else { continue }
      for end in (start + initialLength)...(n - finalLength) {
        guard let tail = rest[end], span(start, end, has: Self.morphemeInitialPart) else { continue }
        let candidate = [end] + tail
        if better(candidate, than: rest[start], start: start) { rest[start] = candidate }
      }
    }
    guard let ends = rest[0] else { return lemma }
    var pieces: [String] = []
    var start = 0
    for end in ends {
      pieces.append(String(String.UnicodeScalarView(letters[start..<end])))
      start = end
    }
    var joined = pieces.joined(separator: "#")
    if let first = lemma.unicodeScalars.first, first.properties.isUppercase {
      joined = String(first) + String(joined.unicodeScalars.dropFirst())
    }
    return joined
  }

  /// Whether `piece`, a "+"-joined piece of a lemma, is a particle ("을" of "국제+협력+사업+을"): one
  /// the treebank's XPOS tags J (`Scripts/train-morphology`'s `treebank_particles`).
  func isParticle(_ piece: Substring) -> Bool { hasParticles && has(Self.morphemeParticle, FNV1a.hash64(piece.utf8)) }

  /// `form` as a noun and the particle it ends with, where it is one: the longest particle of up
  /// to three scalars (``isParticle(_:)``) with one or more before it that are a noun (a
  /// ``morphemeCompoundPart``) or split into nouns (``splitCompound(_:)``): "친구로" -> "친구+로",
  /// "개발사업지구로" -> "개발+사업+지구+로"; `nil` when no particle leaves a noun, or the model
  /// has no particles. The training script's `particle_split`.
  func particleSplit(_ form: String) -> String? {
    guard hasParticles else { return nil }
    let scalars = Array(form.unicodeScalars)
    var best: String?
    for length in stride(from: 1, to: min(4, scalars.count), by: 1) {
      let particle = String(String.UnicodeScalarView(scalars.suffix(length)))
      guard isParticle(particle[...]) else { continue }
      let rest = String(String.UnicodeScalarView(scalars.dropLast(length)))
      if has(Self.morphemeCompoundPart, FNV1a.hash64(rest.utf8)) {
        best = rest + "+" + particle
      } else {
        let split = splitCompound(rest)
        if split != rest { best = split + "+" + particle }
      }
    }
    return best
  }

  /// Whether the morpheme whose UTF-8 hashes (FNV-1a) to `hash` has any of `bits`.
  private func has(_ bits: UInt32, _ hash: UInt64) -> Bool {
    morphemes.slot(of: MorphologyTagger.mix(46, hash)).map { morphemeBits[$0] & bits != 0 } ?? false
  }
}
