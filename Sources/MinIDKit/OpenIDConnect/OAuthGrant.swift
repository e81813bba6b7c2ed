/// One person's authorization of one client: what every code, access token and refresh token of a login
/// hangs on. Revoking the grant (a replayed code, a reused refresh token, RFC 7009 revocation) ends them
/// all. Kept in the store, so any `minid serve` process on it can honour or end it.
public struct OAuthGrant: Sendable, Equatable {
  /// 128 random bits, base64url.
  public let id: String
  /// The client authorized.
  public let clientID: String
  /// The identity number the tokens name.
  public let pid: String
  /// The MinID account, when the login was one (TestID may log in a synthetic person without one).
  public let accountID: Int64?
  /// The scopes granted.
  public let scope: [String]
  /// The level the login reached.
  public let acr: SecurityLevel
  /// How the person authenticated.
  public let amr: [String]
  /// When the person authenticated.
  public let authTime: Timestamp
  /// The person's language: nb, nn, en or se.
  public let locale: String
  /// When it was issued.
  public let createdAt: Timestamp
  /// The grant's end, whatever refreshing does (the client's authorization lifetime).
  public let expiresAt: Timestamp
  /// When the grant was revoked, ending every token of it.
  public let revokedAt: Timestamp?
  /// The single sign-on session the grant was issued in (its `sid`), if any: logout ends such grants.
  public let sessionID: String?
  /// The resource (RFC 8707) the client asked for at `/authorize`: its access tokens' `aud`; nil for none.
  public var resource: String? = nil

  /// A record with these fields.
  public init(
    id: String, clientID: String, pid: String, accountID: Int64?, scope: [String], acr: SecurityLevel,
    amr: [String], authTime: Timestamp, locale: String, createdAt: Timestamp, expiresAt: Timestamp,
    revokedAt: Timestamp?, sessionID: String? = nil
  ) {
    self.id = id
    self.clientID = clientID
    self.pid = pid
    self.accountID = accountID
    self.scope = scope
    self.acr = acr
    self.amr = amr
    self.authTime = authTime
    self.locale = locale
    self.createdAt = createdAt
    self.expiresAt = expiresAt
    self.revokedAt = revokedAt
    self.sessionID = sessionID
  }

  /// Whether tokens of the grant may still be used at `now`.
  public func isLive(at now: Timestamp) -> Bool { revokedAt == nil && expiresAt > now }
}

/// An authorization code as the store keeps it: only its hash, bound to the grant, the redirect URI and the
/// PKCE challenge; single use.
public struct AuthorizationCodeRecord: Sendable, Equatable {
  /// SHA-256 of the code; the code itself is not kept.
  public let codeHash: [UInt8]
  /// The grant it belongs to.
  public let grantID: String
  /// The redirect URI the code was sent to; the token request must repeat it.
  public let redirectURI: String
  /// The PKCE S256 challenge the verifier must answer.
  public let codeChallenge: String?
  /// The request's `nonce`, for the ID token.
  public let nonce: String?
  /// When it was issued.
  public let createdAt: Timestamp
  /// When it stops working.
  public let expiresAt: Timestamp
  /// When it was used, if it was: it works once.
  public let usedAt: Timestamp?

  /// A record with these fields.
  public init(
    codeHash: [UInt8], grantID: String, redirectURI: String, codeChallenge: String?, nonce: String?,
    createdAt: Timestamp, expiresAt: Timestamp, usedAt: Timestamp?
  ) {
    self.codeHash = codeHash
    self.grantID = grantID
    self.redirectURI = redirectURI
    self.codeChallenge = codeChallenge
    self.nonce = nonce
    self.createdAt = createdAt
    self.expiresAt = expiresAt
    self.usedAt = usedAt
  }
}

/// A refresh token as the store keeps it: its hash, its grant, an inactivity deadline; used once, then
/// replaced (rotation).
public struct RefreshTokenRecord: Sendable, Equatable {
  /// SHA-256 of the token; the token itself is not kept.
  public let tokenHash: [UInt8]
  /// The grant it belongs to.
  public let grantID: String
  /// When it was issued.
  public let createdAt: Timestamp
  /// When it stops working.
  public let expiresAt: Timestamp
  /// When it was used, if it was: it works once.
  public let usedAt: Timestamp?

  /// A record with these fields.
  public init(
    tokenHash: [UInt8], grantID: String, createdAt: Timestamp, expiresAt: Timestamp, usedAt: Timestamp?
  ) {
    self.tokenHash = tokenHash
    self.grantID = grantID
    self.createdAt = createdAt
    self.expiresAt = expiresAt
    self.usedAt = usedAt
  }
}

/// An authorization request kept in the store: one pushed by a client (PAR, RFC 9126) or one waiting while
/// a person logs in on the provider's pages. Single use.
public struct StoredAuthorizationRequest: Sendable, Equatable {
  /// For PAR the `request_uri` (`urn:minid:…`); otherwise a random id the login pages carry.
  public let id: String
  /// The request as checked.
  public let request: AuthorizationRequest
  /// SHA-256 of the browser cookie the login pages are bound to (CSRF), when a browser holds it.
  public let browserHash: [UInt8]?
  /// Whether a client pushed it (PAR) rather than a browser bringing it.
  public let pushed: Bool
  /// When it was issued.
  public let createdAt: Timestamp
  /// When it stops working.
  public let expiresAt: Timestamp
  /// When it was used, if it was: it works once.
  public let usedAt: Timestamp?

  /// A record with these fields.
  public init(
    id: String, request: AuthorizationRequest, browserHash: [UInt8]?, pushed: Bool, createdAt: Timestamp,
    expiresAt: Timestamp, usedAt: Timestamp?
  ) {
    self.id = id
    self.request = request
    self.browserHash = browserHash
    self.pushed = pushed
    self.createdAt = createdAt
    self.expiresAt = expiresAt
    self.usedAt = usedAt
  }
}
