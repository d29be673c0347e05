import ArgumentParser
import Foundation
import Precis

struct InitCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "init",
    abstract: "Write a starter pipeline file (a copy of the bundled news pipeline) to edit.",
    discussion: """
      Writes NAME.yaml into the current folder (or --directory): every built-in stage with its
      main options, reading ./documents and writing ./out/NAME. Run it with `precis run NAME.yaml`.
      """)

  @Argument(help: "The pipeline's name (letters, digits, - and _): the file is NAME.yaml.")
  var name = "pipeline"

  @Option(help: "The folder to write NAME.yaml into.", completion: .directory)
  var directory = "."

  @Option(help: "The bundled pipeline to start from (see `precis run --help`: news, sentences).")
  var from = "news"

  @Flag(help: "Replace NAME.yaml if it exists.")
  var force = false

  func validate() throws {
    guard !name.isEmpty, name.unicodeScalars.allSatisfy({ CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_" }) else {
      throw ValidationError("the name '\(name)' must be letters, digits, - and _ (it names the file and the output folder)")
    }
  }

  func run() throws {
    let source = try BundledPipelines.file(for: from)
    guard source != from, let text = try? String(contentsOfFile: source, encoding: .utf8) else {
      throw ValidationError("no bundled pipeline '\(from)' (bundled: \(BundledPipelines.names.joined(separator: ", ")))")
    }
    let target = (directory as NSString).appendingPathComponent(name + ".yaml")
    if FileManager.default.fileExists(atPath: target) && !force {
      throw ValidationError("\(target) exists; choose another name or pass --force to replace it")
    }
    var lines: [String] = ["# \(name): a pipeline made with `precis init` from the bundled '\(from)' pipeline.", "# Run: precis run \(target)"]
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("name:") {
        lines.append("name: \(name)")
      } else if line.hasPrefix("input:") {
        lines.append("input: documents        # a folder of .txt/.md files, a .jsonl, .csv or .tsv file, or a JSON array")
      } else if line.hasPrefix("output:") {
        lines.append("output: out/\(name)")
      } else if !line.hasPrefix("# Run:") {  // the bundled file's own run line names its own path
        lines.append(String(line))
      }
    }
    do {
      try lines.joined(separator: "\n").write(toFile: target, atomically: true, encoding: .utf8)
    } catch {
      throw ValidationError("cannot write \(target) (\(error.localizedDescription))")
    }
    print(target)
  }
}
