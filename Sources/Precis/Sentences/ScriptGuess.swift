/// Guesses a language from the script of a text's first letters, for when no language is known.
///
/// Only scripts used by essentially one language (or one dominant one) give an answer; Latin
/// script gives none, so language-neutral rules apply.
enum ScriptGuess {
  /// An ISO 639-1 code such as `"ru"` for Cyrillic text, or `""`.
  static func language(of units: [UInt16]) -> String {
    var counts: [String: Int] = [:]
    var letters = 0
    for unit in units where letters < 400 {
      let code: String
      switch unit {
      case 0x0041...0x024F: code = ""
      case 0x0370...0x03FF: code = "el"
      case 0x0400...0x04FF: code = "ru"
      case 0x0530...0x058F: code = "hy"
      case 0x0590...0x05FF: code = "he"
      case 0x0600...0x06FF: code = "ar"
      case 0x0900...0x097F: code = "hi"
      case 0x0E00...0x0E7F: code = "th"
      case 0x3040...0x30FF: code = "ja"
      case 0x4E00...0x9FFF: code = "zh"
      case 0xAC00...0xD7AF: code = "ko"
      default: continue
      }
      letters += 1
      counts[code, default: 0] += 1
    }
    if (counts["ja"] ?? 0) > 0 { return "ja" }  // kana marks Japanese even among Han characters
    return counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }?.key ?? ""
  }
}
