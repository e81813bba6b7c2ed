import Foundation
import Testing

/// Moving people between stores with export and import, as the runbook describes it.
@Suite struct ImportMoveTests {
  typealias Workspace = LifecycleTests.Workspace

  func register(_ work: Workspace, _ pid: String) throws {
    _ = try work.json([
      "account", "register", "--pid", pid, "--phone", "+4791234567", "--email", "\(pid)@example.no",
      "--address", "Gate 1, 0150 Oslo", "--json",
    ])
  }

  func letters(_ work: Workspace) throws -> Int {
    (try JSONSerialization.jsonObject(
      with: Data(work.run(["outbox", "list", "--kind", "letter", "--json"]).stdout.utf8)) as? [Any])?.count
      ?? -1
  }

  @Test func anExportReadBackKeepsBlockedAndClosedPeopleAndSendsThemNoLetter() throws {
    let source = try Workspace()
    defer { source.remove() }
    _ = try source.json(["init", "--environment", "test", "--json"])
    let blocked = "10915596784"
    let closed = "10819696174"
    for pid in [blocked, closed] { try register(source, pid) }
    _ = try source.json(["account", "lock", "--pid", blocked, "--reason", "DEAD", "--json"])
    _ = try source.json(["account", "delete", "--pid", closed, "--yes", "--json"])
    let exported = try source.run(["account", "export", "--include-pii"])
    #expect(exported.status == 0, "\(exported.stderr)")

    let target = try Workspace()
    defer { target.remove() }
    _ = try target.json(["init", "--environment", "test", "--json"])
    let file = try target.file("people.csv", exported.stdout)
    let imported = try target.run(["account", "import", file, "--case", "MOVE-1", "--json"])
    #expect(imported.status == 0, "\(imported.stderr)")
    let show = try target.json(["account", "show", "--pid", blocked, "--json"])
    #expect(show["state"] as? String == "blocked" && show["block_reason"] as? String == "DEAD")
    #expect(try target.json(["account", "show", "--pid", closed, "--json"])["state"] as? String == "closed")
    #expect(try letters(target) == 0, "nobody gets a letter they should not")
    let found = try target.run(["account", "find", "--case", "MOVE-1", "--json"])
    #expect(
      (try JSONSerialization.jsonObject(with: Data(found.stdout.utf8)) as? [Any])?.count == 2,
      "\(found.stdout)\(found.stderr)")
  }

  @Test func withJSONEveryRowProblemIsAJSONLineOnStandardError() throws {
    let work = try Workspace()
    defer { work.remove() }
    _ = try work.json(["init", "--environment", "test", "--json"])
    let pid = "10915596784"
    let file = try work.file(
      "people.csv",
      "pid,phone,email,address\n\(pid),91234567,a@example.no,Gate 1\n123,91234567,b@example.no,Gate 2\n"
        + "\(pid),91234567,c@example.no,Gate 3\n")
    let result = try work.run(["account", "import", file, "--json"])
    #expect(result.status == 65)
    let lines = result.stderr.split(separator: "\n")
    #expect(lines.count == 2, "\(result.stderr)")
    let problems = try lines.map {
      try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
    #expect(problems.map { $0["line"] as? Int } == [3, 4])
    #expect(problems[1]["message"] as? String == "duplicate of line 2")
    let summary = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    #expect(summary["imported"] as? Int == 1 && summary["failed"] as? Int == 2)
    // A test store's import names each letter it sent, with the code a script needs to activate.
    let letter = try #require((summary["letters"] as? [[String: Any]])?.first)
    #expect(letter["line"] as? Int == 2)
    let shown = try work.json(["outbox", "show", String(letter["outbox_id"] as? Int ?? 0), "--json"])
    #expect(shown["code"] as? String == letter["activation_code"] as? String)
  }
}
