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
  /// The file, mapped read-only: the tables point into it, so it lives as long as they do.
  private let mapping: FileMapping

  /// The profiles in `mapping` (a version 2 file, used where it lies: nothing is copied, and
  /// pages are read from disk as lookups first touch them).
  private init(mapping: FileMapping, path: String) throws(PipelineError) {
    self.mapping = mapping
    let bytes = mapping.bytes
    let truncated = PipelineError(
      .invalidConfig, "the language profile file '\(path)' is truncated or damaged; rebuild it with Scripts/train-language-profiles")
    guard bytes.count >= 12, bytes.starts(with: Array("PRLP".utf8)) else {
      throw PipelineError(.invalidConfig, "'\(path)' is not a Precis language profile file; rebuild it with Scripts/train-language-profiles")
    }
    guard Self.u32(bytes, 4) == 2, 1.littleEndian == 1 else {
      throw PipelineError(
        .invalidConfig,
        "'\(path)' is a language profile file of another version (\(Self.u32(bytes, 4))) than this build reads (2, little-endian); rebuild it with Scripts/train-language-profiles")
    }
    let count = Int(Self.u32(bytes, 8))
    var offset = 12 + 8 * count
    guard count < 1_000, offset + 16 <= bytes.count else { throw truncated }
    codes = (0..<count).map { index in
      String(decoding: bytes[(12 + 8 * index)..<(20 + 8 * index)].prefix { $0 != 0 }, as: UTF8.self)
    }
    maxN = Int(Self.u32(bytes, offset))
    scale = Float(bitPattern: Self.u32(bytes, offset + 4))
    wordWeight = Float(bitPattern: Self.u32(bytes, offset + 8))
    temperature = Float(bitPattern: Self.u32(bytes, offset + 12))
    offset += 16
    offset += (8 - offset % 8) % 8
    guard let ngrams = ProfileTable(bytes, at: &offset), let words = ProfileTable(bytes, at: &offset), maxN >= 1, scale > 0 else {
      throw truncated
    }
    self.ngrams = ngrams
    self.words = words
    byteCount = bytes.count
  }

  private static func u32(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt32 {
    offset + 4 <= bytes.count ? UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self)) : 0
  }

  func index(of code: String) -> Int? { codes.firstIndex(of: code) }

  func wordScore(_ word: String, language index: Int) -> Float {
    var score: Float = 0
    words.forEachEntry(FNV1a.hash64(word.utf8)) { entry in
      if Int(entry >> 8) == index { score = Float(entry & 0xFF) / scale }
    }
    return score
  }

  /// The profiles of the file at `path`.
  /// - Throws: `PipelineError` when it cannot be read or is not a profile file of this version.
  static func load(path: String) throws(PipelineError) -> LanguageProfiles {
    guard let mapping = FileMapping(path: path) else {
      throw PipelineError(.inputNotFound, "cannot read language profiles '\(path)'; check the path")
    }
    return try LanguageProfiles(mapping: mapping, path: path)
  }

  static let bundled: Result<LanguageProfiles, PipelineError> = {
    guard let url = Bundle.module.url(forResource: "language-profiles", withExtension: "bin", subdirectory: "Resources")
      ?? Bundle.module.url(forResource: "language-profiles", withExtension: "bin")
    else {
      return .failure(PipelineError(.inputNotFound, "the bundled language profiles are missing; reinstall Precis or pass `profiles:`"))
    }
    return Result { () throws(PipelineError) in try load(path: url.path) }
  }()
}

/// A file mapped read-only into memory for as long as this object lives.
final class FileMapping: @unchecked Sendable {
  // Unchecked: the mapping is read-only and never changes while the object lives.
  let bytes: UnsafeRawBufferPointer

  init?(path: String) {
    let descriptor = open(path, O_RDONLY)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0, status.st_size > 0 else { return nil }
    let size = Int(status.st_size)
    guard let base = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), base != MAP_FAILED else { return nil }
    bytes = UnsafeRawBufferPointer(start: base, count: size)
  }

  deinit { munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count) }
}

/// One table of the profile file, used where it lies in the mapping: for each key its kept bits
/// and where its entries start (a slot), buckets by the key's top 16 bits, and the entries.
///
/// Unchecked `Sendable`: the buffers point into a read-only ``FileMapping`` that the owning
/// ``LanguageProfiles`` keeps alive for as long as any detector holds it.
struct ProfileTable: @unchecked Sendable {
  let slots: UnsafeBufferPointer<UInt64>
  let entries: UnsafeBufferPointer<UInt16>
  let buckets: UnsafeBufferPointer<UInt32>

  /// The table at `offset` in `bytes` (8-byte aligned), with `offset` moved past it; `nil` when
  /// it does not fit or does not hold together.
  init?(_ bytes: UnsafeRawBufferPointer, at offset: inout Int) {
    guard offset % 8 == 0, offset + 8 <= bytes.count, let base = bytes.baseAddress else { return nil }
    let count = Int(UInt32(littleEndian: bytes.load(fromByteOffset: offset, as: UInt32.self)))
    let entryCount = Int(UInt32(littleEndian: bytes.load(fromByteOffset: offset + 4, as: UInt32.self)))
    let slotsAt = offset + 8, bucketsAt = slotsAt + 8 * (count + 1), entriesAt = bucketsAt + 4 * 65_537
    let end = entriesAt + 2 * entryCount
    guard end <= bytes.count else { return nil }
    slots = UnsafeBufferPointer(start: (base + slotsAt).assumingMemoryBound(to: UInt64.self), count: count + 1)
    buckets = UnsafeBufferPointer(start: (base + bucketsAt).assumingMemoryBound(to: UInt32.self), count: 65_537)
    entries = UnsafeBufferPointer(start: (base + entriesAt).assumingMemoryBound(to: UInt16.self), count: entryCount)
    // The last bucket ends at the key count and the last slot at the entry count: a cheap check
    // that the file holds together (a wrong offset would read out of the tables).
    guard buckets[65_536] == UInt32(count), slots[count] >> 32 == UInt64(entryCount) else { return nil }
    offset = end + (8 - end % 8) % 8
  }

  @inline(__always)
  static func keptBits(_ key: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: key >> 16) }

  /// Starts loading the slot where a lookup of `key` begins, so that lookups of several keys
  /// wait for memory side by side rather than one after another.
  @inline(__always)
  func prefetch(_ key: UInt64) {
    guard let guess = firstGuess(key), let base = slots.baseAddress else { return }
    cprefetch_read(base + guess.slot)
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
    for index in entryRange(key) { body(entries[index]) }
  }

  /// Where the entries of `key` are in ``entries`` (empty when the key is absent).
  ///
  /// The key is found by stepping from its ``firstGuess(_:)``: usually one or two slots, in the
  /// same cache line (a binary search touched three or four lines).
  @inline(__always)
  func entryRange(_ key: UInt64) -> Range<Int> {
    let kept = Self.keptBits(key)
    guard let (guess, low, high) = firstGuess(key) else { return 0..<0 }
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

  /// Starts loading the entry at `index`.
  @inline(__always)
  func prefetchEntry(_ index: Int) {
    guard let base = entries.baseAddress else { return }
    cprefetch_read(base + index)
  }
}
