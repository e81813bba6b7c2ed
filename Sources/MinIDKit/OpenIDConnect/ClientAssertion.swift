import Foundation

/// A client assertion (`private_key_jwt`): a JWT the client signs with a key from its registered JWK Set
/// to authenticate at the token, PAR, introspection and revocation endpoints (RFC 7523 §2.2 and §3,
/// OpenID Connect Core §9), checked by ID-porten's rules:
///
/// - the header by RFC 8725 (`CompactJWS.verifiedHeader`): RS256 or ES256, never `none` or an HMAC; a `kid`
///   naming one of the client's keys; the signature under it; `typ`, if any, `JWT` or
///   `client-authentication+jwt`;
/// - `iss` and `sub` both the client id (RFC 7523 §3 items 1–2);
/// - `aud` containing the issuer or the token endpoint URL (item 3);
/// - `exp` in the future, at most `maximumLifetime` seconds after `iat` (item 4); `iat` present and not in
///   the future beyond `leeway`; `nbf`, if any, not in the future beyond `leeway`;
/// - `jti` present (item 7); that it is used once is the store's part (`useClientAssertion`).
///
/// Every refusal is `invalid_client` (401) naming the rule.
public struct ClientAssertion: Sendable, Equatable {
  /// The `client_assertion_type` that says the assertion is a JWT (RFC 7523 §2.2).
  public static let type = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"
  /// The longest an assertion may live from `iat` to `exp`: five minutes, so a jti need only be kept that
  /// long.
  public static let maximumLifetime: Int64 = 300
  /// Clock skew tolerated on `iat` and `nbf`, in seconds.
  public static let leeway: Int64 = 30

  /// The client the assertion authenticates (`iss` = `sub`).
  public let clientID: String
  /// `jti`, kept until `expiresAt` so the assertion works once.
  public let jti: String
  /// `exp`.
  public let expiresAt: Timestamp

  /// The `iss` of an assertion not yet verified: which client it claims to be, so its keys can be found.
  /// Nothing else of the payload is read before the signature holds.
  static func claimedIssuer(_ assertion: String) -> String? {
    guard let jws = try? CompactJWS(parsing: assertion),
      let claims = (try? JSONSerialization.jsonObject(with: Data(jws.payloadBytes))) as? [String: Any]
    else { return nil }
    return claims["iss"] as? String
  }

  /// Verifies an assertion for `client` against its registered keys.
  /// - Parameters:
  ///   - issuer: the provider's issuer; `aud` must contain it or `issuer + "/token"`.
  ///   - now: the time the request arrived.
  /// - Throws: `OAuthError` `invalid_client` naming the first rule broken.
  public init(verifying assertion: String, client: ClientRegistration, issuer: String, now: Timestamp)
    throws(OAuthError)
  {
    guard let text = client.jwks, let keys = try? JSONWebKeySet(json: Array(text.utf8)) else {
      throw .invalidClient("this client has no registered keys for private_key_jwt")
    }
    let jws: CompactJWS
    let header: [String: Any]
    do {
      jws = try CompactJWS(parsing: assertion)
      header = try jws.verifiedHeader(keys: keys).header
    } catch {
      throw .invalidClient("client_assertion: \(Self.rule(error))")
    }
    if let typ = header["typ"] {
      let text = (typ as? String)?.lowercased() ?? ""
      guard ["jwt", "application/jwt", "client-authentication+jwt"].contains(text) else {
        throw .invalidClient("client_assertion: typ, if present, is JWT or client-authentication+jwt")
      }
    }
    guard let claims = (try? JSONSerialization.jsonObject(with: Data(jws.payloadBytes))) as? [String: Any]
    else { throw .invalidClient("client_assertion: the payload is not a JSON object") }
    let reader = ClaimReader(claims: claims)
    do {
      guard try reader.optionalString("iss") == client.clientID else {
        throw OAuthError.invalidClient("client_assertion: iss must be the client id (RFC 7523 §3)")
      }
      guard try reader.optionalString("sub") == client.clientID else {
        throw OAuthError.invalidClient("client_assertion: sub must be the client id (RFC 7523 §3)")
      }
      let audiences = (try? reader.audiences()) ?? []
      guard audiences.contains(issuer) || audiences.contains(issuer + "/token") else {
        throw OAuthError.invalidClient(
          "client_assertion: aud must contain the issuer \(issuer) or the token endpoint \(issuer)/token")
      }
      guard let exp = try reader.optionalTime("exp") else {
        throw OAuthError.invalidClient("client_assertion: exp is missing")
      }
      guard let iat = try reader.optionalTime("iat") else {
        throw OAuthError.invalidClient("client_assertion: iat is missing")
      }
      guard exp > now.seconds else { throw OAuthError.invalidClient("client_assertion: expired (exp)") }
      guard iat <= now.seconds + Self.leeway else {
        throw OAuthError.invalidClient("client_assertion: iat is in the future")
      }
      guard exp - iat <= Self.maximumLifetime else {
        throw OAuthError.invalidClient(
          "client_assertion: exp is more than \(Self.maximumLifetime) seconds after iat; make a new "
            + "assertion for each request")
      }
      if let nbf = try reader.optionalTime("nbf"), nbf > now.seconds + Self.leeway {
        throw OAuthError.invalidClient("client_assertion: not valid yet (nbf)")
      }
      guard let jti = try reader.optionalString("jti"), !jti.isEmpty, jti.count <= 256 else {
        throw OAuthError.invalidClient(
          "client_assertion: jti (1 to 256 characters) is missing; every assertion needs its own")
      }
      clientID = client.clientID
      self.jti = jti
      expiresAt = Timestamp(seconds: exp)
    } catch let error as OAuthError {
      throw error
    } catch {
      throw .invalidClient("client_assertion: \(Self.rule(error))")
    }
  }

  /// The rule a JOSE refusal names, without the "token: " its message starts with.
  private static func rule(_ error: any Error) -> String {
    guard let error = error as? TokenError else { return "not a valid JWT" }
    let message = error.message
    let text = message.hasPrefix("token: ") ? String(message.dropFirst("token: ".count)) : message
    if case .unknownKey = error {
      return "the header's kid names none of this client's registered keys"
    }
    return text
  }
}
