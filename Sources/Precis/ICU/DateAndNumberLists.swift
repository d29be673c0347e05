internal import Foundation

/// ICU's month names, weekday names and spelled-out numbers (``ICU/monthNames(locale:)``,
/// ``ICU/weekdayNames(locale:)``, ``ICU/spelledNumbers(locale:)``) of every language Precis knows,
/// as `Scripts/generate-date-number-words` wrote them from ICU into
/// `Resources/date-number-words.json`. Reading a language's lists there costs far less than asking
/// ICU, whose spell-out rules are parsed anew in every process (about 10 M instructions a
/// language, in every shard and Spark partition). A language the file does not have is asked of ICU.
enum DateAndNumberLists {
  enum Kind: String, CaseIterable, Sendable {
    case months, weekdays, numbers
  }

  /// The `kind` list of `language` (ISO 639-1), empty when ICU has none.
  static func list(_ kind: Kind, of language: String) -> [String] {
    if let generated, let list = generated.list(key(kind, language)) { return list }
    return fromICU(kind, of: language)
  }

  /// The list as ICU gives it now: what the file was written from.
  static func fromICU(_ kind: Kind, of language: String) -> [String] {
    switch kind {
    case .months: ICU.monthNames(locale: language)
    case .weekdays: ICU.weekdayNames(locale: language)
    case .numbers: ICU.spelledNumbers(locale: language)
    }
  }

  /// The file's key of a list: `"de months"`.
  static func key(_ kind: Kind, _ language: String) -> String { "\(language) \(kind.rawValue)" }

  /// The bundled file, indexed (`nil` when it is missing or damaged: ICU answers instead).
  static let generated: StringListsJSON.Lists? = {
    guard let url = Bundle.module.url(forResource: "date-number-words", withExtension: "json", subdirectory: "Resources")
      ?? Bundle.module.url(forResource: "date-number-words", withExtension: "json"),
      let data = try? Data(contentsOf: url)
    else { return nil }
    return StringListsJSON.index([UInt8](data))
  }()

  /// The file's text for `languages`, from ICU: one key per language and kind, sorted.
  static func generatedSource(languages: [String]) -> String {
    var bytes = Array("{\n".utf8)
    let keys = languages.flatMap { language in Kind.allCases.map { (key($0, language), $0, language) } }.sorted { $0.0 < $1.0 }
    for (index, (key, kind, language)) in keys.enumerated() {
      JSONText.appendString(key, to: &bytes)
      bytes += Array(": ".utf8)
      JSONText.appendArray(fromICU(kind, of: language), to: &bytes) { item, bytes in JSONText.appendString(item, to: &bytes) }
      bytes += Array((index + 1 < keys.count ? ",\n" : "\n").utf8)
    }
    bytes += Array("}\n".utf8)
    return String(decoding: bytes, as: UTF8.self)
  }
}
