/// Takes the particles off a noun where a language writes them onto it, as a reader cites the
/// noun: Korean "국제협력사업을" ("international cooperation project" + the object particle 을,
/// lemma "국제+협력+사업+을") is "국제협력사업".
///
/// Only the lemma's last pieces that the model lists as particles (``MorphologyModel/isParticle(_:)``)
/// and that the form ends with are taken off, one after another ("학교에서는": "학교+에서+는" ->
/// "학교"), and never the whole form: a noun that ends as a particle does ("사이", lemma "사이")
/// keeps it.
struct ParticleSuffixes {
  let model: MorphologyModel

  /// The particles of `language`'s bundled model, or `nil` when it lists none.
  init?(language: String) {
    guard let model = MorphologyModel.bundled(language), model.hasParticles else { return nil }
    self.model = model
  }

  /// `form` without the particles its `lemma` ends with, or `nil` when it has none to take off.
  func stripped(_ form: String, lemma: String) -> String? {
    var pieces = lemma.split(separator: "+", omittingEmptySubsequences: false)
    var rest = Array(form.unicodeScalars)
    while pieces.count > 1, let last = pieces.last, model.isParticle(last) {
      let particle = Array(last.unicodeScalars)
      guard rest.count > particle.count, rest.suffix(particle.count).elementsEqual(particle) else { break }
      rest.removeLast(particle.count)
      pieces.removeLast()
    }
    return rest.count < form.unicodeScalars.count ? String(String.UnicodeScalarView(rest)) : nil
  }
}
