import Foundation
import Testing

/// Everything minid writes, searched for every secret the run used: passwords, codes, the signing key and
/// the full identity number. Each may appear only where it was asked for.
@Suite struct SecretLeakTests {
  @Test func noSecretAppearsWhereItWasNotAskedFor() throws {
    let work = try LifecycleTests.Workspace()
    defer { work.remove() }
    var quiet = ""  // Output that must hold no secret and no full identity number.
    var anywhere = ""  // Everything, which must never hold a password.
    func run(_ arguments: [String], stdin: String? = nil, asksForSecrets: Bool = false) throws
      -> MinIDBinary.Result
    {
      let result = try work.run(arguments, stdin: stdin)
      quiet += result.stderr
      if !asksForSecrets { quiet += result.stdout }
      anywhere += result.stdout + result.stderr
      return result
    }
    func object(_ result: MinIDBinary.Result) throws -> [String: Any] {
      #expect(result.status == 0, "\(result.stderr)")
      return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    _ = try run(["init", "--environment", "test", "--scrypt-cost", "10", "--key-alg", "ES256", "--json"])
    _ = try run(["service", "add", "--client-id", "app", "--name", "App", "--level", "substantial"])
    let pid = try work.run(["id", "generate", "--kind", "tenor", "--age", "40", "--seed", "21"]).stdout
      .trimmingCharacters(in: .whitespacesAndNewlines)
    let password = "Hemmelig passord for lekkasjetest 7"
    let wrongPassword = "Galt passord som aldri skal synes 3"
    let passwordFile = try work.file("password", password + "\n")
    let wrongFile = try work.file("wrong", wrongPassword + "\n")

    // Registration in a test store shows the code: asked for.
    let registered = try object(
      try run(
        [
          "account", "register", "--pid", pid, "--phone", "41234567", "--email", "leak@example.no",
          "--address",
          "Lekkasjeveien 9, 0150 Oslo", "--json",
        ], asksForSecrets: true))
    let code = try #require((registered["letter"] as? [String: Any])?["activation_code"] as? String)
    let codeFile = try work.file("code", code + "\n")
    _ = try run(
      ["account", "activate", "--pid", pid, "--code-file", "-", "--password-file", wrongFile],
      stdin: "ABCD-EFGH-JKMN-PQRS\n")
    let activated = try run([
      "account", "activate", "--pid", pid, "--code-file", codeFile, "--password-file", passwordFile,
    ])
    #expect(activated.status == 0, "\(activated.stderr)")

    // Login: a wrong password, then the right one; the SMS code is read from the outbox (asked for).
    _ = try run(["login", "start", "--pid", pid, "--client", "app", "--password-file", wrongFile])
    let start = try object(
      try run(["login", "start", "--pid", pid, "--client", "app", "--password-file", passwordFile, "--json"]))
    let loginID = try #require(start["login_id"] as? String)
    _ = try run(["login", "finish", "--login-id", loginID, "--code-file", "-"], stdin: "99999\n")
    let second = try object(
      try run(["login", "start", "--pid", pid, "--client", "app", "--password-file", passwordFile, "--json"]))
    let messages = try #require(
      try JSONSerialization.jsonObject(with: Data(try run(["outbox", "list", "--json"]).stdout.utf8))
        as? [[String: Any]])
    let smsID = try #require(messages.compactMap { $0["id"] as? Int }.max())
    let sms = try run(["outbox", "show", String(smsID)], asksForSecrets: true).stdout
    let smsCode = try #require(sms.firstMatch(of: /engangskode: (\d{5})/)?.output.1).description
    let finished = try object(
      try run(
        [
          "login", "finish", "--login-id", try #require(second["login_id"] as? String), "--code-file", "-",
          "--json",
        ],
        stdin: smsCode + "\n", asksForSecrets: true))
    let token = try #require(finished["id_token"] as? String)

    // Support work, reads and maintenance: none of it asks for secrets.
    _ = try run(["token", "verify", "--client", "app", token], asksForSecrets: true)  // its claims hold pid
    _ = try run(["account", "show", "--pid", pid, "--json"])
    _ = try run(["account", "find", "--phone", "41234567"])
    _ = try run(["account", "update", "--pid", pid, "--email", "ny@example.no", "--json"])
    _ = try run(["account", "lock", "--pid", pid, "--reason", "SPERRET", "--case", "LEAK-1"])
    _ = try run([
      "login", "start", "--pid", pid, "--client", "app", "--password-file", passwordFile, "--json",
    ])
    _ = try run(["account", "unlock", "--pid", pid])
    _ = try run(["account", "export", "--format", "jsonl"])
    _ = try run(["account", "export", "--format", "csv", "--state", "active"])
    _ = try run(["audit", "list", "--json"])
    _ = try run(["audit", "list", "--pid", pid])
    _ = try run(["audit", "verify", "--json"])
    _ = try run(["keys", "list", "--json"])
    _ = try run(["keys", "jwks"])
    _ = try run(["discovery"])
    _ = try run(["db", "stats", "--json"])
    _ = try run(["db", "check", "--json"])
    _ = try run([
      "account", "register", "--pid", pid, "--phone", "41234567", "--email", "x@y.no", "--address", "A",
    ])
    _ = try run(["outbox", "list"])

    let privateKey = try signingKeyScalar(work)
    let secrets: [(String, String)] = [
      ("the password", password), ("the wrong password", wrongPassword), ("the activation code", code),
      ("the activation code without dashes", code.replacingOccurrences(of: "-", with: "")),
      ("the signing key (base64url)", privateKey.base64URL), ("the signing key (hex)", privateKey.hex),
      ("the identity number", pid),
    ]
    for (name, secret) in secrets {
      #expect(!quiet.contains(secret), "\(name) appears in output that did not ask for it")
    }
    #expect(!quiet.contains("engangskode: \(smsCode)"), "the SMS text appears outside 'outbox show'")
    #expect(!anywhere.contains(password) && !anywhere.contains(wrongPassword), "a password was printed")
    #expect(!quiet.contains("41234567") && !quiet.contains("leak@example.no"), "contact data unmasked")

    // The store file itself: passwords and codes only as hashes; the audit trail holds no personal data.
    let database = try work.storeContents()
    for secret in [password, wrongPassword, smsCode + "\n"] {
      #expect(database.range(of: Data(secret.utf8)) == nil, "a password or code in clear in the store file")
    }
    let audit = try work.run(["audit", "list", "--json"]).stdout
    for text in [pid, code, smsCode, "41234567", "leak@example.no", "ny@example.no", "Lekkasjeveien"] {
      #expect(!audit.contains("\"\(text)") && !audit.contains(" \(text)"), "the audit trail holds \(text)")
    }
  }

  /// The ES256 private scalar `d`, read from the store around minid (it never leaves minid otherwise).
  func signingKeyScalar(_ work: LifecycleTests.Workspace) throws -> (base64URL: String, hex: String) {
    let hex = try work.sql(
      LifecycleTests.Workspace.onSQLite
        ? "SELECT hex(private_der) FROM signing_key WHERE active = 1"
        : "SELECT upper(encode(private_der, 'hex')) FROM signing_key WHERE active = 1"
    ).trimmingCharacters(in: .whitespacesAndNewlines)
    // SEC 1 / PKCS #8 hold d as an OCTET STRING of 32 bytes: tag 04, length 20.
    let marker = try #require(hex.range(of: "0420"))
    let scalarHex = String(hex[marker.upperBound...].prefix(64))
    #expect(scalarHex.count == 64)
    var bytes: [UInt8] = []
    var index = scalarHex.startIndex
    while index < scalarHex.endIndex {
      let next = scalarHex.index(index, offsetBy: 2)
      bytes.append(UInt8(scalarHex[index..<next], radix: 16)!)
      index = next
    }
    let base64URL = Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
      .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    return (base64URL, scalarHex.lowercased())
  }
}
