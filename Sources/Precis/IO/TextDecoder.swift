internal import Foundation

/// Turns a file's bytes into text: BOM, valid UTF-8, else ICU's charset detection; line ends to LF.
package enum TextDecoder {
  /// A decoded text and the name of the encoding it was read in.
  package struct Decoded: Sendable, Equatable {
    package var text: String
    /// `"UTF-8"`, `"UTF-16LE"`, or a detected charset such as `"ISO-8859-1"`.
    package var encoding: String
    /// Whether the encoding was guessed by ICU's detector (not given by a BOM or valid UTF-8).
    package var detected: Bool
  }

  /// Decodes `bytes`.
  /// - Throws: `PipelineError` with code `binaryInput` for data with NUL bytes, or
  ///   `undecodableInput` when no charset decodes it.
  package static func decode(_ bytes: [UInt8]) throws(PipelineError) -> Decoded {
    if let decoded = try decodeWithBOM(bytes) { return decoded }
    if bytes.contains(0) {
      throw PipelineError(
        .binaryInput, "the file holds NUL bytes, so it is binary data, not text; exclude it from the input")
    }
    if let text = String(validating: bytes, as: UTF8.self) {
      return Decoded(text: unifyLineEnds(text), encoding: "UTF-8", detected: false)
    }
    guard let guess = ICU.detectCharset(bytes) else {
      throw PipelineError(
        .undecodableInput, "the file is not valid UTF-8 and its charset could not be detected; convert it to UTF-8")
    }
    do {
      let text = try ICU.decode(bytes, charset: guess.name)
      return Decoded(text: unifyLineEnds(text), encoding: guess.name, detected: true)
    } catch {
      throw PipelineError(
        .undecodableInput,
        "the file is not valid UTF-8 and does not decode as the detected \(guess.name) (\((error as? ICU.Failure)?.name ?? "\(error)")); convert it to UTF-8")
    }
  }

  static func decodeWithBOM(_ bytes: [UInt8]) throws(PipelineError) -> Decoded? {
    let boms: [([UInt8], String)] = [
      ([0xEF, 0xBB, 0xBF], "UTF-8"), ([0xFF, 0xFE, 0x00, 0x00], "UTF-32LE"), ([0x00, 0x00, 0xFE, 0xFF], "UTF-32BE"),
      ([0xFF, 0xFE], "UTF-16LE"), ([0xFE, 0xFF], "UTF-16BE"),
    ]
    guard let (bom, name) = boms.first(where: { bytes.starts(with: $0.0) }) else { return nil }
    let body = Array(bytes.dropFirst(bom.count))
    do {
      let text = name == "UTF-8" ? try utf8(body) : try ICU.decode(body, charset: name)
      return Decoded(text: unifyLineEnds(text), encoding: name, detected: false)
    } catch {
      throw PipelineError(
        .undecodableInput, "the file starts with a \(name) byte-order mark but is not valid \(name); re-save it as UTF-8")
    }
  }

  private struct InvalidUTF8: Error {}

  private static func utf8(_ bytes: [UInt8]) throws -> String {
    guard let text = String(validating: bytes, as: UTF8.self) else { throw InvalidUTF8() }
    return text
  }

  /// `text` with CRLF and lone CR line ends turned into LF.
  package static func unifyLineEnds(_ text: String) -> String {
    var probe = text
    guard probe.withUTF8({ bytes in bytes.baseAddress.map { memchr($0, 13, bytes.count) != nil } ?? false }) else { return text }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(text.utf8.count)
    var previousWasCR = false
    for byte in text.utf8 {
      if byte == 13 {
        bytes.append(10)
        previousWasCR = true
        continue
      }
      if !(byte == 10 && previousWasCR) { bytes.append(byte) }
      previousWasCR = false
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}
