import ArgumentParser
import Precis

struct LanguagesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "languages",
    abstract: "List the ISO 639-1 codes the language stage can answer.")

  func run() throws {
    do {
      print(try LanguageDetector().supportedLanguages.joined(separator: " "))
    } catch {
      throw reportUsageError(error)
    }
  }
}
