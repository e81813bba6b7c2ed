import Foundation

/// A checked RP-initiated logout request (`/logout`, OpenID Connect RP-Initiated Logout 1.0 §2, with
/// ID-porten's rules, Digdir «OIDC logout»).
///
/// `id_token_hint` must be an ID token this provider signed (an expired one is accepted: a person may log
/// out long after the token's two minutes); `client_id`, when given with it, must be its audience;
/// `post_logout_redirect_uri` is honoured only when registered for the client the hint or `client_id`
/// names; `state` is printable ASCII.
public struct EndSessionRequest: Sendable, Equatable {
  /// The client that asked: the hint's audience, or `client_id`.
  public let clientID: String?
  /// The registered URI to go back to, when one was asked for.
  public let postLogoutRedirectURI: String?
  /// The client's `state`, echoed to the post-logout redirect URI.
  public let state: String?
  /// The hint's `sid`, when it has one.
  public let hintSessionID: String?

  /// The parameters `/logout` reads.
  public static let parameterNames: Set<String> = [
    "id_token_hint", "client_id", "post_logout_redirect_uri", "state", "ui_locales",
  ]

  /// Where the browser goes after the front-channel page: the post-logout URI with `state`.
  public var redirect: String? {
    guard let uri = postLogoutRedirectURI else { return nil }
    guard let state else { return uri }
    return uri + (uri.contains("?") ? "&" : "?") + "state=" + FormEncoding.encode(state)
  }
}

extension OpenIDProvider {
  /// Checks the parameters of `/logout`.
  /// - Throws: `OAuthError` `invalid_request` (never redirected: the redirect URI is what is in doubt):
  ///   a hint that is not this provider's ID token, a `client_id` other than the hint's audience or not
  ///   registered, a `post_logout_redirect_uri` without hint or `client_id` or not registered for the
  ///   client, a `state` that is not printable ASCII or longer than 1024 bytes.
  public func endSessionRequest(_ parameters: [String: String]) throws -> EndSessionRequest {
    var clientID = parameters["client_id"].flatMap { $0.isEmpty ? nil : $0 }
    var hintSessionID: String?
    if let hint = parameters["id_token_hint"], !hint.isEmpty {
      let claims = try idTokenHint(hint)
      if let clientID, clientID != claims.aud {
        throw OAuthError.notRedirectable(
          "invalid_request", "client_id differs from the audience of id_token_hint")
      }
      clientID = claims.aud
      hintSessionID = claims.sid
    }
    if let clientID, try store.read({ try $0.client(clientID: clientID) }) == nil {
      throw OAuthError.notRedirectable("invalid_request", "client_id: no client is registered with that id")
    }
    let state = parameters["state"].flatMap { $0.isEmpty ? nil : $0 }
    if let state {
      guard state.utf8.count <= 1024, state.utf8.allSatisfy({ (0x20...0x7E).contains($0) }) else {
        throw OAuthError.notRedirectable(
          "invalid_request", "state: printable ASCII (0x20 to 0x7E), at most 1024 bytes")
      }
    }
    var redirect: String?
    if let uri = parameters["post_logout_redirect_uri"], !uri.isEmpty {
      guard let clientID else {
        throw OAuthError.notRedirectable(
          "invalid_request", "post_logout_redirect_uri needs id_token_hint or client_id")
      }
      let registered = try store.read { try $0.client(clientID: clientID) }?.postLogoutRedirectURIs ?? []
      guard registered.contains(uri) else {
        throw OAuthError.notRedirectable(
          "invalid_request", "post_logout_redirect_uri is not one the client registered (compared exactly)")
      }
      redirect = uri
    }
    return EndSessionRequest(
      clientID: clientID, postLogoutRedirectURI: redirect, state: state, hintSessionID: hintSessionID)
  }

  /// An ID token this provider signed, its expiry ignored.
  private func idTokenHint(_ token: String) throws -> IDTokenClaims {
    let keys = JSONWebKeySet(keys: try store.read { try $0.publicSigningKeys() }.map(\.publicKey))
    let claims: IDTokenClaims
    do {
      let jws = try CompactJWS(parsing: token)
      let (header, _, _, _) = try jws.verifiedHeader(keys: keys)
      guard header["typ"] as? String == "JWT" else { throw TokenError.wrongType("not an ID token") }
      claims = try JSONDecoder().decode(IDTokenClaims.self, from: Data(jws.payloadBytes))
    } catch {
      throw OAuthError.notRedirectable(
        "invalid_request", "id_token_hint is not an ID token signed by this provider")
    }
    guard claims.iss == issuer else {
      throw OAuthError.notRedirectable("invalid_request", "id_token_hint was issued by another provider")
    }
    return claims
  }
}
