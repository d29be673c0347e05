internal import CPrefetch
internal import Foundation

/// One language's part-of-speech tagger weights and lemmatizer rules, read from a
/// `morphology/<code>.bin` file that `Scripts/train-morphology` writes (its docstring gives the
/// format), mapped into memory and used where it lies.
///
/// Unchecked `Sendable`: the tables point into a read-only ``FileMapping`` this object keeps alive.
final class MorphologyModel: @unchecked Sendable {
  /// A lemma as an edit of the surface form: optionally lower-case it, strip code points from its
  /// end, append a string.
  struct Edit: Sendable, Equatable {
    var lowercases: Bool
    var strip: Int
    var append: String
  }

  let language: String
  /// Weight rows are quantized to bytes; a row's real weights are its bytes times this.
  let scale: Float
  /// The tagger's feature weights, looked up by feature key.
  let features: FeatureTable
  let rules: KeyTable
  let ruleEdits: UnsafeBufferPointer<UInt32>
  let exceptions: KeyTable
  let exceptionEdits: UnsafeBufferPointer<UInt32>
  /// Forms (as written) of a lemma dictionary, for open-class tags: see ``lexiconEdit(form:lower:tag:)``.
  let lexicon: KeyTable
  let lexiconEdits: UnsafeBufferPointer<UInt32>
  /// Forms of a part-of-speech lexicon with their class (empty when the language has none): see
  /// ``partOfSpeechClass(formHash:lowerHash:)``.
  let classes: KeyTable
  let classNumbers: UnsafeBufferPointer<UInt32>
  /// Lower-case forms of the training text with the tags it gave them (empty for a lemma-only
  /// model): see ``tagSet(lowerHash:)``.
  let tagSets: KeyTable
  let tagSetMasks: UnsafeBufferPointer<UInt32>
  /// Morphemes of a language whose lemmas join them with "+" (Korean) or mark compound boundaries
  /// with "#" (Finnish), empty elsewhere, each with its bits (``morphemeCompoundPart``,
  /// ``morphemeParticle``, ``morphemeInitialPart``, ``morphemeFinalPart``): see
  /// ``splitCompound(_:)``, ``isParticle(_:)`` and ``markedCompound(_:tag:)``.
  let morphemes: KeyTable
  let morphemeBits: UnsafeBufferPointer<UInt32>
  /// The bits of ``morphemes``: a noun a "+"-joined compound lemma splits into, a particle, a part
  /// that may begin and one that may end a "#"-marked compound.
  static let morphemeCompoundPart: UInt32 = 1, morphemeParticle: UInt32 = 2
  static let morphemeInitialPart: UInt32 = 4, morphemeFinalPart: UInt32 = 8
  let edits: [Edit]
  /// The summed weights of the features that take few values, one row per value (worked out at load).
  let contextRows: ContextRows
  private let mapping: FileMapping

  static let tagCount = UniversalTag.allCases.count
  /// The model file format this reader reads (`Scripts/train-morphology`'s docstring).
  static let version: UInt32 = 6

  /// A model without tagger weights: it gives lemmas only (``TokenLayer/Analysis/upos`` is `nil`),
  /// its rules and lexicon read under the tag X.
  var isLemmaOnly: Bool { features.weights.isEmpty }

  /// The model in the file at `path`.
  /// - Throws: `PipelineError` when the file cannot be read or is not a model of this version.
  init(path: String, language: String) throws(PipelineError) {
    guard let mapping = FileMapping(path: path) else {
      throw PipelineError(.inputNotFound, "cannot read the morphology model '\(path)'; reinstall Precis or rebuild it with Scripts/train-morphology")
    }
    let damaged = PipelineError(.invalidConfig, "'\(path)' is not a Precis morphology model of version \(Self.version); rebuild it with Scripts/train-morphology")
    let bytes = mapping.bytes
    var reader = ByteReader(bytes: bytes)
    guard reader.take(4).map(Array.init) == Array("PMOR".utf8), reader.u32() == Self.version, reader.u32().map(Int.init) == Self.tagCount,
      let scale = reader.f32()
    else { throw damaged }
    guard let capacity = reader.u32().map(Int.init), capacity > 0, capacity & (capacity - 1) == 0,
      let entryCount = reader.u32().map(Int.init), let slots = reader.u64s(count: capacity),
      let weights = reader.u16s(count: entryCount), reader.align(to: 8),
      slots.allSatisfy({ $0 == 0 || Int(($0 >> 5) & 0x7FF_FFFF) + Int($0 & 31) <= entryCount }),
      weights.allSatisfy({ Int($0 >> 8) < Self.tagCount }),
      let rules = reader.table(), let ruleEdits = reader.u32s(count: rules.keys.count),
      let exceptions = reader.table(), let exceptionEdits = reader.u32s(count: exceptions.keys.count),
      let lexicon = reader.table(), let lexiconEdits = reader.u32s(count: lexicon.keys.count),
      let classes = reader.table(), let classNumbers = reader.u32s(count: classes.keys.count),
      let tagSets = reader.table(), let tagSetMasks = reader.u32s(count: tagSets.keys.count),
      let morphemes = reader.table(), let morphemeBits = reader.u32s(count: morphemes.keys.count),
      let editCount = reader.u32()
    else { throw damaged }
    var edits: [Edit] = []
    edits.reserveCapacity(Int(editCount))
    for _ in 0..<editCount {
      guard let flags = reader.u8(), let strip = reader.u8(), let length = reader.u8(), let text = reader.take(Int(length)) else {
        throw damaged
      }
      edits.append(Edit(lowercases: flags & 1 != 0, strip: Int(strip), append: String(decoding: text, as: UTF8.self)))
    }
    guard [ruleEdits, exceptionEdits, lexiconEdits].allSatisfy({ $0.allSatisfy { Int($0) < edits.count } }) else { throw damaged }
    self.language = language
    self.scale = scale
    let features = FeatureTable(slots: slots, weights: weights)
    self.features = features
    self.contextRows = weights.isEmpty ? ContextRows() : ContextRows(features: features, tagSetMasks: tagSetMasks)
    self.rules = rules
    self.ruleEdits = ruleEdits
    self.exceptions = exceptions
    self.exceptionEdits = exceptionEdits
    self.lexicon = lexicon
    self.lexiconEdits = lexiconEdits
    self.classes = classes
    self.classNumbers = classNumbers
    self.hasPartOfSpeechClasses = classes.keys.contains { $0 != 0 }
    self.tagSets = tagSets
    self.tagSetMasks = tagSetMasks
    self.morphemes = morphemes
    self.morphemeBits = morphemeBits
    let allBits = morphemeBits.reduce(0, |)
    self.hasCompoundParts = allBits & Self.morphemeCompoundPart != 0
    self.hasParticles = allBits & Self.morphemeParticle != 0
    self.hasMarkedParts = allBits & (Self.morphemeInitialPart | Self.morphemeFinalPart) != 0
    self.edits = edits
    self.mapping = mapping
  }

  /// Dense weight rows (one `Int32` per tag) of the tagger's context features that take few values,
  /// so that a token adds a row of a small table instead of looking keys up in the feature table:
  /// the two tags before (features 9 and 10 together), the word's shape (8), what a sentence's
  /// edge gives in place of a neighbour word (11; 16; 12, 13 and 17; 15), and the tag before with
  /// the next word's tag set (43 and 40 together: a model's words have a few dozen sets). Each row is the sum
  /// ``FeatureTable/addWeights(of:to:)`` gives for its keys; `MorphologyTests` checks the tags against a tagger
  /// that looks every key up.
  struct ContextRows: Sendable {
    /// Values of `previous` and `before`: a tag + 1, or ``MorphologyTagger/noTag``.
    static let tagValues = Int(MorphologyTagger.noTag) + 1
    static let shapeBase = tagValues * tagValues
    static let edgeBase = shapeBase + 64

    /// What a sentence's edge gives instead of a neighbour's rows.
    enum Edge: Int, CaseIterable {
      /// No word before (feature 11), none two before (16), none after (12, 13, 17), none two after (15).
      case noLast, noBeforeLast, noFollowing, noAfterNext
    }

    /// A sum of rows of 17 tags, as a 16-lane vector and the 17th lane.
    struct Sum {
      var lanes: SIMD16<Int32>
      var last: Int32

      /// The row at `row`.
      @inline(__always) init(_ row: UnsafePointer<Int32>) {
        lanes = UnsafeRawPointer(row).loadUnaligned(as: SIMD16<Int32>.self)
        last = row[16]
      }

      /// Adds the row at `row`.
      @inline(__always) mutating func add(_ row: UnsafePointer<Int32>) {
        lanes &+= UnsafeRawPointer(row).loadUnaligned(as: SIMD16<Int32>.self)
        last &+= row[16]
      }

      /// Writes the 17 sums to `scores`.
      @inline(__always) func store(to scores: UnsafeMutablePointer<Int32>) {
        UnsafeMutableRawPointer(scores).storeBytes(of: lanes, as: SIMD16<Int32>.self)
        scores[16] = last
      }
    }

    /// Row `r` at `r * tagCount`; empty for a lemma-only model.
    private(set) var rows: [Int32] = []
    /// The number of each tag set (``MorphologyModel/tagSet(lowerHash:)``) the model's words have,
    /// in ``tagSetRow(base:previous:next:)``: 0 for none (a word the training text did not have), 1 for
    /// ``MorphologyTagger/noTagSet`` (no word after), then the masks of the tag-set table.
    private var tagSetNumbers: [UInt64: Int32] = [:]
    /// The number of ``MorphologyTagger/noTagSet`` in ``tagSetRow(base:previous:next:)``.
    static let noFollowingTagSet: Int32 = 1
    /// Where the rows of the tag sets start (after the edges').
    private(set) var tagSetBase = 0

    /// The number ``tagSetRow(base:previous:next:)`` takes for the tag set `tagSet` (0 for one the
    /// model does not have, which no word is given).
    @inline(__always) func tagSetNumber(_ tagSet: UInt64) -> Int32 { tagSetNumbers[tagSet] ?? 0 }
    /// The row of features 43 and 40 for the tag before and the tag set numbered `next`
    /// (``tagSetNumber(_:)``; ``noFollowingTagSet``: no word after) of the word after, the rows starting at `base`
    /// (``tagSetBase``).
    @inline(__always) static func tagSetRow(base: Int, previous: UInt64, next: Int32) -> Int {
      base + Int(next) * tagValues + Int(previous)
    }

    /// The row of features 9 and 10 for the two tags before.
    @inline(__always) static func tagsRow(previous: UInt64, before: UInt64) -> Int { Int(previous) * tagValues + Int(before) }
    /// The row of feature 8 for `shape` (| 32 for a sentence's first word).
    @inline(__always) static func shapeRow(_ shape: UInt64) -> Int { shapeBase + Int(shape) }
    @inline(__always) static func edgeRow(_ edge: Edge) -> Int { edgeBase + edge.rawValue }

    init() {}

    init(features: FeatureTable, tagSetMasks: UnsafeBufferPointer<UInt32>) {
      precondition(MorphologyModel.tagCount == 17, "Sum adds rows of 17 tags")
      let tags = MorphologyModel.tagCount, mix = MorphologyTagger.mix
      let start = MorphologyTagger.start, end = MorphologyTagger.end
      // Numbered 0 and 1 (``noFollowingTagSet``), then the table's masks in slot order: the same
      // numbers on every load. No word has the set `noTagSet`, so it is not in `tagSetNumbers`.
      var tagSets: [UInt64] = [0, MorphologyTagger.noTagSet]
      for mask in tagSetMasks where mask != 0 && tagSetNumbers[UInt64(mask)] == nil {
        tagSetNumbers[UInt64(mask)] = Int32(tagSets.count)
        tagSets.append(UInt64(mask))
      }
      let tagSetBase = Self.edgeBase + Edge.allCases.count
      self.tagSetBase = tagSetBase
      rows = [Int32](repeating: 0, count: (tagSetBase + tagSets.count * Self.tagValues) * tags)
      rows.withUnsafeMutableBufferPointer { rows in
        func fill(_ row: Int, _ keys: UInt64...) {
          for key in keys { features.addWeights(of: key, to: rows.baseAddress! + row * tags) }
        }
        for previous in 0..<UInt64(Self.tagValues) {
          for before in 0..<UInt64(Self.tagValues) {
            fill(Self.tagsRow(previous: previous, before: before), mix(9, previous), mix(10, previous &* 32 &+ before))
          }
        }
        for shape in 0..<UInt64(64) { fill(Self.shapeRow(shape), mix(8, shape)) }
        fill(Self.edgeRow(.noLast), mix(11, start))
        fill(Self.edgeRow(.noBeforeLast), mix(16, start))
        fill(Self.edgeRow(.noFollowing), mix(12, end), mix(13, end), mix(17, 4))
        fill(Self.edgeRow(.noAfterNext), mix(15, end))
        for (number, tagSet) in tagSets.enumerated() {
          for previous in 0..<UInt64(Self.tagValues) {
            fill(Self.tagSetRow(base: tagSetBase, previous: previous, next: Int32(number)), mix(mix(43, previous), tagSet), mix(40, tagSet))
          }
        }
      }
    }
  }

  /// The edit stored for a (form, tag) exception or a (tag, suffix) rule, by key.
  func exceptionEdit(_ key: UInt64) -> Edit? { exceptions.slot(of: key).map { edits[Int(exceptionEdits[$0])] } }
  func ruleEdit(_ key: UInt64) -> Edit? { rules.slot(of: key).map { edits[Int(ruleEdits[$0])] } }

  /// The word class a lemma-only model lists for the word whose lower-case form hashes to
  /// `lowerHash` (``TokenLayer/Analysis/lexiconClass``; not the tagger's lexicon feature,
  /// ``lexiconClass(formHash:lowerHash:)``): `.verb` for a verb-only form, `.num` for a numeral,
  /// `.adj` for an adjective-only form (exceptions under those tags: `Scripts/train-morphology`'s
  /// `class_only_forms`), else `nil`.
  func listedClass(lowerHash: UInt64) -> UniversalTag? {
    guard isLemmaOnly else { return nil }
    if exceptions.slot(of: MorphologyTagger.mix(Self.verbExceptionSeed, lowerHash)) != nil { return .verb }
    if exceptions.slot(of: MorphologyTagger.mix(Self.numeralExceptionSeed, lowerHash)) != nil { return .num }
    if exceptions.slot(of: MorphologyTagger.mix(Self.adjectiveExceptionSeed, lowerHash)) != nil { return .adj }
    return nil
  }

  /// The lemma dictionary's edit for a word of an open class (noun, proper noun, verb, adjective,
  /// adverb, auxiliary): its entry as written (`formHash`: FNV-1a of the form's UTF-8), else
  /// (except for a capitalised noun or name, which a lower-case entry does not describe) its
  /// lower-case entry (`lowerHash`).
  func lexiconEdit(formHash: UInt64, lowerHash: UInt64, capitalized: Bool, tag: UniversalTag) -> Edit? {
    guard Self.openTags.contains(tag) || isLemmaOnly else { return nil }
    let lowerHash = capitalized && (tag == .noun || tag == .propn) ? formHash : lowerHash
    return Self.slot(in: lexicon, feature: 22, formHash: formHash, lowerHash: lowerHash).map { edits[Int(lexiconEdits[$0])] }
  }

  /// The slot of a word's entry in `table`, whose keys are `mix(feature, hash of the form)`: the
  /// entry as written (`formHash`), else the lower-case one (`lowerHash`; one lookup when the two
  /// hashes are the same).
  @inline(__always)
  private static func slot(in table: KeyTable, feature: UInt64, formHash: UInt64, lowerHash: UInt64) -> Int? {
    if let slot = table.slot(of: MorphologyTagger.mix(feature, formHash)) { return slot }
    return formHash == lowerHash ? nil : table.slot(of: MorphologyTagger.mix(feature, lowerHash))
  }

  static let openTags: Set<UniversalTag> = [.noun, .propn, .verb, .adj, .adv, .aux]

  /// Whether the lemma dictionary lists `form` (as written) as an inflection of another lemma:
  /// its lexicon entry under `tag` (`nil`: a lemma-only model's tokens) changes more than its case
  /// ("прогноза", whose lemma is "прогноз").
  func listsAsInflection(_ form: String, tag: UniversalTag?) -> Bool {
    let lower = form.lowercasedByScalar()
    let capitalized = form.unicodeScalars.first?.properties.isUppercase == true
    let lowerHash = FNV1a.hash64(lower.utf8)
    guard
      let edit = lexiconEdit(
        formHash: form == lower ? lowerHash : FNV1a.hash64(form.utf8), lowerHash: lowerHash, capitalized: capitalized, tag: tag ?? .x)
    else { return false }
    return edit.strip > 0 || !edit.append.isEmpty
  }

  /// The seeds of exception keys under VERB and NUM (`exception_key` of the training script).
  static let verbExceptionSeed = MorphologyTagger.mix(21, UInt64(UniversalTag.verb.rawValue))
  static let numeralExceptionSeed = MorphologyTagger.mix(21, UInt64(UniversalTag.num.rawValue))
  static let adjectiveExceptionSeed = MorphologyTagger.mix(21, UInt64(UniversalTag.adj.rawValue))

  /// The tagger's lexicon feature of a word: 1 + the index of its lexicon entry's edit (the entry
  /// as written, else the lower-case one), 0 when the lexicon has neither.
  func lexiconClass(formHash: UInt64, lowerHash: UInt64) -> UInt64 {
    Self.slot(in: lexicon, feature: 22, formHash: formHash, lowerHash: lowerHash).map { UInt64(lexiconEdits[$0]) + 1 } ?? 0
  }

  /// Whether the tagger reads a part-of-speech lexicon (feature 25): Chinese (jieba's tags), German
  /// (german-nouns), Japanese (MeCab's analyses) and the languages spacy-lookups-data's tables give
  /// parts of speech for (`Scripts/train-morphology`, `pos_lexicon`).
  let hasPartOfSpeechClasses: Bool

  /// The tagger's part-of-speech lexicon feature of a word: the class of its entry (as written,
  /// else lower-case), 0 when the lexicon has neither.
  func partOfSpeechClass(formHash: UInt64, lowerHash: UInt64) -> UInt64 {
    Self.slot(in: classes, feature: 25, formHash: formHash, lowerHash: lowerHash).map { UInt64(classNumbers[$0]) } ?? 0
  }

  /// The tagger's tag-set feature of a word (features 40, 41 and 43): a bit per tag (1 << its raw
  /// value) the training text gave its lower-case form (`lowerHash`: FNV-1a of its UTF-8), 0 for
  /// a form the training text did not have.
  @inline(__always)
  func tagSet(lowerHash: UInt64) -> UInt64 {
    tagSets.slot(of: MorphologyTagger.mix(44, lowerHash)).map { UInt64(tagSetMasks[$0]) } ?? 0
  }

  /// Whether lemmas the rules make are split into compound parts (``splitCompound(_:)``): Korean.
  let hasCompoundParts: Bool
  /// Whether lemmas of nouns, names and adjectives get "#" between their compound parts
  /// (``markedCompound(_:tag:)``): Finnish.
  let hasMarkedParts: Bool
  /// Whether the model lists particles (``isParticle(_:)``): Korean.
  let hasParticles: Bool

  /// The bundled model of `language` (ISO 639-1), mapped and checked the first time any thread
  /// asks for it; `nil` when there is none (or its file is damaged). A run maps only the models of
  /// the languages its documents are in, not all 38 files (45 MB) at start-up.
  static func bundled(_ language: String) -> MorphologyModel? {
    // Two threads may map the same file at once: the first one stored is kept, so every caller
    // gets the same object (the taggers' word caches are per model).
    loaded.value(for: language) {
      bundledLanguages.contains(language)
        ? bundledFolder.flatMap { try? MorphologyModel(path: $0.appendingPathComponent("\(language).bin").path, language: language) }
        : nil
    }
  }

  /// The models mapped so far, by language (`nil`: none for that language).
  private static let loaded = LanguageTable<MorphologyModel?>()

  /// The bundled `morphology` folder, if the resources have one.
  static let bundledFolder = Bundle.module.url(forResource: "morphology", withExtension: nil, subdirectory: "Resources")
    ?? Bundle.module.url(forResource: "morphology", withExtension: nil)

  /// The path of the bundled model file of `language`, if there is one.
  static func bundledPath(for language: String) -> String? {
    guard let path = bundledFolder?.appendingPathComponent("\(language).bin").path, FileManager.default.fileExists(atPath: path) else {
      return nil
    }
    return path
  }

  /// The languages the bundled models tag or lemmatize (their files' names), sorted.
  static let bundledLanguages: [String] = {
    guard let folder = bundledFolder else { return [] }
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".bin") }.map { String($0.dropLast(4)) }.sorted()
  }()
}

/// The tagger's feature table in a model file: open-addressing slots of feature keys, each
/// pointing to a run of (tag, weight) entries.
///
/// Unchecked `Sendable`: both buffers point into the read-only mapping their model keeps alive.
struct FeatureTable: @unchecked Sendable {
  /// Feature slots: the key's top 32 bits << 32 | first entry << 5 | entry count (0: empty).
  let slots: UnsafeBufferPointer<UInt64>
  /// Feature weights: tag << 8 | the weight as a signed byte (zero weights are not stored).
  let weights: UnsafeBufferPointer<UInt16>

  /// Adds the weights of feature `key` to `scores` (one per tag), if the table has the feature.
  @inline(__always)
  func addWeights(of key: UInt64, to scores: UnsafeMutablePointer<Int32>) {
    addWeights(ofSlot: slot(of: key), to: scores)
  }

  /// The feature slot value of `key` (first entry << 5 | entry count), or 0 when the table does
  /// not have the feature.
  @inline(__always)
  func slot(of key: UInt64) -> UInt64 {
    let mask = slots.count - 1
    let fingerprint = Swift.max(key >> 32, 1)
    var index = Int(truncatingIfNeeded: key) & mask
    while true {
      let slot = slots[index]
      if slot == 0 || slot >> 32 == fingerprint { return slot & 0xFFFF_FFFF }
      index = (index + 1) & mask
    }
  }

  /// Adds the weights of the feature whose slot value ``slot(of:)`` gave.
  @inline(__always)
  func addWeights(ofSlot slot: UInt64, to scores: UnsafeMutablePointer<Int32>) {
    let start = Int(slot >> 5)
    for entry in weights[start..<(start + Int(slot & 31))] {
      scores[Int(entry >> 8)] += Int32(Int8(truncatingIfNeeded: entry))
    }
  }

  /// Starts loading the first weight of the feature whose slot value ``slot(of:)`` gave.
  @inline(__always)
  func prefetchWeights(ofSlot slot: UInt64) {
    cprefetch_read(weights.baseAddress! + Int(slot >> 5))
  }

  /// Starts loading the slot where a lookup of feature `key` begins, so that the lookups of a
  /// token's features wait for memory side by side rather than one after another.
  @inline(__always)
  func prefetch(_ key: UInt64) {
    cprefetch_read(slots.baseAddress! + (Int(truncatingIfNeeded: key) & (slots.count - 1)))
  }
}

/// An open-addressing table of 64-bit keys (0: empty slot), probed linearly from `key & mask`:
/// the rule and exception tables.
struct KeyTable: @unchecked Sendable {
  // Unchecked: the keys point into a read-only mapping its model keeps alive.
  let keys: UnsafeBufferPointer<UInt64>

  /// The slot holding `key`, or `nil` when the table does not have it.
  @inline(__always)
  func slot(of key: UInt64) -> Int? {
    let mask = keys.count - 1
    var slot = Int(truncatingIfNeeded: key) & mask
    while true {
      let found = keys[slot]
      if found == key { return slot }
      if found == 0 { return nil }
      slot = (slot + 1) & mask
    }
  }
}

/// Reads little-endian values from a mapped file, checking every read against its end.
private struct ByteReader {
  let bytes: UnsafeRawBufferPointer
  var offset = 0

  mutating func take(_ count: Int) -> UnsafeRawBufferPointer? {
    guard count >= 0, offset + count <= bytes.count else { return nil }
    defer { offset += count }
    return UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count)])
  }

  mutating func u8() -> UInt8? { take(1).map { $0[0] } }
  mutating func u32() -> UInt32? { take(4).map { UInt32(littleEndian: $0.loadUnaligned(as: UInt32.self)) } }
  mutating func f32() -> Float? { u32().map { Float(bitPattern: $0) } }
  /// `count` u64 values in place (8-byte aligned).
  mutating func u64s(count: Int) -> UnsafeBufferPointer<UInt64>? {
    guard offset % 8 == 0, let raw = take(8 * count) else { return nil }
    return UnsafeBufferPointer(start: raw.baseAddress?.assumingMemoryBound(to: UInt64.self), count: count)
  }

  /// `count` u16 values in place (2-byte aligned).
  mutating func u16s(count: Int) -> UnsafeBufferPointer<UInt16>? {
    guard offset % 2 == 0, let raw = take(2 * count) else { return nil }
    return UnsafeBufferPointer(start: raw.baseAddress?.assumingMemoryBound(to: UInt16.self), count: count)
  }

  /// `count` u32 values in place (the writer keeps them 4-byte aligned).
  mutating func u32s(count: Int) -> UnsafeBufferPointer<UInt32>? {
    guard offset % 4 == 0, let raw = take(4 * count) else { return nil }
    return UnsafeBufferPointer(start: raw.baseAddress?.assumingMemoryBound(to: UInt32.self), count: count)
  }

  /// Skips the zero bytes up to the next multiple of `alignment`; false past the end.
  mutating func align(to alignment: Int) -> Bool { take((alignment - offset % alignment) % alignment) != nil }

  /// A ``KeyTable``: its capacity (a power of two) and a zero u32, then its keys in place.
  mutating func table() -> KeyTable? {
    guard let capacity = u32().map(Int.init), u32() == 0, capacity > 0, capacity & (capacity - 1) == 0, offset % 8 == 0,
      let raw = take(8 * capacity)
    else { return nil }
    return KeyTable(keys: UnsafeBufferPointer(start: raw.baseAddress?.assumingMemoryBound(to: UInt64.self), count: capacity))
  }
}
