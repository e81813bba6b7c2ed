import Foundation
import Testing

/// A full disk in the middle of an import: a clear error, a sound store, and a re-run that completes.
// Not under ThreadSanitizer: its runtime faults (SIGBUS) when the file-size limit meets its own mappings.
@Suite(
  .enabled(if: LifecycleTests.Workspace.onSQLite, "a file-size limit fills a SQLite store's disk"),
  .enabled(if: ProcessInfo.processInfo.environment["MINID_SANITIZER"] != "thread", "TSan and ulimit -f clash")
)
struct DiskFullTests {
  @Test func anImportThatHitsAFileSizeLimitRollsBackCleanly() throws {
    let work = try LifecycleTests.Workspace()
    defer { work.remove() }
    _ = try work.json(["init", "--environment", "test", "--scrypt-cost", "10", "--json"])
    let pids = try work.run(["id", "generate", "--kind", "tenor", "--count", "1500", "--seed", "5"]).stdout
      .split(separator: "\n")
    var csv = "pid,phone,email,address\n"
    for (index, pid) in pids.enumerated() {
      csv +=
        "\(pid),+4791\(String(format: "%06d", index)),p\(index)@example.no,\"Fullveien \(index), 0150 Oslo\"\n"
    }
    let file = try work.file("people.csv", csv)

    // bash ignores SIGXFSZ for the child, so a write past the limit fails with EFBIG, as on a full disk.
    let limited = Process()
    limited.executableURL = URL(fileURLWithPath: "/bin/bash")
    limited.arguments = [
      "-c", "trap '' XFSZ; ulimit -f 400; exec \"$0\" account import \"$1\"", MinIDBinary.url.path, file,
    ]
    limited.environment = work.environment.merging(["PATH": "/usr/bin:/bin"]) { $1 }
    let errors = Pipe()
    limited.standardError = errors
    limited.standardOutput = FileHandle.nullDevice
    try limited.run()
    let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    limited.waitUntilExit()
    #expect(limited.terminationStatus == 74, "\(message)")
    #expect(message.contains("file-size limit") && message.contains("rolled back"), "\(message)")

    #expect(try work.run(["db", "check"]).status == 0)
    let rerun = try work.run(["account", "import", file])
    #expect([0, 4].contains(rerun.status), "\(rerun.stderr)")
    let stats = try work.json(["db", "stats", "--json"])
    let states = (stats["statistics"] as? [String: Any])?["accounts_by_state"] as? [String: Int]
    #expect(states?["letter_sent"] == 1500)
    #expect(try work.run(["audit", "verify"]).status == 0)
  }
}
