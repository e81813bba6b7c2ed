import Foundation
import Testing

/// The logout pages of the built `minid serve`, as curl sees them: in the login pages' frame and the
/// language the person chose, framing only the session's clients and running only their nonce'd script.
@Suite struct LogoutPagesTests {
  @Test func theLogoutPagesSpeakTheChosenLanguageAndFrameOnlyTheSessionsClients() throws {
    let work = try LifecycleTests.Workspace()
    defer { work.remove() }
    let (pid, _) = try work.testStoreWithUser()
    _ = try work.json([
      "service", "add", "--client-id", "app", "--name", "App", "--level", "substantial", "--redirect-uri",
      "https://app.example/cb", "--frontchannel-logout-uri", "https://app.example:8443/fc", "--json",
    ])
    let server = try ServeTests.Server(work)
    let login = try ServeTests.curl(
      SessionFlowTests.authorize(server, "&login_hint=testid%3A\(pid)_idporten-loa-substantial"))
    let session = String(try #require(login.headers["set-cookie"]).prefix { $0 != ";" })

    let english = "MINID_SELECTED_LANGUAGE=en"
    let out = try ServeTests.curl(
      server.url("/logout?client_id=app"), ["-H", "Cookie: \(session); \(english)"])
    #expect(out.status == 200 && out.body.contains("<html lang=\"en\">"))
    #expect(out.body.contains("<h1>You are logged out</h1>") && out.body.contains("title=\"Logout\""))
    #expect(out.body.contains("<iframe src=\"https://app.example:8443/fc?"))
    #expect(out.body.contains("href=\"/pages.css\""), "the login pages' style")
    #expect(
      !out.body.contains("name=\"lang\"") && !out.body.contains("/authorize/cancel"), "no login's forms")
    let policy = try #require(out.headers["content-security-policy"])
    #expect(policy.contains("frame-src https://app.example:8443;") && policy.contains("form-action 'none'"))
    #expect(policy.contains("frame-ancestors 'none'") && !policy.contains("unsafe-inline"))
    #expect(out.headers["x-frame-options"] == "DENY" && out.headers["cache-control"] == "no-store")

    let none = try ServeTests.curl(
      server.url("/logout?client_id=app"), ["-H", "Cookie: MINID_SELECTED_LANGUAGE=nn"])
    #expect(none.status == 400 && none.body.contains("<html lang=\"nn\">"))
    #expect(none.body.contains("<h1>Inga aktiv innlogging</h1>"))
    #expect(none.body.contains("Du har inga aktiv innlogging i denne nettlesaren"))
    let closed = try #require(none.headers["content-security-policy"])
    #expect(closed.contains("frame-src 'none'") && closed.contains("form-action 'none'"))
    #expect(server.terminate() == 0)
  }
}
