import Foundation
import Testing
@testable import Precis

/// What the counting pass carries to the processing pass: one codec for every layer, whose
/// round trip is the identity (the oracle: the layers as made), and a file of records in order.
@Suite struct CarryTests {
  static let corpus = TestSupport.repository.appendingPathComponent("Corpus")

  /// Every layer the news pipeline makes for each bundled corpus document, by stage name.
  static func corpusLayers() throws -> [[(stage: String, value: any StageOutput)]] {
    let plan = try PipelinePlan(spec: try TestSupport.spec(TestSupport.newsPipeline()), registry: .builtIn)
    let reader = try InputFormats.builtIn.open(path: corpus.path, include: ["*.txt"], exclude: [])
    return try reader.next(100).map { item in
      guard case .document(var document) = item.load(maxBytes: 10_000_000) else { throw CarryCodec.Malformed() }
      for step in plan.steps {
        document.record(try step.stage.process(document, context: StageContext(stageName: step.name)), stage: step.name, provides: step.stage.provides)
      }
      return document.outputs
    }
  }

  @Test func everyBuiltInLayerComesBackFromTheCarryAsItWasMade() throws {
    let documents = try Self.corpusLayers()
    #expect(documents.count == 13)
    let types = LayerTypes()
    var seen = Set<String>()
    for outputs in documents {
      for (stage, value) in outputs {
        let carried = try #require(types.encode(value), "\(stage) cannot be carried")
        let back = try types.decode(type: carried.type, bytes: carried.bytes)
        seen.insert(stage)
        // The same JSON and the same value: nothing lost, doubles to the last bit.
        #expect(try JSONText.encode(back) == JSONText.encode(value), "\(stage)")
        switch (value, back) {
        case (let a as NormalizedText, let b as NormalizedText): #expect(a == b)
        case (let a as SentenceList, let b as SentenceList): #expect(a == b)
        case (let a as DetectedLanguage, let b as DetectedLanguage): #expect(a == b)
        case (let a as DocumentLayout, let b as DocumentLayout): #expect(a == b)
        case (let a as TokenLayer, let b as TokenLayer): #expect(a == b)
        case (let a as KeywordList, let b as KeywordList): #expect(a == b)
        case (let a as DocumentSummary, let b as DocumentSummary): #expect(a == b)
        default: Issue.record("\(stage): an unexpected type \(type(of: value))")
        }
      }
    }
    #expect(seen == ["normalize", "layout", "language", "sentences", "tokens", "keywords", "summary"])
  }

  @Test func damagedBytesAreRefusedNotMisread() throws {
    let layout = DocumentLayout(title: "Titel", titleRange: 0..<5, date: nil, dateline: nil, trailer: ["Tags"], bodyStart: 6, bodyEnd: 40)
    let bytes = try CarryCodec.encode(layout)
    #expect(try CarryCodec.decode(DocumentLayout.self, from: bytes) == layout)
    #expect(throws: (any Error).self) { try CarryCodec.decode(DocumentLayout.self, from: Array(bytes.dropLast())) }
    #expect(throws: (any Error).self) { try CarryCodec.decode(DocumentLayout.self, from: bytes + [0]) }
    #expect(throws: (any Error).self) { try CarryCodec.decode(DocumentLayout.self, from: [2] + bytes.dropFirst()) }
    // Dictionaries are refused (keys are not written): such a layer is made again, never misread.
    #expect(throws: CarryCodec.Unsupported.self) { try CarryCodec.encode(["a": 1]) }
  }

  @Test func recordsComeBackInOrder() throws {
    let file = try CarryFile()
    try file.write([[1, 2, 3], []])
    try file.write([[9]])
    #expect(try file.next(2) == [[1, 2, 3], []])
    #expect(try file.next(5) == [[9]])
    #expect(try file.next(5).isEmpty)
  }
}
