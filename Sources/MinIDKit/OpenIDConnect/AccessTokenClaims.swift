/// The claims of an access token in ID-porten's by-value shape (Digdir, «Access token»): who it is for,
/// which client holds it and how that client authenticated, the scope, and the level of the login.
///
/// ID-porten also sends `consumer` (the client's organisation number); minid has no organisation
/// register, so it leaves `consumer` out. `aud` is absent unless a resource was asked for, as in ID-porten's
/// own sample. `jti` begins with the grant's id, so userinfo and introspection can tell a revoked grant.
public struct AccessTokenClaims: Codable, Sendable, Equatable {
  public let iss: String
  public let clientID: String
  public let clientAmr: String
  public let sub: String
  public let pid: String
  public let acr: String
  public let scope: String
  public let iat: Int64
  public let exp: Int64
  public let jti: String

  enum CodingKeys: String, CodingKey {
    case iss, sub, pid, acr, scope, iat, exp, jti
    case clientID = "client_id"
    case clientAmr = "client_amr"
  }

  /// The grant this token belongs to: the part of `jti` before the first `.`.
  public var grantID: String { String(jti.prefix { $0 != "." }) }
}

/// What `/userinfo` returns (ID-porten: `sub`, `pid`, `locale`).
public struct UserInfo: Codable, Sendable, Equatable {
  public let sub: String
  public let pid: String
  public let locale: String
}

/// The token endpoint's answer, in ID-porten's shape (RFC 6749 §5.1 plus `refresh_token_expires_in`).
public struct TokenResponse: Codable, Sendable, Equatable {
  public let idToken: String
  public let accessToken: String
  public let tokenType: String
  public let expiresIn: Int64
  public let refreshToken: String
  public let refreshTokenExpiresIn: Int64
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
