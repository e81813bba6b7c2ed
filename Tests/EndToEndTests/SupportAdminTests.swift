import Foundation
import Testing

/// What support and administrators rely on, through the built binary: the audit trail found by number,
/// action and case; masking; dry runs that say what they would do; refusals that read well.
@Suite struct SupportAdminTests {
  /// A test store with one active user and the service `my-app`.
  static func store() throws -> (work: LifecycleTests.Workspace, pid: String, password: String) {
    let work = try LifecycleTests.Workspace()
    let (pid, password) = try work.testStoreWithUser()
    _ = try work.json([
      "service", "add", "--client-id", "my-app", "--name", "My app", "--level", "substantial", "--json",
    ])
    return (work, pid, password)
  }

  static func entries(_ result: MinIDBinary.Result) throws -> [[String: Any]] {
    try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
  }

  @Test func auditListFindsAnUnknownNumbersFailedLogins() throws {
    let (work, _, _) = try Self.store()
    defer { work.remove() }
    let stranger = try work.run(["id", "generate", "--kind", "tenor", "--age", "30", "--seed", "77"]).stdout
      .trimmingCharacters(in: .whitespacesAndNewlines)
    let wrong = try work.file("wrong", "Feil passord 1\n")
    for _ in 0..<2 {
      #expect(
        try work.run(["login", "start", "--pid", stranger, "--client", "my-app", "--password-file", wrong])
          .status == 2)
    }
    let listed = try work.run(["audit", "list", "--pid", stranger, "--json"])
    #expect(listed.status == 0, "\(listed.stderr)")
    let actions = try Self.entries(listed).map { "\($0["action"] ?? "") \($0["outcome"] ?? "")" }
    #expect(actions == ["login.start failed", "login.start failed"])
    // Through standard input too, as the runbook suggests on a shared machine.
    #expect(
      try work.run(["audit", "list", "--pid", "-", "--json"], stdin: stranger + "\n").stdout == listed.stdout)
    let bad = try work.run(["audit", "list", "--pid", String(stranger.dropLast()) + "x"])
    #expect(bad.status == 65, "a malformed number is bad data, not 'not found'")
  }

  @Test func auditListLastReverseActionAndCase() throws {
    let (work, pid, _) = try Self.store()
    defer { work.remove() }
    _ = try work.json([
      "account", "lock", "--pid", pid, "--reason", "SPERRET", "--case", "SAK-Ålesund-7", "--json",
    ])
    let all = try Self.entries(try work.run(["audit", "list", "--json"]))
    let sequences = all.map { $0["seq"] as? Int ?? 0 }
    let last = try Self.entries(try work.run(["audit", "list", "--last", "2", "--json"]))
    #expect(last.map { $0["seq"] as? Int ?? 0 } == Array(sequences.suffix(2)), "the newest two, in order")
    #expect(last.last?["action"] as? String == "account.block")
    let reversed = try Self.entries(try work.run(["audit", "list", "--reverse", "--json"]))
    #expect(reversed.map { $0["seq"] as? Int ?? 0 } == sequences.reversed())
    let newest = try Self.entries(try work.run(["audit", "list", "--reverse", "--limit", "1", "--json"]))
    #expect(newest.map { $0["seq"] as? Int ?? 0 } == [sequences.last ?? -1])
    let blocks = try Self.entries(try work.run(["audit", "list", "--action", "account.block", "--json"]))
    #expect(blocks.count == 1)
    let cased = try Self.entries(try work.run(["audit", "list", "--case", "SAK-Ålesund-7", "--json"]))
    #expect(cased.map { $0["action"] as? String } == ["account.block"])
    #expect(try work.run(["audit", "list", "--limit", "1", "--last", "1"]).status == 64)
  }

  @Test func aPurgedPersonsTrailIsFoundByTheCaseOnly() throws {
    let (work, pid, _) = try Self.store()
    defer { work.remove() }
    _ = try work.run(["account", "delete", "--pid", pid, "--purge", "--yes", "--case", "SAK-106"])
    #expect(try Self.entries(try work.run(["audit", "list", "--pid", pid, "--json"])).isEmpty)
    let cased = try Self.entries(try work.run(["audit", "list", "--case", "SAK-106", "--json"]))
    #expect(cased.map { $0["action"] as? String } == ["account.purge"])
  }

  @Test func identityNumbersAndPhonesAreMaskedAsNorwegianServicesDo() throws {
    let (work, pid, _) = try Self.store()
    defer { work.remove() }
    _ = try work.json(["account", "update", "--pid", pid, "--phone", "41234567", "--json"])
    let shown = try work.json(["account", "show", "--pid", pid, "--json"])
    #expect(shown["pid"] as? String == pid.prefix(6) + "*****")
    #expect(shown["phone"] as? String == "+47*****567")
    let text = try work.run(["account", "show", "--pid", pid]).stdout
    #expect(text.contains(pid.prefix(6) + "*****") && !text.contains(pid.suffix(5)))
  }

  @Test func outboxShowMasksTheRecipientUnlessRevealed() throws {
    let (work, pid, _) = try Self.store()
    defer { work.remove() }
    _ = try work.json(["account", "update", "--pid", pid, "--phone", "41234567", "--json"])
    let messages = try Self.entries(try work.run(["outbox", "list", "--kind", "sms", "--reveal", "--json"]))
    let notice = try #require(messages.last { $0["recipient"] as? String == "+4741234567" })
    let id = String(try #require(notice["id"] as? Int))
    let text = try work.run(["outbox", "show", id])
    #expect(text.stdout.contains("To: +47*****567") && !text.stdout.contains("41234567"))
    #expect(try work.json(["outbox", "show", id, "--json"])["recipient"] as? String == "+47*****567")
    #expect(try work.run(["outbox", "show", id, "--reveal"]).stdout.contains("To: +4741234567"))
    #expect(
      try work.json(["outbox", "show", id, "--json", "--reveal"])["recipient"] as? String == "+4741234567")
  }

  @Test func everyDryRunSaysWouldAndWritesNothing() throws {
    let (work, pid, _) = try Self.store()
    defer { work.remove() }
    let before = try work.run(["audit", "list", "--json"]).stdout
    let runs: [[String]] = [
      ["account", "update", "--pid", pid, "--email", "ny@example.no"],
      ["account", "lock", "--pid", pid, "--reason", "SPERRET"],
      ["account", "reset", "--pid", pid],
      ["account", "delete", "--pid", pid],
      ["account", "delete", "--pid", pid, "--purge"],
    ]
    for arguments in runs {
      let result = try work.run(arguments + ["--dry-run", "--case", "SAK-1"])
      #expect(result.status == 0, "\(arguments): \(result.stderr)")
      #expect(result.stdout.hasPrefix("Dry run, nothing changed: would"), "\(arguments): \(result.stdout)")
      #expect(!result.stdout.contains(" 0 "), "\(arguments): no made-up ids: \(result.stdout)")
    }
    _ = try work.json(["account", "reset", "--pid", pid, "--json"])
    let afterReset = try work.run(["audit", "list", "--json"]).stdout
    let resend = try work.run(["account", "resend-letter", "--pid", pid, "--force", "--dry-run"])
    #expect(resend.status == 0, "\(resend.stderr)")
    #expect(
      resend.stdout.hasPrefix("Dry run, nothing changed: would put a new activation letter in the outbox"))
    #expect(!resend.stdout.contains("letter 0") && !resend.stdout.contains("message 0"))
    let json = try work.json(["account", "resend-letter", "--pid", pid, "--force", "--dry-run", "--json"])
    #expect(json["dry_run"] as? Bool == true && json["id"] == nil && json["outbox_id"] == nil)
    #expect(json["activation_code"] == nil)
    #expect(try work.run(["audit", "list", "--json"]).stdout == afterReset)
    #expect(before != afterReset)
    let importFile = try work.file("people.csv", "pid,phone,email,address\n")
    let imported = try work.run(["account", "import", importFile, "--dry-run"])
    #expect(
      imported.stdout.contains("would import") || imported.stderr.contains("would import"), "\(imported)")
  }

  @Test func aBlockReasonOfOurOwnIsAcceptedAsTheHelpSays() throws {
    let (work, pid, _) = try Self.store()
    defer { work.remove() }
    let help = try work.run(["account", "lock", "--help"]).stdout
    #expect(help.contains("a code of your own"))
    let locked = try work.json(["account", "lock", "--pid", pid, "--reason", "fraud_check_2", "--json"])
    #expect((locked["account"] as? [String: Any])?["block_reason"] as? String == "FRAUD_CHECK_2")
    let bad = try work.run(["account", "lock", "--pid", pid, "--reason", "no spaces"])
    #expect(bad.status == 65 && bad.stderr.contains("reason:"), "\(bad.stderr)")
  }

  @Test func refusalsNameTheActionInPlainEnglish() throws {
    let (work, pid, password) = try Self.store()
    defer { work.remove() }
    _ = try work.json(["account", "lock", "--pid", pid, "--reason", "SPERRET", "--json"])
    let passwordFile = try work.file("password", password + "\n")
    let login = try work.run([
      "login", "start", "--pid", pid, "--client", "my-app", "--password-file", passwordFile,
    ])
    #expect(login.status == 3)
    #expect(login.stderr.contains("state blocked"), "\(login.stderr)")
    let resend = try work.run(["account", "resend-letter", "--pid", pid, "--force"])
    #expect(
      resend.stderr.contains("cannot resend a letter to an account in state blocked"), "\(resend.stderr)")
    #expect(!resend.stderr.contains("resend letter an account"))
  }

  @Test func caseReferencesTakeNorwegianLettersButNoHiddenCharacters() throws {
    let (work, pid, _) = try Self.store()
    defer { work.remove() }
    let updated = try work.run([
      "account", "update", "--pid", pid, "--email", "ny@example.no", "--case", "SØK-Æsøy-Å1",
    ])
    #expect(updated.status == 0, "\(updated.stderr)")
    #expect(try work.run(["account", "find", "--case", "SØK-Æsøy-Å1"]).status == 0)
    // The same reference typed with a combining ring above is the same reference.
    #expect(try work.run(["account", "find", "--case", "SØK-Æsøy-A\u{30A}1"]).status == 0)
    for hidden in ["\u{202E}", "\u{200B}", "\u{1B}", "\u{2066}"] {
      let refused = try work.run([
        "account", "update", "--pid", pid, "--email", "x@example.no", "--case", "SAK\(hidden)1",
      ])
      #expect(refused.status == 65 && refused.stderr.contains("case:"), "\(refused.stderr)")
    }
  }
}
