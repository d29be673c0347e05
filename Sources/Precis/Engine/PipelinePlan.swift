/// A checked, ordered stage graph, ready to run.
///
/// Building a plan validates everything that can be checked before reading a document: every kind
/// is registered, every option is known and well-typed, every requirement is provided by exactly
/// one stage (or the one `needs:` names), `needs:` names existing stages, and there is no cycle.
public struct PipelinePlan: Sendable {
  /// One stage of the plan, in run order.
  public struct Step: Sendable {
    public let name: String
    public let kind: String
    public let stage: any Stage
    /// The stage's options, checked, with defaults filled in.
    public let options: StageOptions
    /// Names of the stages this one runs after.
    public let dependencies: [String]
    /// Whether the step's output is written (the pipeline file's `write:`).
    public let writesOutput: Bool
  }

  /// How a run with corpus stages divides the steps between its two passes.
  ///
  /// The counting pass runs ``counted`` on each document and lets the ``corpus`` stages observe
  /// the result; what ``counted`` made is carried to the processing pass, which runs every other
  /// step, corpus stages included, with the statistics. Without corpus stages all three are
  /// empty but ``processed``, and there is one pass.
  public struct Passes: Sendable, Equatable {
    /// Indices into ``PipelinePlan/steps`` of the steps the corpus stages depend on that depend on
    /// no corpus stage themselves, in plan order.
    public let counted: [Int]
    /// Indices of the corpus stages' steps, in plan order.
    public let corpus: [Int]
    /// Indices of the steps only the processing pass runs (every step but ``counted``), in plan order.
    public let processed: [Int]
  }

  public let spec: PipelineSpec
  /// The stages in an order that respects every dependency (file order where free).
  public let steps: [Step]
  /// How the steps divide between the counting and the processing pass.
  public let passes: Passes
  /// The outputs a run writes, checked names of ``outputFormats``, in their registration order.
  public let outputs: [String]
  /// The outputs the plan was checked against.
  public let outputFormats: OutputFormats

  /// Validates `spec` against `registry` (and its `outputs:` against `outputFormats`) and orders its stages.
  /// - Throws: `PipelineError` pointing at the stage, option or output to fix.
  public init(spec: PipelineSpec, registry: StageRegistry, outputFormats: OutputFormats = .builtIn) throws(PipelineError) {
    self.spec = spec
    self.outputFormats = outputFormats
    // The outputs and every stage are checked before any error is reported, so that a pipeline
    // file's problems come out together.
    var problems: [PipelineError] = []
    var resolved: [String] = []
    do { resolved = try outputFormats.resolve(spec.outputs, location: spec.outputsLocation) } catch { problems.append(error) }
    outputs = resolved
    var stages: [any Stage] = []
    var options: [StageOptions] = []
    for stageSpec in spec.stages {
      do {
        let (stage, checked) = try Self.makeStage(stageSpec, registry: registry)
        stages.append(stage)
        options.append(checked)
      } catch {
        problems.append(error)
      }
    }
    if let combined = PipelineError.combined(problems) { throw combined }
    let dependencies = try Self.dependencies(spec: spec, stages: stages)
    let order = try Self.topologicalOrder(spec: spec, dependencies: dependencies)
    steps = order.map { index in
      Step(
        name: spec.stages[index].name, kind: spec.stages[index].kind, stage: stages[index], options: options[index],
        dependencies: dependencies[index].sorted().map { spec.stages[$0].name }, writesOutput: spec.stages[index].write)
    }
    passes = try Self.passes(of: steps, spec: spec)
  }

  /// Divides `steps` between the passes (see ``Passes``).
  /// - Throws: `PipelineError` when a corpus stage requires an output made only after statistics exist.
  static func passes(of steps: [Step], spec: PipelineSpec) throws(PipelineError) -> Passes {
    let index = Dictionary(uniqueKeysWithValues: steps.enumerated().map { ($1.name, $0) })
    let dependencies = steps.map { $0.dependencies.compactMap { index[$0] } }
    let isCorpus = steps.map { $0.stage is any CorpusStage }
    // Steps are in dependency order, so one forward sweep sees every step's dependencies first.
    var afterCorpus = [Bool](repeating: false, count: steps.count)
    for position in steps.indices {
      afterCorpus[position] = dependencies[position].contains { isCorpus[$0] || afterCorpus[$0] }
    }
    var needed = [Bool](repeating: false, count: steps.count)
    for position in steps.indices.reversed() where isCorpus[position] || needed[position] {
      for dependency in dependencies[position] { needed[dependency] = true }
    }
    for position in steps.indices where isCorpus[position] {
      let step = steps[position]
      for dependency in dependencies[position] {
        let provider = steps[dependency]
        guard isCorpus[dependency] || afterCorpus[dependency] else { continue }
        guard let key = step.stage.requires.sorted().first(where: provider.stage.provides.contains) else { continue }
        throw PipelineError(
          .invalidPlan,
          "stage '\(step.name)' counts corpus statistics before the corpus stages run, but it requires \"\(key)\" from '\(provider.name)', which runs only once statistics exist; make '\(step.name)' read something else or remove it",
          location: spec.stages.first { $0.name == step.name }?.location)
      }
    }
    let counted = steps.indices.filter { needed[$0] && !isCorpus[$0] && !afterCorpus[$0] }
    let corpus = steps.indices.filter { isCorpus[$0] }
    guard !corpus.isEmpty else { return Passes(counted: [], corpus: [], processed: Array(steps.indices)) }
    return Passes(counted: counted, corpus: corpus, processed: steps.indices.filter { !counted.contains($0) })
  }

  static func makeStage(_ stageSpec: PipelineSpec.StageSpec, registry: StageRegistry) throws(PipelineError)
    -> (any Stage, StageOptions)
  {
    guard let entry = registry.entry(for: stageSpec.kind) else {
      throw PipelineError(.unknownKind, registry.unknownKindMessage(stageSpec.kind), location: stageSpec.kindLocation ?? stageSpec.location)
    }
    let options: StageOptions
    do {
      options = try StageOptions.validated(stageSpec.options, specs: entry.options)
    } catch {
      throw PipelineError(
        .invalidOption, "stage '\(stageSpec.name)' (kind \(stageSpec.kind)): \(error.message)",
        location: stageSpec.optionLocations[error.name] ?? stageSpec.location)
    }
    do {
      return (try entry.factory(options), options)
    } catch {
      throw PipelineError(
        .invalidOption, "stage '\(stageSpec.name)' (kind \(stageSpec.kind)): \(error)", location: stageSpec.location)
    }
  }

  /// For each stage, the indices of the stages it must run after.
  static func dependencies(spec: PipelineSpec, stages: [any Stage]) throws(PipelineError) -> [Set<Int>] {
    let indexByName = Dictionary(uniqueKeysWithValues: spec.stages.enumerated().map { ($1.name, $0) })
    var providers: [OutputKey: [Int]] = [:]
    for (index, stage) in stages.enumerated() {
      for key in stage.provides { providers[key, default: []].append(index) }
    }
    var result: [Set<Int>] = []
    for (index, stage) in stages.enumerated() {
      let stageSpec = spec.stages[index]
      var edges = Set<Int>()
      for need in stageSpec.needs {
        guard let target = indexByName[need], target != index else {
          var message = "stage '\(stageSpec.name)' needs '\(need)', which is not "
          message += indexByName[need] == index ? "another stage" : "a stage of this pipeline"
          if let near = Suggestion.nearest(to: need, in: Array(indexByName.keys)) { message += "; did you mean '\(near)'?" }
          throw PipelineError(.invalidPlan, message, location: stageSpec.location)
        }
        edges.insert(target)
      }
      // What the stage reads, typed where it says so (`requires` wins over `uses` for a name).
      for key in stage.requires.union(stage.uses).sorted() {
        let read = stage.requires.first { $0 == key } ?? stage.uses.first { $0 == key } ?? key
        let candidates = (providers[key] ?? []).filter { $0 != index }
        let named = candidates.filter { edges.contains($0) }
        if let provider = named.first ?? (candidates.count == 1 ? candidates[0] : nil),
          let provided = stages[provider].provides.first(where: { $0 == key }), !read.accepts(provided)
        {
          throw PipelineError(
            .invalidPlan,
            "stage '\(stageSpec.name)' reads \"\(key)\" as \(read.valueTypeName ?? "?"), but '\(spec.stages[provider].name)' provides it as \(provided.valueTypeName ?? "?"); use a stage that provides \(read.valueTypeName ?? "it") or remove '\(stageSpec.name)'",
            location: stageSpec.location)
        }
        if !named.isEmpty { continue }
        if candidates.count == 1 {
          edges.insert(candidates[0])
        } else if candidates.count > 1 {
          let names = candidates.map { "'\(spec.stages[$0].name)'" }.joined(separator: " and ")
          throw PipelineError(
            .invalidPlan,
            "stage '\(stageSpec.name)' reads \"\(key)\", which \(names) all provide; add `needs: [\(spec.stages[candidates[0]].name)]` to say which",
            location: stageSpec.location)
        } else if stage.requires.contains(key) {
          throw PipelineError(
            .invalidPlan,
            "stage '\(stageSpec.name)' needs \"\(key)\" but no stage provides it; add a stage that provides it or remove '\(stageSpec.name)'",
            location: stageSpec.location)
        }
      }
      result.append(edges)
    }
    return result
  }

  /// Kahn's algorithm, taking the earliest stage in file order among those ready.
  static func topologicalOrder(spec: PipelineSpec, dependencies: [Set<Int>]) throws(PipelineError) -> [Int] {
    var remaining = dependencies
    var order: [Int] = []
    var done = Set<Int>()
    while order.count < dependencies.count {
      guard let next = remaining.indices.first(where: { !done.contains($0) && remaining[$0].isEmpty }) else {
        let cycle = remaining.indices.filter { !done.contains($0) }.map { spec.stages[$0].name }
        throw PipelineError(
          .invalidPlan,
          "the stages " + cycle.map { "'\($0)'" }.joined(separator: ", ")
            + " depend on each other in a cycle; remove a `needs:` entry to break it",
          location: spec.stages[remaining.indices.first { !done.contains($0) } ?? 0].location)
      }
      order.append(next)
      done.insert(next)
      for index in remaining.indices { remaining[index].remove(next) }
    }
    return order
  }

  /// A readable description of the plan, one stage per line, then the passes and the outputs, for
  /// `validate` and `run --dry-run`.
  public var summary: String {
    var lines = steps.enumerated().map { number, step in
      var line = "\(number + 1). \(step.name) (\(step.kind))"
      if !step.dependencies.isEmpty { line += " after " + step.dependencies.joined(separator: ", ") }
      let provides = step.stage.provides.sorted().map(\.name)
      if !provides.isEmpty { line += " -> " + provides.joined(separator: ", ") }
      if !step.writesOutput { line += " (not written)" }
      return line
    }
    let names = { (indices: [Int]) in indices.map { steps[$0].name }.joined(separator: ", ") }
    if !passes.corpus.isEmpty {
      let counted = passes.counted.isEmpty ? "nothing" : names(passes.counted)
      lines.append(
        "passes: counting runs \(counted) and lets \(names(passes.corpus)) count corpus statistics; processing runs \(names(passes.processed))")
    }
    lines.append("outputs: " + outputs.joined(separator: ", "))
    return lines.joined(separator: "\n")
  }
}
