internal import CSHA256
internal import Foundation

/// SHA-256 of bytes fed in pieces (the C implementation in `CSHA256`, from FIPS 180-4): the
/// manifest of a run's files in `run.json`, and its check.
package struct SHA256 {
  private var context = csha256_context()

  package init() { csha256_init(&context) }

  /// Adds `bytes` to the hash.
  package mutating func update(_ bytes: UnsafeRawBufferPointer) {
    guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
    csha256_update(&context, base, bytes.count)
  }

  package mutating func update(_ bytes: [UInt8]) {
    bytes.withUnsafeBytes { update($0) }
  }

  /// The 32 bytes of the digest; the hash is spent afterwards.
  package mutating func digest() -> [UInt8] {
    var digest = [UInt8](repeating: 0, count: 32)
    csha256_final(&context, &digest)
    return digest
  }

  /// The digest as 64 lowercase hex digits; the hash is spent afterwards.
  package mutating func hexDigest() -> String {
    let digest = digest()
    let hex = Array("0123456789abcdef".utf8)
    return String(decoding: digest.flatMap { [hex[Int($0 >> 4)], hex[Int($0 & 15)]] }, as: UTF8.self)
  }

  /// Whether the CPU's SHA extensions compute the hash (else the portable C code).
  package static var usesHardware: Bool { csha256_hardware() != 0 }

  /// Chooses the portable code (`false`) or the SHA extensions where the CPU has them: for the
  /// test that checks the two against each other.
  package static func useHardware(_ enabled: Bool) { csha256_use_hardware(enabled ? 1 : 0) }

  /// The SHA-256 of the file at `path` (read in 1 MB blocks), or `nil` when it cannot be read.
  package static func ofFile(_ path: String) -> String? {
    guard let file = fopen(path, "rb") else { return nil }
    defer { fclose(file) }
    var hash = SHA256()
    var buffer = [UInt8](repeating: 0, count: 1 << 20)
    while true {
      let read = fread(&buffer, 1, buffer.count, file)
      if read == 0 { break }
      buffer.withUnsafeBytes { hash.update(UnsafeRawBufferPointer(rebasing: $0[..<read])) }
    }
    return hash.hexDigest()
  }
}
