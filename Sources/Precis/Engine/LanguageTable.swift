internal import Synchronization

/// Values made once per language and process (stopword sets, sentence rules, morphology models),
/// shared by every worker: the first asker makes a language's value outside the lock; when two
/// make one at once, the first stored is kept and every caller gets that same value.
final class LanguageTable<Value: Sendable>: Sendable {
  private let values = Mutex<[String: Value]>([:])

  init() {}

  /// `language`'s value, made by `make` the first time it is asked for.
  func value(for language: String, make: () -> Value) -> Value {
    if let known = values.withLock({ $0[language] }) { return known }
    let made = make()
    return values.withLock { values in
      if let stored = values[language] { return stored }
      values[language] = made
      return made
    }
  }
}
