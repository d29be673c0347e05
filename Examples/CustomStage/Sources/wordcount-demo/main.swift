// Runs a pipeline file with the built-in stages plus `word-count`:
//   swift run wordcount-demo Pipelines/wordcount.yaml OUTPUT_DIR
import Foundation
import Precis
import WordCountStage

let arguments = CommandLine.arguments
guard arguments.count == 3 else {
  FileHandle.standardError.write(Data("usage: wordcount-demo PIPELINE OUTPUT_DIR\n".utf8))
  exit(64)
}
do {
  let spec = try PipelineSpec.load(path: arguments[1])
  let plan = try PipelinePlan(spec: spec, registry: try StageRegistry.withWordCount)
  guard let input = spec.input else {
    FileHandle.standardError.write(Data("set `input:` in \(arguments[1])\n".utf8))
    exit(64)
  }
  let report = try Runner(plan: plan, options: .init()).run(inputPath: input, outputDirectory: arguments[2])
  print("\(report.documents.ok) of \(report.documents.total) documents counted -> \(arguments[2])")
  exit(report.documents.ok == report.documents.total ? 0 : 1)
} catch {
  FileHandle.standardError.write(Data("wordcount-demo: \(error)\n".utf8))
  exit(64)
}
