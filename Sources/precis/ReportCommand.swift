import ArgumentParser
import Foundation
import Precis

struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Write an HTML report of a run: the corpus, and every document with its sentences, keywords and summary.",
    discussion: """
      Writes report.html into the output folder (or FILE with -o) and its data files into
      report-data/ beside it. The report opens from the file system in any browser, with no server
      and no network; a document's view has its own address, report.html#doc=<url-encoded id>.
      """)

  @Argument(help: "An output folder written by `precis run`.")
  var outputDirectory: String

  @Option(name: .shortAndLong, help: "Where to write the report's page (default: OUTPUT_DIRECTORY/report.html); its data go into report-data/ beside it.")
  var output: String?

  func run() throws {
    do {
      let written = try HTMLReport.write(outputDirectory: outputDirectory, to: output.map(absolute))
      print(written.index)
      printError(
        String(
          format: "precis: report of %d documents (%d data files, %.1f MB) -> %@", written.documents, written.dataFiles,
          Double(written.bytes) / 1e6, written.index))
    } catch {
      throw reportFailure(error)
    }
  }
}
