/// The claims of a back-channel logout token (OpenID Connect Back-Channel Logout 1.0 §2.4), as ID-porten
/// sends them: `iss`, `aud`, `iat`, `exp`, `jti`, `sub` (the client's pairwise subject), `sid` and the
/// `events` member naming the back-channel logout event. Signed with the store's active key, header
/// `typ: logout+jwt` (§2.4, so it cannot pass for an ID token).
public struct LogoutTokenClaims: Codable, Sendable, Equatable {
  /// The issuer.
  public let iss: String
  /// The client the token is for.
  public let aud: String
  /// Issued at, seconds since the Unix epoch.
  public let iat: Int64
  /// Expires at, seconds since the Unix epoch (`iat` plus `lifetime`).
  public let exp: Int64
  /// A random id, so the client can refuse a replay.
  public let jti: String
  /// The person's pairwise subject at this client.
  public let sub: String
  /// The session id the client got in its ID tokens.
  public let sid: String
  /// `{event: {}}`: marks the token as a back-channel logout token.
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
  /// The client to tell.
  public let clientID: String
  /// Its registered `backchannel_logout_uri`.
  public let uri: String
  /// The signed logout token (compact JWS).
  public let token: String
}
