/// The token layer in CoNLL-U, the format Universal Dependencies tools and Stanza read
/// (https://universaldependencies.org/format.html): per document a `# newdoc id` line, per
/// sentence `# sent_id` (the document id, `-` and the sentence number from 1) and `# text`, then
/// a line per token: ID, FORM, LEMMA, UPOS, XPOS, FEATS, HEAD, DEPREL, DEPS, MISC.
///
/// Precis tags no syntax, so XPOS, FEATS, HEAD, DEPREL and DEPS are `_`; so are LEMMA and UPOS of
/// a language without a morphology model. Punctuation is not a token of the layer, so MISC says
/// `SpaceAfter=No` when anything but white space follows the token in the text.
enum CoNLLU {
  /// The document's block: its sentences that hold tokens, each followed by an empty line.
  static func block(documentID: String, sentences: [Sentence], layer: TokenLayer) -> [UInt8] {
    var bytes: [UInt8] = []
    bytes += Array("# newdoc id = \(oneLine(documentID))\n".utf8)
    for sentence in sentences {
      let range = layer.tokenRange(ofSentence: sentence.index)
      guard !range.isEmpty else { continue }
      bytes += Array("# sent_id = \(oneLine(documentID))-\(sentence.index + 1)\n# text = \(oneLine(sentence.text))\n".utf8)
      let scalars = Array(sentence.text.unicodeScalars)
      for (number, position) in range.enumerated() {
        let token = layer.tokens[position]
        let analysis = layer.analysis(ofToken: position)
        let after = Int(token.end) - sentence.start
        let spaceAfter = after >= scalars.count || scalars[after].properties.isWhitespace
        let fields = [
          String(number + 1), field(layer.text(ofToken: position)), analysis.map { field($0.lemma) } ?? "_",
          analysis?.upos?.description ?? "_", "_", "_", "_", "_", "_", spaceAfter ? "_" : "SpaceAfter=No",
        ]
        bytes += Array(fields.joined(separator: "\t").utf8)
        bytes.append(10)
      }
      bytes.append(10)
    }
    return bytes
  }

  /// `text` on one line: line breaks and tabs become spaces.
  static func oneLine(_ text: String) -> String {
    String(String.UnicodeScalarView(text.unicodeScalars.map { $0 == "\t" || $0.properties.isWhitespace && $0 != " " ? " " : $0 }))
  }

  /// A FORM or LEMMA value: one line, no tabs, never empty.
  static func field(_ text: String) -> String {
    let value = oneLine(text)
    return value.isEmpty ? "_" : value
  }
}
