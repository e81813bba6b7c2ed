import Foundation
import Testing

/// The audit trail as evidence, through the built binary: who the actor is, checkpoints kept outside the
/// store, and settings edited behind minid's back.
@Suite struct AuditEvidenceFlowTests {
  /// The name of the account this test process runs as (root in CI), as the passwd database has it.
  static var operatingSystemAccount: String {
    guard let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name else { return "uid:\(geteuid())" }
    return String(cString: name)
  }

  func entries(_ work: LifecycleTests.Workspace) throws -> [[String: Any]] {
    let listed = try work.run(["audit", "list", "--json"])
    return try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
  }

  /// Removes the last `count` entries around minid, as someone with the database could.
  func deleteLastEntries(_ work: LifecycleTests.Workspace, _ count: Int) throws {
    if work.database.hasPrefix("postgresql://") {
      _ = try work.sql(
        "DROP TRIGGER audit_no_update ON audit; DELETE FROM audit WHERE seq > (SELECT max(seq) - \(count) FROM audit)"
      )
    } else {
      _ = try work.sql(
        "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq > (SELECT max(seq) - \(count) FROM audit)")
    }
  }

  @Test func theActorIsTheAccountRunningMinIDAndTheLabelOnlyAMarkedNote() throws {
    let work = try LifecycleTests.Workspace()
    defer { work.remove() }
    let claimed = work.environment.merging(["USER": "mallory", "LOGNAME": "mallory"]) { $1 }
    var result = try MinIDBinary.run(
      ["init", "--environment", "test", "--scrypt-cost", "10", "--key-alg", "ES256"], environment: claimed)
    #expect(result.status == 0, "\(result.stderr)")
    result = try MinIDBinary.run(
      ["keys", "rotate", "--alg", "ES256", "--actor", "Kari \"Support\"; ticket 7"], environment: claimed)
    #expect(result.status == 0, "\(result.stderr)")
    result = try MinIDBinary.run(
      ["service", "add", "--client-id", "my-app", "--name", "My app", "--level", "substantial"],
      environment: claimed.merging(["MINID_ACTOR": "ci-job 12"]) { $1 })
    #expect(result.status == 0, "\(result.stderr)")
    let all = try entries(work)
    #expect(all.allSatisfy { $0["actor"] as? String == "admin:" + Self.operatingSystemAccount })
    let details = all.map { $0["detail"] as? String ?? "" }
    #expect(details[4].hasSuffix(#"; label "Kari \"Support\"\u{3b} ticket 7" (unverified)"#))
    #expect(details[5].hasSuffix(#"; label "Kari \"Support\"\u{3b} ticket 7" (unverified)"#))
    #expect(details[6].hasSuffix(#"label "ci-job 12" (unverified)"#))
    #expect(!details[0...3].contains { $0.contains("label") })
    #expect(!(try work.run(["audit", "list"]).stdout.contains("mallory")))
  }

  @Test func checkpointsKeptElsewhereCatchATruncatedTrail() throws {
    let work = try LifecycleTests.Workspace()
    defer { work.remove() }
    let (pid, _) = try work.testStoreWithUser()
    let elsewhere = work.directory.appendingPathComponent("elsewhere")
    try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
    let trusted = elsewhere.appendingPathComponent("trusted-jwks.json").path
    try work.run(["keys", "jwks"]).stdout.write(toFile: trusted, atomically: true, encoding: .utf8)

    // --output makes a new file and never replaces one.
    let single = elsewhere.appendingPathComponent("cp-1.jws").path
    let written = try work.run(["audit", "checkpoint", "--output", single])
    #expect(written.status == 0 && written.stdout.isEmpty, "\(written.stderr)")
    let first = try String(contentsOfFile: single, encoding: .utf8)
    let again = try work.run(["audit", "checkpoint", "--output", single])
    #expect(again.status == 73 && again.stderr.contains("cp-1.jws"))
    #expect(try String(contentsOfFile: single, encoding: .utf8) == first)

    // What cron appends: one line per run, compact or --json.
    let json = try work.json(["audit", "checkpoint", "--json"])
    #expect(json["count"] as? Int == 5 && json["issuer"] as? String == "https://minid.test")
    #expect((json["checkpoint"] as? String)?.split(separator: ".").count == 3)
    _ = try work.json(["account", "lock", "--pid", pid, "--reason", "SPERRET", "--json"])
    let checkpoints = elsewhere.appendingPathComponent("checkpoints").path
    let lines = [
      first, String(data: try JSONSerialization.data(withJSONObject: json), encoding: .utf8)! + "\n",
    ]
    try (lines.joined() + (try work.run(["audit", "checkpoint"]).stdout)).write(
      toFile: checkpoints, atomically: true, encoding: .utf8)

    let verified = try work.run(["audit", "verify", "--checkpoint", checkpoints, "--jwks", trusted])
    #expect(verified.status == 0, "\(verified.stderr)")
    #expect(verified.stdout.contains("6 entries verified; it extends all 3 checkpoints"))

    try deleteLastEntries(work, 2)
    // The chain alone cannot see a shorter tail...
    #expect(try work.run(["audit", "verify"]).status == 0)
    // ...the checkpoints can.
    let truncated = try work.run(["audit", "verify", "--checkpoint", checkpoints, "--jwks", trusted])
    #expect(truncated.status == 74)
    #expect(truncated.stderr.contains("audit trail truncated: 2 entries missing (the checkpoint on line 3"))
  }

  @Test func aCheckpointNotSignedByTheTrustedKeysFails() throws {
    let work = try LifecycleTests.Workspace()
    let other = try LifecycleTests.Workspace()
    defer {
      work.remove()
      other.remove()
    }
    _ = try work.testStoreWithUser()
    _ = try other.json([
      "init", "--environment", "test", "--scrypt-cost", "10", "--key-alg", "ES256", "--json",
    ])
    let foreign = try other.file("jwks.json", try other.run(["keys", "jwks"]).stdout)
    let checkpoint = try work.file("cp", try work.run(["audit", "checkpoint"]).stdout)
    let result = try work.run(["audit", "verify", "--checkpoint", checkpoint, "--jwks", foreign])
    #expect(result.status == 2)
    #expect(result.stderr.contains("checkpoint on line 1: not signed by any of the trusted keys"))
    let garbage = try work.file("garbage", "not a checkpoint\n")
    #expect(try work.run(["audit", "verify", "--checkpoint", garbage]).status == 65)
    #expect(try work.run(["audit", "verify", "--checkpoint", work.directory.path + "/none"]).status == 66)
  }

  @Test func settingsEditedOutsideMinIDAreFound() throws {
    let work = try LifecycleTests.Workspace()
    defer { work.remove() }
    _ = try work.json([
      "init", "--environment", "production", "--issuer", "https://login.example.no", "--key-alg", "ES256",
      "--json",
    ])
    #expect(try work.run(["db", "check"]).status == 0)
    _ = try work.sql("UPDATE store_info SET value = 'test' WHERE key = 'environment'")
    for command in [["db", "check"], ["audit", "verify"], ["audit", "checkpoint"]] {
      let result = try work.run(command)
      #expect(result.status == 74, "\(command)")
      #expect(result.stderr.contains("settings changed outside minid: environment"), "\(command)")
    }
  }
}
