/// Guesses a language from the script of a text's first letters, for when no language is known.
///
/// Only scripts used by essentially one language (or one dominant one) give an answer; Latin
/// script gives none, so language-neutral rules apply.
enum ScriptGuess {
  /// An ISO 639-1 code such as `"ru"` for Cyrillic text, or `""`.
  static func language(of units: [UInt16]) -> String {
    var counts = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    var letters = 0
    for unit in units {
      if letters >= 200 { break }  // (a `where` clause would still walk the whole text)
      let script: Int
      switch unit {
      case 0x0041...0x005A, 0x0061...0x007A, 0x00C0...0x024F: script = 0
      case 0x0370...0x03FF: script = 1
      case 0x0400...0x04FF: script = 2
      case 0x0530...0x058F: script = 3
      case 0x0590...0x05FF: script = 4
      case 0x0600...0x06FF: script = 5
      case 0x0900...0x097F: script = 6
      case 0x0E00...0x0E7F: script = 7
      case 0x3040...0x30FF: script = 8
      case 0x4E00...0x9FFF: script = 9
      case 0xAC00...0xD7AF: script = 10
      default: continue
      }
      letters += 1
      withUnsafeMutableBytes(of: &counts) { $0.bindMemory(to: Int.self)[script] += 1 }
    }
    guard letters > 0 else { return "" }
    let tally = withUnsafeBytes(of: counts) { Array($0.bindMemory(to: Int.self)) }
    if tally[8] > 0 { return "ja" }  // kana marks Japanese even among Han characters
    let best = tally.indices.max { tally[$0] < tally[$1] || (tally[$0] == tally[$1] && $0 > $1) } ?? 0
    return codes[best]
  }

  /// Languages per script: Latin (none), Greek, Cyrillic, Armenian, Hebrew, Arabic, Devanagari,
  /// Thai, kana, Han, Hangul.
  static let codes = ["", "el", "ru", "hy", "he", "ar", "hi", "th", "ja", "zh", "ko"]
}
