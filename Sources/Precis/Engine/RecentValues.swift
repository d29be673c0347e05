/// Values stored under 64-bit keys (hashes), remembered for the most recent ones only: two
/// generations of at most `generationSize` keys; when the newer is full it becomes the older and
/// the older is dropped, so memory stays bounded however many keys pass through.
struct RecentValues<Value> {
  let generationSize: Int
  private var current: UInt64Map<Value?>
  private var previous: UInt64Map<Value?>

  init(generationSize: Int) {
    self.generationSize = generationSize
    current = UInt64Map(empty: nil, capacity: generationSize)
    previous = UInt64Map(empty: nil, capacity: generationSize)
  }

  /// The value stored under `key`, if it is still remembered.
  subscript(key: UInt64) -> Value? {
    current[key].flatMap { $0 } ?? previous[key].flatMap { $0 }
  }

  mutating func store(_ value: Value, for key: UInt64) {
    if current.count >= generationSize {
      previous = current
      current = UInt64Map(empty: nil, capacity: generationSize)
    }
    current.set(key, value)
  }
}
