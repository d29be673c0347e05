internal import Foundation

/// Month and weekday names of a language, from ICU's date symbols (wide and abbreviated, format and
/// stand-alone forms, without dots), and its numbers as ICU's spell-out rules write them (each word
/// of "one hundred", soft hyphens taken out: "sixty", "dwanaście", "三千"), lower-cased; words of
/// fewer than three letters are left out, except two ideographs ("周二"). The words the keywords
/// stage keeps out of candidates ("Montag", "octobre", "星期二", "sixty"), whatever a tagger calls
/// them.
enum DateAndNumberWords {
  /// The words for `language` (empty for a language ICU has no data for), made once per language.
  static func words(of language: String) -> WordSet {
    guard !language.isEmpty && language != "und" else { return WordSet([]) }
    return sets.value(for: language) {
      let names = DateAndNumberLists.list(.months, of: language) + DateAndNumberLists.list(.weekdays, of: language)
      let numbers = DateAndNumberLists.list(.numbers, of: language).flatMap { $0.split(separator: " ").map(String.init) }
      let words = Set((names + numbers).map { $0.filter { $0 != "." && $0 != "\u{AD}" }.lowercasedByScalar() }.filter(isLongEnough)).sorted()
      return WordSet(words)
    }
  }

  /// The sets made so far, by language.
  private static let sets = LanguageTable<WordSet>()

  /// Three letters or more, or two ideographs (a one-letter or two-letter Latin abbreviation
  /// such as "ma" is also a common word).
  static func isLongEnough(_ name: String) -> Bool {
    name.count >= 3 || (name.count == 2 && name.unicodeScalars.allSatisfy(\.properties.isIdeographic))
  }
}
