/// The claims of an access token in ID-porten's by-value shape (Digdir, «Access token»): who it is for,
/// which client holds it and how that client authenticated, the scope, and the level of the login.
///
/// `consumer` names the client's organisation when the client is registered with its organisation number;
/// `aud` is the resource the client asked for (RFC 8707), absent without one, as ID-porten does (Digdir,
/// «Audience-begrensning»). `jti` begins with the grant's id, so userinfo and introspection can tell a
/// revoked grant.
public struct AccessTokenClaims: Codable, Sendable, Equatable {
  /// `iss`: the issuer, the store's URL without a trailing slash.
  public let iss: String
  /// `client_id`: the client holding the token.
  public let clientID: String
  /// `client_amr`: how that client authenticated (`client_secret_basic`, …).
  public let clientAmr: String
  /// `sub`: the pairwise subject, different for every client (HMAC of the store's key over the
  /// client id and the identity number, base64url).
  public let sub: String
  /// `pid`: the person's identity number, 11 digits.
  public let pid: String
  /// `acr`: the level reached (`idporten-loa-substantial`, …).
  public let acr: String
  /// `scope`: the scopes granted, space-separated.
  public let scope: String
  /// `iat`: when the token was issued, in seconds since 1970-01-01T00:00:00Z.
  public let iat: Int64
  /// `exp`: when the token expires, in seconds since 1970-01-01T00:00:00Z.
  public let exp: Int64
  /// `jti`: the token's unique id.
  public let jti: String
  /// `aud`: the resource indicator the client asked for (an absolute URI), nil for none.
  public var aud: String? = nil
  /// `consumer`: the client's organisation, nil when it was registered without an organisation number.
  public var consumer: Consumer? = nil

  enum CodingKeys: String, CodingKey {
    case iss, sub, pid, acr, scope, iat, exp, jti, aud, consumer
    case clientID = "client_id"
    case clientAmr = "client_amr"
  }

  /// The grant this token belongs to: the part of `jti` before the first `.`.
  public var grantID: String { String(jti.prefix { $0 != "." }) }
}

/// What `/userinfo` returns (ID-porten: `sub`, `pid`, `locale`).
public struct UserInfo: Codable, Sendable, Equatable {
  /// `sub`: the pairwise subject, different for every client (HMAC of the store's key over the
  /// client id and the identity number, base64url).
  public let sub: String
  /// `pid`: the person's identity number, 11 digits.
  public let pid: String
  /// `locale`: the person's language: nb, nn, en or se.
  public let locale: String
}

/// The token endpoint's answer, in ID-porten's shape (RFC 6749 §5.1 plus `refresh_token_expires_in`).
public struct TokenResponse: Codable, Sendable, Equatable {
  /// `id_token`: the signed ID token.
  public let idToken: String
  /// `access_token`: the signed access token.
  public let accessToken: String
  /// `token_type`: `Bearer`.
  public let tokenType: String
  /// `expires_in`: seconds the access token lives.
  public let expiresIn: Int64
  /// `refresh_token`: used once, then replaced.
  public let refreshToken: String
  /// `refresh_token_expires_in`: seconds the refresh token lives unused.
  public let refreshTokenExpiresIn: Int64
  /// `scope`: the scopes granted, space-separated.
  public let scope: String

  enum CodingKeys: String, CodingKey {
    case scope
    case idToken = "id_token"
    case accessToken = "access_token"
    case tokenType = "token_type"
    case expiresIn = "expires_in"
    case refreshToken = "refresh_token"
    case refreshTokenExpiresIn = "refresh_token_expires_in"
  }
}
