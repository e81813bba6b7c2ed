/// The claims of a back-channel logout token (OpenID Connect Back-Channel Logout 1.0 §2.4), as ID-porten
/// sends them: `iss`, `aud`, `iat`, `exp`, `jti`, `sub` (the client's pairwise subject), `sid` and the
/// `events` member naming the back-channel logout event. Signed with the store's active key, header
/// `typ: logout+jwt` (§2.4, so it cannot pass for an ID token).
public struct LogoutTokenClaims: Codable, Sendable, Equatable {
  public let iss: String
  public let aud: String
  public let iat: Int64
  public let exp: Int64
  public let jti: String
  public let sub: String
  public let sid: String
  public let events: [String: [String: String]]

  /// The event's name, the one member of `events`.
  public static let event = "http://schemas.openid.net/event/backchannel-logout"
  /// How long a logout token is valid: two minutes, as ID-porten's other tokens (Digdir's sample shows 300 s).
  public static let lifetime: Int64 = 120
  /// The JWS header's `typ`.
  public static let type = "logout+jwt"
}

/// One logout token to deliver: the client, the URI it registered, and the signed token
/// (`POST <uri>` with the form `logout_token=<token>`, one attempt; Back-Channel Logout 1.0 §2.5).
public struct BackChannelLogout: Sendable, Equatable {
  public let clientID: String
  public let uri: String
  public let token: String
}
