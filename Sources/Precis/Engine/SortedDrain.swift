/// The elements of an array in sorted order, taken one at a time from a binary heap: taking the
/// first k of n costs O(n + k log n) instead of a full sort's O(n log n).
///
/// With a strict total order (no two elements equal under it) the elements come out exactly as
/// `sorted(by:)` would order them.
struct SortedDrain<Element> {
  private var heap: [Element]
  private let precedes: (Element, Element) -> Bool

  /// - Parameter precedes: whether the first element comes before the second.
  init(_ elements: [Element], by precedes: @escaping (Element, Element) -> Bool) {
    heap = elements
    self.precedes = precedes
    var index = heap.count / 2
    while index > 0 {
      index -= 1
      siftDown(from: index)
    }
  }

  /// The first element not yet taken, or `nil` when all were.
  mutating func next() -> Element? {
    guard !heap.isEmpty else { return nil }
    heap.swapAt(0, heap.count - 1)
    let first = heap.removeLast()
    siftDown(from: 0)
    return first
  }

  private mutating func siftDown(from start: Int) {
    var parent = start
    while true {
      let left = 2 * parent + 1
      guard left < heap.count else { return }
      var child = left
      if left + 1 < heap.count, precedes(heap[left + 1], heap[left]) { child = left + 1 }
      guard precedes(heap[child], heap[parent]) else { return }
      heap.swapAt(parent, child)
      parent = child
    }
  }
}
