/// The OpenID Provider configuration document for a store's issuer (OpenID Connect Discovery 1.0 §3), in
/// ID-porten's shape and at ID-porten's paths under the issuer, listing exactly the endpoints `minid serve`
/// answers: `minid discovery` prints the document the server serves.
public enum DiscoveryDocument {
  /// The document for `issuer`, listing `algorithms` as the ID token signing algorithms (RS256
  /// always among them).
  public static func make(issuer: String, algorithms: [SigningAlgorithm]) -> [String: DiscoveryValue] {
    [
      "issuer": .string(issuer),
      "authorization_endpoint": .string(issuer + "/authorize"),
      "pushed_authorization_request_endpoint": .string(issuer + "/par"),
      "token_endpoint": .string(issuer + "/token"),
      "userinfo_endpoint": .string(issuer + "/userinfo"),
      "jwks_uri": .string(issuer + "/jwks.json"),
      "revocation_endpoint": .string(issuer + "/token/revoke"),
      "introspection_endpoint": .string(issuer + "/token/introspect"),
      "end_session_endpoint": .string(issuer + "/logout"),
      "frontchannel_logout_supported": .bool(true),
      "frontchannel_logout_session_supported": .bool(true),
      "backchannel_logout_supported": .bool(true),
      "backchannel_logout_session_supported": .bool(true),
      "response_types_supported": .list(["code"]),
      "response_modes_supported": .list(["query", "form_post"]),
      "grant_types_supported": .list(["authorization_code", "refresh_token"]),
      "subject_types_supported": .list(["pairwise"]),
      "id_token_signing_alg_values_supported": .list(algorithms.map(\.rawValue)),
      "scopes_supported": .list(["openid", "profile"]),
      "claims_supported": .list([
        "iss", "aud", "sub", "pid", "acr", "amr", "auth_time", "iat", "exp", "jti", "nonce", "locale", "sid",
      ]),
      "acr_values_supported": .list(SecurityLevel.allCases.map(\.rawValue)),
      "ui_locales_supported": .list(IDTokenClaims.locales),
      "prompt_values_supported": .list(["login", "none"]),
      "code_challenge_methods_supported": .list(["S256"]),
      "token_endpoint_auth_methods_supported": .list(ClientAuthenticationMethod.allCases.map(\.rawValue)),
      "token_endpoint_auth_signing_alg_values_supported": .list(SigningAlgorithm.allCases.map(\.rawValue)),
      "authorization_response_iss_parameter_supported": .bool(true),
      "request_parameter_supported": .bool(false),
      "request_uri_parameter_supported": .bool(false),
      "claims_parameter_supported": .bool(false),
    ]
  }
}
