import Foundation
import Testing

/// Every shell block a reader is meant to run works when pasted: each file's fenced `sh` blocks run in
/// order, in one bash session (`set -euo pipefail`), with the built `minid` first on PATH, in a fresh
/// working directory with a fresh store. A block that cannot run here (a remote PostgreSQL server, a
/// release build, a benchmark) carries a visible marker on the line before it, with its reason:
///
///     <!-- docs-run: skip (needs a PostgreSQL server) -->
@Suite struct DocumentationRunTests {
  /// README.md and every docs/*.md, so a new document is covered without being listed here.
  static let documents: [String] = {
    let docs = MinIDBinary.packageRoot.appendingPathComponent("docs")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: docs.path)) ?? []
    return ["README.md"] + names.filter { $0.hasSuffix(".md") }.sorted().map { "docs/" + $0 }
  }()

  @Test(arguments: documents)
  func everyBlockRuns(_ document: String) throws {
    let text = try String(
      contentsOf: MinIDBinary.packageRoot.appendingPathComponent(document), encoding: .utf8)
    let blocks = try ShellBlock.extract(from: text)
    let runnable = blocks.filter { $0.skipReason == nil }
    guard !runnable.isEmpty else { return }
    let run = try DocumentationRun(blocks: runnable)
    defer { run.remove() }
    let outcome = try run.execute()
    if let failure = outcome.failure {
      Issue.record(
        """
        \(document):\(failure.block.line): the block failed (exit \(failure.status)) at: \(failure.command)
        --- its standard error ---
        \(failure.stderr)
        """)
    }
    #expect(outcome.blocksRun == runnable.count, "\(document): \(outcome.blocksRun) of \(runnable.count) ran")
  }

  @Test func theGuidesAreRun() throws {
    #expect(Self.documents.contains("docs/tokens.md"))
    for document in ["README.md", "docs/ci-guide.md", "docs/runbook.md", "docs/store.md", "docs/tokens.md"] {
      let text = try String(
        contentsOf: MinIDBinary.packageRoot.appendingPathComponent(document), encoding: .utf8)
      let blocks = try ShellBlock.extract(from: text)
      #expect(blocks.filter { $0.skipReason == nil }.count >= 1, "\(document) has blocks that run")
    }
  }

  // The runner itself: it must find blocks where a reader sees them and report a failure where it is.

  @Test func blocksAndMarkersAreFoundWithTheirLines() throws {
    let text = """
      # Title

      ```sh
      echo one
      ```

      <!-- docs-run: skip (needs a PostgreSQL server) -->
      ```sh
      psql
      ```

      ```js
      not shell
      ```

        ```sh
        echo indented
        ```
      """
    let blocks = try ShellBlock.extract(from: text)
    #expect(blocks.map(\.line) == [3, 8, 16])
    #expect(blocks.map(\.skipReason) == [nil, "needs a PostgreSQL server", nil])
    #expect(blocks[2].source == "echo indented\n")
  }

  @Test func aFileMarkerSkipsEveryBlockOfTheFile() throws {
    let blocks = try ShellBlock.extract(
      from: "<!-- docs-run: skip-file (generated examples) -->\n```sh\nls\n```\n\n```sh\npwd\n```\n")
    #expect(blocks.map(\.skipReason) == ["generated examples", "generated examples"])
  }

  @Test func aMarkerWithoutAReasonOrABlockIsAnError() {
    #expect(throws: ShellBlock.MarkerError.self) {
      try ShellBlock.extract(from: "<!-- docs-run: skip -->\n```sh\nls\n```\n")
    }
    #expect(throws: ShellBlock.MarkerError.self) {
      try ShellBlock.extract(from: "<!-- docs-run: skip (why) -->\n\nSome text.\n")
    }
  }

  @Test func aFailingBlockIsReportedWithItsLineCommandAndStandardError() throws {
    let text = """
      ```sh
      export GREETING=hei
      ```

      ```sh
      test "$GREETING" = hei            # state carries from block to block
      minid id validate 31129956715
      minid account show --pid 31129956715   # no store yet: exit 66
      echo never
      ```
      """
    let run = try DocumentationRun(blocks: try ShellBlock.extract(from: text))
    defer { run.remove() }
    let outcome = try run.execute()
    let failure = try #require(outcome.failure)
    #expect(failure.block.line == 5)
    #expect(failure.status == 66)
    #expect(failure.command == "minid account show --pid 31129956715")
    #expect(failure.stderr.contains("minid init"), "\(failure.stderr)")
    #expect(outcome.blocksRun == 2)
  }
}

/// A fenced ```sh block of a Markdown document.
struct ShellBlock {
  /// The line of the opening fence, counted from 1.
  let line: Int
  let source: String
  /// The reason given by a `<!-- docs-run: skip (reason) -->` line just before the fence.
  let skipReason: String?

  struct MarkerError: Error, CustomStringConvertible {
    let description: String
  }

  static let languages: Set<String> = ["sh", "bash", "shell"]

  /// The shell blocks of `markdown`, indented ones (in list items) included, with their skip markers.
  /// - Throws: `MarkerError` for a marker with no reason, or one not followed by a shell block.
  static func extract(from markdown: String) throws -> [ShellBlock] {
    let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    var blocks: [ShellBlock] = []
    var pendingMarker: (line: Int, reason: String)?
    var fileReason: String?
    var index = 0
    while index < lines.count {
      let trimmed = lines[index].trimmingCharacters(in: .whitespaces)
      if trimmed.hasPrefix("<!-- docs-run: skip-file (") {
        guard let close = trimmed.range(of: ") -->") else {
          throw MarkerError(
            description: "line \(index + 1): a file marker reads '<!-- docs-run: skip-file (reason) -->'")
        }
        let reason = trimmed[trimmed.index(trimmed.startIndex, offsetBy: 26)..<close.lowerBound]
        guard !reason.isEmpty else {
          throw MarkerError(description: "line \(index + 1): a marker needs a reason")
        }
        fileReason = String(reason)
        index += 1
        continue
      }
      if trimmed.hasPrefix("<!-- docs-run:") {
        guard let open = trimmed.range(of: "skip ("), let close = trimmed.range(of: ") -->"),
          open.upperBound < close.lowerBound
        else {
          throw MarkerError(
            description: "line \(index + 1): a marker reads '<!-- docs-run: skip (reason) -->'")
        }
        pendingMarker = (index + 1, String(trimmed[open.upperBound..<close.lowerBound]))
        index += 1
        continue
      }
      if trimmed.hasPrefix("```") {
        let fence = lines[index].prefix { $0 == " " }.count
        let language = String(trimmed.dropFirst(3)).trimmingCharacters(in: .whitespaces)
        var body: [String] = []
        var end = index + 1
        while end < lines.count, !lines[end].trimmingCharacters(in: .whitespaces).hasPrefix("```") {
          body.append(String(lines[end].dropFirst(min(fence, lines[end].prefix { $0 == " " }.count))))
          end += 1
        }
        if languages.contains(language) {
          blocks.append(
            ShellBlock(
              line: index + 1, source: body.map { $0 + "\n" }.joined(),
              skipReason: pendingMarker?.reason ?? fileReason))
        } else if let marker = pendingMarker {
          throw MarkerError(description: "line \(marker.line): the marker is not followed by a shell block")
        }
        pendingMarker = nil
        index = end + 1
        continue
      }
      if let marker = pendingMarker, !trimmed.isEmpty {
        throw MarkerError(description: "line \(marker.line): the marker is not followed by a shell block")
      }
      index += 1
    }
    if let marker = pendingMarker {
      throw MarkerError(description: "line \(marker.line): the marker is not followed by a shell block")
    }
    return blocks
  }
}

/// One document's blocks run in one bash session, as a reader pastes them one after another into one
/// terminal: in a fresh directory, with a fresh `MINID_DATABASE`, `HOME` and `RUNNER_TEMP` (the CI
/// runner's own temporary directory, which the CI guide uses) inside it.
struct DocumentationRun {
  let blocks: [ShellBlock]
  let directory: URL

  struct Failure {
    let block: ShellBlock
    let status: Int32
    let command: String
    let stderr: String
  }

  struct Outcome {
    let blocksRun: Int
    let failure: Failure?
  }

  init(blocks: [ShellBlock]) throws {
    self.blocks = blocks
    // Not directly in /tmp: minid refuses a store whose directory others may write.
    directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "minid-docs-\(UUID().uuidString)")
    for sub in ["work", "home", "runner-temp", "control"] {
      try FileManager.default.createDirectory(
        at: directory.appendingPathComponent(sub), withIntermediateDirectories: true,
        attributes: [.posixPermissions: 0o700])
    }
  }

  func remove() { try? FileManager.default.removeItem(at: directory) }

  private var control: URL { directory.appendingPathComponent("control") }

  /// Runs the blocks in order until one fails.
  func execute() throws -> Outcome {
    // The driver records which block runs, and on a failure the command and its status, in files of its
    // own; each block's standard error goes to a file of its own, so the report shows only that block's.
    // Job control (-m) puts each background job (a web server a block starts) in a process group of its
    // own, so the whole group is stopped at the end, children a wrapper script forked included. SIGKILL,
    // as the test process may have the child ignore SIGTERM; and a job left running would hold the
    // descriptor through which Foundation's Process learns that the driver ended.
    var driver = """
      set -Eeuo pipefail -m
      trap 'status=$?; printf "%s\\n%s\\n" "$status" "$BASH_COMMAND" > "$DOCS_RUN_CONTROL/failed"' ERR
      trap 'for job in $(jobs -p); do kill -KILL -- -"$job" 2>/dev/null || true; done' EXIT
      cd "$DOCS_RUN_WORK"

      """
    for (number, block) in blocks.enumerated() {
      let file = control.appendingPathComponent("block-\(number).sh")
      try block.source.write(to: file, atomically: true, encoding: .utf8)
      driver += """
        echo \(number) > "$DOCS_RUN_CONTROL/current"
        exec 2> "$DOCS_RUN_CONTROL/stderr-\(number)"
        source "$DOCS_RUN_CONTROL/block-\(number).sh"

        """
    }
    driver += "echo \(blocks.count) > \"$DOCS_RUN_CONTROL/current\"\n"
    let driverFile = control.appendingPathComponent("driver.sh")
    try driver.write(to: driverFile, atomically: true, encoding: .utf8)

    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = ["--noprofile", "--norc", driverFile.path]
    let inherited = ProcessInfo.processInfo.environment
    let binaries = MinIDBinary.url.deletingLastPathComponent().path
    process.environment = [
      "PATH": binaries + ":" + (inherited["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"),
      "HOME": directory.appendingPathComponent("home").path,
      "USER": "docs", "LANG": "C.UTF-8", "COLUMNS": "100",
      "MINID_DATABASE": directory.appendingPathComponent("work/store/minid.sqlite").path,
      "RUNNER_TEMP": directory.appendingPathComponent("runner-temp").path,
      "DOCS_RUN_WORK": directory.appendingPathComponent("work").path,
      "DOCS_RUN_CONTROL": control.path,
    ]
    // Output to files, never pipes: a block may leave a server running in the background, and a pipe
    // would stay open until it ends.
    let output = control.appendingPathComponent("stdout")
    _ = FileManager.default.createFile(atPath: output.path, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: output)
    process.standardError = try FileHandle(forWritingTo: output)
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()

    let current = Int(try read("current").trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    guard process.terminationStatus != 0 else { return Outcome(blocksRun: current, failure: nil) }
    let failed = (try? read("failed"))?.split(separator: "\n", maxSplits: 1).map(String.init) ?? []
    let block = blocks[min(current, blocks.count - 1)]
    return Outcome(
      blocksRun: min(current + 1, blocks.count),
      failure: Failure(
        block: block, status: Int32(failed.first ?? "") ?? process.terminationStatus,
        command: failed.count > 1 ? failed[1].trimmingCharacters(in: .whitespacesAndNewlines) : "?",
        stderr: (try? read("stderr-\(current)")) ?? "(no standard error)"))
  }

  private func read(_ name: String) throws -> String {
    try String(contentsOf: control.appendingPathComponent(name), encoding: .utf8)
  }
}
