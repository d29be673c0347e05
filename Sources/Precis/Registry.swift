/// Maps stage kind names to the factories that build them.
///
/// Build one explicitly, start from ``builtIn`` and add your own kinds; pass it to the planner.
/// There is no process-wide registry: two pipelines in one program can use different ones.
public struct StageRegistry: Sendable {
  /// Builds a stage from its checked options.
  public typealias Factory = @Sendable (StageOptions) throws -> any Stage

  /// What the registry knows about one kind.
  public struct Entry: Sendable {
    public let kind: String
    public let summary: String
    public let options: [OptionSpec]
    public let factory: Factory
  }

  private var entries: [String: Entry] = [:]

  /// An empty registry.
  public init() {}

  /// The stages that come with Precis.
  public static var builtIn: StageRegistry {
    var registry = StageRegistry()
    // Built-in kinds have distinct names, so registering them cannot fail.
    try? registry.register(NormalizeStage.self) { try NormalizeStage(options: $0) }
    try? registry.register(SentenceSplitStage.self) { try SentenceSplitStage(options: $0) }
    try? registry.register(TokensStage.self) { try TokensStage(options: $0) }
    try? registry.register(LayoutStage.self) { try LayoutStage(options: $0) }
    try? registry.register(LanguageStage.self) { try LanguageStage(options: $0) }
    try? registry.register(KeywordStage.self) { try KeywordStage(options: $0) }
    try? registry.register(SummaryStage.self) { try SummaryStage(options: $0) }
    return registry
  }

  /// Registers the stage type `type` under its ``Stage/kind``.
  /// - Throws: `PipelineError` with code `duplicateKind` when the kind is already registered.
  public mutating func register<S: Stage>(
    _ type: S.Type, factory: @escaping @Sendable (StageOptions) throws -> S
  ) throws(PipelineError) {
    guard entries[S.kind] == nil else {
      throw PipelineError(
        .duplicateKind, "stage kind '\(S.kind)' is already registered; give your stage another kind name")
    }
    entries[S.kind] = Entry(kind: S.kind, summary: S.summary, options: S.options, factory: { try factory($0) })
  }

  /// The registered kind names, sorted.
  public var kinds: [String] { entries.keys.sorted() }

  /// The entry for `kind`, if registered.
  public func entry(for kind: String) -> Entry? { entries[kind] }

  /// Builds a stage of `kind` from raw option values.
  /// - Throws: `PipelineError` (`unknownKind` or `invalidOption`) saying what to change.
  public func make(_ kind: String, options raw: [String: OptionValue] = [:]) throws -> any Stage {
    guard let entry = entries[kind] else {
      throw PipelineError(.unknownKind, unknownKindMessage(kind))
    }
    let options: StageOptions
    do {
      options = try StageOptions.validated(raw, specs: entry.options)
    } catch {
      throw PipelineError(.invalidOption, error.message)
    }
    return try entry.factory(options)
  }

  func unknownKindMessage(_ kind: String) -> String {
    var text = "unknown kind '\(kind)'"
    if let near = Suggestion.nearest(to: kind, in: kinds) { text += "; did you mean '\(near)'?" }
    return text + " (kinds: " + kinds.joined(separator: ", ") + "; `precis stages` lists them)"
  }
}
