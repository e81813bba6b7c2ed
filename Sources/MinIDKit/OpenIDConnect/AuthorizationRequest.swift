import Foundation

/// A checked authorization request (OpenID Connect Core §3.1.2.1, with ID-porten's rules): what the
/// client asked for, once every parameter has passed.
///
/// ID-porten is stricter than plain OpenID Connect: `response_type=code` only, PKCE `S256` required
/// (unless the client is registered without it), `state` and `nonce` required, `redirect_uri` matched
/// exactly against the registration.
public struct AuthorizationRequest: Sendable, Equatable, Codable {
  /// `client_id`: the client asking.
  public let clientID: String
  /// `redirect_uri`: one of the client's registered URIs, exactly.
  public let redirectURI: String
  /// `scope`, split on spaces; `openid` always among them.
  public let scope: [String]
  /// `state`: the client's value, returned with the code.
  public let state: String
  /// `nonce`: echoed in the ID token.
  public let nonce: String
  /// `code_challenge`: the PKCE S256 challenge (RFC 7636), when given.
  public let codeChallenge: String?
  /// The level the login must reach: the higher of the service's and the `acr_values` asked for.
  public let acr: SecurityLevel
  /// The first of `ui_locales` minid speaks (nb, nn, en, se), else nb.
  public let uiLocale: String
  /// `query` or `form_post`.
  public let responseMode: String
  /// `prompt`: `login` forces a new login.
  public let prompt: String?
  /// `login_hint`: in a test store, `testid:<pid>_<acr>` logs in headlessly.
  public let loginHint: String?
  /// `max_age` in seconds: a session whose login is older must log in again (OpenID Connect Core §3.1.2.1).
  public var maxAge: Int64? = nil
  /// Whether the client named the level in `acr_values` (then a single e-ID meeting it skips the choice
  /// page, as ID-porten does); false for requests stored before minid kept it.
  public var acrValuesGiven: Bool { acrValues ?? false }
  let acrValues: Bool?
  /// `resource` (RFC 8707): the API the access token is for, its `aud`; nil for none. Requests stored
  /// before minid kept it read as none.
  public var resource: String? = nil

  /// The parameters `/authorize` and `/par` take; anything else is ignored, as RFC 6749 §3.1 says.
  public static let parameterNames: Set<String> = [
    "client_id", "redirect_uri", "response_type", "scope", "state", "nonce", "code_challenge",
    "code_challenge_method", "acr_values", "ui_locales", "response_mode", "prompt", "login_hint",
    "max_age", "resource",
  ]

  /// Checks raw parameters against the client's registration.
  ///
  /// The client and the redirect URI are checked first; their errors are not redirectable (the person sees
  /// an error page). Every later error is, with the request's `state`.
  /// - Parameters:
  ///   - parameters: name → value; a repeated parameter must already have been refused (RFC 6749 §3.1).
  ///   - client: the registration for `client_id`, nil when there is none.
  /// - Throws: `OAuthError`.
  public static func check(
    _ parameters: [String: String], service: Service?, client: ClientRegistration?
  ) throws(OAuthError) -> AuthorizationRequest {
    guard let clientID = parameters["client_id"], !clientID.isEmpty else {
      throw .notRedirectable("invalid_request", "client_id is missing")
    }
    guard let service, let client else {
      throw .notRedirectable("invalid_client", "no client is registered with that client_id")
    }
    guard let redirectURI = parameters["redirect_uri"] else {
      throw .notRedirectable("invalid_request", "redirect_uri is missing")
    }
    guard client.redirectURIs.contains(redirectURI) else {
      throw .notRedirectable(
        "invalid_request", "redirect_uri is not one the client registered (compared exactly)")
    }
    guard let responseType = parameters["response_type"] else {
      throw .invalidRequest("response_type is missing")
    }
    guard responseType == "code" else {
      throw OAuthError("unsupported_response_type", "only response_type=code is supported, as in ID-porten")
    }
    let scope = (parameters["scope"] ?? "").split(separator: " ").map(String.init)
    guard scope.contains("openid") else { throw OAuthError("invalid_scope", "scope must include openid") }
    let allowed = Set(client.scopes + ClientRegistration.baseScopes)
    if let unknown = scope.first(where: { !allowed.contains($0) }) {
      throw OAuthError("invalid_scope", "scope \(unknown.prefix(60)) is not registered for this client")
    }
    guard let state = parameters["state"], !state.isEmpty else {
      throw .invalidRequest("state is required (ID-porten requires state, nonce and PKCE)")
    }
    guard let nonce = parameters["nonce"], !nonce.isEmpty else {
      throw .invalidRequest("nonce is required (ID-porten requires state, nonce and PKCE)")
    }
    guard nonce.utf8.count <= 256, state.utf8.count <= 1024 else {
      throw .invalidRequest("nonce is at most 256 bytes and state at most 1024")
    }
    let challenge = try PKCE.checkedChallenge(
      parameters["code_challenge"], method: parameters["code_challenge_method"], required: client.pkceRequired
    )
    var acr = service.level
    if let values = parameters["acr_values"] {
      for value in values.split(separator: " ") {
        guard let level = SecurityLevel(rawValue: String(value)) else {
          throw .invalidRequest(
            "acr_values: \(value.prefix(60)) is not idporten-loa-substantial or idporten-loa-high")
        }
        acr = max(acr, level)
      }
    }
    let locale =
      (parameters["ui_locales"] ?? "").split(separator: " ").map(String.init)
      .first(where: IDTokenClaims.locales.contains) ?? "nb"
    let responseMode = parameters["response_mode"] ?? "query"
    guard ["query", "form_post"].contains(responseMode) else {
      throw .invalidRequest("response_mode: query or form_post")
    }
    let prompt = parameters["prompt"]
    if let prompt, !["login", "none"].contains(prompt) {
      throw .invalidRequest("prompt: only login (or none) is supported, as in ID-porten")
    }
    var maxAge: Int64?
    if let text = parameters["max_age"] {
      guard text.count <= 9, text.allSatisfy(\.isASCIIDigit), let seconds = Int64(text) else {
        throw .invalidRequest("max_age: a number of seconds, 0 to 999999999")
      }
      maxAge = seconds
    }
    var request = AuthorizationRequest(
      clientID: clientID, redirectURI: redirectURI, scope: scope, state: state, nonce: nonce,
      codeChallenge: challenge, acr: acr, uiLocale: locale, responseMode: responseMode, prompt: prompt,
      loginHint: parameters["login_hint"], acrValues: parameters["acr_values"] != nil)
    request.maxAge = maxAge
    request.resource = try parameters["resource"].map(ResourceIndicator.checked)
    return request
  }
}

/// Proof Key for Code Exchange (RFC 7636), `S256` only, as ID-porten.
public enum PKCE {
  /// The challenge to keep, when the request has a valid one.
  /// - Throws: `OAuthError` `invalid_request` for a missing challenge where it is required, a method other
  ///   than `S256`, or a challenge that is not 43 base64url characters (a SHA-256).
  static func checkedChallenge(_ challenge: String?, method: String?, required: Bool) throws(OAuthError)
    -> String?
  {
    guard let challenge else {
      if required { throw .invalidRequest("code_challenge is required (PKCE S256)") }
      if method != nil { throw .invalidRequest("code_challenge_method without code_challenge") }
      return nil
    }
    guard method == "S256" else {
      throw .invalidRequest("code_challenge_method must be S256; plain is not accepted")
    }
    guard challenge.utf8.count == 43, Base64.decode(challenge, urlSafe: true)?.count == 32 else {
      throw .invalidRequest(
        "code_challenge: 43 base64url characters without padding (SHA-256 of the verifier)")
    }
    return challenge
  }

  /// Whether `verifier` answers `challenge`: 43–128 unreserved characters (RFC 7636 §4.1) whose SHA-256,
  /// in base64url, is the challenge. Compared in constant time.
  public static func verifies(_ verifier: String, challenge: String) -> Bool {
    let unreserved = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8)
    guard (43...128).contains(verifier.utf8.count), verifier.utf8.allSatisfy(unreserved.contains) else {
      return false
    }
    let computed = Base64.encode(Digest.sha256(Array(verifier.utf8)), urlSafe: true)
    return Digest.constantTimeEqual(Array(computed.utf8), Array(challenge.utf8))
  }
}
