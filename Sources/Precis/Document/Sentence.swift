/// One sentence of a document.
///
/// `start` and `end` are offsets in Unicode code points (scalars) into the text the stage read
/// (the normalized text when a `normalize` stage ran), so `text[start:end]` in Python gives `text`.
public struct Sentence: Codable, Sendable, Equatable {
  public var index: Int
  public var start: Int
  public var end: Int
  public var text: String

  public init(index: Int, start: Int, end: Int, text: String) {
    self.index = index
    self.start = start
    self.end = end
    self.text = text
  }
}

/// The `sentences` stage's output: the document's sentences in order. In JSON it is the bare array
/// of sentences, the shape `documents.jsonl` promises; its `Codable` form (the carry) has the locale too.
public struct SentenceList: StageOutput, Codable, Equatable {
  public var sentences: [Sentence]
  /// The ICU locale the sentences were split with (`"root"` when no language was known).
  public var locale: String

  public init(sentences: [Sentence], locale: String) {
    self.sentences = sentences
    self.locale = locale
  }

  public var csvCells: [String: String] { ["count": String(sentences.count)] }
}

extension SentenceList: JSONWriting {
  package func writeJSON(into bytes: inout [UInt8]) {
    JSONText.appendArray(sentences, to: &bytes) { (sentence, bytes: inout [UInt8]) in
      JSONText.appendField("end", sentence.end, first: true, to: &bytes)
      JSONText.appendField("index", sentence.index, to: &bytes)
      JSONText.appendField("start", sentence.start, to: &bytes)
      JSONText.appendField("text", sentence.text, to: &bytes)
      bytes.append(UInt8(ascii: "}"))
    }
  }
}
