/// The `normalize` stage: Unicode normalization plus whitespace and control-character cleanup.
///
/// Later stages read its text (it provides ``OutputKey/normalizedText``), so every offset they
/// report is into this text.
public struct NormalizeStage: Stage {
  public static let kind = "normalize"
  public static let summary = "Unicode normalization, whitespace and control-character cleanup, optional line unwrapping"
  public static let options: [OptionSpec] = [
    OptionSpec(
      "form", .string(choices: ["nfc", "nfkc", "nfkc_casefold"]), default: .string("nfc"),
      help: "Unicode normalization form"),
    OptionSpec(
      "unwrap-lines", .bool, default: .bool(false),
      help: "join hard-wrapped lines inside a paragraph (blank lines and list items still break)"),
  ]

  let form: ICU.NormalizationForm
  let unwrapLines: Bool
  public var provides: Set<OutputKey> { [.normalizedText] }
  public var csvColumns: [CSVColumn] { [.stage("edits")] }

  /// Creates the stage from checked options (`form`, `unwrap-lines`).
  public init(options: StageOptions) throws {
    form = ICU.NormalizationForm(rawValue: options.string("form", defaultFrom: Self.options)) ?? .nfc
    unwrapLines = options.bool("unwrap-lines", defaultFrom: Self.options)
  }

  public func process(_ document: Document, context: StageContext) throws -> any StageOutput {
    try normalize(document.currentText)
  }

  /// Normalizes `text` as the stage does.
  /// - Throws: `PipelineError` when ICU rejects the text.
  public func normalize(_ text: String) throws -> NormalizedText {
    let units = ICU.utf16(text)
    let normalizedUnits: [UInt16]
    do {
      normalizedUnits = try ICU.normalize(units, form: form)
    } catch {
      throw PipelineError(.stageFailed, "\(error); the text may hold unpaired surrogates")
    }
    var changes = NormalizedText.Changes()
    changes.form = normalizedUnits != units
    let normalized = normalizedUnits == units ? text : normalizedUnits.withUnsafeBufferPointer(TextUnits.string)
    let cleaned = TextCleanup.clean(normalized, unwrapLines: unwrapLines, changes: &changes)
    return NormalizedText(text: cleaned, form: form.rawValue, changes: changes)
  }
}

/// The `normalize` stage's output.
public struct NormalizedText: TextProviding, Codable, Equatable {
  /// What the stage changed, counted.
  public struct Changes: Codable, Sendable, Equatable {
    /// Whether the normalization form changed any character.
    public var form = false
    /// Control and invisible format characters removed (C0/C1 controls, soft hyphens, BOMs, ...).
    public var controls = 0
    /// Whitespace runs collapsed or unusual spaces (tabs, no-break spaces, ...) made plain.
    public var spaces = 0
    /// Runs of blank lines collapsed to one blank line, and blank text trimmed at either end.
    public var blankLines = 0
    /// Hard-wrapped lines joined with the line before (only with `unwrap-lines`).
    public var unwrappedLines = 0

    public var total: Int { (form ? 1 : 0) + controls + spaces + blankLines + unwrappedLines }
  }

  public var text: String
  public var form: String
  public var changes: Changes

  public var csvCells: [String: String] { ["edits": String(changes.total)] }
}

extension NormalizedText: JSONWriting {
  package func writeJSON(into bytes: inout [UInt8]) {
    JSONText.appendKey("changes", first: true, to: &bytes)
    JSONText.appendField("blankLines", changes.blankLines, first: true, to: &bytes)
    JSONText.appendField("controls", changes.controls, to: &bytes)
    JSONText.appendField("form", changes.form, to: &bytes)
    JSONText.appendField("spaces", changes.spaces, to: &bytes)
    JSONText.appendField("unwrappedLines", changes.unwrappedLines, to: &bytes)
    bytes.append(UInt8(ascii: "}"))
    JSONText.appendField("form", form, to: &bytes)
    JSONText.appendField("text", text, to: &bytes)
    bytes.append(UInt8(ascii: "}"))
  }
}

/// Whitespace and control-character cleanup, in one pass over the text's scalars, writing UTF-8.
enum TextCleanup {
  /// Returns `text` with controls removed, spaces made plain and collapsed, line ends trimmed,
  /// blank-line runs collapsed to one, optionally hard-wrapped lines joined; counts into `changes`.
  /// - Complexity: O(n).
  static func clean(_ text: String, unwrapLines: Bool, changes: inout NormalizedText.Changes) -> String {
    var text = text
    return text.withUTF8 { clean(utf8: $0, unwrapLines: unwrapLines, changes: &changes) }
  }

  /// ``clean(_:unwrapLines:changes:)`` over valid UTF-8: ASCII bytes are classified as they are,
  /// other scalars decoded only to be classified and copied as their bytes.
  private static func clean(
    utf8 text: UnsafeBufferPointer<UInt8>, unwrapLines: Bool, changes: inout NormalizedText.Changes
  ) -> String {
    // Every line's cleaned bytes, one after another; `lineEnds[i]` is where line i ends.
    var bytes: [UInt8] = []
    bytes.reserveCapacity(text.count)
    var lineEnds: [Int] = []
    var lineStart = 0
    var pendingSpace = false
    var previousWasCR = false
    var index = 0
    while index < text.count {
      let lead = text[index]
      let (scalar, length) = UTF8Scalars.scalar(in: text, at: index)
      defer {
        previousWasCR = lead == 0x0D
        index += length
      }
      switch classify(scalar) {
      case .newline:
        if lead == 0x0A && previousWasCR { continue }  // CRLF is one line end
        if lead != 0x0A { changes.spaces += 1 }
        if pendingSpace { changes.spaces += 1 }  // trailing space dropped
        pendingSpace = false
        lineEnds.append(bytes.count)
        lineStart = bytes.count
      case .space:
        if bytes.count == lineStart || pendingSpace {
          changes.spaces += 1  // leading or repeated: dropped
        } else {
          pendingSpace = true
          if lead != 0x20 { changes.spaces += 1 }
        }
      case .removed:
        changes.controls += 1
      case .kept:
        if pendingSpace { bytes.append(0x20) }
        pendingSpace = false
        if length == 1 {
          bytes.append(lead)
        } else {
          bytes.append(contentsOf: UnsafeBufferPointer(rebasing: text[index..<(index + length)]))
        }
      }
    }
    if pendingSpace { changes.spaces += 1 }
    lineEnds.append(bytes.count)
    return assemble(bytes, lineEnds: lineEnds, unwrapLines: unwrapLines, changes: &changes)
  }

  private static func assemble(
    _ bytes: [UInt8], lineEnds: [Int], unwrapLines: Bool, changes: inout NormalizedText.Changes
  ) -> String {
    var output: [UInt8] = []
    output.reserveCapacity(bytes.count + lineEnds.count)
    var blankRun = 0
    var started = false
    var previousWasText = false
    var lineStart = 0
    for lineEnd in lineEnds {
      defer { lineStart = lineEnd }
      let line = bytes[lineStart..<lineEnd]
      if line.isEmpty {
        blankRun += 1
        previousWasText = false
        continue
      }
      if started {
        if blankRun > 1 { changes.blankLines += 1 }
        if blankRun > 0 {
          output += [0x0A, 0x0A]
        } else if unwrapLines && previousWasText && !startsListItem(String(decoding: line.prefix(16), as: UTF8.self).unicodeScalars) {
          output.append(0x20)
          changes.unwrappedLines += 1
        } else {
          output.append(0x0A)
        }
      } else if blankRun > 0 {
        changes.blankLines += 1
      }
      output += line
      started = true
      blankRun = 0
      previousWasText = true
    }
    if blankRun > 0 && started { changes.blankLines += 1 }
    return String(decoding: output, as: UTF8.self)
  }

  /// Whether a line starts a list item or bullet, which unwrapping must not join.
  static func startsListItem(_ line: String.UnicodeScalarView) -> Bool {
    guard let first = line.first else { return false }
    if "•·‣◦▪▫■□●○-–—*>".unicodeScalars.contains(first) { return true }
    // "1." "12)" "a)" style numbering
    var digits = 0
    for scalar in line.prefix(4) {
      if ScalarBits.numeric.contains(scalar) { digits += 1; continue }
      return digits > 0 && (scalar == "." || scalar == ")")
    }
    return false
  }

  enum Class { case newline, space, removed, kept }

  static func classify(_ scalar: Unicode.Scalar) -> Class {
    switch scalar.value {
    case 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: return .newline
    case 0x09, 0x20: return .space
    case 0x00...0x1F, 0x7F...0x9F: return .removed
    case 0xAD, 0xFEFF, 0x200B, 0x2060, 0xFFFE, 0xFFFF: return .removed
    default:
      if scalar.value < 0x80 { return .kept }
      return ScalarBits.spaceSeparator.contains(scalar) ? .space : .kept
    }
  }
}
