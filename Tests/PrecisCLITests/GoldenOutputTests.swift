import Foundation
import Testing

/// The bundled pipelines' outputs on `Corpus/`, compared byte for byte with the checked-in golden
/// files in `Golden/<pipeline>/` (every file a run writes but `run.json`, which holds times).
///
/// A change that alters them is deliberate: regenerate with `Scripts/update-golden` and say in the
/// commit what changed and why.
@Suite struct GoldenOutputTests {
  static let golden = CLITests.repository.appendingPathComponent("Tests/PrecisCLITests/Golden")

  /// Golden folder, pipeline, extra arguments: the same cases as `Scripts/update-golden`.
  static let cases: [(name: String, pipeline: String, arguments: [String])] = [
    ("news", "news", []), ("sentences", "sentences", []),
    ("sentences-all-outputs", "sentences", ["--outputs", "default,json,stages"]),
  ]

  @Test(arguments: cases.map(\.name))
  func bundledPipelineMatchesItsGoldenOutputs(name: String) throws {
    let (_, pipeline, arguments) = try #require(Self.cases.first { $0.name == name })
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("precis-golden-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: output) }
    let result = try CLITests().precis(
      ["run", "Pipelines/\(pipeline).yaml", "--input", "Corpus", "--output", output.path, "--jobs", "2", "--quiet"] + arguments)
    #expect(result.status == 0, "\(result.stderr)")
    let expectedFolder = Self.golden.appendingPathComponent(name)
    let written = try Self.files(in: output).subtracting(["run.json"])
    let expected = try Self.files(in: expectedFolder)
    #expect(written == expected, "files written differ from Golden/\(name); run Scripts/update-golden if intended")
    // The `source` fields hold this checkout's absolute path; the golden files hold it relative.
    let checkout = Data((CLITests.repository.path + "/").utf8)
    for file in written.intersection(expected).sorted() {
      let actual = try Data(contentsOf: output.appendingPathComponent(file)).replacing(checkout, with: Data())
      let wanted = try Data(contentsOf: expectedFolder.appendingPathComponent(file))
      #expect(
        actual == wanted,
        "\(name)/\(file) differs from its golden copy at byte \(Self.firstDifference(actual, wanted)); run Scripts/update-golden if intended"
      )
    }
  }

  /// The paths of the regular files under `folder`, relative to it.
  static func files(in folder: URL) throws -> Set<String> {
    guard let walker = FileManager.default.enumerator(atPath: folder.path) else { return [] }
    var found = Set<String>()
    while let path = walker.nextObject() as? String {
      var isFolder: ObjCBool = false
      if FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isFolder), !isFolder.boolValue {
        found.insert(path)
      }
    }
    return found
  }

  static func firstDifference(_ a: Data, _ b: Data) -> Int {
    zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
  }
}
