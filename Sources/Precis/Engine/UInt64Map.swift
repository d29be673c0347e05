internal import CPrefetch

/// A hash table from 64-bit keys that are hashes already (FNV-1a keys of terms and words) to
/// values.
///
/// Open addressing with linear probing: a key's first slot is a multiply-shift of the key, so a
/// lookup costs a multiplication and usually one cache line, where Swift's `Dictionary` runs
/// `Hasher`'s SipHash rounds on every key. Empty slots hold key 0 and a caller-given empty value;
/// the key 0 itself is kept apart. Iteration goes in slot order, which depends only on the keys
/// and the order they were inserted in.
struct UInt64Map<Value> {
  private var keys: [UInt64]
  private var values: [Value]
  private let empty: Value
  /// The value of key 0, which cannot sit in a slot (0 marks an empty one).
  private var zeroValue: Value?
  private var shift: UInt64
  /// Keys stored in slots (key 0 not included).
  private var occupied = 0

  /// An empty map; `empty` fills unused slots and is never returned as a value.
  /// - Parameter capacity: how many keys it can take before it first grows.
  init(empty: Value, capacity: Int = 8) {
    self.empty = empty
    var slots = 16
    while slots * 3 < capacity * 4 { slots *= 2 }
    keys = [UInt64](repeating: 0, count: slots)
    values = [Value](repeating: empty, count: slots)
    shift = UInt64(64 - slots.trailingZeroBitCount)
  }

  /// The number of keys.
  var count: Int { occupied + (zeroValue == nil ? 0 : 1) }
  var isEmpty: Bool { count == 0 }

  /// The slot a lookup of `key` starts at.
  @inline(__always)
  private func home(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift) }

  /// The slot holding `key`, or the empty slot where it would go.
  @inline(__always)
  private func find(_ key: UInt64) -> (slot: Int, found: Bool) {
    let mask = keys.count - 1
    var slot = home(key)
    return keys.withUnsafeBufferPointer { keys in
      while true {
        let stored = keys[slot]
        if stored == key { return (slot, true) }
        if stored == 0 { return (slot, false) }
        slot = (slot + 1) & mask
      }
    }
  }

  /// The value of `key`, if it is in the map.
  subscript(key: UInt64) -> Value? {
    if key == 0 { return zeroValue }
    let (slot, found) = find(key)
    return found ? values[slot] : nil
  }

  /// Calls `body` with the value of `key`, inserting `makeValue()` first when the key is absent;
  /// returns whether it was inserted.
  @discardableResult
  mutating func update(_ key: UInt64, orInsert makeValue: @autoclosure () -> Value, _ body: (inout Value) -> Void = { _ in })
    -> Bool
  {
    if key == 0 {
      let inserted = zeroValue == nil
      var value = zeroValue ?? makeValue()
      body(&value)
      zeroValue = value
      return inserted
    }
    var (slot, found) = find(key)
    if !found {
      if (occupied + 1) * 4 > keys.count * 3 {
        grow()
        slot = find(key).slot
      }
      keys[slot] = key
      values[slot] = makeValue()
      occupied += 1
    }
    body(&values[slot])
    return !found
  }

  /// Sets the value of `key`.
  mutating func set(_ key: UInt64, _ value: Value) {
    update(key, orInsert: value) { $0 = value }
  }

  /// Calls `body` with every key and its value, in slot order (key 0 first).
  func forEach(_ body: (UInt64, Value) throws -> Void) rethrows {
    if let zeroValue { try body(0, zeroValue) }
    for slot in keys.indices where keys[slot] != 0 { try body(keys[slot], values[slot]) }
  }

  /// Every key, in slot order.
  var allKeys: [UInt64] {
    var result: [UInt64] = []
    result.reserveCapacity(count)
    forEach { key, _ in result.append(key) }
    return result
  }

  /// Starts loading the slot where a lookup of `key` begins.
  @inline(__always)
  func prefetch(_ key: UInt64) {
    keys.withUnsafeBufferPointer { cprefetch_read($0.baseAddress! + home(key)) }
  }

  private mutating func grow() {
    let oldKeys = keys, oldValues = values
    keys = [UInt64](repeating: 0, count: oldKeys.count * 2)
    values = [Value](repeating: empty, count: oldKeys.count * 2)
    shift -= 1
    for slot in oldKeys.indices where oldKeys[slot] != 0 {
      let target = find(oldKeys[slot]).slot
      keys[target] = oldKeys[slot]
      values[target] = oldValues[slot]
    }
  }
}

extension UInt64Map: Sendable where Value: Sendable {}

extension UInt64Map: Equatable where Value: Equatable {
  /// The same keys with the same values, wherever they sit.
  static func == (lhs: Self, rhs: Self) -> Bool {
    guard lhs.count == rhs.count else { return false }
    var same = true
    lhs.forEach { key, value in
      if same, rhs[key] != value { same = false }
    }
    return same
  }
}

extension UInt64Map where Value == Void {
  /// The distinct keys of `keys`, in the order they first occur.
  static func distinct(_ keys: some Sequence<UInt64>, capacity: Int = 8) -> [UInt64] {
    var seen = UInt64Map(empty: (), capacity: capacity)
    var result: [UInt64] = []
    for key in keys where seen.update(key, orInsert: ()) { result.append(key) }
    return result
  }
}
