internal import Foundation
internal import Synchronization

/// The temporary files this process has made and not yet committed or removed (partial outputs,
/// the copy of standard input, the output folder's lock), so that an interrupted run can remove
/// them on its way out: see ``removeAll()``.
package enum TemporaryFiles {
  private static let paths = Mutex<Set<String>>([])

  static func register(_ path: String) { _ = paths.withLock { $0.insert(path) } }

  static func unregister(_ path: String) { _ = paths.withLock { $0.remove(path) } }

  /// Removes every registered file (for a run stopped by SIGINT or SIGTERM); returns how many.
  @discardableResult
  package static func removeAll() -> Int {
    let all = paths.withLock { current in
      defer { current.removeAll() }
      return current
    }
    for path in all { unlink(path) }
    return all.count
  }
}
