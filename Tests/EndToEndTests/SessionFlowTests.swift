import Foundation
import Testing

/// Single sign-on through the built binary: `service add` with logout URIs, a browser's login to
/// `minid serve` (curl, carrying the cookie as a browser would), and support's `session list` and
/// `session end`.
@Suite struct SessionFlowTests {
  static let challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"  // RFC 7636 appendix B

  static func authorize(_ server: ServeTests.Server, _ extra: String) -> String {
    server.url(
      "/authorize?client_id=app&response_type=code&scope=openid&redirect_uri=https%3A%2F%2Fapp.example%2Fcb"
        + "&state=s1&nonce=n1&code_challenge=\(challenge)&code_challenge_method=S256" + extra)
  }

  @Test func aSessionIsSharedByLoginsAndEndedBySupport() throws {
    let work = try LifecycleTests.Workspace()
    defer { work.remove() }
    let (pid, _) = try work.testStoreWithUser()
    let add = ["service", "add", "--client-id", "app", "--name", "App", "--level", "substantial"]
    let stray = try work.run(
      add + [
        "--redirect-uri", "https://app.example/cb", "--backchannel-logout-uri", "https://other.example/bc",
      ])
    #expect(stray.status == 65 && stray.stderr.contains("backchannel-logout-uri"), "\(stray.stderr)")
    _ = try work.json(
      add + [
        "--redirect-uri", "https://app.example/cb", "--backchannel-logout-uri", "https://app.example/bc",
        "--frontchannel-logout-uri", "https://app.example/fc", "--post-logout-redirect-uri",
        "https://app.example/bye", "--json",
      ])
    let updated = try work.run(
      ["service", "update", "--client-id", "app", "--frontchannel-logout-uri", "https://app.example/fc2"])
    #expect(
      updated.status == 0 && updated.stdout.contains("front-channel https://app.example/fc2"),
      "\(updated.stderr)")
    #expect(try work.run(["service", "update", "--client-id", "app"]).status == 64, "nothing to change")
    let server = try ServeTests.Server(work, ["--session-idle", "10", "--session-max", "60"])

    let login = try ServeTests.curl(
      Self.authorize(server, "&login_hint=testid%3A\(pid)_idporten-loa-substantial"))
    #expect(login.status == 302)
    let setCookie = try #require(login.headers["set-cookie"])
    #expect(setCookie.hasPrefix("MINID_SESSION=") && setCookie.contains("HttpOnly"))
    #expect(
      setCookie.contains("SameSite=Lax") && setCookie.contains("Secure") && setCookie.contains("Max-Age=3600")
    )
    let cookie = String(setCookie.split(separator: ";")[0])

    let sso = try ServeTests.curl(Self.authorize(server, ""), ["-H", "Cookie: \(cookie)"])
    #expect(sso.status == 302 && sso.headers["location"]?.contains("code=") == true, "SSO without a page")
    let forced = try ServeTests.curl(Self.authorize(server, "&prompt=login"), ["-H", "Cookie: \(cookie)"])
    #expect(forced.status == 200 && forced.body.contains("name=\"csrf\""), "a login page, not a code")

    let listed = try work.run(["session", "list", "--pid", pid, "--json"])
    let sessions = try #require(
      try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
    #expect(sessions.count == 1 && sessions.first?["state"] as? String == "live")
    #expect(sessions.first?["clients"] as? [String] == ["app"])
    let prefix = try #require(sessions.first?["id_prefix"] as? String)
    #expect(prefix.count == 8 && !cookie.contains(prefix), "support sees a prefix of the sid, not the cookie")

    let ended = try work.run(["session", "end", "--pid", pid, "--case", "SUP-1"])
    #expect(ended.status == 0 && ended.stdout == "Ended 1 sessions.\n", "\(ended.stderr)")
    let after = try work.run(["session", "list", "--pid", pid])
    #expect(after.stdout.contains("ended"))
    let again = try ServeTests.curl(Self.authorize(server, ""), ["-H", "Cookie: \(cookie)"])
    #expect(again.status == 200 && again.body.contains("name=\"csrf\""), "the ended session is not used")
    let logout = try ServeTests.curl(server.url("/logout?client_id=app"), ["-H", "Cookie: \(cookie)"])
    #expect(logout.status == 400 && logout.headers["location"] == nil, "nothing left to log out of")
    let missingCase = try work.run(["session", "end", "--pid", pid])
    #expect(missingCase.status == 64)
    let audit = try work.run(["audit", "list", "--pid", pid])
    #expect(audit.stdout.contains("session.end") && audit.stdout.contains("SUP-1"))
    #expect(server.terminate() == 0)
  }
}
