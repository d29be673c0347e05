import Foundation
import Testing
@testable import Precis

/// The bundled month, weekday and number lists are what ICU gives now (the oracle), for every
/// language Precis lists; regenerate them with Scripts/generate-date-number-words when it does not.
@Suite struct DateAndNumberListsTests {
  @Test func bundledListsAreICUs() throws {
    let generated = try #require(DateAndNumberLists.generated)
    let languages = try LanguageSupport.all().map(\.code)
    #expect(languages.count > 50)
    for language in languages {
      for kind in DateAndNumberLists.Kind.allCases {
        #expect(generated.list(DateAndNumberLists.key(kind, language)) == DateAndNumberLists.fromICU(kind, of: language), "\(language) \(kind)")
      }
    }
    #expect(DateAndNumberLists.list(.months, of: "de").contains("Oktober"))
    #expect(DateAndNumberLists.list(.numbers, of: "en").contains("sixty"))
    // A language the file does not have is asked of ICU.
    #expect(generated.list(DateAndNumberLists.key(.months, "gd")) == nil)
    #expect(DateAndNumberLists.list(.months, of: "gd") == ICU.monthNames(locale: "gd"))
  }
}
