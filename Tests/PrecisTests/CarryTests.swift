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

  /// Integers are variable-length (small ones of either sign in a byte), `UInt64` (hashes) 8
  /// bytes; every width comes back exactly at its extremes, and a value too wide for the type
  /// read is refused.
  @Test func integersAreVariableLengthAndComeBackExactly() throws {
    #expect(try CarryCodec.encode(0).count == 1 && CarryCodec.encode(-1).count == 1 && CarryCodec.encode(63).count == 1)
    #expect(try CarryCodec.encode(64).count == 2 && CarryCodec.encode(Int32(-8_192)).count == 2)
    #expect(try CarryCodec.encode(UInt64(1)).count == 8 && CarryCodec.encode(UInt32(127)).count == 1)
    #expect(try CarryCodec.encode("abc") == [3] + Array("abc".utf8))
    for value in [Int.min, -1, 0, 1, Int.max] { #expect(try CarryCodec.decode(Int.self, from: CarryCodec.encode(value)) == value) }
    for value in [Int32.min, Int32.max] { #expect(try CarryCodec.decode(Int32.self, from: CarryCodec.encode(value)) == value) }
    for value in [Int16.min, Int16.max] { #expect(try CarryCodec.decode(Int16.self, from: CarryCodec.encode(value)) == value) }
    for value in [Int8.min, Int8.max] { #expect(try CarryCodec.decode(Int8.self, from: CarryCodec.encode(value)) == value) }
    for value in [UInt32.max, 0] { #expect(try CarryCodec.decode(UInt32.self, from: CarryCodec.encode(value)) == value) }
    for value in [UInt16.max, 0] { #expect(try CarryCodec.decode(UInt16.self, from: CarryCodec.encode(value)) == value) }
    for value in [UInt.max, 0] { #expect(try CarryCodec.decode(UInt.self, from: CarryCodec.encode(value)) == value) }
    for value in [UInt64.max, 0] { #expect(try CarryCodec.decode(UInt64.self, from: CarryCodec.encode(value)) == value) }
    #expect(throws: (any Error).self) { try CarryCodec.decode(Int32.self, from: CarryCodec.encode(Int(Int32.max) + 1)) }
    #expect(throws: (any Error).self) { try CarryCodec.decode(Int.self, from: [UInt8](repeating: 0xFF, count: 11)) }
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
    #expect(throws: CarryCodec.Unsupported.self) { try CarryCodec.encode([7: "seven"]) }
    #expect(throws: CarryCodec.Unsupported.self) { try CarryCodec.encode(Nested(counts: [:], name: "n")) }  // even empty
    #expect(throws: CarryCodec.Unsupported.self) { try CarryCodec.decode([String: Int].self, from: [0]) }
    // A type's own coding keys are no dictionary's: its fields come back.
    let optionals: [Int?] = [1, nil, 3]
    #expect(try CarryCodec.decode([Int?].self, from: CarryCodec.encode(optionals)) == optionals)
    #expect(!CarryCodec.isDictionaryKey(Nested.CodingKeys.self))
  }

  struct Nested: Codable {
    var counts: [String: Int]
    var name: String
    enum CodingKeys: String, CodingKey { case counts, name }
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
