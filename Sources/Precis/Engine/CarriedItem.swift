internal import Foundation
internal import Synchronization

/// One input item as the counting pass leaves it for the processing pass: the document it became
/// (text, metadata, the layers of the steps the corpus stages observe after), or why it did not.
struct CarriedItem: Codable {
  /// Why an item never became a document, or which counted step failed on it.
  struct Failure: Codable {
    var code: String
    var message: String
    var stage: String?
    var skipped: Bool

    init(_ error: PipelineError, skipped: Bool = false) {
      code = error.code.description
      message = error.message
      stage = error.stage
      self.skipped = skipped
    }

    func error(documentID: String?) -> PipelineError {
      PipelineError(PipelineError.Code(named: code), message, documentID: documentID, stage: stage)
    }
  }

  /// One counted step's output: its type's number in ``LayerTypes`` and its bytes, or no type
  /// (-1) for an output the codec cannot carry, which the processing pass makes again.
  struct Layer: Codable {
    var step: Int
    var type: Int
    var bytes: [UInt8]
  }

  var id: String
  var source: String
  var loadFailure: Failure?
  var text = ""
  /// The text was the one the carried layers leave current (``Document/currentText``), so it is
  /// not carried twice: it is taken back from them.
  var textIsCurrent = false
  /// Metadata whose values are all strings (the common case: the detected encoding), as pairs.
  var metadataKeys: [String] = []
  var metadataStrings: [String] = []
  /// Any other metadata, as JSON.
  var metadataJSON: [UInt8] = []
  var layers: [Layer] = []
  /// The counted step that failed, with its error.
  var failure: Failure?
  /// Seconds each plan step took in the counting pass (running it, or observing for a corpus stage).
  var seconds: [Double] = []
  /// The item's ``InputLoad/fingerprint``.
  var inputDigest: [UInt8] = []

  init(id: String, source: String, loadFailure: Failure) {
    self.id = id
    self.source = source
    self.loadFailure = loadFailure
  }

  init(document: Document) {
    id = document.id
    source = document.source
    text = document.text
    let strings = document.metadata.compactMapValues { value -> String? in
      if case .string(let text) = value { return text }
      return nil
    }
    if strings.count == document.metadata.count {
      let sorted = strings.sorted { $0.key < $1.key }
      metadataKeys = sorted.map(\.key)
      metadataStrings = sorted.map(\.value)
    } else {
      metadataJSON = (try? JSONText.encode(document.metadata)) ?? []
    }
  }

  /// The document as loaded, before any stage ran.
  var document: Document {
    var metadata = Dictionary(uniqueKeysWithValues: zip(metadataKeys, metadataStrings.map(JSONValue.string)))
    if !metadataJSON.isEmpty, let decoded = try? JSONDecoder().decode([String: JSONValue].self, from: Data(metadataJSON)) {
      metadata = decoded
    }
    return Document(id: id, source: source, text: text, metadata: metadata)
  }
}

/// The output types the counting pass carried, numbered in the order first seen, with how to read
/// each back: the carry holds a type's number, and the number finds its decoder in this process.
final class LayerTypes: Sendable {
  private struct Table {
    var numbers: [ObjectIdentifier: Int] = [:]
    var decoders: [@Sendable ([UInt8]) throws -> any StageOutput] = []
  }

  private let table = Mutex(Table())

  /// The type number and bytes of `output`, or `nil` when it cannot be carried (its type is not
  /// `Decodable`, or holds what ``CarryCodec`` does not write).
  func encode(_ output: any StageOutput) -> (type: Int, bytes: [UInt8])? {
    guard let decodable = output as? any StageOutput & Decodable else { return nil }
    return encode(opened: decodable)
  }

  private func encode<Value: StageOutput & Decodable>(opened value: Value) -> (type: Int, bytes: [UInt8])? {
    guard let bytes = try? CarryCodec.encode(value) else { return nil }
    let number = table.withLock { table in
      if let known = table.numbers[ObjectIdentifier(Value.self)] { return known }
      table.decoders.append { bytes in try CarryCodec.decode(Value.self, from: bytes) }
      table.numbers[ObjectIdentifier(Value.self)] = table.decoders.count - 1
      return table.decoders.count - 1
    }
    return (number, bytes)
  }

  /// The output that ``encode(_:)`` turned into `bytes` with type number `type`.
  func decode(type: Int, bytes: [UInt8]) throws -> any StageOutput {
    let decoder = table.withLock { table in table.decoders.indices.contains(type) ? table.decoders[type] : nil }
    guard let decoder else { throw CarryCodec.Malformed() }
    return try decoder(bytes)
  }
}
