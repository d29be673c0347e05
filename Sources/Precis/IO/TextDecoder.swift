internal import Foundation

/// Turns a file's bytes into text: BOM, valid UTF-8, else ICU's charset detection; line ends to LF.
package enum TextDecoder {
  /// A decoded text and the name of the encoding it was read in.
  package struct Decoded: Sendable, Equatable {
    package var text: String
    /// `"UTF-8"`, `"UTF-16LE"`, or a detected charset such as `"ISO-8859-1"`.
    package var encoding: String
    /// Whether the encoding was guessed (by ICU's detector, or UTF-16 from its byte pattern), not
    /// given by a BOM or valid UTF-8.
    package var detected: Bool
    /// Bytes that were no valid UTF-8 in text read as UTF-8 anyway, each replaced by U+FFFD.
    package var replacedBytes = 0
  }

  /// Invalid UTF-8 sequences tolerated in text that is otherwise UTF-8: at most one for every two
  /// valid multi-byte sequences (a Latin-1 text has almost no valid ones, since its accented
  /// letters are single bytes followed by ASCII).
  static let validSequencesPerInvalid = 2

  /// Decodes `bytes`.
  /// - Throws: `PipelineError` with code `binaryInput` for data with NUL bytes, or
  ///   `undecodableInput` when no charset decodes it.
  package static func decode(_ bytes: [UInt8]) throws(PipelineError) -> Decoded {
    if let decoded = try decodeWithBOM(bytes) { return decoded }
    let hasNUL = bytes.contains(0)
    // NUL bytes in text are the zero high bytes of UTF-16 (even valid UTF-8 then: "\0 \u{4}\u{13}").
    if hasNUL, let decoded = decodeUTF16WithoutBOM(bytes) { return decoded }
    if !hasNUL, let text = String(validating: bytes, as: UTF8.self) {
      return Decoded(text: unifyLineEnds(text), encoding: "UTF-8", detected: false)
    }
    if !hasNUL, let decoded = decodeUTF16WithoutBOM(bytes) { return decoded }
    if hasNUL {
      throw PipelineError(
        .binaryInput, "the file holds NUL bytes, so it is binary data, not text; exclude it from the input")
    }
    let (valid, invalid, invalidBytes) = utf8Sequences(bytes)
    if invalid > 0, valid >= validSequencesPerInvalid * invalid {
      // UTF-8 with a few stray bytes: keep it UTF-8 rather than re-read all of it as Latin-1.
      let text = String(decoding: bytes, as: UTF8.self)
      return Decoded(text: unifyLineEnds(text), encoding: "UTF-8", detected: false, replacedBytes: invalidBytes)
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

  /// Counts of valid multi-byte UTF-8 sequences, of invalid sequences, and of the bytes in them.
  static func utf8Sequences(_ bytes: [UInt8]) -> (valid: Int, invalid: Int, invalidBytes: Int) {
    var valid = 0, invalid = 0, invalidBytes = 0
    var index = 0
    let count = bytes.count
    while index < count {
      let lead = bytes[index]
      if lead < 0x80 {
        index += 1
        continue
      }
      let length = lead >= 0xC2 && lead <= 0xDF ? 2 : lead >= 0xE0 && lead <= 0xEF ? 3 : lead >= 0xF0 && lead <= 0xF4 ? 4 : 0
      var ok = length > 0 && index + length <= count
      if ok {
        for offset in 1..<length where bytes[index + offset] & 0xC0 != 0x80 { ok = false }
      }
      if ok, length == 3 {
        let second = bytes[index + 1]
        ok = !(lead == 0xE0 && second < 0xA0) && !(lead == 0xED && second >= 0xA0)  // overlong, surrogate
      }
      if ok, length == 4 {
        let second = bytes[index + 1]
        ok = !(lead == 0xF0 && second < 0x90) && !(lead == 0xF4 && second >= 0x90)
      }
      if ok {
        valid += 1
        index += length
      } else {
        invalid += 1
        invalidBytes += 1
        index += 1
      }
    }
    return (valid, invalid, invalidBytes)
  }

  /// UTF-16 without a byte-order mark, told by its byte pattern: in one byte of each pair (the
  /// high byte) the zeros of ASCII characters, or far fewer distinct values than in the other (one
  /// script's block: 0x04 for Cyrillic, 0x30 and 0x4E-0x9F for Japanese). The text must then
  /// decode without lone surrogates and with almost no control characters.
  static func decodeUTF16WithoutBOM(_ bytes: [UInt8]) -> Decoded? {
    guard bytes.count >= 16, bytes.count % 2 == 0 else { return nil }
    var zeros = [0, 0]
    var seen = [Set<UInt8>(), Set<UInt8>()]
    for (index, byte) in bytes.enumerated() {
      if byte == 0 { zeros[index & 1] += 1 }
      seen[index & 1].insert(byte)
    }
    let pairs = bytes.count / 2
    // The position of the high byte: 1 for little-endian, 0 for big-endian.
    let high: Int
    if zeros[1] >= pairs / 10, zeros[0] * 10 <= zeros[1] {
      high = 1
    } else if zeros[0] >= pairs / 10, zeros[1] * 10 <= zeros[0] {
      high = 0
    } else if pairs >= 32, seen[1].count * 3 <= seen[0].count * 2 {
      high = 1
    } else if pairs >= 32, seen[0].count * 3 <= seen[1].count * 2 {
      high = 0
    } else {
      return nil
    }
    let hasASCII = zeros[high] > 0
    var units = [UInt16](repeating: 0, count: pairs)
    var controls = 0, privateUse = 0
    var blocks: [Int: Int] = [:]
    for pair in 0..<pairs {
      let unit = high == 1
        ? UInt16(bytes[2 * pair]) | UInt16(bytes[2 * pair + 1]) << 8
        : UInt16(bytes[2 * pair]) << 8 | UInt16(bytes[2 * pair + 1])
      units[pair] = unit
      if unit < 0x20 && unit != 0x09 && unit != 0x0A && unit != 0x0D || (0x7F...0x9F).contains(unit) { controls += 1 }
      if (0xE000...0xF8FF).contains(unit) { privateUse += 1 }
      if !hasASCII { blocks[block(of: unit), default: 0] += 1 }
    }
    // Without ASCII zeros, the text must be written in essentially one script: Latin-1 read as
    // UTF-16 scatters over CJK, symbols and punctuation.
    let neutral = blocks.removeValue(forKey: -3) ?? 0
    if !hasASCII, (blocks.values.max() ?? 0) * 100 < 95 * (pairs - neutral) { return nil }
    guard controls * 100 <= pairs, privateUse * 100 <= pairs, let text = String(validating: units, as: UTF16.self)
    else { return nil }
    return Decoded(text: unifyLineEnds(text), encoding: high == 1 ? "UTF-16LE" : "UTF-16BE", detected: true)
  }

  /// A coarse script block for the single-script test of ``decodeUTF16WithoutBOM(_:)``: East
  /// Asian (CJK, kana, their punctuation and full-width forms), Hangul, or the unit's 256-block.
  static func block(of unit: UInt16) -> Int {
    switch unit {
    case 0x3000...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xFF00...0xFFEF: -1
    case 0xAC00...0xD7A3, 0x1100...0x11FF, 0x3130...0x318F: -2
    case 0x0020...0x0040: -3  // spaces, digits and punctuation go with any script
    default: Int(unit >> 8)
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
