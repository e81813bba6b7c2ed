import Foundation
import Testing

/// The login pages of the built `minid serve`, spoken to with curl as a browser would: the headers every
/// page carries, the form token, the language cookie and the style sheet. (The pages in a real browser are
/// Tests/browser.)
@Suite struct LoginPagesTests {
  static let authorize =
    "/authorize?client_id=rp&response_type=code&scope=openid&redirect_uri=http%3A%2F%2Flocalhost%3A8000%2Fcallback"
    + "&state=s1&nonce=n1&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"

  /// A test store with a user and a service, served at its issuer https://minid.test.
  static func serve(_ work: LifecycleTests.Workspace) throws -> (
    ServeTests.Server, pid: String, password: String
  ) {
    let user = try work.testStoreWithUser()
    _ = try work.json([
      "service", "add", "--client-id", "rp", "--name", "Min side", "--level", "substantial",
      "--redirect-uri", "http://localhost:8000/callback", "--json",
    ])
    return (try ServeTests.Server(work), user.pid, user.password)
  }

  static func field(_ name: String, in body: String) throws -> String {
    let marker = "name=\"\(name)\" value=\""
    let start = try #require(body.range(of: marker)).upperBound
    return String(body[start...].prefix { $0 != "\"" })
  }

  @Test func everyPageHasANoncePolicyThatForbidsFramingIsNotCachedAndSetsAStrictCookie() throws {
    let work = try LifecycleTests.Workspace()
    defer { work.remove() }
    let (server, _, _) = try Self.serve(work)
    let first = try ServeTests.curl(server.url(Self.authorize))
    let second = try ServeTests.curl(server.url(Self.authorize))
    #expect(first.status == 200 && first.body.contains("<html lang=\"nb\">"))
    let policy = try #require(first.headers["content-security-policy"])
    #expect(policy.contains("frame-ancestors 'none'") && policy.contains("default-src 'none'"))
    #expect(policy.contains("script-src 'nonce-") && !policy.contains("unsafe-inline"))
    #expect(policy != second.headers["content-security-policy"], "a new nonce for every answer")
    #expect(first.headers["cache-control"] == "no-store" && first.headers["x-frame-options"] == "DENY")
    let cookie = try #require(first.headers["set-cookie"])
    #expect(cookie.hasPrefix("MINID_BROWSER="))
    #expect(cookie.contains("; HttpOnly") && cookie.contains("; SameSite=Lax") && cookie.contains("; Secure"))
    let css = try ServeTests.curl(server.url("/pages.css"))
    #expect(css.status == 200 && css.headers["content-type"] == "text/css; charset=utf-8")
    #expect(server.terminate() == 0)
  }

  @Test func aFormWithoutItsTokenOrFromAnotherBrowserIsRefusedBeforeAnythingIsChecked() throws {
    let work = try LifecycleTests.Workspace()
    defer { work.remove() }
    let (server, pid, password) = try Self.serve(work)
    let page = try ServeTests.curl(server.url(Self.authorize))
    let cookie = String(try #require(page.headers["set-cookie"]).prefix { $0 != ";" })
    let login = try Self.field("login", in: page.body)
    let token = try Self.field("csrf", in: page.body)
    func post(_ fields: [String], cookie: String?) throws -> ServeTests.Reply {
      try ServeTests.curl(
        server.url("/authorize/minid/password"),
        (cookie.map { ["-H", "Cookie: \($0)"] } ?? []) + fields.flatMap { ["--data-urlencode", $0] })
    }
    let credentials = ["login=\(login)", "pid=\(pid)", "password=\(password)"]
    let missing = try post(credentials, cookie: cookie)
    #expect(missing.status == 403 && missing.body.contains("Skjemaet er utløpt"))
    let stranger = try post(credentials + ["csrf=\(token)"], cookie: "MINID_BROWSER=someone-else")
    #expect(stranger.status == 403)
    let outbox = try work.run(["outbox", "list", "--kind", "sms", "--json"]).stdout
    #expect(outbox.trimmingCharacters(in: .whitespacesAndNewlines) == "[]", "nothing was sent")
    let accepted = try post(credentials + ["csrf=\(token)"], cookie: cookie)
    #expect(accepted.status == 200 && accepted.body.contains("name=\"code\""))
    #expect(server.terminate() == 0)
  }

  @Test func theLanguageSwitchShowsTheSameStepAndRemembersTheChoiceForAYear() throws {
    let work = try LifecycleTests.Workspace()
    defer { work.remove() }
    let (server, _, _) = try Self.serve(work)
    let page = try ServeTests.curl(server.url(Self.authorize + "&ui_locales=nn"))
    #expect(page.body.contains("<html lang=\"nn\">") && page.body.contains("Vel elektronisk ID"))
    let cookie = String(try #require(page.headers["set-cookie"]).prefix { $0 != ";" })
    let switched = try ServeTests.curl(
      server.url("/authorize/page"),
      ["-H", "Cookie: \(cookie)"]
        + [
          "login=\(try Self.field("login", in: page.body))", "csrf=\(try Self.field("csrf", in: page.body))",
          "step=minid", "lang=se",
        ].flatMap { ["--data-urlencode", $0] })
    #expect(switched.status == 200 && switched.body.contains("<html lang=\"se\">"))
    #expect(switched.body.contains("name=\"password\""), "the step the switch was pressed on")
    let remembered = try #require(switched.headers["set-cookie"])
    #expect(remembered.hasPrefix("MINID_SELECTED_LANGUAGE=se;") && remembered.contains("Max-Age=31536000"))
    #expect(remembered.contains("; HttpOnly") && remembered.contains("; SameSite=Lax"))
    let later = try ServeTests.curl(
      server.url(Self.authorize + "&ui_locales=en"), ["-H", "Cookie: MINID_SELECTED_LANGUAGE=se"])
    #expect(later.body.contains("<html lang=\"se\">"), "the person's own choice before the service's")
    #expect(server.terminate() == 0)
  }
}
