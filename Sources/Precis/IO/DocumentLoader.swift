internal import Foundation

/// Makes the built-in ``InputItem``s: a file read, size-checked and decoded (charset detected),
/// or a JSON-lines record parsed; both on the worker that loads them.
package enum DocumentLoader {
  /// An item for the file at `path`, whose document has the id `id`.
  /// - Parameter source: what the outputs give as the file's `source` (default its path).
  static func fileItem(id: String, path: String, source: String? = nil, byteCount: Int? = nil) -> InputItem {
    let shown = source ?? path
    return InputItem(source: shown, byteCount: byteCount) { maxBytes in
      loadFile(relativePath: id, path: path, source: shown, maxBytes: maxBytes).inputLoad
    }
  }

  /// An item for the JSON-lines record `bytes` on line `line`.
  static func lineItem(_ bytes: [UInt8], line: Int, source: String, fields: InputFields = InputFields()) -> InputItem {
    InputItem(source: source, byteCount: bytes.count) { maxBytes in
      loadLine(bytes, line: line, source: source, maxBytes: maxBytes, fields: fields).inputLoad
    }
  }

  /// Why an item could not become a document. `skipped` is true for the `--max-bytes` limit.
  package struct Failure: Error, Sendable {
    package var id: String
    package var error: PipelineError
    package var skipped: Bool
  }

  static func tooLarge(_ size: Int, maxBytes: Int) -> PipelineError {
    PipelineError(
      .documentTooLarge, "the document has \(size) bytes, over the limit of \(maxBytes); raise --max-bytes to include it")
  }

  static func loadFile(relativePath: String, path: String, source: String? = nil, maxBytes: Int) -> Result<Document, Failure> {
    let fail = { (error: PipelineError, skipped: Bool) in
      Result<Document, Failure>.failure(Failure(id: relativePath, error: error, skipped: skipped))
    }
    let bytes: [UInt8]
    switch FileBytes.read(path, maxBytes: maxBytes) {
    case .success(let read): bytes = read
    case .failure(.tooLarge(let size)): return fail(tooLarge(size, maxBytes: maxBytes), true)
    case .failure(.unreadable(let reason)):
      return fail(PipelineError(.unreadableInput, "cannot read the file (\(reason)); check that it exists and is readable"), false)
    }
    do {
      let decoded = try TextDecoder.decode(bytes)
      var metadata: [String: JSONValue] = ["encoding": .string(decoded.encoding)]
      if decoded.detected { metadata["encoding_detected"] = .bool(true) }
      if decoded.replacedBytes > 0 { metadata["encoding_replaced_bytes"] = .number(Double(decoded.replacedBytes)) }
      return .success(Document(id: relativePath, source: source ?? path, text: decoded.text, metadata: metadata))
    } catch {
      return fail(error, false)
    }
  }

  static func loadLine(
    _ bytes: [UInt8], line: Int, source: String, maxBytes: Int, fields: InputFields = InputFields()
  ) -> Result<Document, Failure> {
    let fallbackID = "line-\(line)"
    var failedID = fallbackID
    let fail = { (message: String) in
      Result<Document, Failure>.failure(
        Failure(id: failedID, error: PipelineError(.invalidInputLine, "line \(line): " + message), skipped: false))
    }
    if bytes.count > maxBytes {
      return .failure(Failure(id: fallbackID, error: tooLarge(bytes.count, maxBytes: maxBytes), skipped: true))
    }
    let object: [String: JSONValue]
    do {
      object = try JSONDecoder().decode([String: JSONValue].self, from: Data(bytes))
    } catch {
      let message = describe(error)
      if message.hasPrefix("the value of") || message.hasPrefix("its value") {
        return fail(message + "; fix or remove it")
      }
      return fail("not a JSON object (\(message)); each line must be {\"id\": ..., \"text\": ...}")
    }
    // The user's id, kept even when the line fails for another reason.
    let id = object[fields.id]?.plainText ?? fallbackID
    failedID = id
    var metadata = object
    metadata[fields.id] = nil
    metadata[fields.text] = nil
    metadata["bytes"] = nil
    if case .string(let text) = object[fields.text] {
      return .success(Document(id: id, source: source, text: TextDecoder.unifyLineEnds(text), metadata: metadata))
    }
    // Raw file bytes in base64, so that encoding detection still runs.
    guard case .string(let base64) = object["bytes"] else {
      let keys = object.keys.sorted().prefix(8).map { "\"\($0)\"" }.joined(separator: ", ")
      return fail(
        "no string field \"\(fields.text)\" (or base64 \"bytes\"); the object has \(keys.isEmpty ? "no keys" : keys): name the text's key with --text-field (or `text-field:` in the pipeline)")
    }
    guard let data = Data(base64Encoded: base64) else {
      return fail("field \"bytes\" is not valid base64")
    }
    do {
      let decoded = try TextDecoder.decode([UInt8](data))
      metadata["encoding"] = .string(decoded.encoding)
      if decoded.detected { metadata["encoding_detected"] = .bool(true) }
      if decoded.replacedBytes > 0 { metadata["encoding_replaced_bytes"] = .number(Double(decoded.replacedBytes)) }
      return .success(Document(id: id, source: source, text: decoded.text, metadata: metadata))
    } catch {
      return .failure(Failure(id: id, error: error, skipped: false))
    }
  }

  static func describe(_ error: any Error) -> String {
    if case DecodingError.dataCorrupted(let context) = error {
      if context.debugDescription == JSONValue.unreadableValue {
        let key = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        return key.isEmpty ? "its value is \(JSONValue.unreadableValue)" : "the value of \"\(key)\" is \(JSONValue.unreadableValue)"
      }
      return context.underlyingError.map { "\($0.localizedDescription)" } ?? context.debugDescription
    }
    if case DecodingError.typeMismatch = error { return "the line is JSON but not an object" }
    return "\(error)"
  }
}

extension Result where Success == Document, Failure == DocumentLoader.Failure {
  var inputLoad: InputLoad {
    switch self {
    case .success(let document): .document(document)
    case .failure(let failure): .failed(id: failure.id, error: failure.error, skipped: failure.skipped)
    }
  }
}
