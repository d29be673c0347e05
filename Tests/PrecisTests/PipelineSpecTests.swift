import Testing
@testable import Precis
import CustomStageExample

/// Pipeline files are checked before any document is read; each error names the place and the fix.
@Suite struct PipelineSpecTests {
  @Test func validPipelineIsPlannedInDependencyOrder() throws {
    // sentences is listed first but uses normalize's text, so it must run second.
    let plan = try PipelinePlan(
      spec: try TestSupport.spec(
        """
        name: reordered
        input: corpus
        stages:
          - kind: sentences
            options: {language: de}
          - kind: normalize
            options: {form: nfkc}
        """), registry: .builtIn)
    #expect(plan.steps.map(\.name) == ["normalize", "sentences"])
    #expect(plan.steps[1].dependencies == ["normalize"])
    #expect(plan.spec.input == "/tmp/corpus")
    #expect(
      plan.summary
        == "1. normalize (normalize) -> normalized-text\n2. sentences (sentences) after normalize -> sentences\noutputs: jsonl, csv, errors, tables, corpus-terms, statistics"
    )
  }

  @Test func jsonPipelineIsAccepted() throws {
    let plan = try PipelinePlan(
      spec: try TestSupport.spec(#"{"name": "j", "stages": [{"kind": "normalize", "options": {"unwrap-lines": true}}]}"#),
      registry: .builtIn)
    #expect(plan.steps.count == 1)
    #expect((plan.steps[0].stage as? NormalizeStage)?.unwrapLines == true)
  }

  @Test func norwegianLanguageCodeStaysAString() throws {
    // YAML 1.1 would read `no` as false; pipeline files use YAML 1.2 core rules.
    let plan = try PipelinePlan(
      spec: try TestSupport.spec("stages:\n  - kind: sentences\n    options: {language: no}\n"), registry: .builtIn)
    #expect((plan.steps[0].stage as? SentenceSplitStage)?.language == "no")
  }

  @Test func unknownTopLevelKey() {
    let error = TestSupport.planError("name: x\nstage:\n  - kind: normalize\n")
    #expect(error?.code == .invalidConfig)
    // Both problems come out: the unknown key, and so no `stages:`.
    #expect(
      error?.description.split(separator: "\n").first
        == "config test.yaml:2:1: unknown key 'stage' in the pipeline file; did you mean 'stages'? (allowed: name, description, input, output, include, exclude, text-field, id-field, outputs, stages)"
    )
    #expect(error?.others.map(\.message) == ["missing `stages:`; list the stages to run, e.g. `- kind: normalize`"])
  }

  @Test func unknownKindSuggestsTheNearestOne() {
    let error = TestSupport.planError("stages:\n  - kind: normalize\n  - kind: sentense\n")
    #expect(error?.code == .unknownKind)
    #expect(
      error?.description
        == "config test.yaml:3:11: unknown kind 'sentense'; did you mean 'sentences'? (kinds: keywords, language, layout, normalize, sentences, summary, tokens; `precis stages` lists them)"
    )
  }

  @Test func unknownOptionListsTheValidOnes() {
    let error = TestSupport.planError("stages:\n  - kind: normalize\n    options:\n      from: nfc\n")
    #expect(error?.code == .invalidOption)
    #expect(
      error?.description
        == "config test.yaml:4:7: stage 'normalize' (kind normalize): unknown option 'from'; did you mean 'form'? (options: form, unwrap-lines)"
    )
  }

  @Test func optionWithAValueOutsideItsChoices() {
    let error = TestSupport.planError("stages:\n  - kind: normalize\n    options:\n      form: nfkd\n")
    #expect(
      error?.description
        == "config test.yaml:4:7: stage 'normalize' (kind normalize): option 'form' has value 'nfkd' (did you mean 'nfkc'?); expected nfc|nfkc|nfkc_casefold"
    )
  }

  @Test func optionOfTheWrongType() {
    let error = TestSupport.planError("stages:\n  - kind: normalize\n    options:\n      unwrap-lines: 3\n")
    #expect(
      error?.description
        == "config test.yaml:4:7: stage 'normalize' (kind normalize): option 'unwrap-lines' has value '3' of the wrong type; expected bool"
    )
  }

  @Test func duplicateStageName() {
    let error = TestSupport.planError("stages:\n  - kind: normalize\n  - name: normalize\n    kind: sentences\n")
    #expect(error?.code == .invalidConfig)
    #expect(
      error?.description
        == "config test.yaml:3:5: duplicate stage name 'normalize' (first used at line 2); give each stage a unique `name:`"
    )
  }

  /// Stage names become file names: one that leaves the output folder or takes a file of the run
  /// is refused at its own line (issue 17).
  @Test func stageNamesAreSafeFileNames() {
    let escaped = TestSupport.planError("stages:\n  - kind: normalize\n    name: \"../../escaped\"\n")
    #expect(escaped?.code == .invalidConfig)
    #expect(
      escaped?.description
        == "config test.yaml:3:11: stage name '../../escaped' must be 1 to 64 letters, digits, '-' or '_' (not starting with '-'): it names the stage's output files; rename it, e.g. `name: my-keywords`"
    )
    let taken = TestSupport.planError("stages:\n  - kind: normalize\n    name: documents\n")
    #expect(taken?.description.hasPrefix("config test.yaml:3:11: stage name 'documents' is taken by the run's own files") == true)
    #expect(TestSupport.planError("stages:\n  - kind: normalize\n    name: Corpus-keywords\n")?.code == .invalidConfig)
    #expect(TestSupport.planError("stages:\n  - kind: normalize\n    name: \"a/b\"\n")?.code == .invalidConfig)
    #expect(TestSupport.planError("stages:\n  - kind: normalize\n    name: \"\"\n")?.code == .invalidConfig)
    // Names that differ only in case would share files on case-insensitive file systems.
    let cased = TestSupport.planError("stages:\n  - kind: normalize\n  - name: Normalize\n    kind: sentences\n")
    #expect(cased?.description.contains("duplicate stage name 'Normalize'") == true)
    #expect(TestSupport.planError("stages:\n  - kind: normalize\n    name: clean_text-2\n") == nil)
  }

  @Test func requirementThatNoStageProvides() throws {
    let error = TestSupport.planError("stages:\n  - kind: normalize\n  - name: words\n    kind: word-count\n", registry: try StageRegistry.withWordCount)
    #expect(error?.code == .invalidPlan)
    #expect(
      error?.description
        == #"config test.yaml:3:5: stage 'words' needs "tokens" but no stage provides it; add a stage that provides it or remove 'words'"#
    )
  }

  @Test func ambiguousProviderAsksForNeeds() {
    let error = TestSupport.planError(
      "stages:\n  - {name: a, kind: normalize}\n  - {name: b, kind: normalize}\n  - kind: sentences\n")
    #expect(
      error?.description
        == #"config test.yaml:4:5: stage 'sentences' reads "normalized-text", which 'a' and 'b' all provide; add `needs: [a]` to say which"#
    )
  }

  @Test func cycleThroughNeeds() {
    let error = TestSupport.planError(
      "stages:\n  - {name: a, kind: normalize, needs: [b]}\n  - {name: b, kind: sentences}\n")
    #expect(error?.code == .invalidPlan)
    #expect(
      error?.description
        == "config test.yaml:2:5: the stages 'a', 'b' depend on each other in a cycle; remove a `needs:` entry to break it")
  }

  @Test func needsNamingAnUnknownStage() {
    let error = TestSupport.planError("stages:\n  - {name: a, kind: normalize, needs: [normalise]}\n")
    #expect(
      error?.description
        == "config test.yaml:2:5: stage 'a' needs 'normalise', which is not a stage of this pipeline")
  }

  @Test func yamlSyntaxErrorHasItsPosition() {
    let error = TestSupport.planError("stages:\n  - kind: normalize\n   options: [\n")
    #expect(error?.code == .invalidConfig)
    #expect(error?.location?.line == 3)
    #expect(error?.description.hasPrefix("config test.yaml:3:") == true)
    #expect(error?.description.hasSuffix("; check indentation and quoting") == true)
  }

  @Test func missingStagesAndMissingKind() {
    #expect(
      TestSupport.planError("name: x\n")?.description
        == "config test.yaml:1:1: missing `stages:`; list the stages to run, e.g. `- kind: normalize`")
    #expect(
      TestSupport.planError("stages:\n  - name: x\n")?.description
        == "config test.yaml:2:5: stage has no `kind:`; add one (`precis stages` lists the kinds)")
  }

  @Test func missingFile() {
    #expect(throws: PipelineError.self) { try PipelineSpec.load(path: "/nonexistent/p.yaml") }
  }
}
