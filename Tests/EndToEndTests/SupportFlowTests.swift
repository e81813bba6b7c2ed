import Foundation
import Testing

/// Support staff's commands and bulk enrollment through the built binary.
@Suite struct SupportFlowTests {
  @Test func theSupportCasesOfTheRunbook() throws {
    let work = try LifecycleTests.Workspace()
    defer { work.remove() }
    let (pid, _) = try work.testStoreWithUser()

    // Lost phone: a new number; notices go out; the case reference finds the account later.
    let dry = try work.json([
      "account", "update", "--pid", pid, "--phone", "41234567", "--case", "CASE-1", "--dry-run", "--json",
    ])
    #expect(dry["dry_run"] as? Bool == true)
    #expect(
      (try work.json(["account", "show", "--pid", pid, "--json", "--reveal"]))["phone"] as? String
        == "+4799999999")
    _ = try work.json([
      "account", "update", "--pid", pid, "--phone", "412 34 567", "--case", "CASE-1", "--json",
    ])
    let found = try work.run(["account", "find", "--phone", "+4741234567", "--json"])
    #expect(found.status == 0 && found.stdout.contains(pid.prefix(6) + "*****"))
    #expect(try work.run(["account", "find", "--case", "CASE-1"]).stdout.contains(pid.prefix(6) + "*****"))
    #expect(try work.run(["account", "find", "--phone", "40000000"]).status == 67)
    #expect(try work.run(["account", "find", "--phone", "1", "--email", "x"]).status == 64)

    // Suspected identity theft: block; only unlock lifts it.
    _ = try work.json(["account", "lock", "--pid", pid, "--reason", "SPERRET", "--case", "CASE-2", "--json"])
    let outboxBefore = try work.run(["outbox", "list"]).stdout
    let refused = try work.run(["account", "reset", "--pid", pid])
    #expect(refused.status == 3, "only unlock lifts a block: \(refused.stderr)")
    #expect(refused.stderr.contains("cannot reset an account in state blocked"))
    #expect(try work.run(["outbox", "list"]).stdout == outboxBefore, "no letter mailed to a blocked account")
    #expect(try work.run(["account", "lock", "--pid", pid, "--reason", "DEAD"]).status == 3)
    _ = try work.json(["account", "unlock", "--pid", pid, "--json"])

    // Letter never arrived / lost phone and password: a reset with a new 10-day letter.
    let reset = try work.json(["account", "reset", "--pid", pid, "--case", "CASE-3", "--json"])
    #expect((reset["account"] as? [String: Any])?["state"] as? String == "letter_sent")
    #expect((reset["letter"] as? [String: Any])?["activation_code"] is String)
    #expect(try work.run(["account", "resend-letter", "--pid", pid]).status == 4)
    #expect(try work.run(["account", "resend-letter", "--pid", pid, "--force", "--dry-run"]).status == 0)

    // A person deceased: block with DEAD, then close; a request to be forgotten: purge.
    #expect(
      try work.run(["account", "delete", "--pid", pid]).status == 64, "--yes is needed without a terminal")
    let purged = try work.run(["account", "delete", "--pid", pid, "--purge", "--yes", "--case", "CASE-4"])
    #expect(purged.status == 0, "\(purged.stderr)")
    #expect(try work.run(["account", "show", "--pid", pid]).status == 67)
    let audit = try work.run(["audit", "list", "--json"]).stdout
    #expect(!audit.contains(pid))
    #expect(audit.contains("account.purge"))
    #expect(try work.run(["db", "check"]).status == 0)
  }

  @Test func importAndExport() throws {
    let work = try LifecycleTests.Workspace()
    defer { work.remove() }
    _ = try work.json([
      "init", "--environment", "test", "--scrypt-cost", "10", "--key-alg", "ES256", "--json",
    ])
    let pids = try work.run(["id", "generate", "--kind", "tenor", "--count", "4", "--seed", "12"]).stdout
      .split(separator: "\n")
    var csv = "pid,phone,email,address\n"
    for (index, pid) in pids.enumerated() {
      csv += "\(pid),9123456\(index),p\(index)@example.no,\"Gate \(index), 0150 Oslo\"\n"
    }
    csv += "31129956715,91234567,x@example.no,x\n"
    let file = try work.file("people.csv", csv)
    let errors = work.directory.appendingPathComponent("errors.jsonl").path
    let dry = try work.run(["account", "import", file, "--dry-run", "--errors", errors])
    #expect(dry.status == 65)
    #expect(dry.stderr.contains("Dry run (nothing written): would import 4 accounts"))
    #expect(try String(contentsOfFile: errors, encoding: .utf8).contains("\"line\":6"))
    #expect(
      try work.json(["db", "stats", "--json"])["statistics"].map {
        ($0 as? [String: Any])?["audit_entries"] as? Int
      } == 4)
    let real = try work.run(["account", "import", file])
    #expect(real.status == 65 && real.stderr.contains("Imported 4 accounts"))
    let again = try work.run(
      ["account", "import", "-", "--format", "csv"],
      stdin: csv.split(separator: "\n").dropLast().joined(separator: "\n") + "\n")
    #expect(again.status == 4, "only conflicts: \(again.stderr)")
    let exported = try work.run(["account", "export", "--include-pii"]).stdout
    #expect(exported.hasPrefix("pid,phone,email,address,state,block_reason,kind,created_at\n"))
    #expect(exported.contains("\"Gate 0, 0150 Oslo\""))
    let anonymous = try work.run(["account", "export", "--format", "jsonl"]).stdout
    for pid in pids { #expect(!anonymous.contains(pid)) }
    // The export re-imports into another store.
    let other = try LifecycleTests.Workspace()
    defer { other.remove() }
    _ = try other.json([
      "init", "--environment", "test", "--scrypt-cost", "10", "--key-alg", "ES256", "--json",
    ])
    let reimport = try other.run(["account", "import", "-"], stdin: exported)
    #expect(reimport.status == 0, "\(reimport.stderr)")
    #expect(reimport.stderr.contains("Imported 4 accounts"))
    let backup = work.directory.appendingPathComponent("backup.sqlite").path
    if LifecycleTests.Workspace.onSQLite {
      #expect(try work.run(["db", "backup", backup]).status == 0)
      #expect(try MinIDBinary.run(["--database", backup, "db", "check"]).status == 0)
      #expect(try work.run(["db", "backup", backup]).status == 73)
    } else {
      let refused = try work.run(["db", "backup", backup])
      #expect(refused.status == 65 && refused.stderr.contains("pg_dump"), "\(refused.stderr)")
    }
  }
}
