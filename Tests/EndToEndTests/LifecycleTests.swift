import Foundation
import Testing

/// The first half of the lifecycle as a CI script runs it: no terminal, --json everywhere, secrets from
/// files and standard input.
@Suite struct LifecycleTests {
  /// A temporary directory and the environment that points minid at a store in it.
  struct Workspace {
    let directory: URL
    /// The store: a SQLite file in `directory`, or, when `MINID_TEST_POSTGRES` names a server, a URI that
    /// selects a new schema there (scripts/test.sh runs these tests both ways).
    let database: String
    var environment: [String: String] { ["MINID_DATABASE": database, "USER": "ci"] }

    static let postgresServer: String? = ProcessInfo.processInfo.environment["MINID_TEST_POSTGRES"]
      .flatMap { $0.isEmpty ? nil : $0 }
    static var onSQLite: Bool { postgresServer == nil }

    /// - Parameter sqlite: a SQLite store even when a PostgreSQL server is configured.
    init(sqlite: Bool = false) throws {
      directory = FileManager.default.temporaryDirectory.appendingPathComponent(
        "minid-e2e-\(UUID().uuidString)")
      try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
      if let server = Self.postgresServer, !sqlite {
        let schema = "minid_e2e_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        _ = try Self.shell(
          "/usr/bin/psql", [server, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-c", "CREATE SCHEMA \(schema)"])
        database = server + (server.contains("?") ? "&" : "?") + "options=-csearch_path%3D\(schema)"
      } else {
        database = directory.appendingPathComponent("store/minid.sqlite").path
      }
    }

    /// Runs SQL on the store around minid, with the sqlite3 shell or psql; rows as lines, columns by '|'.
    func sql(_ query: String) throws -> String {
      !database.hasPrefix("postgresql://")
        ? try Self.shell("/usr/bin/sqlite3", [database, query])
        : try Self.shell("/usr/bin/psql", [database, "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", query])
    }

    /// Everything the store keeps: a SQLite store's files byte for byte (its write-ahead log included), or
    /// every row of every table of a PostgreSQL store.
    func storeContents() throws -> Data {
      if !database.hasPrefix("postgresql://") {
        var data = Data()
        let store = directory.appendingPathComponent("store")
        for name in try FileManager.default.contentsOfDirectory(atPath: store.path).sorted()
        where !name.hasSuffix("-shm") {
          data.append(Data(name.utf8))
          data.append(try Data(contentsOf: store.appendingPathComponent(name)))
        }
        return data
      }
      // One psql call over every table of the schema (query_to_xml runs the per-table query): the
      // hostile-input test takes a snapshot after each of several hundred commands.
      let query = """
        SELECT table_name, query_to_xml(format('SELECT * FROM %I ORDER BY 1', table_name), false, false, '')
        FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1
        """
      return Data(try sql(query).utf8)
    }

    static func shell(_ tool: String, _ arguments: [String]) throws -> String {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: tool)
      process.arguments = arguments
      let output = Pipe()
      process.standardOutput = output
      try process.run()
      let data = output.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      guard process.terminationStatus == 0 else {
        throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "\(tool) failed"])
      }
      return String(decoding: data, as: UTF8.self)
    }

    func file(_ name: String, _ contents: String) throws -> String {
      let url = directory.appendingPathComponent(name)
      try contents.write(to: url, atomically: true, encoding: .utf8)
      return url.path
    }

    func run(_ arguments: [String], stdin: String? = nil) throws -> MinIDBinary.Result {
      try MinIDBinary.run(arguments, stdin: stdin, environment: environment)
    }

    func json(_ arguments: [String], stdin: String? = nil) throws -> [String: Any] {
      let result = try run(arguments, stdin: stdin)
      #expect(result.status == 0, "\(arguments): \(result.stderr)")
      return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }

    /// A fast test store (cheap scrypt, ES256) with one active test user: its identity number and password.
    func testStoreWithUser() throws -> (pid: String, password: String) {
      _ = try json(["init", "--environment", "test", "--scrypt-cost", "10", "--key-alg", "ES256", "--json"])
      let output = try run(["testuser", "create", "--json"]).stdout
      let users = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]])
      return (try #require(users.first?["pid"] as? String), try #require(users.first?["password"] as? String))
    }
  }

  static let password = "Fjelltur i mai 2026!"

  @Test func fromNothingToAnActiveAccount() throws {
    let work = try Workspace()
    defer { work.remove() }
    var everything = ""  // All output that did not ask for secrets or personal data.

    let missing = try work.run(["account", "show", "--pid", "10915596784"])
    #expect(missing.status == 66)
    #expect(missing.stderr.contains("minid init --environment test"))

    let created = try work.json(["init", "--environment", "test", "--scrypt-cost", "10", "--json"])
    #expect(created["environment"] as? String == "test")
    #expect(created["issuer"] as? String == "https://minid.test")
    #expect(try work.run(["init", "--environment", "test"]).status == 4)

    let pid = try work.run(["id", "generate", "--kind", "tenor", "--age", "30", "--seed", "4"]).stdout
      .trimmingCharacters(in: .whitespacesAndNewlines)
    let registration = try work.json([
      "account", "register", "--pid", pid, "--phone", "912 34 567", "--email", "kari.nordmann@example.no",
      "--address", "Storgata 1, 0155 Oslo", "--case", "CASE-1", "--json",
    ])
    let letter = try #require(registration["letter"] as? [String: Any])
    let code = try #require(letter["activation_code"] as? String)
    #expect(code.count == 19)
    let account = try #require(registration["account"] as? [String: Any])
    #expect(account["state"] as? String == "letter_sent")
    #expect(account["pid"] as? String == pid.prefix(6) + "*****")

    let again = try work.run([
      "account", "register", "--pid", pid, "--phone", "91234567", "--email", "k@example.no", "--address", "x",
      "--json",
    ])
    #expect(again.status == 4)
    everything += again.stdout + again.stderr

    let real = try work.run([
      "account", "register", "--pid", "31129956715", "--phone", "91234567", "--email", "k@example.no",
      "--address", "x",
      "--json",
    ])
    #expect(real.status == 65)
    #expect(real.stderr.contains("\"code\":\"real_number_in_test_store\""))

    let passwordFile = try work.file("password", Self.password + "\n")
    let wrong = try work.run(
      [
        "account", "activate", "--pid", pid, "--code-file", try work.file("wrong", "AAAA-BBBB-CCCC-DDDD"),
        "--password-file", passwordFile,
      ])
    #expect(wrong.status == 2)
    #expect(wrong.stderr.contains("the code is not right for this identity number"))
    everything += wrong.stdout + wrong.stderr

    let bothStdin = try work.run(
      ["account", "activate", "--pid", pid, "--code-file", "-", "--password-file", "-"], stdin: code)
    #expect(bothStdin.status == 64)
    let noTerminal = try work.run(["account", "activate", "--pid", pid, "--code-file", "-"], stdin: code)
    #expect(noTerminal.status == 64)
    #expect(noTerminal.stderr.contains("--password-file"))

    let activated = try work.run(
      ["account", "activate", "--pid", pid, "--code-file", "-", "--password-file", passwordFile, "--json"],
      stdin: code + "\n")
    #expect(activated.status == 0, "\(activated.stderr)")
    everything += activated.stdout + activated.stderr

    let shown = try work.json(["account", "show", "--pid", pid, "--json"])
    #expect(shown["state"] as? String == "active")
    #expect(shown["phone"] as? String == "+47*****567")
    #expect((shown["letter"] as? [String: Any])?["status"] as? String == "used")
    everything += try work.run(["account", "show", "--pid", pid]).stdout
    let revealed = try work.json(["account", "show", "--pid", pid, "--json", "--reveal"])
    #expect(revealed["pid"] as? String == pid)
    #expect(revealed["phone"] as? String == "+4791234567")

    let verified = try work.json(["audit", "verify", "--json"])
    #expect(verified["ok"] as? Bool == true)
    let audit = try work.run(["audit", "list", "--pid", pid, "--json"])
    let entries = try #require(
      try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as? [[String: Any]])
    #expect(
      entries.map { $0["action"] as? String } == [
        "account.register", "letter.send", "account.activate", "account.activate",
      ])
    #expect(entries.map { $0["outcome"] as? String } == ["ok", "ok", "failed", "ok"])
    #expect(entries.first?["case_ref"] as? String == "CASE-1")
    // USER=ci is what the caller claims; the actor is the account the process runs as.
    #expect(entries.first?["actor"] as? String == "admin:" + AuditEvidenceFlowTests.operatingSystemAccount)
    everything += audit.stdout + (try work.run(["audit", "list"]).stdout)
    everything +=
      try work.run(["account", "list", "--json"]).stdout
      + (try work.run(["outbox", "list", "--json"]).stdout)

    let letterText = try work.run(["outbox", "show", "1"])
    #expect(letterText.stdout.contains(code))
    let printDirectory = work.directory.appendingPathComponent("print")
    try FileManager.default.createDirectory(at: printDirectory, withIntermediateDirectories: true)
    let drained = try work.run(["outbox", "drain", "--to-dir", printDirectory.path])
    #expect(drained.stdout.hasPrefix("Drained 1 message."))
    #expect(
      try String(contentsOf: printDirectory.appendingPathComponent("1-letter.txt"), encoding: .utf8).contains(
        code))
    #expect(!(try work.run(["outbox", "show", "1"]).stdout.contains(code)))

    // Nothing that did not ask for it shows the identity number, the password, the code or the phone.
    for secret in [
      pid, Self.password, code, code.replacingOccurrences(of: "-", with: ""), "91234567", "kari.nordmann",
    ] {
      #expect(!everything.contains(secret), "output leaks \(secret)")
    }
  }

  @Test func testUsersAreReadyAtOnce() throws {
    let work = try Workspace()
    defer { work.remove() }
    _ = try work.json(["init", "--environment", "test", "--scrypt-cost", "10", "--json"])
    let result = try work.run(["testuser", "create", "--count", "2", "--age", "13", "--json"])
    #expect(result.status == 0, "\(result.stderr)")
    let users = try #require(
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
    #expect(users.count == 2)
    for user in users {
      let pid = try #require(user["pid"] as? String)
      #expect((user["password"] as? String)?.count == 20)
      #expect(try work.json(["account", "show", "--pid", pid, "--json"])["state"] as? String == "active")
      #expect(try work.run(["id", "validate", "--json", pid]).stdout.contains("\"kind\":\"tenor\""))
    }
  }

  @Test func productionStores() throws {
    let work = try Workspace()
    defer { work.remove() }
    #expect(try work.run(["init", "--environment", "production"]).status == 64, "an issuer is required")
    #expect(
      try work.run([
        "init", "--environment", "production", "--issuer", "https://login.example.no/", "--scrypt-cost", "10",
      ]).status == 64)
    let created = try work.json([
      "init", "--environment", "production", "--issuer", "https://login.example.no/", "--json",
    ])
    #expect(created["issuer"] as? String == "https://login.example.no")
    let registration = try work.json([
      "account", "register", "--pid", "31129956715", "--phone", "+4741234567", "--email", "ola@example.no",
      "--address",
      "Kirkegata 2, 0153 Oslo", "--json",
    ])
    #expect((registration["letter"] as? [String: Any])?["activation_code"] == nil)
    #expect(try work.run(["testuser", "create"]).status == 1)
    let synthetic = try work.run([
      "account", "register", "--pid", "10915596784", "--phone", "91234567", "--email", "k@example.no",
      "--address", "x",
    ])
    #expect(synthetic.status == 65)
    #expect(synthetic.stderr.contains("test number"))
  }
}
