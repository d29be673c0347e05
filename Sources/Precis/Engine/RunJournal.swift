internal import Foundation

/// The finished part of a run into an output folder, kept beside the outputs while the run goes
/// on, so that a run stopped part-way (killed, interrupted, the machine down) can go on from where
/// it stopped (``Runner/Options/resume``) instead of starting over.
///
/// One hidden file, `.precis-journal`, of records: the run it belongs to (a ``Key``), the corpus
/// statistics once they are counted, then one record per finished window: how many input items
/// it took, a SHA-256 of those items as they loaded (``InputLoad/fingerprint``), and their encoded
/// results. Each record ends in a checksum and is synced to disk before the run goes on, so a
/// record that a crash cut short is simply not there. A resumed run replays every journaled window
/// whose items still fingerprint the same into fresh writers, so it writes the bytes an
/// uninterrupted run writes; from the first window that differs on, it processes the input again.
/// The journal is removed once the run has committed its outputs.
final class RunJournal {
  static let fileName = ".precis-journal"

  /// What makes two runs the same run: a journal is resumed only under an equal key.
  struct Key: Codable, Equatable {
    var format = 1
    /// The running executable's file identity (``Runner/executableIdentity``): another build may
    /// write other bytes.
    var executable: String
    var pipelineHash: String
    var outputs: [String]
    var input: String
    var maxBytes: Int
    var failFast: Bool
    var shard: String?
    var followLinks: Bool
    /// A digest of the corpus statistics the run was given (`--stats`); empty when none.
    var givenStatistics: String
  }

  /// How many items an input held and a SHA-256 over their fingerprints, in order.
  struct InputIdentity: Equatable {
    var count: Int
    var digest: [UInt8]
  }

  /// One journaled window: where its record and results are in the file.
  struct Window {
    let count: Int
    let digest: [UInt8]
    let recordOffset: Int
    let resultsOffset: Int
    let resultsLength: Int
  }

  /// What an earlier run under the same key finished.
  struct Progress {
    /// The statistics it counted, with the identity of the input it counted them over (`nil`
    /// when it stopped before the end of its counting pass).
    var statistics: (statistics: [String: CorpusStatistics], input: InputIdentity)?
    var windows: [Window] = []
    var documents: Int { windows.reduce(0) { $0 + $1.count } }
  }

  /// A journal opened for a run, with what it holds of an earlier one.
  struct Opened {
    let journal: RunJournal
    /// With `resume`, what an earlier run under the same key finished; else `nil`.
    let progress: Progress?
    /// Why nothing of an existing journal is used, when that is so (for the user).
    let note: String?
  }

  let path: String
  private let descriptor: Int32
  /// Where the next record goes, and where the key record ends.
  private var end = 0
  private var keyEnd = 0
  /// Windows this process appended (for the fault-injection hook).
  private var appended = 0

  private enum Tag: UInt8 {
    case key = 75  // K
    case statistics = 83  // S
    case window = 87  // W
  }

  private init(path: String, descriptor: Int32) {
    self.path = path
    self.descriptor = descriptor
  }

  deinit { close(descriptor) }

  /// Opens the journal of `directory` for a run under `key`: with `resume`, keeps what an earlier
  /// run under the same key finished; otherwise (or when the key differs) starts it empty.
  /// - Throws: `PipelineError` (`outputFailed`) when the file cannot be made or written.
  static func open(directory: String, key: Key, resume: Bool) throws(PipelineError) -> Opened {
    let path = (directory as NSString).appendingPathComponent(fileName)
    let descriptor = Foundation.open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      throw PipelineError(.outputFailed, "cannot make the run's journal '\(path)' (\(FileBytes.reason(errno))); check that the output folder is writable")
    }
    let journal = RunJournal(path: path, descriptor: descriptor)
    var note: String?
    if resume {
      switch journal.scan(key: key) {
      case .resumable(let progress, let end):
        journal.end = end
        try journal.truncate()
        return Opened(journal: journal, progress: progress, note: nil)
      case .empty:
        note = "nothing to resume in \(directory) (no run stopped there part-way); starting from the beginning"
      case .otherRun:
        note = "the journal in \(directory) is of another run (another pipeline, input, options or precis build); starting from the beginning"
      }
    }
    journal.end = 0
    try journal.truncate()
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    guard let bytes = try? encoder.encode(key) else { throw PipelineError(.outputFailed, "cannot encode the journal's key") }
    try journal.append(.key, [UInt8](bytes))
    journal.keyEnd = journal.end
    return Opened(journal: journal, progress: resume ? Progress() : nil, note: note)
  }

  /// Journals the statistics of the counting pass and the identity of the input it read: the
  /// identity, then the statistics as one JSON object by stage name (each as
  /// `statistics/<stage>.json` holds it), written in pieces (a term table can be tens of megabytes).
  func recordStatistics(_ statistics: [String: CorpusStatistics], input: InputIdentity) throws(PipelineError) {
    try appendRecord(.statistics) { emit throws(PipelineError) in
      var identity: [UInt8] = []
      withUnsafeBytes(of: UInt64(input.count).littleEndian) { identity += $0 }
      try emit(identity + input.digest + Array("{".utf8))
      for (index, (name, value)) in statistics.sorted(by: { $0.key < $1.key }).enumerated() {
        var head = index == 0 ? [] : Array(",".utf8)
        JSONText.appendString(name, to: &head)
        try emit(head + Array(":".utf8))
        try value.writeJSON { piece throws(PipelineError) in try emit(Array(piece.utf8)) }
      }
      try emit(Array("}".utf8))
    }
  }

  /// Journals one finished window: its results, in input order, and the digest of its items.
  func recordWindow(_ results: [DocumentResult]) throws(PipelineError) {
    var head: [UInt8] = []
    withUnsafeBytes(of: UInt64(results.count).littleEndian) { head += $0 }
    head += Self.digest(of: results.map(\.inputDigest))
    let encoded: [UInt8]
    do {
      encoded = try CarryCodec.encode(results.map(JournaledResult.init))
    } catch {
      throw PipelineError(.outputFailed, "cannot encode a window for the run's journal: \(error)")
    }
    try appendRecord(.window) { emit throws(PipelineError) in
      try emit(head)
      try emit(encoded)
    }
    appended += 1
    // Fault injection for the resume tests: a SIGKILL (no handler runs) right after the Nth window.
    if appended == Self.killAfterWindows { kill(getpid(), SIGKILL) }
  }

  /// The results `window` holds, as its run wrote them.
  /// - Throws: `PipelineError` (`outputFailed`) when they cannot be read back.
  func results(of window: Window) throws(PipelineError) -> [DocumentResult] {
    var bytes = [UInt8](repeating: 0, count: window.resultsLength)
    guard read(&bytes, at: window.resultsOffset),
      let journaled = try? CarryCodec.decode([JournaledResult].self, from: bytes)
    else {
      throw PipelineError(.outputFailed, "the run's journal '\(path)' could not be read back; run again without --resume")
    }
    return journaled.map(\.result)
  }

  /// Forgets `window` and every record after it (its input changed: the run goes on from there).
  func discard(from window: Window) throws(PipelineError) {
    end = window.recordOffset
    try truncate()
  }

  /// Forgets everything but the key (the input changed under the statistics).
  func discardAll() throws(PipelineError) {
    end = keyEnd
    try truncate()
  }

  /// Removes the journal (the run has committed).
  func remove() { unlink(path) }

  /// The digest of a window: SHA-256 over the fingerprints of its items, in order.
  static func digest(of fingerprints: [[UInt8]]) -> [UInt8] {
    var hash = SHA256()
    for fingerprint in fingerprints { hash.update(fingerprint) }
    return hash.digest()
  }

  /// `PRECIS_TEST_KILL_AFTER_WINDOWS=N` makes a run kill itself after journaling N windows.
  static let killAfterWindows = ProcessInfo.processInfo.environment["PRECIS_TEST_KILL_AFTER_WINDOWS"].flatMap(Int.init)

  // MARK: - Records

  private enum Scan {
    case empty
    case otherRun
    case resumable(Progress, end: Int)
  }

  /// Reads the records from the start: the key first, then statistics and windows, up to the
  /// first record that is cut short or fails its checksum.
  private func scan(key: Key) -> Scan {
    var offset = 0
    guard let first = record(at: offset), first.tag == .key else { return .empty }
    guard let stored = try? JSONDecoder().decode(Key.self, from: Data(first.payload)), stored == key else { return .otherRun }
    offset = first.next
    keyEnd = offset
    var progress = Progress()
    while let record = record(at: offset) {
      switch record.tag {
      case .key:
        return .otherRun
      case .statistics:
        guard record.payload.count > 40,
          let statistics = try? JSONDecoder().decode([String: CorpusStatistics].self, from: Data(record.payload[40...]))
        else {
          return .resumable(progress, end: offset)
        }
        progress.statistics = (statistics, InputIdentity(count: Self.integer(record.payload), digest: Array(record.payload[8..<40])))
      case .window:
        guard record.payload.count >= 40 else { return .resumable(progress, end: offset) }
        let count = Self.integer(record.payload)
        progress.windows.append(
          Window(
            count: count, digest: Array(record.payload[8..<40]), recordOffset: offset, resultsOffset: offset + 9 + 40,
            resultsLength: record.payload.count - 40))
      }
      offset = record.next
    }
    return .resumable(progress, end: offset)
  }

  /// The record at `offset`: tag, 8-byte length, payload, 8-byte checksum; `nil` when there is
  /// none whole and intact there.
  private func record(at offset: Int) -> (tag: Tag, payload: [UInt8], next: Int)? {
    var head = [UInt8](repeating: 0, count: 9)
    guard read(&head, at: offset), let tag = Tag(rawValue: head[0]) else { return nil }
    let length = head[1...].withUnsafeBytes { Int(UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self))) }
    var status = stat()
    guard fstat(descriptor, &status) == 0, length >= 0, offset + 9 + length + 8 <= Int(status.st_size) else { return nil }
    var payload = [UInt8](repeating: 0, count: length)
    var checksum = [UInt8](repeating: 0, count: 8)
    guard read(&payload, at: offset + 9), read(&checksum, at: offset + 9 + length), checksum == Self.checksum(payload) else {
      return nil
    }
    return (tag, payload, offset + 9 + length + 8)
  }

  /// The 8-byte little-endian integer that `bytes` start with.
  private static func integer(_ bytes: [UInt8]) -> Int {
    bytes[0..<8].withUnsafeBytes { Int(UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self))) }
  }

  private static func checksum(_ payload: [UInt8]) -> [UInt8] {
    var hash = SHA256()
    hash.update(payload)
    return Array(hash.digest().prefix(8))
  }

  /// Writes one record at the end and syncs it to disk.
  private func append(_ tag: Tag, _ payload: [UInt8]) throws(PipelineError) {
    try appendRecord(tag) { emit throws(PipelineError) in try emit(payload) }
  }

  /// Writes one record whose payload `body` gives in pieces (through the function it is handed),
  /// then its length and checksum, and syncs it to disk.
  private func appendRecord(
    _ tag: Tag, _ body: (_ emit: (_ piece: [UInt8]) throws(PipelineError) -> Void) throws(PipelineError) -> Void
  ) throws(PipelineError) {
    var offset = end + 9
    var hash = SHA256()
    try body { piece throws(PipelineError) in
      try write(piece, at: offset)
      hash.update(piece)
      offset += piece.count
    }
    var head: [UInt8] = [tag.rawValue]
    withUnsafeBytes(of: UInt64(offset - end - 9).littleEndian) { head += $0 }
    try write(head, at: end)
    try write(Array(hash.digest().prefix(8)), at: offset)
    guard fdatasync(descriptor) == 0 else {
      throw PipelineError(.outputFailed, "cannot sync the run's journal '\(path)' (\(FileBytes.reason(errno)))")
    }
    end = offset + 8
  }

  private func write(_ bytes: [UInt8], at offset: Int) throws(PipelineError) {
    var written = 0
    while written < bytes.count {
      let done = bytes[written...].withUnsafeBytes { pwrite(descriptor, $0.baseAddress, $0.count, off_t(offset + written)) }
      guard done > 0 else {
        throw PipelineError(
          .outputFailed, "cannot write the run's journal '\(path)' (\(FileBytes.reason(errno)))\(AtomicFile.advice(errno))")
      }
      written += done
    }
  }

  private func truncate() throws(PipelineError) {
    guard ftruncate(descriptor, off_t(end)) == 0 else {
      throw PipelineError(.outputFailed, "cannot truncate the run's journal '\(path)' (\(FileBytes.reason(errno)))")
    }
  }

  /// Fills `buffer` from `offset`; false when the file ends first or cannot be read.
  private func read(_ buffer: inout [UInt8], at offset: Int) -> Bool {
    var done = 0
    while done < buffer.count {
      let count = buffer.withUnsafeMutableBytes { raw in
        pread(descriptor, raw.baseAddress! + done, raw.count - done, off_t(offset + done))
      }
      guard count > 0 else { return false }
      done += count
    }
    return true
  }
}

/// A ``DocumentResult`` as the journal keeps it: its error as plain fields, missing stage outputs
/// as a presence list.
private struct JournaledResult: Codable {
  var id: String
  var source: String
  var status: String
  var errorCode: String
  var errorMessage: String
  var errorStage: String
  var errorDocumentID: String
  var hasError: Bool
  var record: [UInt8]
  var stageOutputs: [[UInt8]]
  var stageOutputPresent: [Bool]
  var csvCells: [String]
  var stageSeconds: [Double]
  var countingSeconds: [Double]
  var language: String
  var tidyRows: [[[String]]]
  var rankedTerms: [[String]]
  var conllu: [UInt8]
  var inputDigest: [UInt8]

  init(_ result: DocumentResult) {
    id = result.id
    source = result.source
    status = result.status.rawValue
    hasError = result.error != nil
    errorCode = result.error?.code.description ?? ""
    errorMessage = result.error?.message ?? ""
    errorStage = result.error?.stage ?? ""
    errorDocumentID = result.error?.documentID ?? ""
    record = result.record
    stageOutputs = result.stageOutputs.map { $0 ?? [] }
    stageOutputPresent = result.stageOutputs.map { $0 != nil }
    csvCells = result.csvCells
    stageSeconds = result.stageSeconds
    countingSeconds = result.countingSeconds
    language = result.language
    tidyRows = result.tidyRows
    rankedTerms = result.rankedTerms
    conllu = result.conllu
    inputDigest = result.inputDigest
  }

  var result: DocumentResult {
    let error = hasError
      ? PipelineError(
        PipelineError.Code(named: errorCode), errorMessage, documentID: errorDocumentID.isEmpty ? nil : errorDocumentID,
        stage: errorStage.isEmpty ? nil : errorStage)
      : nil
    var result = DocumentResult(
      id: id, source: source, status: DocumentResult.Status(rawValue: status) ?? .error, error: error, record: record,
      stageOutputs: zip(stageOutputs, stageOutputPresent).map { $1 ? $0 : nil }, csvCells: csvCells,
      stageSeconds: stageSeconds)
    result.countingSeconds = countingSeconds
    result.language = language
    result.tidyRows = tidyRows
    result.rankedTerms = rankedTerms
    result.conllu = conllu
    result.inputDigest = inputDigest
    return result
  }
}
