internal import Foundation

/// One object per thread: each thread that asks gets its own, never shared with another, and it
/// is released when the thread ends. For caches a worker keeps across the documents it processes.
final class ThreadSlot<Value: AnyObject>: Sendable {
  private let key: pthread_key_t

  init() {
    var key = pthread_key_t()
    pthread_key_create(&key) { pointer in
      if let pointer { Unmanaged<AnyObject>.fromOpaque(pointer).release() }
    }
    self.key = key
  }

  /// The calling thread's object, if it has one.
  var value: Value? {
    pthread_getspecific(key).map { Unmanaged<Value>.fromOpaque($0).takeUnretainedValue() }
  }

  /// Gives the calling thread `value` (releasing the one it had).
  func set(_ value: Value) {
    let old = pthread_getspecific(key)
    pthread_setspecific(key, Unmanaged.passRetained(value).toOpaque())
    if let old { Unmanaged<AnyObject>.fromOpaque(old).release() }
  }
}
