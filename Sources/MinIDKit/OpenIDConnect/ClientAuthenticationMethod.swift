/// How a client proves who it is at the token, PAR, introspection and revocation endpoints (RFC 6749 §2.3,
/// RFC 7523, OpenID Connect Core §9). As in ID-porten, the method registered is the only one accepted.
public enum ClientAuthenticationMethod: String, Sendable, CaseIterable, Codable {
  /// `Authorization: Basic` with the client id and secret (RFC 6749 §2.3.1).
  case clientSecretBasic = "client_secret_basic"
  /// `client_id` and `client_secret` as form fields.
  case clientSecretPost = "client_secret_post"
  /// A JWT signed with a key from the client's registered JWKS (RFC 7523).
  case privateKeyJWT = "private_key_jwt"
  /// A public client (a single-page or native app): no secret, PKCE required.
  case none = "none"

  /// Whether the client holds a secret the provider checks.
  public var usesSecret: Bool { self == .clientSecretBasic || self == .clientSecretPost }
}
