import Foundation

/// Authenticates a client at the token, PAR, introspection and revocation endpoints by the one method it
/// registered (ID-porten: «Klientautentiseringsmetoden som er registrert på klient, må benyttes»).
struct ClientAuthenticator: Sendable {
  let store: any Store
  let time: any TimeSource

  /// The client's registration, once its credentials hold.
  /// - Parameters:
  ///   - form: the request's form fields.
  ///   - authorization: the `Authorization` header, if any.
  /// - Throws: `OAuthError` `invalid_client` (401) for an unknown client, a method other than the registered
  ///   one, a wrong secret, or a client assertion that breaks a rule (`ClientAssertion`) or was used
  ///   before; `invalid_request` for credentials sent two ways.
  func authenticate(form: [String: String], authorization: String?) throws -> (Service, ClientRegistration) {
    let basic = try authorization.map(Self.basicCredentials)
    let assertion = try Self.assertion(form)
    if basic != nil, form["client_secret"] != nil {
      throw OAuthError.invalidRequest("client credentials sent both in the header and in the form")
    }
    if assertion != nil, basic != nil || form["client_secret"] != nil {
      throw OAuthError.invalidRequest(
        "a client authenticates one way: a client_assertion, or a client secret (RFC 6749 §2.3)")
    }
    // With an assertion the client id may come from the assertion alone (RFC 7523 §3); its iss is read
    // unverified only to find the keys, and must equal the client id once the signature holds.
    guard let clientID = basic?.id ?? form["client_id"] ?? assertion.flatMap(ClientAssertion.claimedIssuer),
      !clientID.isEmpty
    else {
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
    if assertion != nil, client.authMethod != .privateKeyJWT {
      throw OAuthError.invalidClient(
        "this client is registered for \(client.authMethod.rawValue), not private_key_jwt")
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
      guard basic == nil, form["client_secret"] == nil else {
        throw OAuthError.invalidClient("this client is public (none): it sends no secret")
      }
    case .privateKeyJWT:
      guard let assertion else {
        throw OAuthError.invalidClient(
          "this client is registered for private_key_jwt: send client_assertion_type=\(ClientAssertion.type) "
            + "and a client_assertion")
      }
      try useAssertion(assertion, of: client)
    }
    return (service, client)
  }

  /// The `client_assertion`, when the form has one: `client_assertion_type` must be RFC 7523's.
  private static func assertion(_ form: [String: String]) throws -> String? {
    let type = form["client_assertion_type"]
    let assertion = form["client_assertion"]
    guard type != nil || assertion != nil else { return nil }
    guard type == ClientAssertion.type else {
      throw OAuthError.invalidClient("client_assertion_type must be \(ClientAssertion.type)")
    }
    guard let assertion, !assertion.isEmpty else {
      throw OAuthError.invalidClient("client_assertion is missing")
    }
    return assertion
  }

  /// Verifies an assertion and uses its jti up, in one transaction: of two requests with the same
  /// assertion, racing or not, one authenticates. A replay is audited.
  private func useAssertion(_ assertion: String, of client: ClientRegistration) throws {
    let now = time.timestamp
    let verified = try ClientAssertion(
      verifying: assertion, client: client, issuer: store.settings.issuer, now: now)
    let fresh = try store.write { transaction in
      guard
        try transaction.useClientAssertion(
          clientID: client.clientID, jti: verified.jti, expiresAt: verified.expiresAt, now: now)
      else {
        try transaction.audit(
          AuditDraft(
            actor: AuditActor("client:\(client.clientID)"), action: .oidcClientAssertion,
            outcome: .refused, detail: "client assertion used twice"), at: now)
        return false
      }
      return true
    }
    guard fresh else {
      throw OAuthError.invalidClient(
        "client_assertion: its jti has been used; make a new assertion for each request (RFC 7523 §3)")
    }
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
