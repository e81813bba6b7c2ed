import Foundation

/// Authenticates a client at the token, PAR, introspection and revocation endpoints by the one method it
/// registered (ID-porten: «Klientautentiseringsmetoden som er registrert på klient, må benyttes»).
struct ClientAuthenticator {
  let store: any Store

  /// The client's registration, once its credentials hold.
  /// - Parameters:
  ///   - form: the request's form fields.
  ///   - authorization: the `Authorization` header, if any.
  /// - Throws: `OAuthError` `invalid_client` (401) for an unknown client, a method other than the registered
  ///   one, or a wrong secret; `invalid_request` for credentials sent two ways.
  func authenticate(form: [String: String], authorization: String?) throws -> (Service, ClientRegistration) {
    let basic = try authorization.map(Self.basicCredentials)
    if basic != nil, form["client_secret"] != nil {
      throw OAuthError.invalidRequest("client credentials sent both in the header and in the form")
    }
    guard let clientID = basic?.id ?? form["client_id"], !clientID.isEmpty else {
      throw OAuthError.invalidClient("no client authentication: client_id is missing")
    }
    if let basic, let formID = form["client_id"], formID != basic.id {
      throw OAuthError.invalidRequest(
        "client_id in the form differs from the one in the Authorization header")
    }
    let found = try store.read { transaction in
      (try transaction.service(clientID: clientID), try transaction.client(clientID: clientID))
    }
    guard let service = found.0, let client = found.1 else {
      throw OAuthError.invalidClient("unknown client")
    }
    switch client.authMethod {
    case .clientSecretBasic:
      guard let basic else {
        throw OAuthError.invalidClient("this client is registered for client_secret_basic")
      }
      try checkSecret(basic.secret, of: client)
    case .clientSecretPost:
      guard basic == nil, let secret = form["client_secret"] else {
        throw OAuthError.invalidClient("this client is registered for client_secret_post")
      }
      try checkSecret(secret, of: client)
    case .none:
      guard basic == nil, form["client_secret"] == nil, form["client_assertion"] == nil else {
        throw OAuthError.invalidClient("this client is public (none): it sends no secret")
      }
    case .privateKeyJWT:
      throw OAuthError.invalidClient("private_key_jwt is not supported by this minid yet")
    }
    return (service, client)
  }

  private func checkSecret(_ secret: String, of client: ClientRegistration) throws {
    guard let stored = client.secretHash,
      Digest.constantTimeEqual(stored, Self.secretHash(secret, key: store.secrets.codeKey))
    else { throw OAuthError.invalidClient("wrong client secret") }
  }

  /// How a client secret is kept: HMAC-SHA-256 under the store's code key. A secret has 256 random bits,
  /// so a slow hash would add nothing but latency.
  static func secretHash(_ secret: String, key: [UInt8]) -> [UInt8] {
    Digest.hmacSHA256(key: key, Array("client-secret".utf8) + [0] + Array(secret.utf8))
  }

  /// `Authorization: Basic base64(urlencode(id) ":" urlencode(secret))` (RFC 6749 §2.3.1).
  static func basicCredentials(_ header: String) throws -> (id: String, secret: String) {
    let parts = header.split(separator: " ", maxSplits: 1)
    guard parts.count == 2, parts[0].lowercased() == "basic",
      let decoded = Data(base64Encoded: String(parts[1]).trimmingCharacters(in: .whitespaces)),
      let text = String(data: decoded, encoding: .utf8), let colon = text.firstIndex(of: ":")
    else { throw OAuthError.invalidClient("the Authorization header is not Basic client credentials") }
    func formDecoded(_ part: Substring) -> String {
      String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(part)
    }
    return (formDecoded(text[..<colon]), formDecoded(text[text.index(after: colon)...]))
  }
}
