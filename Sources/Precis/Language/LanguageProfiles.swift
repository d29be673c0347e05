internal import CPrefetch
internal import Foundation

/// The character n-gram and word scores per language that ``LanguageDetector`` adds up, read
/// from `language-profiles.bin` (built by `Scripts/train-language-profiles` from wordfreq's
/// word lists; format in that script). Loaded once per process and shared read-only.
final class LanguageProfiles: Sendable {
  /// ISO 639-1 codes, in the file's order (the entries' language indices).
  let codes: [String]
  let maxN: Int
  /// Quantized scores are `byte / scale` nats.
  let scale: Float
  /// Weight of a word's own score against its n-grams'.
  let wordWeight: Float
  /// Softmax temperature that turns scores into confidences.
  let temperature: Float
  let ngrams: ProfileTable
  let words: ProfileTable
  /// The file's size, as the memory the profiles hold.
  let byteCount: Int

  /// Reads a profile file from `reader`.
  /// - Throws: `PipelineError` when the file is not a profile file of a known version.
  init(reader: inout ByteReader) throws(PipelineError) {
    guard reader.bytes(4) == Array("PRLP".utf8), reader.u32() == 1 else {
      throw PipelineError(.invalidConfig, "not a Precis language profile file (version 1); rebuild it with Scripts/train-language-profiles")
    }
    let count = Int(reader.u32())
    var codes: [String] = []
    for _ in 0..<count {
      codes.append(String(decoding: reader.bytes(8).prefix { $0 != 0 }, as: UTF8.self))
    }
    self.codes = codes
    maxN = Int(reader.u32())
    scale = reader.f32()
    wordWeight = reader.f32()
    temperature = reader.f32()
    ngrams = ProfileTable(&reader)
    words = ProfileTable(&reader)
    byteCount = reader.offset
    guard !reader.overrun, maxN >= 1, scale > 0 else {
      throw PipelineError(.invalidConfig, "the language profile file is truncated; rebuild it with Scripts/train-language-profiles")
    }
  }

  /// The index of `code` among the profile languages, if it has a profile.
  func index(of code: String) -> Int? { codes.firstIndex(of: code) }

  /// How much more frequent `word` (lower-cased) is in language `index` than a word seen once in
  /// 10⁸, in nats: ln(p + 10⁻⁸) − ln 10⁻⁸; 0 for words not in the language's list.
  func wordScore(_ word: String, language index: Int) -> Float {
    var score: Float = 0
    words.forEachEntry(FNV1a.hash64(word.utf8)) { entry in
      if Int(entry >> 8) == index { score = Float(entry & 0xFF) / scale }
    }
    return score
  }

  /// Reads a profile file straight into its tables (no copy of the whole file is held).
  static func load(path: String) throws(PipelineError) -> LanguageProfiles {
    guard let file = fopen(path, "rb") else {
      throw PipelineError(.inputNotFound, "cannot read language profiles '\(path)'; check the path")
    }
    defer { fclose(file) }
    var reader = ByteReader(file: file)
    return try LanguageProfiles(reader: &reader)
  }

  /// The profiles bundled with Precis, loaded on first use (or `nil` with the reason).
  static let bundled: Result<LanguageProfiles, PipelineError> = {
    guard let url = Bundle.module.url(forResource: "language-profiles", withExtension: "bin", subdirectory: "Resources")
      ?? Bundle.module.url(forResource: "language-profiles", withExtension: "bin")
    else {
      return .failure(PipelineError(.inputNotFound, "the bundled language profiles are missing; reinstall Precis or pass `profiles:`"))
    }
    return Result { () throws(PipelineError) in try load(path: url.path) }
  }()
}

/// A read-only table from 64-bit keys to short lists of (language, score) entries.
///
/// Keys are sorted; a first-level index on the top 16 bits narrows a lookup to a few keys, and
/// only the next 32 bits of each key are kept (they sort the same way within a bucket), beside
/// where its entries start: one 8-byte slot a key, so a lookup reads the key and its entries' range
/// from one cache line. An absent key finds a wrong one with odds of about 10⁻⁹.
struct ProfileTable: Sendable {
  /// Per key: its kept bits (low half) and the index of its first entry (high half); one more
  /// slot at the end holds the entries' count.
  let slots: [UInt64]
  let entries: [UInt16]
  let buckets: [UInt32]

  init(_ reader: inout ByteReader) {
    let count = Int(reader.u32())
    // The full keys are read into the slots' own storage (room for the end slot reserved), the
    // buckets taken from them, and then each slot narrowed in place: no second copy of the keys.
    var slots = reader.array(UInt64.self, count, reservingCapacity: count + 1)
    let starts = reader.array(UInt32.self, count + 1)
    entries = reader.array(UInt16.self, Int(reader.u32()))
    var buckets = [UInt32](repeating: 0, count: 65_537)
    var key = 0
    for bucket in 0..<65_536 {
      buckets[bucket] = UInt32(key)
      while key < slots.count, Int(slots[key] >> 48) == bucket { key += 1 }
    }
    buckets[65_536] = UInt32(slots.count)
    self.buckets = buckets
    if starts.count == slots.count + 1 {
      for index in slots.indices { slots[index] = UInt64(Self.keptBits(slots[index])) | UInt64(starts[index]) << 32 }
      slots.append(UInt64(starts[slots.count]) << 32)
    }
    self.slots = slots
  }

  /// The bits of a key kept in ``slots``: bits 47 to 16.
  @inline(__always)
  static func keptBits(_ key: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: key >> 16) }

  /// Starts loading the slot where a lookup of `key` begins, so that lookups of several keys
  /// wait for memory side by side rather than one after another.
  @inline(__always)
  func prefetch(_ key: UInt64) {
    guard let guess = firstGuess(key) else { return }
    slots.withUnsafeBufferPointer { cprefetch_read($0.baseAddress! + guess.slot) }
  }

  /// The slots of `key`'s bucket (`low..<high`, `nil` when it is empty) and the slot its rank is
  /// guessed at: the kept bits of a bucket's keys are spread evenly over 0..<2³², so the guess is
  /// the key's value scaled to the bucket.
  @inline(__always)
  private func firstGuess(_ key: UInt64) -> (slot: Int, low: Int, high: Int)? {
    let bucket = Int(key >> 48)
    let low = Int(buckets[bucket]), high = Int(buckets[bucket + 1])
    guard low < high else { return nil }
    return (low + Int((UInt64(Self.keptBits(key)) &* UInt64(high - low)) >> 32), low, high)
  }

  /// Calls `body` with each entry (language index << 8 | score) stored for `key`.
  @inline(__always)
  func forEachEntry(_ key: UInt64, _ body: (UInt16) -> Void) {
    let range = entryRange(key)
    entries.withUnsafeBufferPointer { entries in
      for index in range { body(entries[index]) }
    }
  }

  /// Where the entries of `key` are in ``entries`` (empty when the key is absent).
  ///
  /// The key is found by stepping from its ``firstGuess(_:)``: usually one or two slots, in the
  /// same cache line (a binary search touched three or four lines).
  @inline(__always)
  func entryRange(_ key: UInt64) -> Range<Int> {
    let kept = Self.keptBits(key)
    guard let (guess, low, high) = firstGuess(key) else { return 0..<0 }
    return slots.withUnsafeBufferPointer { slots in
      var index = guess
      var value = UInt32(truncatingIfNeeded: slots[index])
      while value < kept {
        index += 1
        guard index < high else { return 0..<0 }
        value = UInt32(truncatingIfNeeded: slots[index])
      }
      while value > kept {
        guard index > low else { return 0..<0 }
        index -= 1
        value = UInt32(truncatingIfNeeded: slots[index])
      }
      guard value == kept else { return 0..<0 }
      return Int(slots[index] >> 32)..<Int(slots[index + 1] >> 32)
    }
  }

  /// Starts loading the entry at `index`.
  @inline(__always)
  func prefetchEntry(_ index: Int) {
    entries.withUnsafeBufferPointer { cprefetch_read($0.baseAddress! + index) }
  }
}

/// Reads little-endian values from a file, each array straight into its storage; reading past
/// the end sets `overrun`.
struct ByteReader {
  let file: UnsafeMutablePointer<FILE>
  /// Bytes read so far.
  private(set) var offset = 0
  private(set) var overrun = false

  init(file: UnsafeMutablePointer<FILE>) { self.file = file }

  mutating func bytes(_ count: Int) -> [UInt8] {
    let values = array(UInt8.self, count)
    return values.count == count ? values : [UInt8](repeating: 0, count: count)
  }

  mutating func u32() -> UInt32 { array(UInt32.self, 1).first ?? 0 }
  mutating func f32() -> Float { Float(bitPattern: u32()) }

  /// `count` values of a fixed-width integer type, read in one go.
  /// `reservingCapacity` leaves room to append to the array without moving it.
  mutating func array<T: FixedWidthInteger>(_ type: T.Type, _ count: Int, reservingCapacity capacity: Int = 0) -> [T] {
    guard count >= 0, !overrun else {
      overrun = true
      return []
    }
    let file = file
    var complete = false
    let values = [T](unsafeUninitializedCapacity: max(count, capacity)) { buffer, initialized in
      let read = count == 0 ? 0 : fread(buffer.baseAddress, MemoryLayout<T>.size, count, file)
      complete = read == count
      for index in 0..<read { buffer[index] = T(littleEndian: buffer[index]) }
      initialized = read
    }
    guard complete else {
      overrun = true
      return []
    }
    offset += count * MemoryLayout<T>.size
    return values
  }
}
