import Foundation
import Testing

/// The HTML report opened in a real browser: headless Chromium (Debian's `chromium`, which
/// `.ci/run` installs) loads it from the file system, runs its script, and the test reads the DOM
/// it built; screenshots of the corpus view and of the seed article go to
/// `out/report-test/screenshots/` as CI artifacts (issue 19). Skipped where Chromium is missing.
extension CLITests {
  static let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
    .first { FileManager.default.isExecutableFile(atPath: $0) }

  /// Runs Chromium headless on `url` with a profile of its own: the DOM after the page's script
  /// ran, or (with `screenshot`) a PNG of the window.
  func chromium(_ url: URL, screenshot: URL? = nil) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try #require(Self.chromium))
    let profile = try temporaryDirectory()
    var arguments = [
      "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--user-data-dir=\(profile.path)",
      "--virtual-time-budget=8000", "--window-size=1280,1800",
    ]
    if let screenshot { arguments.append("--screenshot=\(screenshot.path)") } else { arguments.append("--dump-dom") }
    process.arguments = arguments + [url.absoluteString]
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    let dom = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: dom, as: UTF8.self)
  }

  static func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

  @Test(.enabled(if: CLITests.chromium != nil, "needs Chromium (apt-get install chromium)"))
  func theReportShowsTheCorpusAndEachDocumentInABrowser() throws {
    // Corpus/ and one file that fails (binary), so that a failed document is shown too.
    let input = try temporaryDirectory().appendingPathComponent("input")
    try FileManager.default.copyItem(at: Self.repository.appendingPathComponent("Corpus"), to: input)
    try Data([0x61, 0x00, 0x62]).write(to: input.appendingPathComponent("broken.txt"))
    let output = Self.repository.appendingPathComponent("out/report-test")
    let run = try precis(["run", "Pipelines/news.yaml", "--input", input.path, "--output", output.path, "--report", "--force", "--quiet"])
    #expect(run.status == 1, "one document fails: \(run.stderr)")
    let report = output.appendingPathComponent("report.html")
    #expect(FileManager.default.fileExists(atPath: output.appendingPathComponent("report-data/page-0001.js").path))

    // The corpus view: every document listed, the failed one's error shown.
    let corpus = try chromium(report)
    #expect(corpus.contains(#"data-ready="corpus""#), "the report's script did not finish")
    #expect(Self.count(#"<tr data-doc=""#, in: corpus) == 14)
    #expect(corpus.contains(#"<tr data-doc="broken.txt" data-status="error">"#))
    #expect(corpus.contains("the file holds NUL bytes, so it is binary data, not text"))
    #expect(corpus.contains(#"data-status="error"><b>1</b>error"#))

    // The seed article: its keywords marked at their occurrences, its summary sentences marked.
    var seed = URLComponents(url: report, resolvingAgainstBaseURL: false)!
    seed.fragment = "doc=000_05597add93c0269f.txt"
    let article = try chromium(seed.url!)
    #expect(article.contains(#"data-ready="document""#))
    let nordkorea = article.components(separatedBy: #"<mark class="keyword" data-keyword="Nordkorea" title="keyword: Nordkorea">"#).dropFirst()
    #expect(nordkorea.count == 9)
    #expect(nordkorea.allSatisfy { $0.hasPrefix("Nordkorea</mark>") || $0.hasPrefix("Nordkoreas</mark>") })
    #expect(article.contains(#"<mark class="keyword" data-keyword="Russland" title="keyword: Russland">Russland</mark>"#))
    #expect(article.contains(#"<span class="sentence summary" data-index="2" data-number="3" dir="auto">Moskau - "#))
    #expect(article.contains(#"<span class="sentence summary" data-index="5" data-number="6" dir="auto">In einer gemeinsamen Erklärung"#))
    #expect(Self.count(#"class="sentence summary""#, in: article) == 2)
    #expect(article.contains(#"data-layout="head""#), "the dateline is marked outside the body")

    // The Arabic article is laid out right to left (the browser's computed direction).
    var arabic = seed
    arabic.fragment = "doc=ar_mahrajan-alkitab.txt"
    #expect(try chromium(arabic.url!).contains(#"id="document-text" lang="ar" dir="rtl" data-direction="rtl""#))

    // A failed document's own view says why.
    var broken = seed
    broken.fragment = "doc=broken.txt"
    #expect(try chromium(broken.url!).contains("Failed in stage input (binary-input): the file holds NUL bytes"))

    // Screenshots, kept as CI artifacts.
    let shots = output.appendingPathComponent("screenshots")
    try FileManager.default.createDirectory(at: shots, withIntermediateDirectories: true)
    _ = try chromium(report, screenshot: shots.appendingPathComponent("corpus.png"))
    _ = try chromium(seed.url!, screenshot: shots.appendingPathComponent("document.png"))
    for name in ["corpus.png", "document.png"] {
      let size = (try FileManager.default.attributesOfItem(atPath: shots.appendingPathComponent(name).path)[.size] as? Int) ?? 0
      #expect(size > 20_000, "\(name) was not written")
    }
  }
}
