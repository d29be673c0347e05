import ArgumentParser
import Precis

struct StagesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "stages",
    abstract: "List the stage kinds, their options with defaults, and what they require and provide.")

  func run() throws {
    let registry = StageRegistry.builtIn
    for kind in registry.kinds {
      guard let entry = registry.entry(for: kind) else { continue }
      print("\(kind): \(entry.summary)")
      if let stage = try? registry.make(kind) {
        let show = { (keys: Set<OutputKey>) in keys.isEmpty ? "-" : keys.sorted().map(\.name).joined(separator: ", ") }
        print("  requires: \(show(stage.requires))   uses if present: \(show(stage.uses))   provides: \(show(stage.provides))")
      }
      for option in entry.options {
        let defaultText = option.defaultValue.map { "default \($0)" } ?? "no default"
        print("  \(option.name) (\(option.type.displayName), \(defaultText)): \(option.help)")
      }
      print("")
    }
  }
}
