internal import Foundation

/// Caches that workers borrow, one worker at a time: a worker takes one for a document and puts
/// it back after, so there are never more of them than documents were processed at once (`--jobs`),
/// however many threads the system's pool happened to run the workers on, and no two workers ever
/// hold the same one. (Caches kept per thread numbered one more than the workers at `--jobs 2`,
/// since the pool ran windows on changing threads.)
final class CachePool<Cache: AnyObject>: @unchecked Sendable {
  // Unchecked: `free` is read and written only under `lock`, and a cache taken out of it belongs
  // to the one caller that took it until it is put back.
  private let lock = NSLock()
  private var free: [Cache] = []

  init() {}

  /// A cache no other worker holds: one put back earlier, else a new one from `make`.
  func take(orMake make: () -> Cache) -> Cache {
    lock.lock()
    let cache = free.popLast()
    lock.unlock()
    return cache ?? make()
  }

  /// Gives back a cache from ``take(orMake:)``, for the next worker.
  func putBack(_ cache: Cache) {
    lock.lock()
    free.append(cache)
    lock.unlock()
  }
}
