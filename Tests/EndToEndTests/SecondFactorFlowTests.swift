import Foundation
import Testing

/// The MinID app and the code generator through the built binary, as a CI script drives them.
@Suite struct SecondFactorFlowTests {
  static let password = "Fjelltur i mai 2026!"

  /// A test store with one registered (not yet activated) person and a service; the letter's code.
  func registered(_ work: LifecycleTests.Workspace) throws -> (
    pid: String, code: String, passwordFile: String
  ) {
    _ = try work.json([
      "init", "--environment", "test", "--scrypt-cost", "10", "--key-alg", "ES256", "--json",
    ])
    _ = try work.json([
      "service", "add", "--client-id", "my-app", "--name", "My app", "--level", "substantial", "--json",
    ])
    let pid = try work.run(["id", "generate", "--kind", "tenor", "--count", "1", "--age", "30"]).stdout
      .trimmingCharacters(in: .whitespacesAndNewlines)
    let registration = try work.json([
      "account", "register", "--pid", pid, "--phone", "91234567", "--email", "kari@example.no", "--address",
      "Storgata 1, 0155 Oslo", "--json",
    ])
    let letter = try #require(registration["letter"] as? [String: Any])
    return (pid, try #require(letter["activation_code"] as? String), try work.file("password", Self.password))
  }

  func amr(_ work: LifecycleTests.Workspace, _ token: String) throws -> [String]? {
    try work.json(["token", "verify", "--client", "my-app", "--json", token])["amr"] as? [String]
  }

  @Test func enrolLogInApproveInTheAppAndFinishWithMinidAPP() throws {
    let work = try LifecycleTests.Workspace()
    defer { work.remove() }
    let (pid, code, passwordFile) = try registered(work)
    let keyFile = work.directory.appendingPathComponent("phone.pem").path
    let enrolled = try work.json(
      [
        "app", "enroll", "--pid", pid, "--code-file", "-", "--password-file", passwordFile,
        "--device-key-out", keyFile, "--json",
      ],
      stdin: code + "\n")
    let deviceID = try #require(enrolled["device_id"] as? String)
    var info = stat()
    #expect(
      stat(keyFile, &info) == 0 && info.st_mode & 0o777 == 0o600, "the private key is the tester's alone")
    #expect(try String(contentsOfFile: keyFile, encoding: .utf8).hasPrefix("-----BEGIN EC PRIVATE KEY-----"))
    let again = try work.run(
      [
        "app", "enroll", "--pid", pid, "--code-file", "-", "--password-file", passwordFile,
        "--device-key-out",
        keyFile + ".2",
      ],
      stdin: code + "\n")
    #expect(again.status == 2, "the letter's code works once: \(again.stderr)")
    #expect(
      !FileManager.default.fileExists(atPath: keyFile + ".2"), "no key file is left by a refused enrolment")

    let start = try work.json([
      "login", "start", "--pid", pid, "--client", "my-app", "--password-file", passwordFile, "--json",
    ])
    #expect(start["factor"] as? String == "app" && start["sms_code"] is NSNull)
    let loginID = try #require(start["login_id"] as? String)
    let waiting = try work.run(["login", "finish", "--login-id", loginID])
    #expect(waiting.status == 75, "still waiting for the app: \(waiting.stderr)")
    let pending = try work.run(["app", "pending", "--device-key", keyFile, "--json"])
    let list = try #require(
      try JSONSerialization.jsonObject(with: Data(pending.stdout.utf8)) as? [[String: Any]])
    #expect(
      list.map { $0["attempt"] as? String } == [loginID] && list.first?["service"] as? String == "My app")
    let approved = try work.json(["app", "approve", "--device-key", keyFile, "--attempt", loginID, "--json"])
    #expect(approved["decision"] as? String == "approve")
    #expect(
      try work.run(["app", "approve", "--device-key", keyFile, "--attempt", loginID]).status != 0, "once")
    let finish = try work.run(["login", "finish", "--login-id", loginID])
    #expect(finish.status == 0, "\(finish.stderr)")
    #expect(try amr(work, finish.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) == ["Minid-APP"])

    let shown = try work.json(["account", "show", "--pid", pid, "--json"])
    let device = try #require(shown["app_device"] as? [String: Any])
    #expect(device["device_id"] as? String == deviceID && device["last_used_at"] is String)

    // A rejected login fails with exit 2; a lost phone is removed by support, and SMS takes over.
    let second = try work.json([
      "login", "start", "--pid", pid, "--client", "my-app", "--password-file", passwordFile, "--json",
    ])
    let secondID = try #require(second["login_id"] as? String)
    #expect(try work.run(["app", "reject", "--device-key", keyFile, "--attempt", secondID]).status == 0)
    let rejected = try work.run(["login", "finish", "--login-id", secondID])
    #expect(rejected.status == 2 && rejected.stderr.contains("rejected in the MinID app"))
    #expect(try work.run(["app", "remove", "--pid", pid, "--case", "CASE-9"]).status == 0)
    let third = try work.json([
      "login", "start", "--pid", pid, "--client", "my-app", "--password-file", passwordFile, "--json",
    ])
    #expect(third["factor"] as? String == "sms")
  }

  @Test func anUnansweredAppLoginFallsBackToSMSWithMinidOTC() throws {
    let work = try LifecycleTests.Workspace()
    defer { work.remove() }
    let (pid, code, passwordFile) = try registered(work)
    let keyFile = work.directory.appendingPathComponent("phone.pem").path
    _ = try work.json(
      [
        "app", "enroll", "--pid", pid, "--code-file", "-", "--password-file", passwordFile,
        "--device-key-out", keyFile, "--json",
      ],
      stdin: code + "\n")
    let start = try work.json([
      "login", "start", "--pid", pid, "--client", "my-app", "--password-file", passwordFile, "--json",
    ])
    let loginID = try #require(start["login_id"] as? String)
    let sms = try work.json(["login", "sms", "--login-id", loginID, "--json"])
    #expect(sms["factor"] as? String == "sms")
    let smsCode = try #require(sms["sms_code"] as? String)
    #expect(try work.run(["app", "approve", "--device-key", keyFile, "--attempt", loginID]).status != 0)
    let finish = try work.run(["login", "finish", "--login-id", loginID, "--code-file", "-"], stdin: smsCode)
    #expect(finish.status == 0, "\(finish.stderr)")
    #expect(try amr(work, finish.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) == ["Minid-OTC"])
  }

  /// The current RFC 6238 code, by Python's own hmac module: an implementation independent of minid's.
  static func totp(_ secret: String, offset: Int = 0) throws -> String {
    let script = """
      import base64, hmac, struct, sys, time
      key = base64.b32decode(sys.argv[1] + "=" * (-len(sys.argv[1]) % 8))
      mac = hmac.new(key, struct.pack(">Q", int(time.time()) // 30 + int(sys.argv[2])), "sha1").digest()
      o = mac[19] & 15
      print("%06d" % ((struct.unpack(">I", mac[o:o + 4])[0] & 0x7FFFFFFF) % 1000000))
      """
    return try LifecycleTests.Workspace.shell("/usr/bin/python3", ["-c", script, secret, String(offset)])
      .trimmingCharacters(in: .whitespacesAndNewlines)
  }

  @Test func enrolACodeGeneratorAndLogInWithMinidTOTP() throws {
    let work = try LifecycleTests.Workspace()
    defer { work.remove() }
    let (pid, code, passwordFile) = try registered(work)
    _ = try work.json(
      ["account", "activate", "--pid", pid, "--code-file", "-", "--password-file", passwordFile, "--json"],
      stdin: code + "\n")
    let enrolled = try work.json(
      ["totp", "enroll", "--pid", pid, "--password-file", passwordFile, "--code-file", "-", "--json"],
      stdin: "12345\n")
    let secret = try #require(enrolled["secret"] as? String)
    #expect((enrolled["otpauth_uri"] as? String)?.hasPrefix("otpauth://totp/MinID:") == true)
    #expect(!(try work.storeContents()).contains(Data(secret.utf8)), "the secret is not kept in the clear")
    let shown = try work.json(["account", "show", "--pid", pid, "--json"])
    #expect(shown["totp"] is [String: Any] && !String(describing: shown).contains(secret))

    let start = try work.json([
      "login", "start", "--pid", pid, "--client", "my-app", "--password-file", passwordFile, "--json",
    ])
    #expect(start["factor"] as? String == "totp")
    let loginID = try #require(start["login_id"] as? String)
    let totp = try Self.totp(secret)
    let finish = try work.run(["login", "finish", "--login-id", loginID, "--code-file", "-"], stdin: totp)
    #expect(finish.status == 0, "\(finish.stderr)")
    #expect(try amr(work, finish.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) == ["Minid-TOTP"])

    let next = try work.json([
      "login", "start", "--pid", pid, "--client", "my-app", "--password-file", passwordFile, "--json",
    ])
    let reused = try work.run(
      ["login", "finish", "--login-id", try #require(next["login_id"] as? String), "--code-file", "-"],
      stdin: totp)
    #expect(reused.status == 2 && reused.stderr.contains("used already"), "a code works once")
  }

  /// `db migrate-to` copies the device and the sealed secret: both still work on PostgreSQL.
  @Test(.enabled(if: LifecycleTests.Workspace.postgresServer != nil, "needs MINID_TEST_POSTGRES"))
  func migrateToCopiesTheAppDeviceAndTheCodeGenerator() throws {
    let source = try LifecycleTests.Workspace(sqlite: true)
    let target = try LifecycleTests.Workspace()
    defer {
      source.remove()
      target.remove()
    }
    let (pid, code, passwordFile) = try registered(source)
    let keyFile = source.directory.appendingPathComponent("phone.pem").path
    _ = try source.json(
      [
        "app", "enroll", "--pid", pid, "--code-file", "-", "--password-file", passwordFile,
        "--device-key-out",
        keyFile, "--json",
      ],
      stdin: code + "\n")
    let secret = try #require(
      try source.json(
        ["totp", "enroll", "--pid", pid, "--password-file", passwordFile, "--code-file", "-", "--json"],
        stdin: "12345\n")["secret"] as? String)
    let migrated = try source.json(["db", "migrate-to", target.database, "--json"])
    let rows = try #require(migrated["rows"] as? [String: Int])
    #expect(rows["app_device"] == 1 && rows["totp_credential"] == 1)

    let start = try target.json([
      "login", "start", "--pid", pid, "--client", "my-app", "--password-file", passwordFile, "--json",
    ])
    let loginID = try #require(start["login_id"] as? String)
    #expect(try target.run(["app", "approve", "--device-key", keyFile, "--attempt", loginID]).status == 0)
    #expect(try target.run(["login", "finish", "--login-id", loginID]).status == 0)
    _ = try target.json(["app", "remove", "--pid", pid, "--case", "MIG-2", "--json"])
    let next = try target.json([
      "login", "start", "--pid", pid, "--client", "my-app", "--password-file", passwordFile, "--json",
    ])
    #expect(next["factor"] as? String == "totp")
    let finish = try target.run(
      ["login", "finish", "--login-id", try #require(next["login_id"] as? String), "--code-file", "-"],
      stdin: try Self.totp(secret))
    #expect(finish.status == 0, "the sealed secret opens on the copy: \(finish.stderr)")
  }

  @Test func autoApprovalIsRefusedForAProductionStore() throws {
    let work = try LifecycleTests.Workspace()
    defer { work.remove() }
    _ = try work.json([
      "init", "--environment", "production", "--issuer", "https://login.example.no", "--json",
    ])
    let refused = try work.run(["serve", "--listen", "127.0.0.1:0", "--auto-approve-app"])
    #expect(refused.status == 78)
    #expect(refused.stderr.contains("test stores only"))
  }
}
