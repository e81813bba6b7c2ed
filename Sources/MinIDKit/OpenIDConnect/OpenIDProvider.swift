import Foundation

/// The OpenID Provider `minid serve` puts on the network, shaped like ID-porten's (decisions §8;
/// Digdir's «OIDC» pages): authorization requests and pushed ones, authorization codes, the token exchange
/// with rotating refresh tokens, userinfo, introspection and revocation. Every state lives in the store,
/// so several servers, on one SQLite file or one PostgreSQL, serve the same users.
///
/// Each public method is one operation with its audit entries; refusals are `OAuthError`s carrying the
/// RFC's error code.
public struct OpenIDProvider: Sendable {
  /// The store every grant, code and token is kept in.
  public let store: any Store
  /// The clock every lifetime is judged by.
  public let time: any TimeSource
  /// Where codes, tokens and ids come from.
  public let random: any RandomSource

  /// How long an authorization code lives (ID-porten: short; RFC 6749 §4.1.2 recommends at most 10 min).
  public static let codeLifetime: Int64 = 60
  /// How long a pushed request (`request_uri`) or a login in progress on the provider's pages lives.
  public static let requestLifetime: Int64 = 120

  /// A provider over `store`.
  public init(store: any Store, time: any TimeSource, random: any RandomSource) {
    self.store = store
    self.time = time
    self.random = random
  }

  var issuer: String { store.settings.issuer }

  // MARK: authorization

  /// Checks an authorization request (`/authorize`), resolving a pushed one (`request_uri`, RFC 9126 §4):
  /// then only `client_id` and `request_uri` may be sent, and the pushed request is used up.
  /// - Throws: `OAuthError`; see `AuthorizationRequest.check`; `invalid_request_uri` for an unknown,
  ///   expired, used or another client's `request_uri`.
  public func authorizationRequest(_ parameters: [String: String]) throws -> AuthorizationRequest {
    if let requestURI = parameters["request_uri"] {
      let extra = parameters.keys.filter { $0 != "client_id" && $0 != "request_uri" }
      guard extra.isEmpty else {
        throw OAuthError.notRedirectable(
          "invalid_request", "with request_uri only client_id may be sent (RFC 9126 §4)")
      }
      return try store.write { transaction in
        let now = time.timestamp
        guard let stored = try transaction.authorizationRequest(id: requestURI), stored.pushed,
          stored.request.clientID == parameters["client_id"], stored.expiresAt > now,
          try transaction.markAuthorizationRequestUsed(id: requestURI, at: now)
        else {
          throw OAuthError.notRedirectable(
            "invalid_request_uri", "request_uri is unknown, expired, used, or another client's")
        }
        return stored.request
      }
    }
    let clientID = parameters["client_id"] ?? ""
    let found = try store.read { transaction in
      (try transaction.service(clientID: clientID), try transaction.client(clientID: clientID))
    }
    return try AuthorizationRequest.check(parameters, service: found.0, client: found.1)
  }

  /// Pushed Authorization Request (RFC 9126): an authenticated client posts the request's parameters and
  /// gets a single-use `request_uri` valid `requestLifetime` seconds.
  /// - Throws: `OAuthError` (client authentication, then the request's own checks).
  public func push(form: [String: String], authorization: String?) throws -> (
    requestURI: String, expiresIn: Int64
  ) {
    let (service, client) = try ClientAuthenticator(store: store, time: time).authenticate(
      form: form, authorization: authorization)
    if form["request_uri"] != nil { throw OAuthError.invalidRequest("request_uri cannot be pushed") }
    var parameters = form.filter { AuthorizationRequest.parameterNames.contains($0.key) }
    parameters["client_id"] = client.clientID
    let request = try AuthorizationRequest.check(parameters, service: service, client: client)
    let id = "urn:minid:" + Base64.encode(random.bytes(32), urlSafe: true)
    try store.write { transaction in
      let now = time.timestamp
      try transaction.insertAuthorizationRequest(
        StoredAuthorizationRequest(
          id: id, request: request, browserHash: nil, pushed: true, createdAt: now,
          expiresAt: now.adding(seconds: Self.requestLifetime), usedAt: nil))
      try transaction.audit(
        AuditDraft(
          actor: AuditActor("client:\(client.clientID)"), action: .oidcPAR, detail: "request pushed"),
        at: now)
    }
    return (id, Self.requestLifetime)
  }

  /// TestID's headless login (`login_hint=testid:<pid>_<acr>`): in a test store only, a synthetic person
  /// at the level the hint names, with no password, `amr ["TestID"]`, as ID-porten's test environment
  /// does. A person without a MinID account is accepted, as TestID does.
  /// - Returns: nil when the request has no TestID hint.
  /// - Throws: `OAuthError` `access_denied` in a production store; `invalid_request` for a malformed hint,
  ///   a number that is not synthetic, or a level below what the request needs.
  public func testIDLogin(_ request: AuthorizationRequest) throws -> String? {
    guard let person = try testIDPerson(request) else { return nil }
    return try issueCode(for: request, person: person)
  }

  /// The person a TestID hint names, checked as `testIDLogin` checks it; nil without a TestID hint.
  /// - Throws: as `testIDLogin`.
  func testIDPerson(_ request: AuthorizationRequest) throws -> AuthenticatedPerson? {
    guard let hint = request.loginHint, hint.hasPrefix("testid:") else { return nil }
    guard store.settings.environment == .test else {
      throw OAuthError("access_denied", "TestID exists only in a test store")
    }
    let body = hint.dropFirst("testid:".count)
    guard let separator = body.firstIndex(of: "_"),
      let level = SecurityLevel(rawValue: String(body[body.index(after: separator)...]))
    else {
      throw OAuthError.invalidRequest("login_hint: testid:<11-digit synthetic number>_<acr value>")
    }
    let report = IdentityNumberValidator(referenceDate: time.today()).check(String(body[..<separator]))
    guard report.isValid, let digits = report.digits, let kind = report.kind, kind.isSynthetic else {
      throw OAuthError.invalidRequest("login_hint: TestID takes a valid synthetic identity number (Tenor)")
    }
    guard level >= request.acr else {
      throw OAuthError(
        "access_denied", "the login_hint's level is below the \(request.acr.rawValue) asked for")
    }
    let account = try store.read { try $0.account(pid: digits) }
    return AuthenticatedPerson(
      pid: digits, accountID: account?.id, acr: level, amr: ["TestID"], authTime: time.timestamp)
  }

  /// Keeps a checked request while the person logs in on the provider's pages, bound to the browser that
  /// asked (the SHA-256 of a random cookie value, so a page posted from another browser is refused).
  /// - Returns: the id the pages carry (128 random bits, base64url).
  public func beginLogin(_ request: AuthorizationRequest, browserSecret: String) throws -> String {
    let id = Base64.encode(random.bytes(16), urlSafe: true)
    try store.write { transaction in
      let now = time.timestamp
      try transaction.insertAuthorizationRequest(
        StoredAuthorizationRequest(
          id: id, request: request, browserHash: Digest.sha256(Array(browserSecret.utf8)), pushed: false,
          createdAt: now, expiresAt: now.adding(seconds: Self.loginLifetime), usedAt: nil))
    }
    return id
  }

  /// How long a person has to log in on the provider's pages: ten minutes.
  public static let loginLifetime: Int64 = 600

  /// The request a login in progress belongs to, when `browserSecret` is the browser's that began it.
  /// - Throws: `OAuthError` `invalid_request` (not redirectable: the request cannot be trusted) for an unknown,
  ///   used or expired login, or another browser's.
  public func pendingLogin(id: String, browserSecret: String?) throws -> AuthorizationRequest {
    guard let stored = try store.read({ try $0.authorizationRequest(id: id) }), !stored.pushed,
      stored.usedAt == nil, stored.expiresAt > time.timestamp, let browserSecret,
      let hash = stored.browserHash, Digest.constantTimeEqual(hash, Digest.sha256(Array(browserSecret.utf8)))
    else {
      throw OAuthError.notRedirectable(
        "invalid_request",
        "this login has expired or was started in another browser; start again from the service")
    }
    return stored.request
  }

  /// Ends a login in progress with a code, inside the transaction that completes the login: the stored
  /// request is used up, so a page posted twice cannot make two codes.
  /// - Parameter clientID: the service the completed login attempt was started for: it must be the
  ///   request's, so an attempt begun for another service cannot finish this one.
  /// - Throws: `OAuthError` when the login was used already, the attempt was another service's, or the
  ///   person's level is below the request's.
  public func finishLogin(
    id: String, person: AuthenticatedPerson, clientID: String, sessionID: String? = nil,
    in transaction: any StoreTransaction
  ) throws -> (request: AuthorizationRequest, code: String) {
    guard let stored = try transaction.authorizationRequest(id: id), stored.request.clientID == clientID
    else {
      throw OAuthError.notRedirectable("invalid_request", "this login was started for another service")
    }
    // A level-3 login cannot answer a request for level 4 (acr_values may ask more than the service).
    guard person.acr >= stored.request.acr else {
      throw OAuthError.notRedirectable(
        "access_denied",
        "the service asked for \(stored.request.acr.rawValue); \(person.amr.joined()) gives less")
    }
    guard try transaction.markAuthorizationRequestUsed(id: id, at: time.timestamp) else {
      throw OAuthError.notRedirectable("invalid_request", "this login has already been completed")
    }
    return (
      stored.request,
      try issueCode(for: stored.request, person: person, sessionID: sessionID, in: transaction)
    )
  }

  /// A new authorization code for a person who has logged in, bound to the request's client, redirect
  /// URI, PKCE challenge and nonce, with a new grant behind it; audited.
  /// - Returns: the code (256 random bits, base64url); only its hash is stored.
  public func issueCode(for request: AuthorizationRequest, person: AuthenticatedPerson) throws -> String {
    try store.write { transaction in try issueCode(for: request, person: person, in: transaction) }
  }

  /// `issueCode` inside a transaction the caller holds (a login that completes and issues in one).
  /// - Parameter sessionID: the single sign-on session the code is issued in, if any.
  public func issueCode(
    for request: AuthorizationRequest, person: AuthenticatedPerson, sessionID: String? = nil,
    in transaction: any StoreTransaction
  ) throws -> String {
    guard let client = try transaction.client(clientID: request.clientID) else {
      throw OAuthError.notRedirectable("invalid_client", "no client is registered with that client_id")
    }
    let now = time.timestamp
    let code = Base64.encode(random.bytes(32), urlSafe: true)
    var grant = OAuthGrant(
      id: Base64.encode(random.bytes(16), urlSafe: true), clientID: request.clientID, pid: person.pid,
      accountID: person.accountID, scope: request.scope, acr: person.acr, amr: person.amr,
      authTime: person.authTime, locale: request.uiLocale, createdAt: now,
      expiresAt: now.adding(seconds: client.authorizationLifetime), revokedAt: nil, sessionID: sessionID)
    grant.resource = request.resource
    try transaction.insertGrant(grant)
    try transaction.insertAuthorizationCode(
      AuthorizationCodeRecord(
        codeHash: codeHash(code), grantID: grant.id, redirectURI: request.redirectURI,
        codeChallenge: request.codeChallenge, nonce: request.nonce, createdAt: now,
        expiresAt: now.adding(seconds: Self.codeLifetime), usedAt: nil))
    try transaction.audit(
      try personDraft(
        person, transaction: transaction, action: .oidcAuthorize,
        detail: "code for \(request.clientID); \(person.amr.joined(separator: " ")); \(person.acr.rawValue)"),
      at: now)
    return code
  }

  /// Where the browser goes with the code: the redirect URI with `code`, `state` and `iss` (RFC 9207).
  public func successResponse(_ request: AuthorizationRequest, code: String) -> AuthorizationResponse {
    AuthorizationResponse(
      redirectURI: request.redirectURI, mode: request.responseMode,
      parameters: [("code", code), ("state", request.state), ("iss", issuer)])
  }

  /// Where the browser goes with an error (RFC 6749 §4.1.2.1), `state` and `iss` included.
  public func errorResponse(_ error: OAuthError, redirectURI: String, state: String?, mode: String = "query")
    -> AuthorizationResponse
  {
    var parameters = [("error", error.error), ("error_description", error.description)]
    if let state { parameters.append(("state", state)) }
    parameters.append(("iss", issuer))
    return AuthorizationResponse(redirectURI: redirectURI, mode: mode, parameters: parameters)
  }

  // MARK: token

  /// The token endpoint (RFC 6749 §3.2): `authorization_code` and `refresh_token` grants, the client
  /// authenticated as registered.
  ///
  /// A code is single use, 60 s, and bound to its client, redirect URI and PKCE verifier; a code presented
  /// twice revokes everything issued with it (RFC 6749 §4.1.2). A refresh token is replaced at every use;
  /// one used twice revokes the grant (OAuth 2.0 Security BCP §4.14).
  /// - Throws: `OAuthError`: `invalid_client` (401), `invalid_grant`, `invalid_request`,
  ///   `unsupported_grant_type`, `unauthorized_client`.
  public func token(form: [String: String], authorization: String?) throws -> TokenResponse {
    guard let grantType = form["grant_type"] else { throw OAuthError.invalidRequest("grant_type is missing") }
    guard grantType == "authorization_code" || grantType == "refresh_token" else {
      throw OAuthError("unsupported_grant_type", "grant_type: authorization_code or refresh_token")
    }
    let (_, client) = try ClientAuthenticator(store: store, time: time).authenticate(
      form: form, authorization: authorization)
    return grantType == "authorization_code"
      ? try exchangeCode(form, client: client) : try refresh(form, client: client)
  }

  private func exchangeCode(_ form: [String: String], client: ClientRegistration) throws -> TokenResponse {
    guard let code = form["code"] else { throw OAuthError.invalidRequest("code is missing") }
    guard let redirectURI = form["redirect_uri"] else {
      throw OAuthError.invalidRequest("redirect_uri is missing")
    }
    let hash = codeHash(code)
    let key = try activeKey()
    let outcome = try store.write { transaction -> Result<TokenResponse, OAuthError> in
      let now = time.timestamp
      guard let record = try transaction.authorizationCode(hash: hash),
        let grant = try transaction.grant(id: record.grantID), grant.clientID == client.clientID
      else { return .failure(.invalidGrant("the code is unknown, or was issued to another client")) }
      // A failed check does not use the code up; only a code exchanged twice is a replay, whenever the
      // second exchange comes (checked here and, against a racing request, by the conditional update).
      guard record.usedAt == nil else {
        return .failure(try replayed(grant, client: client, transaction, now))
      }
      guard record.expiresAt > now else { return .failure(.invalidGrant("the code has expired")) }
      guard grant.isLive(at: now) else { return .failure(.invalidGrant("the grant has been revoked")) }
      guard record.redirectURI == redirectURI else {
        return .failure(.invalidGrant("redirect_uri differs from the one in the authorization request"))
      }
      if let challenge = record.codeChallenge {
        guard let verifier = form["code_verifier"] else {
          return .failure(.invalidGrant("code_verifier is missing (PKCE)"))
        }
        guard PKCE.verifies(verifier, challenge: challenge) else {
          return .failure(.invalidGrant("code_verifier does not match the code_challenge (PKCE S256)"))
        }
      } else if client.authMethod == .none {
        return .failure(.invalidGrant("a public client must use PKCE"))
      }
      guard try transaction.markAuthorizationCodeUsed(hash: hash, at: now) else {
        return .failure(try replayed(grant, client: client, transaction, now))
      }
      return .success(
        try tokens(
          for: grant, client: client, nonce: record.nonce,
          audience: Self.audience(form["resource"], of: grant),
          key: key, transaction: transaction, now: now))
    }
    return try outcome.get()
  }

  /// A code exchanged a second time: everything issued with it is revoked (RFC 6749 §4.1.2), audited.
  private func replayed(
    _ grant: OAuthGrant, client: ClientRegistration, _ transaction: any StoreTransaction, _ now: Timestamp
  ) throws -> OAuthError {
    try revokeReplayed(grant, client: client, action: .oidcToken, used: "code", transaction, now)
    return .invalidGrant("the code has been used; everything issued with it is revoked")
  }

  /// Revokes `grant` because a code or refresh token of it (`used` names which) came a second time, and
  /// audits the refusal under `action`: a replay means someone else may hold it (RFC 6749 §4.1.2, §10.4).
  private func revokeReplayed(
    _ grant: OAuthGrant, client: ClientRegistration, action: AuditAction, used: String,
    _ transaction: any StoreTransaction, _ now: Timestamp
  ) throws {
    _ = try transaction.revokeGrant(id: grant.id, at: now)
    try transaction.audit(
      AuditDraft(
        actor: AuditActor("client:\(client.clientID)"), action: action, outcome: .refused,
        detail: "\(used) used twice; grant \(grant.id) revoked"), at: now)
  }

  private func refresh(_ form: [String: String], client: ClientRegistration) throws -> TokenResponse {
    guard client.authMethod != .none else {
      throw OAuthError("unauthorized_client", "a public client (none) cannot use the refresh_token grant")
    }
    guard let token = form["refresh_token"] else {
      throw OAuthError.invalidRequest("refresh_token is missing")
    }
    let hash = refreshHash(token)
    let key = try activeKey()
    let outcome = try store.write { transaction -> Result<TokenResponse, OAuthError> in
      let now = time.timestamp
      guard let record = try transaction.refreshToken(hash: hash),
        let grant = try transaction.grant(id: record.grantID), grant.clientID == client.clientID
      else { return .failure(.invalidGrant("the refresh token is unknown, or another client's")) }
      guard try transaction.markRefreshTokenUsed(hash: hash, at: now) else {
        try revokeReplayed(
          grant, client: client, action: .oidcRefresh, used: "refresh token", transaction, now)
        return .failure(.invalidGrant("the refresh token has been used; the grant is revoked"))
      }
      guard record.expiresAt > now, grant.isLive(at: now) else {
        return .failure(.invalidGrant("the refresh token or its grant has expired or been revoked"))
      }
      return .success(
        try tokens(
          for: grant, client: client, nonce: nil, audience: Self.audience(form["resource"], of: grant),
          key: key,
          transaction: transaction, now: now))
    }
    return try outcome.get()
  }

  /// ID token, access token and a new refresh token for a live grant; audited.
  /// The access token's `aud`: the grant's resource. A token request may name it again (RFC 8707 §2.2)
  /// but not another, since the person's login was for that one.
  /// - Throws: `OAuthError` `invalid_target` for a resource other than the grant's.
  private static func audience(_ asked: String?, of grant: OAuthGrant) throws -> String? {
    guard let asked else { return grant.resource }
    guard asked == grant.resource else {
      throw OAuthError(
        "invalid_target", "resource: not the one the authorization request named (RFC 8707 §2.2)")
    }
    return asked
  }

  private func tokens(
    for grant: OAuthGrant, client: ClientRegistration, nonce: String?, audience: String?, key: SigningKey,
    transaction: any StoreTransaction, now: Timestamp
  ) throws -> TokenResponse {
    let person = AuthenticatedPerson(
      pid: grant.pid, accountID: grant.accountID, acr: grant.acr, amr: grant.amr, authTime: grant.authTime)
    let (idToken, idClaims) = try IDTokenIssuer(issuer: issuer, secrets: store.secrets).sign(
      person: person, clientID: client.clientID, nonce: nonce, locale: grant.locale, key: key, now: now,
      jti: Base64.encode(random.bytes(16), urlSafe: true),
      sid: client.wantsSessionID ? grant.sessionID : nil)
    let sub = idClaims.sub
    var accessClaims = AccessTokenClaims(
      iss: issuer, clientID: client.clientID, clientAmr: client.authMethod.rawValue, sub: sub, pid: grant.pid,
      acr: grant.acr.rawValue, scope: grant.scope.joined(separator: " "), iat: now.seconds,
      exp: now.seconds + client.accessTokenLifetime,
      jti: grant.id + "." + Base64.encode(random.bytes(12), urlSafe: true))
    accessClaims.aud = audience
    accessClaims.consumer = client.organizationNumber?.consumer
    let refresh = Base64.encode(random.bytes(32), urlSafe: true)
    let refreshExpiry = min(now.adding(seconds: client.refreshTokenLifetime).seconds, grant.expiresAt.seconds)
    try transaction.insertRefreshToken(
      RefreshTokenRecord(
        tokenHash: refreshHash(refresh), grantID: grant.id, createdAt: now,
        expiresAt: Timestamp(seconds: refreshExpiry), usedAt: nil))
    // RFC 9068's type, so an access token can never pass for an ID token (RFC 8725 §3.11).
    let accessHeader = ["alg": key.algorithm.rawValue, "kid": key.kid, "typ": "at+jwt"]
    let response = TokenResponse(
      idToken: idToken,
      accessToken: try CompactJWS.sign(header: accessHeader, claims: accessClaims, key: key),
      tokenType: "Bearer",
      expiresIn: client.accessTokenLifetime, refreshToken: refresh,
      refreshTokenExpiresIn: refreshExpiry - now.seconds, scope: grant.scope.joined(separator: " "))
    try transaction.audit(
      AuditDraft(
        actor: AuditActor("client:\(client.clientID)"), action: .oidcToken,
        detail: "grant \(grant.id); id token \(idClaims.jti); kid \(key.kid)"), at: now)
    return response
  }

  // MARK: userinfo, introspection, revocation

  /// `/userinfo` (ID-porten: `sub`, `pid`, `locale`) for a Bearer access token this provider issued, whose
  /// grant is live.
  /// - Throws: `OAuthError` `invalid_token` (401).
  public func userinfo(bearer: String) throws -> UserInfo {
    let (claims, grant) = try liveAccessToken(bearer)
    return UserInfo(sub: claims.sub, pid: claims.pid, locale: grant.locale)
  }

  /// Token introspection (RFC 7662) for an authenticated client: `{"active": false}` for anything not live
  /// or not the client's own; the access token's claims when it is.
  public func introspect(form: [String: String], authorization: String?) throws -> [String: JSONValue] {
    let (_, client) = try ClientAuthenticator(store: store, time: time).authenticate(
      form: form, authorization: authorization)
    guard let token = form["token"] else { throw OAuthError.invalidRequest("token is missing") }
    guard let (claims, _) = try? liveAccessToken(token), claims.clientID == client.clientID else {
      if let record = try store.read({ try $0.refreshToken(hash: refreshHash(token)) }),
        let grant = try store.read({ try $0.grant(id: record.grantID) }), grant.clientID == client.clientID,
        record.usedAt == nil, record.expiresAt > time.timestamp, grant.isLive(at: time.timestamp)
      {
        return [
          "active": .bool(true), "client_id": .string(grant.clientID), "token_type": .string("refresh_token"),
          "exp": .number(record.expiresAt.seconds), "scope": .string(grant.scope.joined(separator: " ")),
        ]
      }
      return ["active": .bool(false)]
    }
    var answer: [String: JSONValue] = [
      "active": .bool(true), "client_id": .string(claims.clientID), "token_type": .string("Bearer"),
      "scope": .string(claims.scope), "sub": .string(claims.sub), "pid": .string(claims.pid),
      "acr": .string(claims.acr), "iss": .string(claims.iss), "iat": .number(claims.iat),
      "exp": .number(claims.exp), "jti": .string(claims.jti),
    ]
    if let aud = claims.aud { answer["aud"] = .string(aud) }
    return answer
  }

  /// Token revocation (RFC 7009): revoking an access or refresh token ends its whole grant, for the
  /// client that holds it (ID-porten's rule). Unknown tokens are not an error.
  public func revoke(form: [String: String], authorization: String?) throws {
    let (_, client) = try ClientAuthenticator(store: store, time: time).authenticate(
      form: form, authorization: authorization)
    guard let token = form["token"] else { throw OAuthError.invalidRequest("token is missing") }
    var grantID: String?
    if let claims = try? verifiedAccessToken(token), claims.clientID == client.clientID {
      grantID = claims.grantID
    } else if let record = try store.read({ try $0.refreshToken(hash: refreshHash(token)) }) {
      grantID = record.grantID
    }
    guard let grantID else { return }
    try store.write { transaction in
      guard let grant = try transaction.grant(id: grantID), grant.clientID == client.clientID else { return }
      if try transaction.revokeGrant(id: grantID, at: time.timestamp) {
        try transaction.audit(
          AuditDraft(
            actor: AuditActor("client:\(client.clientID)"), action: .oidcRevoke,
            detail: "grant \(grantID) revoked"),
          at: time.timestamp)
      }
    }
  }

  // MARK: helpers

  private func liveAccessToken(_ token: String) throws -> (AccessTokenClaims, OAuthGrant) {
    let claims = try verifiedAccessToken(token)
    guard let grant = try store.read({ try $0.grant(id: claims.grantID) }), grant.isLive(at: time.timestamp)
    else {
      throw OAuthError(
        "invalid_token", "the access token's grant has been revoked or has expired", status: 401)
    }
    return (claims, grant)
  }

  /// An access token this provider signed, not expired.
  private func verifiedAccessToken(_ token: String) throws -> AccessTokenClaims {
    let keys = JSONWebKeySet(keys: try store.read { try $0.publicSigningKeys() }.map(\.publicKey))
    do {
      let jws = try CompactJWS(parsing: token)
      let (header, _, _, _) = try jws.verifiedHeader(keys: keys)
      guard header["typ"] as? String == "at+jwt" else { throw TokenError.wrongType("not an access token") }
      let claims = try JSONDecoder().decode(AccessTokenClaims.self, from: Data(jws.payloadBytes))
      guard claims.iss == issuer, claims.exp > time.timestamp.seconds else {
        throw TokenError.expired(claims.exp)
      }
      return claims
    } catch {
      throw OAuthError("invalid_token", "the access token is not valid", status: 401)
    }
  }

  func activeKey() throws -> SigningKey {
    guard let key = SigningKeySchedule.signing(try store.read { try $0.signingKeys() }, at: time.timestamp)
    else {
      throw OAuthError("server_error", "the store has no active signing key")
    }
    return key
  }

  private func codeHash(_ code: String) -> [UInt8] {
    Digest.hmacSHA256(key: store.secrets.codeKey, Array("authorization-code".utf8) + [0] + Array(code.utf8))
  }

  private func refreshHash(_ token: String) -> [UInt8] {
    Digest.hmacSHA256(key: store.secrets.codeKey, Array("refresh-token".utf8) + [0] + Array(token.utf8))
  }

  func personDraft(
    _ person: AuthenticatedPerson, transaction: any StoreTransaction, action: AuditAction, detail: String
  ) throws -> AuditDraft {
    if let id = person.accountID, let account = try transaction.account(id: id) {
      return AuditDraft(actor: "person", action: action, about: account, detail: detail)
    }
    return AuditDraft(
      actor: "person", action: action, account: store.secrets.pseudonym(of: person.pid), detail: detail)
  }
}

/// Where the browser is sent after `/authorize`: the client's redirect URI with these parameters, in the
/// query (`response_mode=query`) or as an auto-submitted form (`form_post`).
public struct AuthorizationResponse: Sendable {
  /// The client's redirect URI.
  public let redirectURI: String
  /// `query` or `form_post`.
  public let mode: String
  /// The response parameters (`code`, `state`, `iss`, or `error` and its description), in order.
  public let parameters: [(String, String)]

  /// The redirect URI with the parameters added to its query, form-encoded.
  public var location: String {
    var components = URLComponents(string: redirectURI)
    var items = components?.queryItems ?? []
    items += parameters.map { URLQueryItem(name: $0.0, value: $0.1) }
    components?.percentEncodedQuery = items.map {
      "\(FormEncoding.encode($0.name))=\(FormEncoding.encode($0.value ?? ""))"
    }.joined(separator: "&")
    return components?.string ?? redirectURI
  }
}

/// `application/x-www-form-urlencoded` encoding of one name or value (WHATWG URL §5.2): everything but
/// `A–Z a–z 0–9 * - . _` percent-encoded, space as `+`.
public enum FormEncoding {
  /// `text` form-encoded.
  public static func encode(_ text: String) -> String {
    var out = ""
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "*"), UInt8(ascii: "-"), UInt8(ascii: "."),
        UInt8(ascii: "_"):
        out.unicodeScalars.append(Unicode.Scalar(byte))
      case UInt8(ascii: " "): out += "+"
      default: out += String(format: "%%%02X", byte)
      }
    }
    return out
  }
}

/// A JSON value for answers whose members vary (introspection).
public enum JSONValue: Sendable, Equatable, Encodable {
  case bool(Bool)
  case string(String)
  case number(Int64)

  /// Encodes the bare value: a Boolean, a string or a number.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .bool(let value): try container.encode(value)
    case .string(let value): try container.encode(value)
    case .number(let value): try container.encode(value)
    }
  }
}
