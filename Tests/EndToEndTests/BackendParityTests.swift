import Foundation
import Testing

/// The whole lifecycle on SQLite and on PostgreSQL, command for command: the same outputs once what is
/// random or per-store (times, codes, ids, tokens, pseudonyms, sizes) is masked.
@Suite(.enabled(if: LifecycleTests.Workspace.postgresServer != nil, "needs MINID_TEST_POSTGRES"))
struct BackendParityTests {
  @Test func theLifecycleGivesTheSameOutputsOnBothBackends() throws {
    let sqlite = try LifecycleTests.Workspace(sqlite: true)
    let postgres = try LifecycleTests.Workspace()
    defer {
      sqlite.remove()
      postgres.remove()
    }
    #expect(postgres.database.hasPrefix("postgresql://"))
    let onSQLite = try lifecycle(sqlite)
    let onPostgres = try lifecycle(postgres)
    // The transcript is a real one: the level-4 refusal, the token's claims, the purge, the chain.
    let text = onSQLite.joined(separator: "\n")
    for expected in [
      "BankID", "\"acr\":\"idporten-loa-substantial\"", "account.purge", "\"state\":\"blocked\"",
    ] {
      #expect(text.contains(expected), "\(expected) is missing from the transcript")
    }
    #expect(onSQLite.count == onPostgres.count)
    for (left, right) in zip(onSQLite, onPostgres) {
      #expect(left == right)
    }
  }

  /// Test user → service → login → token verified → support actions → purge → audit verify; each step's
  /// exit status and masked output.
  func lifecycle(_ work: LifecycleTests.Workspace) throws -> [String] {
    var transcript: [String] = []
    func step(_ arguments: [String], stdin: String? = nil) throws -> MinIDBinary.Result {
      let result = try work.run(arguments, stdin: stdin)
      transcript.append(
        "\(arguments.first ?? "") \(result.status)\n\(mask(result.stdout))\n\(mask(result.stderr))")
      return result
    }
    func value(_ result: MinIDBinary.Result, _ path: String...) throws -> String {
      var object: Any = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
      for key in path { object = try #require((object as? [String: Any])?[key]) }
      return try #require(object as? String)
    }
    _ = try step(["init", "--environment", "test", "--scrypt-cost", "10", "--key-alg", "ES256", "--json"])
    _ = try step([
      "service", "add", "--client-id", "app", "--name", "App", "--level", "substantial", "--json",
    ])
    _ = try step(["service", "add", "--client-id", "bank", "--name", "Bank", "--level", "high", "--json"])
    let pid = try work.run(["id", "generate", "--kind", "tenor", "--age", "35", "--seed", "77"]).stdout
      .trimmingCharacters(in: .whitespacesAndNewlines)
    let registered = try step([
      "account", "register", "--pid", pid, "--phone", "91234567", "--email", "par@example.no", "--address",
      "Paritetsveien 1, 0150 Oslo", "--case", "PAR-1", "--json",
    ])
    let code = try value(registered, "letter", "activation_code")
    let password = try work.file("password", "Paritet mellom lagrene 2026\n")
    _ = try step(
      ["account", "activate", "--pid", pid, "--code-file", "-", "--password-file", password, "--json"],
      stdin: code + "\n")
    _ = try step(["login", "start", "--pid", pid, "--client", "bank", "--password-file", password, "--json"])
    let start = try step([
      "login", "start", "--pid", pid, "--client", "app", "--password-file", password, "--json",
    ])
    let finish = try step(
      ["login", "finish", "--login-id", try value(start, "login_id"), "--code-file", "-", "--json"],
      stdin: "12345\n")
    _ = try step(["token", "verify", "--client", "app", try value(finish, "id_token"), "--json"])
    _ = try step(["account", "find", "--phone", "912 34 567", "--json"])
    _ = try step(["account", "update", "--pid", pid, "--email", "ny@example.no", "--case", "PAR-2", "--json"])
    _ = try step(["account", "lock", "--pid", pid, "--reason", "SPERRET", "--json"])
    _ = try step(["login", "start", "--pid", pid, "--client", "app", "--password-file", password, "--json"])
    _ = try step(["account", "unlock", "--pid", pid, "--json"])
    _ = try step(["account", "reset", "--pid", pid, "--json"])
    _ = try step(["account", "resend-letter", "--pid", pid, "--force", "--json"])
    _ = try step(["account", "show", "--pid", pid, "--json"])
    _ = try step(["account", "export", "--format", "jsonl"])
    _ = try step(["account", "delete", "--pid", pid, "--purge", "--yes", "--json"])
    _ = try step(["account", "show", "--pid", pid, "--json"])
    _ = try step(["audit", "list", "--json"])
    _ = try step(["audit", "verify", "--json"])
    _ = try step(["db", "check", "--json"])
    _ = try step(["db", "stats", "--json"])
    return transcript
  }

  /// Masks what differs between any two runs or stores, keeping the shape and everything else.
  func mask(_ text: String) -> String {
    let rules: [(Regex<Substring>, String)] = [
      (try! Regex(#"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z"#), "<time>"),
      (try! Regex(#"[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}"#), "<code>"),
      (try! Regex(#"eyJ[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+"#), "<token>"),
      // Random ids (base64url, 16 characters or more) hold a capital or a digit; words such as
      // idporten-loa-substantial do not.
      (try! Regex(#"(?=[A-Za-z0-9_\-]*[A-Z0-9])[A-Za-z0-9_\-]{16,}"#), "<id>"),
      (try! Regex(#"\b[0-9]{10}\b"#), "<epoch>"),
      (try! Regex(#""sms_code":"[0-9]{5}""#), "\"sms_code\":<sms code>"),
      (try! Regex(#""(?:file_bytes|free_bytes)":[0-9]+"#), "\"size\":<n>"),
      (try! Regex(#"postgresql://[^ "]*|/tmp/[^ "]*"#), "<store>"),
    ]
    var result = text
    for (pattern, replacement) in rules { result = result.replacing(pattern, with: replacement) }
    return result
  }

  /// `db migrate-to`: a SQLite store with history, copied to PostgreSQL, works there as it did.
  @Test func migrateToCopiesAStoreThatKeepsWorking() throws {
    let source = try LifecycleTests.Workspace(sqlite: true)
    let target = try LifecycleTests.Workspace()
    defer {
      source.remove()
      target.remove()
    }
    let (pid, password) = try source.testStoreWithUser()
    _ = try source.json([
      "service", "add", "--client-id", "app", "--name", "App", "--level", "substantial", "--json",
    ])
    _ = try source.json(["account", "lock", "--pid", pid, "--reason", "SPERRET", "--case", "MIG-1", "--json"])
    _ = try source.json(["account", "unlock", "--pid", pid, "--json"])
    // An imported person whose letter waits in the outbox: the copy prints it as the source does.
    let imported = try source.run(["id", "generate", "--kind", "tenor", "--age", "40", "--seed", "78"]).stdout
      .trimmingCharacters(in: .whitespacesAndNewlines)
    let file = try source.file(
      "people.csv", "pid,phone,email,address\n\(imported),91234568,imp@example.no,\"Storgata 2\n0155 Oslo\"\n"
    )
    #expect(try source.run(["account", "import", file]).status == 0)
    let listed = try source.run(["outbox", "list", "--kind", "letter", "--json"]).stdout
    let letter = try #require(
      (try JSONSerialization.jsonObject(with: Data(listed.utf8)) as? [[String: Any]])?.last?["id"] as? Int)
    let shown = try source.run(["outbox", "show", String(letter)]).stdout
    #expect(shown.contains("Storgata 2\n0155 Oslo"))
    let exported = try source.run(["account", "export", "--format", "jsonl", "--include-pii"]).stdout

    let migrated = try source.json(["db", "migrate-to", target.database, "--json"])
    #expect((migrated["rows"] as? [String: Int])?["account"] == 2)
    #expect(try target.run(["outbox", "show", String(letter)]).stdout == shown)
    #expect(try source.run(["db", "migrate-to", target.database]).status == 4, "a second copy is refused")

    // The copy holds the same accounts and a verified chain with one entry more: the copy's own.
    #expect(try target.run(["account", "export", "--format", "jsonl", "--include-pii"]).stdout == exported)
    let sourceEntries = try #require(try source.json(["audit", "verify", "--json"])["entries"] as? Int)
    #expect(try target.json(["audit", "verify", "--json"])["entries"] as? Int == sourceEntries + 1)
    #expect(try target.run(["audit", "list"]).stdout.contains("store.migrate"))
    #expect(try target.run(["db", "check"]).status == 0)

    // And it works: the user logs in and gets a token the copied keys verify; new rows get new ids.
    let passwordFile = try target.file("password", password + "\n")
    let start = try target.json([
      "login", "start", "--pid", pid, "--client", "app", "--password-file", passwordFile, "--json",
    ])
    let finish = try target.json(
      [
        "login", "finish", "--login-id", try #require(start["login_id"] as? String), "--code-file", "-",
        "--json",
      ],
      stdin: "12345\n")
    let token = try #require(finish["id_token"] as? String)
    #expect(try target.run(["token", "verify", "--client", "app", token]).status == 0)
    #expect(try target.run(["testuser", "create", "--json"]).status == 0, "identity sequences continue")
  }
}
