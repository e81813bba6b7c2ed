import Foundation
import MinIDKit
import Testing

/// A provider fixture whose browser logs in with TestID and keeps the session cookie, as `minid serve`
/// does with the cookie it sets.
struct SessionFixture {
  let base: ProviderFixture
  var test: TestStore { base.test }
  var provider: OpenIDProvider { base.provider }
  let policy = SessionPolicy.idPorten

  init(level: SecurityLevel = .substantial) throws {
    base = try ProviderFixture(level: level)
  }

  /// Registers another client on the fixture's redirect URI.
  func addClient(
    _ clientID: String, front: String? = nil, back: String? = nil, scopes: [String] = [],
    postLogout: [String] = []
  ) throws -> String? {
    let catalog = ServiceCatalog(
      store: test.store, time: test.clock, actor: "admin:test", random: test.random)
    _ = try catalog.add(clientID: clientID, name: clientID, level: .substantial)
    var options = ServiceCatalog.ClientOptions(redirectURIs: [ProviderFixture.redirect])
    options.frontchannelLogoutURI = front
    options.backchannelLogoutURI = back
    options.scopes = scopes
    options.postLogoutRedirectURIs = postLogout
    return try catalog.register(clientID: clientID, options: options).secret
  }

  func request(_ changes: [String: String?] = [:]) throws -> AuthorizationRequest {
    try provider.authorizationRequest(base.parameters(changes))
  }

  /// A TestID login that starts a session; the browser's cookie and the first code.
  func login(_ changes: [String: String?] = [:], previousCookie: String? = nil) throws -> (
    cookie: String, code: String, session: SSOSession
  ) {
    let done = try #require(
      try provider.testIDLogin(request(changes), policy: policy, previousCookie: previousCookie))
    return (done.session.cookie, done.code, done.session.session)
  }

  /// A request without the TestID hint, as a browser sent to `/authorize` by another client.
  func silent(_ changes: [String: String?] = [:]) throws -> AuthorizationRequest {
    var all = changes
    all["login_hint"] = .some(nil)
    return try request(all)
  }

  func idTokenClaims(code: String, clientID: String, secret: String?) throws -> IDTokenClaims {
    let tokens = try provider.token(
      form: [
        "grant_type": "authorization_code", "code": code, "redirect_uri": ProviderFixture.redirect,
        "code_verifier": ProviderFixture.verifier,
      ], authorization: "Basic " + Data("\(clientID):\(secret ?? "")".utf8).base64EncodedString())
    return try JSONDecoder().decode(
      IDTokenClaims.self, from: Data(try CompactJWS(parsing: tokens.idToken).payloadBytes))
  }
}

@Suite struct SingleSignOnTests {
  @Test func aLiveSessionAnswersAnotherClientWithTheSameLogin() throws {
    let fixture = try SessionFixture()
    defer { fixture.test.remove() }
    let secret = try fixture.addClient("other", front: "http://localhost:8080/front")
    let (cookie, _, session) = try fixture.login()
    fixture.test.clock.advance(minutes: 5)
    guard
      case .code(let code) = try fixture.provider.answerFromSession(
        try fixture.silent(["client_id": "other"]), cookie: cookie)
    else { Issue.record("a live session must answer"); return }
    let claims = try fixture.idTokenClaims(code: code, clientID: "other", secret: secret)
    #expect(claims.authTime == session.authTime.seconds, "auth_time is the session's login, not now")
    #expect(claims.amr == ["TestID"] && claims.acr == "idporten-loa-substantial")
    #expect(claims.sid == session.id)
  }

  @Test func idleExpiryCountsFromTheLastUseAndTheMaximumFromTheStart() throws {
    let fixture = try SessionFixture()
    defer { fixture.test.remove() }
    let (cookie, _, _) = try fixture.login()
    // Used every 29 minutes, the session outlives 30 idle minutes: each use starts the idle time again.
    for _ in 0..<4 {
      fixture.test.clock.advance(minutes: 29)
      #expect(try fixture.provider.answerFromSession(try fixture.silent(), cookie: cookie) != .login)
    }
    // 116 minutes in; at 120 the session ends however recently it was used.
    fixture.test.clock.advance(minutes: 4)
    #expect(try fixture.provider.answerFromSession(try fixture.silent(), cookie: cookie) == .login)

    let (second, _, _) = try fixture.login()
    fixture.test.clock.advance(minutes: 30)
    #expect(try fixture.provider.answerFromSession(try fixture.silent(), cookie: second) == .login)
    let listed = try fixture.test.service.sessions(pid: People.adult())
    #expect(
      listed.map { $0.state(at: fixture.test.clock.timestamp) }.sorted { $0.rawValue < $1.rawValue }
        == [.expired, .idle])
  }

  @Test func aConfiguredPolicyIsKeptBySessionItMade() throws {
    let fixture = try SessionFixture()
    defer { fixture.test.remove() }
    let short = try SessionPolicy(idleMinutes: 5, maximumMinutes: 10)
    let done = try #require(
      try fixture.provider.testIDLogin(fixture.request(), policy: short, previousCookie: nil))
    fixture.test.clock.advance(minutes: 6)
    #expect(
      try fixture.provider.answerFromSession(try fixture.silent(), cookie: done.session.cookie) == .login)
    #expect(throws: SessionError.self) { try SessionPolicy(idleMinutes: 30, maximumMinutes: 20) }
    #expect(throws: SessionError.self) { try SessionPolicy(idleMinutes: 30, maximumMinutes: 1441) }
  }

  @Test func everyLoginRotatesTheCookieAndTheSid() throws {
    let fixture = try SessionFixture()
    defer { fixture.test.remove() }
    let first = try fixture.login()
    let second = try fixture.login(previousCookie: first.cookie)
    #expect(second.cookie != first.cookie && second.session.id != first.session.id)
    #expect(try fixture.provider.answerFromSession(try fixture.silent(), cookie: first.cookie) == .login)
    #expect(try fixture.provider.answerFromSession(try fixture.silent(), cookie: second.cookie) != .login)
    let old = try fixture.test.service.sessions(pid: People.adult()).first { $0.id == first.session.id }
    #expect(old?.endReason == "replaced by a new login")
  }

  @Test func promptLoginAlwaysLogsInAndPromptNoneNeverShowsAPage() throws {
    let fixture = try SessionFixture()
    defer { fixture.test.remove() }
    let (cookie, _, _) = try fixture.login()
    #expect(
      try fixture.provider.answerFromSession(try fixture.silent(["prompt": "login"]), cookie: cookie)
        == .login)
    #expect(
      try fixture.provider.answerFromSession(try fixture.silent(["prompt": "none"]), cookie: cookie) != .login
    )
    let error = oauthError {
      _ = try fixture.provider.answerFromSession(try fixture.silent(["prompt": "none"]), cookie: nil)
    }
    #expect(error?.error == "login_required" && error?.redirectable == true)
    let forged = oauthError {
      _ = try fixture.provider.answerFromSession(try fixture.silent(["prompt": "none"]), cookie: "made-up")
    }
    #expect(forged?.error == "login_required")
  }

  @Test func maxAgeAsksForANewLoginWhenTheSessionsLoginIsOlder() throws {
    let fixture = try SessionFixture()
    defer { fixture.test.remove() }
    let (cookie, _, _) = try fixture.login()
    fixture.test.clock.advance(minutes: 10)
    #expect(
      try fixture.provider.answerFromSession(try fixture.silent(["max_age": "300"]), cookie: cookie) == .login
    )
    #expect(
      try fixture.provider.answerFromSession(try fixture.silent(["max_age": "3600"]), cookie: cookie)
        != .login)
    let silent = oauthError {
      _ = try fixture.provider.answerFromSession(
        try fixture.silent(["max_age": "300", "prompt": "none"]), cookie: cookie)
    }
    #expect(silent?.error == "login_required")
    #expect(oauthError { _ = try fixture.request(["max_age": "-1"]) }?.error == "invalid_request")
  }

  @Test func aSubstantialSessionCannotAnswerALevelHighRequest() throws {
    let fixture = try SessionFixture()
    defer { fixture.test.remove() }
    let (cookie, _, _) = try fixture.login()
    let denied = oauthError {
      _ = try fixture.provider.answerFromSession(
        try fixture.silent(["acr_values": "idporten-loa-high"]), cookie: cookie)
    }
    #expect(denied?.error == "access_denied" && denied?.description.contains("BankID") == true)
    // TestID at level high logs in anew, with a session of that level.
    let high = try fixture.login(
      ["acr_values": "idporten-loa-high", "login_hint": "testid:\(People.adult())_idporten-loa-high"],
      previousCookie: cookie)
    #expect(high.session.acr == .high)
    #expect(
      try fixture.provider.answerFromSession(
        try fixture.silent(["acr_values": "idporten-loa-high"]), cookie: high.cookie) != .login)
  }

  @Test func sidGoesOnlyToClientsRegisteredForLogout() throws {
    let fixture = try SessionFixture()
    defer { fixture.test.remove() }
    let front = try fixture.addClient("front", front: "http://localhost:8080/front")
    let back = try fixture.addClient("back", back: "http://localhost:8080/back")
    let (cookie, code, session) = try fixture.login()
    let plain = try fixture.idTokenClaims(code: code, clientID: "rp", secret: fixture.base.secret)
    #expect(plain.sid == nil)
    for (clientID, secret) in [("front", front), ("back", back)] {
      guard
        case .code(let code) = try fixture.provider.answerFromSession(
          try fixture.silent(["client_id": clientID]), cookie: cookie)
      else { Issue.record("no code for \(clientID)"); continue }
      #expect(try fixture.idTokenClaims(code: code, clientID: clientID, secret: secret).sid == session.id)
    }
  }

  @Test func twoStoreHandlesShareOneSession() throws {
    let fixture = try SessionFixture()
    defer { fixture.test.remove() }
    let (cookie, _, session) = try fixture.login()
    let other = OpenIDProvider(
      store: try fixture.test.reopened(), time: fixture.test.clock, random: fixture.test.random)
    fixture.test.clock.advance(minutes: 20)
    #expect(try other.answerFromSession(try fixture.silent(), cookie: cookie) != .login)
    let seen = try fixture.test.service.sessions(pid: People.adult()).first { $0.id == session.id }
    #expect(seen?.lastUsedAt == fixture.test.clock.timestamp, "the other handle's use is in the store")
  }

  @Test func blockingResettingAndClosingEndTheAccountsSessionsAtOnce() throws {
    let fixture = try SessionFixture()
    defer { fixture.test.remove() }
    let pid = try SupportTests().active(fixture.test)
    func session() throws -> String {
      try #require(
        try fixture.provider.testIDLogin(
          fixture.request(["login_hint": "testid:\(pid)_idporten-loa-substantial"]), policy: fixture.policy,
          previousCookie: nil)
      ).session.cookie
    }
    let blocked = try session()
    _ = try fixture.test.service.block(pid: pid, reason: "SPERRET", caseReference: nil, dryRun: false)
    #expect(try fixture.provider.answerFromSession(try fixture.silent(), cookie: blocked) == .login)
    _ = try fixture.test.service.unlock(pid: pid, caseReference: nil, dryRun: false)
    let reset = try session()
    _ = try fixture.test.service.reset(pid: pid, caseReference: nil, dryRun: false)
    #expect(try fixture.provider.answerFromSession(try fixture.silent(), cookie: reset) == .login)
    let closed = try session()
    _ = try fixture.test.service.delete(pid: pid, purge: false, caseReference: nil, dryRun: false)
    #expect(try fixture.provider.answerFromSession(try fixture.silent(), cookie: closed) == .login)
    let reasons = try fixture.test.service.sessions(pid: pid).compactMap(\.endReason).sorted()
    #expect(reasons == ["account blocked", "account closed", "account reset"])
    let audit = try AuditService(store: fixture.test.store).entries(pid: nil, since: nil).filter {
      $0.action == "session.end"
    }
    #expect(audit.count == 3)
  }

  @Test func aDryRunBlockLeavesTheSessionLive() throws {
    let fixture = try SessionFixture()
    defer { fixture.test.remove() }
    let pid = try SupportTests().active(fixture.test)
    let cookie = try #require(
      try fixture.provider.testIDLogin(
        fixture.request(["login_hint": "testid:\(pid)_idporten-loa-substantial"]), policy: fixture.policy,
        previousCookie: nil)
    ).session.cookie
    _ = try fixture.test.service.block(pid: pid, reason: "SPERRET", caseReference: nil, dryRun: true)
    #expect(try fixture.provider.answerFromSession(try fixture.silent(), cookie: cookie) != .login)
  }

  @Test func supportEndsOneSessionByPrefixAndAuditsTheCase() throws {
    let fixture = try SessionFixture()
    defer { fixture.test.remove() }
    let first = try fixture.login()
    let second = try fixture.login()
    let ended = try fixture.test.service.endSessions(
      pid: People.adult(), prefix: String(first.session.id.prefix(8)), caseReference: "SUP-9")
    #expect(ended.map(\.id) == [first.session.id])
    #expect(try fixture.provider.answerFromSession(try fixture.silent(), cookie: first.cookie) == .login)
    #expect(try fixture.provider.answerFromSession(try fixture.silent(), cookie: second.cookie) != .login)
    #expect(throws: SessionError.self) {
      _ = try fixture.test.service.endSessions(
        pid: People.adult(), prefix: "zzzzzzzz", caseReference: "SUP-9")
    }
    let entry = try #require(
      try AuditService(store: fixture.test.store).entries(pid: nil, since: nil).filter {
        $0.action == "session.end"
      }.last)
    #expect(entry.caseReference == "SUP-9" && !entry.detail.contains(first.session.id))
  }
}

@Suite struct LogoutTests {
  @Test func postLogoutRedirectNeedsAClientAndARegisteredURI() throws {
    let fixture = try SessionFixture()
    defer { fixture.test.remove() }
    _ = try fixture.addClient("app", postLogout: ["http://localhost:8080/bye"])
    let ok = try fixture.provider.endSessionRequest([
      "client_id": "app", "post_logout_redirect_uri": "http://localhost:8080/bye", "state": "s 1",
    ])
    #expect(ok.redirect == "http://localhost:8080/bye?state=s+1")
    for parameters in [
      ["client_id": "app", "post_logout_redirect_uri": "http://localhost:8080/elsewhere"],
      ["post_logout_redirect_uri": "http://localhost:8080/bye"],
      ["client_id": "rp", "post_logout_redirect_uri": "http://localhost:8080/bye"],
      ["client_id": "nobody"],
      ["client_id": "app", "state": "tab\there"],
      ["id_token_hint": "not.a.token"],
    ] {
      let error = oauthError { _ = try fixture.provider.endSessionRequest(parameters) }
      #expect(error?.error == "invalid_request" && error?.redirectable == false, "\(parameters)")
    }
  }

  @Test func anExpiredIDTokenHintIsAcceptedAndMustAgreeWithClientID() throws {
    let fixture = try SessionFixture()
    defer { fixture.test.remove() }
    let (_, code, session) = try fixture.login()
    let tokens = try fixture.base.exchange(code)
    fixture.test.clock.advance(days: 1)
    let request = try fixture.provider.endSessionRequest(["id_token_hint": tokens.idToken])
    #expect(request.clientID == "rp")
    #expect(request.hintSessionID == nil, "rp is not registered for logout, so its token has no sid")
    _ = session
    let mismatch = oauthError {
      _ = try fixture.provider.endSessionRequest(["id_token_hint": tokens.idToken, "client_id": "other"])
    }
    #expect(mismatch?.error == "invalid_request")
  }

  @Test func logoutRevokesOnlyOpenIDAndProfileGrantsAndTellsEveryClient() throws {
    let fixture = try SessionFixture()
    defer { fixture.test.remove() }
    _ = try fixture.addClient(
      "api", front: "http://localhost:8080/front?x=1", back: "http://localhost:8080/back",
      scopes: ["api:read"])
    let (cookie, _, session) = try fixture.login()
    guard
      case .code = try fixture.provider.answerFromSession(
        try fixture.silent(["client_id": "api", "scope": "openid api:read"]), cookie: cookie)
    else { Issue.record("no SSO code"); return }
    let outcome = try #require(
      try fixture.provider.logout(try fixture.provider.endSessionRequest(["client_id": "rp"]), cookie: cookie)
    )
    let grants = try fixture.test.store.read { try $0.grants(sessionID: session.id) }
    #expect(grants.count == 2)
    #expect(grants.first { $0.clientID == "rp" }?.revokedAt != nil, "openid profile only: revoked")
    #expect(grants.first { $0.clientID == "api" }?.revokedAt == nil, "an API scope survives")
    #expect(outcome.revokedGrants == 1)
    #expect(
      outcome.frontChannelURIs == [
        "http://localhost:8080/front?x=1&iss=https%3A%2F%2Fminid.test&sid=\(FormEncoding.encode(session.id))"
      ])
    let delivery = try #require(outcome.backChannel.first)
    #expect(
      outcome.backChannel.count == 1 && delivery.clientID == "api"
        && delivery.uri == "http://localhost:8080/back")
    let jws = try CompactJWS(parsing: delivery.token)
    let header = try JSONSerialization.jsonObject(with: Data(jws.headerBytes)) as? [String: Any]
    #expect(header?["typ"] as? String == "logout+jwt")
    let claims = try JSONDecoder().decode(LogoutTokenClaims.self, from: Data(jws.payloadBytes))
    #expect(claims.sid == session.id && claims.aud == "api" && claims.iss == "https://minid.test")
    #expect(claims.events == [LogoutTokenClaims.event: [:]] && claims.exp - claims.iat == 120)
    let tokenClaims = try JSONSerialization.jsonObject(with: Data(jws.payloadBytes)) as? [String: Any]
    #expect(tokenClaims?["nonce"] == nil, "a logout token has no nonce (Back-Channel Logout §2.4)")
    // The session is over; a second logout finds none.
    #expect(try fixture.provider.answerFromSession(try fixture.silent(), cookie: cookie) == .login)
    #expect(try fixture.provider.logout(try fixture.provider.endSessionRequest([:]), cookie: cookie) == nil)
    #expect(try fixture.provider.logout(try fixture.provider.endSessionRequest([:]), cookie: nil) == nil)
  }

  @Test func updatingTheLogoutURIsKeepsTheSecretAndTheRules() throws {
    let fixture = try SessionFixture()
    defer { fixture.test.remove() }
    let catalog = ServiceCatalog(
      store: fixture.test.store, time: fixture.test.clock, actor: "admin:test", random: fixture.test.random)
    var changes = ServiceCatalog.LogoutChanges()
    changes.backchannelLogoutURI = "http://localhost:8080/back"
    changes.postLogoutRedirectURIs = ["http://localhost:8080/bye"]
    let updated = try catalog.updateLogout(clientID: "rp", changes)
    #expect(updated.backchannelLogoutURI == "http://localhost:8080/back" && updated.wantsSessionID)
    #expect(updated.secretHash == (try catalog.client(clientID: "rp"))?.secretHash)
    // The old secret still authenticates.
    _ = try fixture.base.exchange(try fixture.base.code())
    var elsewhere = ServiceCatalog.LogoutChanges()
    elsewhere.backchannelLogoutURI = "http://127.0.0.1:9000/back"
    #expect(throws: ClientRegistrationError.self) { _ = try catalog.updateLogout(clientID: "rp", elsewhere) }
    var removal = ServiceCatalog.LogoutChanges()
    removal.backchannelLogoutURI = ""
    #expect(try catalog.updateLogout(clientID: "rp", removal).backchannelLogoutURI == nil)
    #expect(try catalog.client(clientID: "rp")?.postLogoutRedirectURIs == ["http://localhost:8080/bye"])
  }

  @Test func aBackChannelURIMustShareAHostWithARedirectURI() throws {
    let fixture = try SessionFixture()
    defer { fixture.test.remove() }
    #expect(throws: ClientRegistrationError.self) {
      _ = try fixture.addClient("elsewhere", back: "http://127.0.0.1:9000/back")
    }
    #expect(throws: ClientRegistrationError.self) {
      _ = try fixture.addClient("broken", front: "not a uri")
    }
  }
}

@Suite struct AccountChangesEndSessionsTests {
  /// A session for the fixture's person, started as a finished login starts one.
  func session(_ fixture: LoginFixture) throws -> (OpenIDProvider, String) {
    let provider = OpenIDProvider(
      store: fixture.test.store, time: fixture.test.clock, random: fixture.test.random)
    let account = try fixture.service.details(pid: fixture.pid).account
    let person = AuthenticatedPerson(
      pid: fixture.pid, accountID: account.id, acr: .substantial, amr: ["Minid-OTC"],
      authTime: fixture.test.clock.timestamp)
    let started = try fixture.test.store.write {
      try provider.startSession(for: person, policy: .idPorten, previousCookie: nil, in: $0)
    }
    #expect(try provider.liveSession(cookie: started.cookie) != nil)
    return (provider, started.cookie)
  }

  @Test func aLockFromWrongPasswordsEndsTheSessions() throws {
    let fixture = try LoginFixture()
    defer { fixture.test.remove() }
    let (provider, cookie) = try session(fixture)
    for attempt in 1...5 {
      _ = try? fixture.service.startLogin(
        pid: fixture.pid, clientID: "my-app", password: Secret("Feil \(attempt)"))
      #expect((try provider.liveSession(cookie: cookie) == nil) == (attempt == 5), "attempt \(attempt)")
    }
    #expect(try fixture.service.sessions(pid: fixture.pid).first?.endReason == "account locked")
  }

  @Test func aRecoveredPasswordEndsTheSessions() throws {
    let fixture = try LoginFixture()
    defer { fixture.test.remove() }
    let (provider, cookie) = try session(fixture)
    _ = try fixture.service.startRecovery(pid: fixture.pid)
    let outbox = OutboxService(store: fixture.test.store, time: fixture.test.clock, actor: "t")
    let sms = try #require(outbox.testCode(in: try outbox.messages(OutboxFilter(kind: .sms)).last!))
    let email = try #require(outbox.testCode(in: try outbox.messages(OutboxFilter(kind: .email)).last!))
    _ = try fixture.service.completeRecovery(
      pid: fixture.pid, smsCode: sms, emailCode: email, password: Secret("Ny tur i juni 2027!"))
    #expect(try provider.liveSession(cookie: cookie) == nil)
    #expect(try fixture.service.sessions(pid: fixture.pid).first?.endReason == "password recovered")
  }
}
