import Foundation
import Testing

/// What CI users came for, through the built binary: from nothing to a verified level-3 token.
@Suite struct LoginFlowTests {
  @Test func fromATestUserToAVerifiedToken() throws {
    let work = try LifecycleTests.Workspace()
    defer { work.remove() }
    _ = try work.json([
      "init", "--environment", "test", "--scrypt-cost", "10", "--key-alg", "ES256", "--json",
    ])
    let users = try work.run(["testuser", "create", "--json"])
    let user = try #require(
      (try JSONSerialization.jsonObject(with: Data(users.stdout.utf8)) as? [[String: Any]])?.first)
    let pid = try #require(user["pid"] as? String)
    let passwordFile = try work.file("password", (user["password"] as? String ?? "") + "\n")
    _ = try work.json([
      "service", "add", "--client-id", "my-app", "--name", "My app", "--level", "substantial", "--json",
    ])
    _ = try work.json([
      "service", "add", "--client-id", "digipost", "--name", "Digital postkasse", "--level",
      "idporten-loa-high", "--json",
    ])

    // Level 4 is refused before the password is even read: no password file is given here.
    let refused = try work.run(["login", "start", "--pid", pid, "--client", "digipost"])
    #expect(refused.status == 1)
    #expect(refused.stderr.contains("needs security level 4"))
    #expect(refused.stderr.contains("BankID, Buypass ID or Commfides"))

    let wrong = try work.run([
      "login", "start", "--pid", pid, "--client", "my-app", "--password-file",
      try work.file("bad", "Wrong password 1"),
    ])
    #expect(wrong.status == 2)
    #expect(wrong.stderr.contains("wrong identity number or password"))
    let stranger = try work.run([
      "login", "start", "--pid", "10915596784", "--client", "my-app", "--password-file", passwordFile,
    ])
    #expect(stranger.status == 2)
    #expect(stranger.stderr == wrong.stderr, "an unknown person gets the same answer")

    let start = try work.json([
      "login", "start", "--pid", pid, "--client", "my-app", "--password-file", passwordFile, "--json",
    ])
    let loginID = try #require(start["login_id"] as? String)
    let shownPhone = try #require(start["phone"] as? String)
    #expect(shownPhone.hasPrefix("+47*****") && shownPhone.count == 11, "the last three digits shown")
    #expect(shownPhone.suffix(3).allSatisfy { $0.isNumber })
    let finish = try work.run(
      ["login", "finish", "--login-id", loginID, "--code-file", "-", "--nonce", "abc123", "--locale", "en"],
      stdin: "12345\n")
    #expect(finish.status == 0, "\(finish.stderr)")
    let token = finish.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(token.split(separator: ".").count == 3)
    #expect(
      try work.run(["login", "finish", "--login-id", loginID, "--code-file", "-"], stdin: "12345").status
        == 2, "single use")

    let verified = try work.json(["token", "verify", "--client", "my-app", "--json", token])
    #expect(verified["pid"] as? String == pid)
    #expect(verified["acr"] as? String == "idporten-loa-substantial")
    #expect(verified["amr"] as? [String] == ["Minid-OTC"])
    #expect(verified["nonce"] as? String == "abc123" && verified["locale"] as? String == "en")
    #expect(verified["iss"] as? String == "https://minid.test")
    #expect((verified["exp"] as? Int ?? 0) - (verified["iat"] as? Int ?? 0) == 120)
    #expect(try work.run(["token", "verify", "--client", "other", token]).status == 2)
    #expect(
      try work.run(["token", "verify", "--client", "my-app"], stdin: token + "\n").status == 0,
      "token on standard input")

    // The published keys verify it without the store, as a client would.
    let jwks = try work.run(["keys", "jwks"])
    let jwksFile = try work.file("jwks.json", jwks.stdout)
    let offline = try MinIDBinary.run([
      "token", "verify", "--jwks", jwksFile, "--issuer", "https://minid.test", "--client", "my-app", token,
    ])
    #expect(offline.status == 0, "\(offline.stderr)")

    let discovery = try work.json(["discovery"])
    #expect(discovery["jwks_uri"] as? String == "https://minid.test/jwks.json")
    let site = work.directory.appendingPathComponent("site")
    #expect(try work.run(["discovery", "--write-dir", site.path]).status == 0)
    #expect(
      FileManager.default.fileExists(
        atPath: site.appendingPathComponent(".well-known/openid-configuration").path))
    #expect(try String(contentsOf: site.appendingPathComponent("jwks.json"), encoding: .utf8) == jwks.stdout)

    // Rotation keeps old tokens valid until the old key is retired.
    let keys = try #require(
      try JSONSerialization.jsonObject(with: Data(work.run(["keys", "list", "--json"]).stdout.utf8))
        as? [[String: Any]])
    let oldKid = try #require(keys.first?["kid"] as? String)
    #expect(try work.run(["keys", "rotate", "--activate-after", "0"]).status == 0)
    #expect(try work.run(["token", "verify", "--client", "my-app", token]).status == 0)
    // A kid may start with '-' (one in 64 does): '--' keeps it from being read as an option.
    #expect(try work.run(["keys", "retire", "--", oldKid]).status == 0)
    let retired = try work.run(["token", "verify", "--client", "my-app", token])
    #expect(retired.status == 2)
    #expect(retired.stderr.contains("no published key has kid"))

    // Forgotten password, with the test store's static SMS code and the e-mail code from the outbox.
    #expect(try work.run(["account", "recover", "--pid", pid]).status == 0)
    let outbox = try #require(
      try JSONSerialization.jsonObject(
        with: Data(work.run(["outbox", "list", "--kind", "email", "--json"]).stdout.utf8)) as? [[String: Any]]
    )
    let emailID = try #require(outbox.last?["id"] as? Int)
    let body = try work.json(["outbox", "show", String(emailID), "--json"])["body"] as? String ?? ""
    let emailCode =
      body.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { $0.hasSuffix(".") ? $0.dropLast() : $0 }
      .first { $0.count == 6 && $0.allSatisfy { $0.isNumber || ($0.isUppercase && $0.isASCII) } }.map(
        String.init) ?? ""
    let recovered = try work.run(
      [
        "account", "recover", "--pid", pid, "--sms-code-file", "-", "--email-code-file",
        try work.file("mail", emailCode),
        "--password-file", try work.file("new", "Ny tur i juni 2027!"),
      ], stdin: "12345")
    #expect(recovered.status == 0, "\(recovered.stderr)")
    #expect(try work.run(["audit", "verify"]).status == 0)
  }
}

/// `login interactive` on a real terminal (a pseudo-terminal made by util-linux's `script`): the prompts
/// take the password and the code, the password is never echoed, and the token comes out.
@Suite struct InteractiveLoginTests {
  @Test func promptsOnATerminalWithEchoOff() throws {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else { return }
    let work = try LifecycleTests.Workspace()
    defer { work.remove() }
    let (pid, password) = try work.testStoreWithUser()
    _ = try work.json([
      "service", "add", "--client-id", "my-app", "--name", "My app", "--level", "substantial", "--json",
    ])
    // Input typed before the prompt turns echo off would be discarded (TCSAFLUSH), so it comes after a pause.
    let command = "\(MinIDBinary.url.path) login interactive --pid \(pid) --client my-app"
    let shell =
      "(sleep 2; printf '%s\\n' '\(password)'; sleep 2; printf '12345\\n') | /usr/bin/script -qec '\(command)' /dev/null"
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/sh")
    process.arguments = ["-c", shell]
    process.environment = work.environment.merging(["PATH": "/usr/bin:/bin", "TERM": "dumb"]) { $1 }
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let transcript = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(transcript.contains("Password:"))
    #expect(transcript.contains("SMS code:"))
    #expect(!transcript.contains(password), "the password was echoed")
    let token = try #require(
      transcript.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        .first { $0.hasPrefix("eyJ") })
    #expect(try work.run(["token", "verify", "--client", "my-app", token]).status == 0)
  }

  @Test func resendGivesANewLoginIDEndsTheOldCodeAndStopsAtThreeAnHour() throws {
    let work = try LifecycleTests.Workspace()
    defer { work.remove() }
    let user = try work.testStoreWithUser()
    _ = try work.json([
      "service", "add", "--client-id", "my-app", "--name", "My app", "--level", "substantial", "--json",
    ])
    let passwordFile = try work.file("password", user.password + "\n")
    let start = try work.json([
      "login", "start", "--pid", user.pid, "--client", "my-app", "--password-file", passwordFile, "--json",
    ])
    var loginID = try #require(start["login_id"] as? String)
    let first = loginID
    for _ in 0..<3 {
      let again = try work.json(["login", "resend", "--login-id", loginID, "--json"])
      #expect(again["phone"] as? String == start["phone"] as? String)
      loginID = try #require(again["login_id"] as? String)
    }
    let old = try work.run(["login", "finish", "--login-id", first, "--code-file", "-"], stdin: "12345\n")
    #expect(old.status == 2 && old.stderr.contains("has been used"))
    let limited = try work.run(["login", "resend", "--login-id", loginID])
    #expect(limited.status == 1 && limited.stderr.contains("too many codes"))
    let finished = try work.run(
      ["login", "finish", "--login-id", loginID, "--code-file", "-"], stdin: "12345\n")
    #expect(finished.status == 0 && finished.stdout.split(separator: ".").count == 3)
  }
}
