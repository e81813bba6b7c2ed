import Foundation
import Testing

/// What a CI job needs from minid, through the built binary: a fast test store, every result as JSON,
/// codes as fields, keys published before they sign, and the issuer's documents at the issuer's path.
@Suite struct CIUserTests {
  typealias Workspace = LifecycleTests.Workspace

  /// The `kid` in a compact token's header.
  static func kid(of token: String) throws -> String {
    var part = String(token.split(separator: ".").first ?? "")
      .replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
    while part.count % 4 != 0 { part += "=" }
    let data = try #require(Data(base64Encoded: part))
    let header = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    return try #require(header["kid"] as? String)
  }

  @Test func aTestStoreDefaultsToCheapScryptAndProductionToTheStrongOne() throws {
    let test = try Workspace()
    defer { test.remove() }
    #expect(
      try test.json(["init", "--environment", "test", "--json"])["scrypt"] as? String == "ln=10,r=8,p=1")
    let production = try Workspace()
    defer { production.remove() }
    let settings = try production.json([
      "init", "--environment", "production", "--issuer", "https://login.example.no", "--json",
    ])
    #expect(settings["scrypt"] as? String == "ln=17,r=8,p=1")
  }

  @Test func commandsThatPrintedOnlyTextAcceptJSON() throws {
    let work = try Workspace()
    defer { work.remove() }
    _ = try work.testStoreWithUser()
    let jwks = try work.json(["keys", "jwks", "--json"])
    #expect((jwks["keys"] as? [Any])?.count == 1)
    #expect(try work.json(["discovery", "--json"])["issuer"] as? String == "https://minid.test")
    let export = try work.run(["account", "export", "--json"])
    #expect(export.status == 0, "\(export.stderr)")
    let line = try #require(export.stdout.split(separator: "\n").first)
    #expect(
      (try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["state"] as? String
        == "active")
    #expect(try work.run(["account", "export", "--json", "--format", "csv"]).status == 64)
    if Workspace.onSQLite {
      let copy = work.directory.appendingPathComponent("copy.sqlite").path
      let backup = try work.json(["db", "backup", copy, "--json"])
      #expect(backup["path"] as? String == copy)
      #expect((backup["bytes"] as? Int ?? 0) > 0)
    }
  }

  @Test func theDiscoveryDocumentsGoUnderTheIssuersPath() throws {
    let work = try Workspace()
    defer { work.remove() }
    _ = try work.json(["init", "--environment", "test", "--issuer", "http://localhost:8080/idp", "--json"])
    let site = work.directory.appendingPathComponent("site")
    let written = try work.json(["discovery", "--write-dir", site.path, "--json"])
    let configuration = site.appendingPathComponent("idp/.well-known/openid-configuration")
    let jwks = site.appendingPathComponent("idp/jwks.json")
    #expect(written["files"] as? [String] == [configuration.path, jwks.path])
    let document = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: configuration)) as? [String: Any])
    #expect(document["issuer"] as? String == "http://localhost:8080/idp")
    // Served from `site` as http://localhost:8080, jwks_uri is exactly the file written.
    #expect(document["jwks_uri"] as? String == "http://localhost:8080/idp/jwks.json")
    #expect(FileManager.default.fileExists(atPath: jwks.path))
    #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent(".well-known").path))
    let refused = try Workspace()
    defer { refused.remove() }
    let result = try refused.run([
      "init", "--environment", "test", "--issuer", "http://localhost.example.com/idp",
    ])
    #expect(result.status != 0)
    #expect(result.stderr.contains("http:// only for localhost, 127.0.0.1 or [::1]"))
  }

  @Test func aScriptGetsTheLoginAndLetterCodesAsFields() throws {
    let work = try Workspace()
    defer { work.remove() }
    let user = try work.testStoreWithUser()
    _ = try work.json([
      "service", "add", "--client-id", "my-app", "--name", "My app", "--level", "substantial", "--json",
    ])
    let start = try work.json([
      "login", "start", "--pid", user.pid, "--client", "my-app", "--json", "--password-file",
      try work.file("password", user.password + "\n"),
    ])
    let code = try #require(start["sms_code"] as? String)
    #expect(code.count == 5 && code != "12345")
    let finish = try work.run(
      ["login", "finish", "--login-id", start["login_id"] as? String ?? "", "--code-file", "-"], stdin: code)
    #expect(finish.status == 0, "\(finish.stderr)")

    let registered = try work.json([
      "account", "register", "--pid", "10915596784", "--phone", "+4791234567", "--email", "a@example.no",
      "--address", "Gate 1, 0150 Oslo", "--json",
    ])
    let letter = try #require(registered["letter"] as? [String: Any])
    let shown = try work.json(["outbox", "show", String(letter["outbox_id"] as? Int ?? 0), "--json"])
    #expect(shown["code"] as? String == letter["activation_code"] as? String)
  }

  @Test func aRotatedKeyIsPublishedAtOnceAndSignsAfterItsActivationTime() throws {
    let work = try Workspace()
    defer { work.remove() }
    let user = try work.testStoreWithUser()
    _ = try work.json([
      "service", "add", "--client-id", "my-app", "--name", "My app", "--level", "substantial", "--json",
    ])
    func token() throws -> String {
      let start = try work.json([
        "login", "start", "--pid", user.pid, "--client", "my-app", "--json", "--password-file",
        try work.file("password", user.password + "\n"),
      ])
      return try work.run(
        ["login", "finish", "--login-id", start["login_id"] as? String ?? "", "--code-file", "-"],
        stdin: "12345"
      ).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
    let old = try Self.kid(of: try token())
    let rotated = try work.run(["keys", "rotate", "--json"])
    #expect(rotated.status == 0, "\(rotated.stderr)")
    #expect(rotated.stderr.contains("Republish the JWKS now"))
    #expect(rotated.stderr.contains("https://minid.test/jwks.json"))
    let key = try #require(
      try JSONSerialization.jsonObject(with: Data(rotated.stdout.utf8)) as? [String: Any])
    let new = try #require(key["kid"] as? String)
    #expect(key["state"] as? String == "scheduled")
    #expect(try work.run(["keys", "jwks"]).stdout.contains(new), "published at once")
    #expect(try Self.kid(of: try token()) == old, "the old key signs until the activation time")
    #expect(try work.run(["keys", "retire", "--", old]).status == 3, "the key that signs now")

    let added = try work.json(["keys", "add", "--json"])
    let addedKid = try #require(added["kid"] as? String)
    #expect(added["state"] as? String == "published")
    let activated = try work.json(["keys", "activate", "--json", "--", addedKid])
    #expect(activated["state"] as? String == "active")
    #expect(try Self.kid(of: try token()) == addedKid)
    let actions = try work.run(["audit", "list", "--json"]).stdout
    for action in ["key.add", "key.activate"] { #expect(actions.contains("\"action\":\"\(action)\"")) }
    #expect(try work.run(["audit", "verify"]).status == 0)
  }

  @Test func installExtrasPutsTheManPageAndCompletionsWhereTheyAreLookedFor() throws {
    let work = try Workspace()
    defer { work.remove() }
    let prefix = work.directory.appendingPathComponent("prefix").path
    let first = try MinIDBinary.run(["install-extras", "--prefix", prefix, "--json"])
    #expect(first.status == 0, "\(first.stderr)")
    let installed = try #require(
      try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [[String: Any]])
    let paths = [
      "share/man/man1/minid.1", "share/bash-completion/completions/minid", "share/zsh/site-functions/_minid",
      "share/fish/vendor_completions.d/minid.fish",
    ].map { prefix + "/" + $0 }
    #expect(installed.map { $0["path"] as? String ?? "" } == paths)
    #expect(installed.allSatisfy { $0["outcome"] as? String == "created" })
    let manPage = try MinIDBinary.run(["--generate-manpage"]).stdout
    #expect(try String(contentsOfFile: paths[0], encoding: .utf8) == manPage)
    #expect(
      try String(contentsOfFile: paths[1], encoding: .utf8)
        == MinIDBinary.run(["--generate-completion-script", "bash"]).stdout)
    #expect(first.stderr.contains("\(prefix)/share/man"))

    // Again: current files are left alone; an older one of minid's is replaced.
    try (manPage + ".\\\" an older page\n").write(
      toFile: paths[0], atomically: false, encoding: .utf8)
    let second = try MinIDBinary.run(["install-extras", "--prefix", prefix, "--json"])
    let outcomes = try #require(
      try JSONSerialization.jsonObject(with: Data(second.stdout.utf8)) as? [[String: Any]]
    ).map { $0["outcome"] as? String ?? "" }
    #expect(outcomes == ["replaced", "unchanged", "unchanged", "unchanged"])
    #expect(try String(contentsOfFile: paths[0], encoding: .utf8) == manPage)

    // A file that is not minid's, and a link, are refused and left as they are.
    try "my own zsh function\n".write(toFile: paths[2], atomically: false, encoding: .utf8)
    let foreign = try MinIDBinary.run(["install-extras", "--prefix", prefix])
    #expect(foreign.status == 73, "\(foreign.stderr)")
    #expect(foreign.stderr.contains("\(paths[2]) is already there and is not a file minid generated"))
    #expect(try String(contentsOfFile: paths[2], encoding: .utf8) == "my own zsh function\n")
    try FileManager.default.removeItem(atPath: paths[2])
    let target = work.directory.appendingPathComponent("target").path
    try "x".write(toFile: target, atomically: false, encoding: .utf8)
    try FileManager.default.createSymbolicLink(atPath: paths[2], withDestinationPath: target)
    let linked = try MinIDBinary.run(["install-extras", "--prefix", prefix])
    #expect(linked.status != 0)
    #expect(try String(contentsOfFile: target, encoding: .utf8) == "x")
  }
}
