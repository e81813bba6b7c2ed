import Foundation

/// What `/authorize` does for a browser that may hold a single sign-on session.
public enum SessionAnswer: Sendable, Equatable {
  /// The session answered: a code for the request, the person not asked for anything.
  case code(String)
  /// The person must log in (no usable session, `prompt=login`, or a login older than `max_age`).
  case login
}

extension OpenIDProvider {
  /// How long an ended or expired session stays in the store, for `minid session list`, before it is
  /// pruned: a day.
  public static let endedSessionRetention: Int64 = 86_400

  /// The keyed hash the store keeps of a session cookie.
  func sessionCookieHash(_ cookie: String) -> [UInt8] {
    Digest.hmacSHA256(key: store.secrets.codeKey, Array("sso-session".utf8) + [0] + Array(cookie.utf8))
  }

  /// The session a browser's cookie names, if it is live now.
  public func liveSession(cookie: String?) throws -> SSOSession? {
    guard let cookie, !cookie.isEmpty else { return nil }
    let session = try store.read { try $0.session(cookieHash: sessionCookieHash(cookie)) }
    return session?.state(at: time.timestamp) == .live ? session : nil
  }

  /// Single sign-on at `/authorize` (ID-porten, «SSO»): a live session answers a request at once with a
  /// code carrying the session's `acr`, `amr` and `auth_time`, and its idle time starts again.
  ///
  /// The person logs in instead (`.login`) with `prompt=login`, without a live session, or when the
  /// session's login is older than `max_age` seconds. `prompt=none` never shows a page.
  /// - Throws: `OAuthError` `login_required` for `prompt=none` when a login is needed; `access_denied` when
  ///   the session's level is below the request's (a level-3 MinID session cannot step up to
  ///   `idporten-loa-high`: that needs a level-4 e-ID this provider does not offer).
  public func answerFromSession(_ request: AuthorizationRequest, cookie: String?) throws -> SessionAnswer {
    let silent = request.prompt == "none"
    if request.prompt == "login" { return .login }
    // A browser without a cookie costs no write transaction.
    let outcome =
      try cookie.flatMap { $0.isEmpty ? nil : try sessionOutcome(request, cookie: $0) }
      ?? .login("prompt=none: there is no live session to log in with")
    switch outcome {
    case .code(let code): return .code(code)
    case .login(let why):
      if silent { throw OAuthError("login_required", why) }
      return .login
    case .levelTooLow(let level):
      if silent { throw OAuthError("login_required", "prompt=none: the session's level is too low") }
      throw OAuthError(
        "access_denied",
        "the session is \(level.rawValue); the service needs \(request.acr.rawValue), a login with a level-4 "
          + "e-ID (BankID, Buypass ID or Commfides), which this provider does not offer"
          + (store.settings.environment == .test ? " (in a test store: TestID, login_hint=testid:…)" : ""))
    }
  }

  private enum SessionOutcome {
    case code(String)
    case login(String)
    case levelTooLow(SecurityLevel)
  }

  /// What the session a cookie names does for a request, in one transaction; nil without a live session.
  private func sessionOutcome(_ request: AuthorizationRequest, cookie: String) throws -> SessionOutcome? {
    try store.write { transaction -> SessionOutcome? in
      let now = time.timestamp
      guard let session = try transaction.session(cookieHash: sessionCookieHash(cookie)),
        session.state(at: now) == .live
      else { return nil }
      guard session.acr >= request.acr else { return .levelTooLow(session.acr) }
      if let maxAge = request.maxAge, now.seconds - session.authTime.seconds > maxAge {
        return .login("prompt=none: the session's login is older than max_age")
      }
      try transaction.touchSession(id: session.id, at: now)
      return .code(
        try issueCode(for: request, person: session.person, sessionID: session.id, in: transaction))
    }
  }

  /// Starts a session for a finished login, in the transaction that issues its first code: a new random
  /// cookie and `sid` every time (rotation: a cookie seen before the login is never trusted after it). A
  /// session the browser held before is ended, replaced. Sessions ended or expired more than
  /// `endedSessionRetention` ago are pruned.
  /// - Parameters:
  ///   - previousCookie: the session cookie the browser sent, if any.
  public func startSession(
    for person: AuthenticatedPerson, policy: SessionPolicy, previousCookie: String?,
    in transaction: any StoreTransaction
  ) throws -> StartedSession {
    let now = time.timestamp
    try transaction.pruneSessions(before: Timestamp(seconds: now.seconds - Self.endedSessionRetention))
    if let previousCookie, !previousCookie.isEmpty,
      let previous = try transaction.session(cookieHash: sessionCookieHash(previousCookie))
    {
      _ = try transaction.endSession(id: previous.id, at: now, reason: "replaced by a new login")
    }
    let cookie = Base64.encode(random.bytes(32), urlSafe: true)
    let session = SSOSession(
      id: Base64.encode(random.bytes(16), urlSafe: true), pid: person.pid, accountID: person.accountID,
      acr: person.acr, amr: person.amr, authTime: person.authTime, createdAt: now, lastUsedAt: now,
      idleSeconds: policy.idleSeconds, expiresAt: now.adding(seconds: policy.maximumSeconds))
    try transaction.insertSession(session, cookieHash: sessionCookieHash(cookie))
    try transaction.audit(
      try personDraft(
        person, transaction: transaction, action: .sessionStart,
        detail:
          "session \(SessionIDPrefix.of(session.id)); \(person.amr.joined(separator: " ")); \(person.acr.rawValue); "
          + "idle \(policy.idleSeconds / 60) min, at most \(policy.maximumSeconds / 60) min"),
      at: now)
    return StartedSession(session: session, cookie: cookie)
  }

  /// TestID's headless login (`testIDLogin`) that also starts a single sign-on session for the browser.
  /// - Returns: nil when the request has no TestID hint.
  /// - Throws: as `testIDLogin`.
  public func testIDLogin(
    _ request: AuthorizationRequest, policy: SessionPolicy, previousCookie: String?
  ) throws -> (code: String, session: StartedSession)? {
    guard let person = try testIDPerson(request) else { return nil }
    return try store.write { transaction in
      let started = try startSession(
        for: person, policy: policy, previousCookie: previousCookie, in: transaction)
      let code = try issueCode(
        for: request, person: person, sessionID: started.session.id, in: transaction)
      return (code, started)
    }
  }

  // MARK: logout

  /// RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0; ID-porten's steps): ends the browser's
  /// session, revokes the session's grants whose scopes are only `openid` and `profile` (grants with API
  /// scopes survive), and names the front-channel URIs to load (every client of the session that
  /// registered one, the initiator included) and the back-channel logout tokens to send. Audited.
  /// - Parameter cookie: the browser's session cookie; a session that has timed out but was not ended is
  ///   still ended and its clients told.
  /// - Returns: nil when the browser has no session (no cookie, or one whose session has ended): the
  ///   caller shows an error page, and nothing is ended.
  public func logout(_ request: EndSessionRequest, cookie: String?) throws -> LogoutOutcome? {
    guard let cookie, !cookie.isEmpty else { return nil }
    let key = try activeKey()
    return try store.write { transaction -> LogoutOutcome? in
      let now = time.timestamp
      guard let session = try transaction.session(cookieHash: sessionCookieHash(cookie)),
        session.endedAt == nil
      else { return nil }
      let who = request.clientID.map { "logout by \($0)" } ?? "logout by the person"
      guard try transaction.endSession(id: session.id, at: now, reason: who) else { return nil }
      var revoked = 0
      for grant in try transaction.grants(sessionID: session.id)
      where Set(grant.scope).isSubset(of: ClientRegistration.baseScopes) {
        if try transaction.revokeGrant(id: grant.id, at: now) { revoked += 1 }
      }
      var frontChannel: [String] = []
      var backChannel: [BackChannelLogout] = []
      // The initiator is one of them when it got a code in the session.
      for clientID in session.clients {
        guard let client = try transaction.client(clientID: clientID) else { continue }
        if let uri = client.frontchannelLogoutURI {
          frontChannel.append(
            uri + (uri.contains("?") ? "&" : "?") + "iss=" + FormEncoding.encode(issuer) + "&sid="
              + FormEncoding.encode(session.id))
        }
        if let uri = client.backchannelLogoutURI {
          let claims = LogoutTokenClaims(
            iss: issuer, aud: clientID, iat: now.seconds, exp: now.seconds + LogoutTokenClaims.lifetime,
            jti: Base64.encode(random.bytes(16), urlSafe: true),
            sub: store.secrets.pairwiseSubject(clientID: clientID, pid: session.pid), sid: session.id,
            events: [LogoutTokenClaims.event: [:]])
          let token = try CompactJWS.sign(
            header: ["alg": key.algorithm.rawValue, "kid": key.kid, "typ": LogoutTokenClaims.type],
            claims: claims, key: key)
          backChannel.append(BackChannelLogout(clientID: clientID, uri: uri, token: token))
        }
      }
      try transaction.audit(
        try personDraft(
          session.person, transaction: transaction, action: .sessionEnd,
          detail:
            "session \(SessionIDPrefix.of(session.id)) ended: \(who); \(revoked) grants revoked; "
            + "front-channel \(frontChannel.count), back-channel \(backChannel.map(\.clientID).joined(separator: " "))"
        ), at: now)
      return LogoutOutcome(
        session: session, frontChannelURIs: frontChannel, backChannel: backChannel, revokedGrants: revoked)
    }
  }
}

/// What a logout did, for the page that tells the clients.
public struct LogoutOutcome: Sendable {
  /// The session as it was before it ended.
  public let session: SSOSession
  /// `<frontchannel_logout_uri>?iss=…&sid=…` for each client of the session that registered one.
  public let frontChannelURIs: [String]
  /// The logout tokens to post, one attempt each.
  public let backChannel: [BackChannelLogout]
  /// How many grants (refresh tokens) of the session were revoked.
  public let revokedGrants: Int
}
