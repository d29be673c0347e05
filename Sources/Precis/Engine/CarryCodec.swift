/// The one codec through which the counting pass hands its layers to the processing pass: any
/// `Codable` value as compact bytes, fields in the order the value encodes them (keys are not
/// written: the same type reads them back in the same order).
///
/// Integers are LEB128 variable-length (signed ones zigzag-mapped, so small values of either sign
/// take a byte or two), except `UInt64`, mostly hashes, which is 8 little-endian bytes; doubles
/// and floats are their bit pattern (so values come back to the last bit); strings and byte
/// arrays a length and their bytes, optionals behind a presence byte, and arrays behind their
/// element count (8 bytes, patched as elements are added). A value that does not read back as written throws
/// ``Malformed``; a dictionary with string or integer keys is refused (``Unsupported``). Since keys are not written, a type's
/// `init(from:)` must read its fields in the order its `encode(to:)` writes them, as synthesized
/// conformances do.
enum CarryCodec {
  /// A value the codec does not write: a dictionary (its keys would be lost, since keys are not
  /// written). The runner then makes such a layer again instead of carrying it.
  struct Unsupported: Error {}

  /// Bytes that do not decode as the type asked for.
  struct Malformed: Error, CustomStringConvertible {
    var description: String { "the carried bytes do not decode as expected" }
  }

  /// The bytes of `value`.
  static func encode(_ value: some Encodable) throws -> [UInt8] {
    let writer = Writer()
    try writer.encodeValue(value)
    if writer.metDictionary { throw Unsupported() }
    return writer.bytes
  }

  /// Whether `Key` is a dictionary's keys (any string is a key of it), not a type's own coding
  /// keys, which know their fields' names only. Told by trying a key no type has: cheaper by far
  /// than casting the value to a protocol, which the first time for each type searches every
  /// conformance the process has loaded.
  static func isDictionaryKey<Key: CodingKey>(_ key: Key.Type) -> Bool {
    Key(stringValue: "\u{1}precis carry: not a field") != nil
  }

  /// The value of `type` that `bytes` hold; all of them must be read.
  static func decode<Value: Decodable>(_ type: Value.Type, from bytes: [UInt8]) throws -> Value {
    let reader = Reader(bytes)
    let value = try reader.decodeValue(type)
    guard reader.offset == bytes.count else { throw Malformed() }
    return value
  }

  // MARK: - Writing

  /// Appends `value` in LEB128: 7 bits a byte, low first, the high bit set on all bytes but the last.
  static func appendVarint(_ value: UInt64, to bytes: inout [UInt8]) {
    var value = value
    while value >= 0x80 {
      bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
      value >>= 7
    }
    bytes.append(UInt8(value))
  }

  /// The bytes written so far, shared by every container of one encoding.
  final class Writer: Encoder {
    var bytes: [UInt8] = []
    /// A dictionary asked for a keyed container: the bytes are not to be used.
    var metDictionary = false
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func word(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { bytes += $0 } }

    func varint(_ value: UInt64) { CarryCodec.appendVarint(value, to: &bytes) }

    /// `value` zigzag-mapped (0, -1, 1, -2, ... to 0, 1, 2, 3, ...), then in LEB128.
    func signed(_ value: Int64) { varint(UInt64(bitPattern: (value << 1) ^ (value >> 63))) }

    func string(_ text: String) {
      var text = text
      text.withUTF8 { utf8 in
        varint(UInt64(utf8.count))
        bytes += utf8
      }
    }

    /// Writes `value`: the standard library's leaf types directly (told apart by comparing types,
    /// which costs far less than casting), anything else through its own `encode(to:)`.
    func encodeValue<T: Encodable>(_ value: T) throws {
      // Each bit cast below is to the type just compared with, so it is the value as it is.
      if T.self == String.self { return string(unsafeBitCast(value, to: String.self)) }
      if T.self == Int.self { return signed(Int64(unsafeBitCast(value, to: Int.self))) }
      if T.self == Double.self { return word(unsafeBitCast(value, to: Double.self).bitPattern) }
      if T.self == Bool.self { return bytes.append(unsafeBitCast(value, to: Bool.self) ? 1 : 0) }
      if T.self == Int32.self { return signed(Int64(unsafeBitCast(value, to: Int32.self))) }
      if T.self == UInt64.self { return word(unsafeBitCast(value, to: UInt64.self)) }
      if T.self == UInt8.self { return bytes.append(unsafeBitCast(value, to: UInt8.self)) }
      if T.self == [UInt8].self {
        let raw = unsafeBitCast(value, to: [UInt8].self)
        varint(UInt64(raw.count))
        bytes += raw
        return
      }
      if T.self == Int64.self { return signed(unsafeBitCast(value, to: Int64.self)) }
      if T.self == Int16.self { return signed(Int64(unsafeBitCast(value, to: Int16.self))) }
      if T.self == Int8.self { return signed(Int64(unsafeBitCast(value, to: Int8.self))) }
      if T.self == UInt.self { return varint(UInt64(unsafeBitCast(value, to: UInt.self))) }
      if T.self == UInt32.self { return varint(UInt64(unsafeBitCast(value, to: UInt32.self))) }
      if T.self == UInt16.self { return varint(UInt64(unsafeBitCast(value, to: UInt16.self))) }
      if T.self == Float.self { return word(UInt64(unsafeBitCast(value, to: Float.self).bitPattern)) }
      // `_isOptional` reads the type's metadata; the cast is made only for an optional.
      if _isOptional(T.self), let optional = value as? any CarriedOptional {
        guard let wrapped = optional.carriedWrapped else { return bytes.append(0) }
        bytes.append(1)
        return try encodeValue(wrapped)
      }
      try value.encode(to: self)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
      if CarryCodec.isDictionaryKey(Key.self) { metDictionary = true }
      return KeyedEncodingContainer(KeyedWriter<Key>(writer: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer { UnkeyedWriter(writer: self) }
    func singleValueContainer() -> any SingleValueEncodingContainer { SingleWriter(writer: self) }
  }

  private struct KeyedWriter<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let writer: Writer
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws { writer.bytes.append(0) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try writer.encodeValue(value) }

    mutating func present<T: Encodable>(_ value: T?) throws {
      guard let value else { return writer.bytes.append(0) }
      writer.bytes.append(1)
      try writer.encodeValue(value)
    }

    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { try present(value) }
    mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { try present(value) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
      -> KeyedEncodingContainer<NestedKey>
    {
      writer.container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer { writer.unkeyedContainer() }
    mutating func superEncoder() -> any Encoder { writer }
    mutating func superEncoder(forKey key: Key) -> any Encoder { writer }
  }

  /// Writes its element count in front of its elements, patched as elements are added.
  private struct UnkeyedWriter: UnkeyedEncodingContainer {
    let writer: Writer
    let countOffset: Int
    private(set) var count = 0
    var codingPath: [any CodingKey] { [] }

    init(writer: Writer) {
      self.writer = writer
      countOffset = writer.bytes.count
      writer.word(0)
    }

    private mutating func added() {
      count += 1
      withUnsafeBytes(of: UInt64(count).littleEndian) { raw in
        for (index, byte) in raw.enumerated() { writer.bytes[countOffset + index] = byte }
      }
    }

    mutating func encodeNil() throws {
      writer.bytes.append(0)
      added()
    }

    mutating func encode<T: Encodable>(_ value: T) throws {
      // Counted first: a nested array's own count must not be taken for this one's.
      added()
      try writer.encodeValue(value)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
      added()
      return writer.container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
      added()
      return writer.unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { writer }
  }

  private struct SingleWriter: SingleValueEncodingContainer {
    let writer: Writer
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil() throws { writer.bytes.append(0) }
    mutating func encode<T: Encodable>(_ value: T) throws { try writer.encodeValue(value) }
  }

  // MARK: - Reading

  final class Reader: Decoder {
    let bytes: [UInt8]
    var offset = 0
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func byte() throws -> UInt8 {
      guard offset < bytes.count else { throw Malformed() }
      defer { offset += 1 }
      return bytes[offset]
    }

    func word() throws -> UInt64 {
      guard offset + 8 <= bytes.count else { throw Malformed() }
      var value: UInt64 = 0
      for index in (offset..<(offset + 8)).reversed() { value = value << 8 | UInt64(bytes[index]) }
      offset += 8
      return value
    }

    /// A LEB128 integer (``Writer/varint(_:)``).
    func varint() throws -> UInt64 {
      var value: UInt64 = 0
      var shift: UInt64 = 0
      while true {
        let byte = try byte()
        guard shift < 64 else { throw Malformed() }
        value |= UInt64(byte & 0x7F) << shift
        if byte < 0x80 { return value }
        shift += 7
      }
    }

    /// A zigzag-mapped LEB128 integer (``Writer/signed(_:)``).
    func signed() throws -> Int64 {
      let value = try varint()
      return Int64(bitPattern: (value >> 1) ^ (0 &- (value & 1)))
    }

    func narrow<Source: BinaryInteger, Target: FixedWidthInteger>(_ value: Source, _ type: Target.Type) throws -> Target {
      guard let narrowed = Target(exactly: value) else { throw Malformed() }
      return narrowed
    }

    /// The length in front of a string or byte array.
    func length() throws -> Int {
      let length = try varint()
      guard length <= UInt64(bytes.count - offset) else { throw Malformed() }
      return Int(length)
    }

    /// The element count in front of an array (8 bytes: the writer patches it as it goes).
    func count() throws -> Int {
      let count = try word()
      guard count <= UInt64(bytes.count - offset) else { throw Malformed() }
      return Int(count)
    }

    /// Reads a value of `type`, the standard library's leaf types directly, anything else through
    /// its own `init(from:)`.
    func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
      // Each bit cast below is from the type just compared with, so it is the value as it is.
      if T.self == String.self {
        let count = try length()
        defer { offset += count }
        return unsafeBitCast(String(decoding: bytes[offset..<(offset + count)], as: UTF8.self), to: T.self)
      }
      if T.self == Int.self { return unsafeBitCast(try narrow(try signed(), Int.self), to: T.self) }
      if T.self == Double.self { return unsafeBitCast(Double(bitPattern: try word()), to: T.self) }
      if T.self == Bool.self {
        switch try byte() {
        case 0: return unsafeBitCast(false, to: T.self)
        case 1: return unsafeBitCast(true, to: T.self)
        default: throw Malformed()
        }
      }
      if T.self == Int32.self { return unsafeBitCast(try narrow(try signed(), Int32.self), to: T.self) }
      if T.self == UInt64.self { return unsafeBitCast(try word(), to: T.self) }
      if T.self == UInt8.self { return unsafeBitCast(try byte(), to: T.self) }
      if T.self == [UInt8].self {
        let count = try length()
        defer { offset += count }
        return unsafeBitCast(Array(bytes[offset..<(offset + count)]), to: T.self)
      }
      if T.self == Int64.self { return unsafeBitCast(try signed(), to: T.self) }
      if T.self == Int16.self { return unsafeBitCast(try narrow(try signed(), Int16.self), to: T.self) }
      if T.self == Int8.self { return unsafeBitCast(try narrow(try signed(), Int8.self), to: T.self) }
      if T.self == UInt.self { return unsafeBitCast(try narrow(try varint(), UInt.self), to: T.self) }
      if T.self == UInt32.self { return unsafeBitCast(try narrow(try varint(), UInt32.self), to: T.self) }
      if T.self == UInt16.self { return unsafeBitCast(try narrow(try varint(), UInt16.self), to: T.self) }
      if T.self == Float.self { return unsafeBitCast(Float(bitPattern: try narrow(try word(), UInt32.self)), to: T.self) }
      if _isOptional(T.self), let optional = T.self as? any CarriedOptional.Type {
        return try optional.carriedDecode(self) as! T  // the type asked for
      }
      return try T(from: self)
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
      if CarryCodec.isDictionaryKey(Key.self) { throw Unsupported() }
      return KeyedDecodingContainer(KeyedReader<Key>(reader: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { try UnkeyedReader(reader: self) }
    func singleValueContainer() throws -> any SingleValueDecodingContainer { SingleReader(reader: self) }
  }

  private struct KeyedReader<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let reader: Reader
    var codingPath: [any CodingKey] { [] }
    var allKeys: [Key] { [] }

    func contains(_ key: Key) -> Bool { true }

    /// Reads the presence byte of an optional: true when it is absent.
    func decodeNil(forKey key: Key) throws -> Bool {
      switch try reader.byte() {
      case 0: return true
      case 1: return false
      default: throw Malformed()
      }
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try reader.decodeValue(type) }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
      try decodeNil(forKey: key) ? nil : try reader.decodeValue(type)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
      -> KeyedDecodingContainer<NestedKey>
    {
      try reader.container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer { try reader.unkeyedContainer() }
    func superDecoder() throws -> any Decoder { reader }
    func superDecoder(forKey key: Key) throws -> any Decoder { reader }
  }

  private struct UnkeyedReader: UnkeyedDecodingContainer {
    let reader: Reader
    let count: Int?
    private(set) var currentIndex = 0
    var codingPath: [any CodingKey] { [] }
    var isAtEnd: Bool { currentIndex >= (count ?? 0) }

    init(reader: Reader) throws {
      self.reader = reader
      // Each element takes at least one byte: a larger count is damage, not a long array.
      count = try reader.count()
    }

    mutating func next() throws {
      guard !isAtEnd else { throw Malformed() }
      currentIndex += 1
    }

    /// Optionals are read with their presence byte by ``Reader/decodeValue(_:)``, so this is never a nil.
    mutating func decodeNil() throws -> Bool { false }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
      try next()
      return try reader.decodeValue(type)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
      try next()
      return try reader.container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
      try next()
      return try reader.unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder { reader }
  }

  private struct SingleReader: SingleValueDecodingContainer {
    let reader: Reader
    var codingPath: [any CodingKey] { [] }

    func decodeNil() -> Bool { false }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try reader.decodeValue(type) }
  }
}

/// An optional, written by ``CarryCodec`` behind a presence byte wherever it occurs (a field, an
/// array element, a single value), so that writing and reading always agree.
private protocol CarriedOptional {
  var carriedWrapped: (any Encodable)? { get }
  static func carriedDecode(_ reader: CarryCodec.Reader) throws -> Self
}

extension Optional: CarriedOptional where Wrapped: Codable {
  fileprivate var carriedWrapped: (any Encodable)? { self.map { $0 as any Encodable } }

  fileprivate static func carriedDecode(_ reader: CarryCodec.Reader) throws -> Self {
    switch try reader.byte() {
    case 0: return nil
    case 1: return try reader.decodeValue(Wrapped.self)
    default: throw CarryCodec.Malformed()
    }
  }
}

