import Foundation
import Testing

/// A login attempt belongs to the login and the browser that began it: a second browser that learnt the
/// attempt id (from `minid app pending`, or a proxy's log of the poll URL) and has its own login for the
/// same service is refused on every route that takes an attempt, and the right browser still logs in.
@Suite struct AttemptBindingTests {
  /// One browser: its cookie, its login in progress and that login's form token.
  struct Browser {
    let cookie: String
    let login: String
    let csrf: String

    func post(_ server: ServeTests.Server, _ path: String, _ fields: [String]) throws -> ServeTests.Reply {
      try ServeTests.curl(
        server.url(path),
        ["-H", "Cookie: \(cookie)"]
          + (["login=\(login)", "csrf=\(csrf)"] + fields).flatMap { ["--data-urlencode", $0] })
    }

    func get(_ server: ServeTests.Server, _ path: String) throws -> ServeTests.Reply {
      try ServeTests.curl(server.url(path), ["-H", "Cookie: \(cookie)"])
    }
  }

  static func begin(_ server: ServeTests.Server) throws -> Browser {
    let page = try ServeTests.curl(server.url(LoginPagesTests.authorize))
    return Browser(
      cookie: String(try #require(page.headers["set-cookie"]).prefix { $0 != ";" }),
      login: try LoginPagesTests.field("login", in: page.body),
      csrf: try LoginPagesTests.field("csrf", in: page.body))
  }

  static func encoded(_ text: String) -> String {
    text.addingPercentEncoding(
      withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_.~")))
      ?? ""
  }

  func smsCount(_ work: LifecycleTests.Workspace) throws -> Int {
    let listed = try work.run(["outbox", "list", "--kind", "sms", "--json"]).stdout
    return try #require(try JSONSerialization.jsonObject(with: Data(listed.utf8)) as? [Any]).count
  }

  @Test func anotherBrowserNamingTheAttemptIsRefusedOnEveryRouteAndTheRightBrowserLogsIn() throws {
    let work = try LifecycleTests.Workspace()
    defer { work.remove() }
    let (pid, letterCode, passwordFile) = try SecondFactorFlowTests().registered(work)
    _ = try work.json([
      "service", "add", "--client-id", "rp", "--name", "Min side", "--level", "substantial",
      "--redirect-uri", "http://localhost:8000/callback", "--json",
    ])
    let keyFile = work.directory.appendingPathComponent("phone.pem").path
    _ = try work.json(
      [
        "app", "enroll", "--pid", pid, "--code-file", "-", "--password-file", passwordFile,
        "--device-key-out", keyFile, "--json",
      ],
      stdin: letterCode + "\n")
    let server = try ServeTests.Server(work)
    let victim = try Self.begin(server)
    let waiting = try victim.post(
      server, "/authorize/minid/password", ["pid=\(pid)", "password=\(SecondFactorFlowTests.password)"])
    #expect(waiting.status == 200 && waiting.body.contains("data-poll="))
    let attempt = try LoginPagesTests.field("attempt", in: waiting.body)
    let victimToken = try LoginPagesTests.field("attempt_token", in: waiting.body)
    // The attacker learns the attempt id and that the app approved it.
    let pending = try work.run(["app", "pending", "--device-key", keyFile, "--json"]).stdout
    #expect(pending.contains(attempt))
    #expect(try work.run(["app", "approve", "--device-key", keyFile, "--attempt", attempt]).status == 0)

    let attacker = try Self.begin(server)
    let sentBefore = try smsCount(work)
    for token in ["", victimToken] {
      let query =
        "login=\(Self.encoded(attacker.login))&attempt=\(Self.encoded(attempt))&attempt_token=\(Self.encoded(token))"
      let poll = try attacker.get(server, "/authorize/minid/app?" + query)
      #expect(poll.status == 403 && poll.body.contains("Skjemaet er utløpt"), "the app's poll")
      #expect(poll.headers["location"] == nil, "no code for the attacker's login")
      let status = try attacker.get(server, "/authorize/minid/app/status?" + query)
      #expect(status.status == 403 && status.body.contains("access_denied"), "the poll's status")
      let fields = ["attempt=\(attempt)", "attempt_token=\(token)"]
      for path in ["/authorize/minid/code", "/authorize/minid/resend", "/authorize/minid/sms"] {
        let reply = try attacker.post(server, path, fields + ["code=12345"])
        #expect(reply.status == 403 && reply.body.contains("Skjemaet er utløpt"), "\(path)")
      }
      let totp = try attacker.post(server, "/authorize/minid/totp", fields + ["code=123456"])
      #expect(totp.status == 403, "the code generator's code")
    }
    // The victim's own token in the victim's login, but from the attacker's browser: refused too.
    let stolenCookie = Browser(cookie: attacker.cookie, login: victim.login, csrf: victim.csrf)
    let replayed = try stolenCookie.post(
      server, "/authorize/minid/sms", ["attempt=\(attempt)", "attempt_token=\(victimToken)"])
    #expect(replayed.status == 403)
    #expect(try smsCount(work) == sentBefore, "no SMS was sent")

    // The approval was not used: the victim's own poll finishes the login.
    let pollURL = try #require(
      waiting.body.range(of: "data-poll=\"").map { waiting.body[$0.upperBound...].prefix { $0 != "\"" } })
    let finished = try victim.get(server, pollURL.replacingOccurrences(of: "&amp;", with: "&"))
    let location = try #require(finished.headers["location"], "\(finished.status) \(finished.body)")
    #expect(location.hasPrefix("http://localhost:8000/callback?code="))

    // An SMS attempt (the app's login, "use SMS instead"): the code and a new code are the victim's alone.
    let next = try Self.begin(server)
    let app = try next.post(
      server, "/authorize/minid/password", ["pid=\(pid)", "password=\(SecondFactorFlowTests.password)"])
    let smsAttempt = try LoginPagesTests.field("attempt", in: app.body)
    let smsToken = try LoginPagesTests.field("attempt_token", in: app.body)
    let codePage = try next.post(
      server, "/authorize/minid/sms", ["attempt=\(smsAttempt)", "attempt_token=\(smsToken)"])
    #expect(codePage.status == 200 && codePage.body.contains("name=\"code\""))
    let other = try Self.begin(server)
    for path in ["/authorize/minid/code", "/authorize/minid/resend"] {
      let reply = try other.post(
        server, path, ["attempt=\(smsAttempt)", "attempt_token=\(smsToken)", "code=12345"])
      #expect(reply.status == 403, "\(path)")
    }
    let done = try next.post(
      server, "/authorize/minid/code", ["attempt=\(smsAttempt)", "attempt_token=\(smsToken)", "code=12345"])
    #expect(done.headers["location"]?.hasPrefix("http://localhost:8000/callback?code=") == true)
    #expect(server.terminate() == 0)
  }
}
