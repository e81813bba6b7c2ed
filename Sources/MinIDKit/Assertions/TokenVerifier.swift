import Foundation

/// Checks a token as a careful client would (RFC 8725): an allow-list of algorithms tied to each key, `kid`
/// only from trusted keys, the signature (OpenSSL must say exactly 1), then `iss`, `aud`, `exp`/`iat` with a
/// small leeway, and `acr` at least the level asked for. Claims are read only after the signature holds.
public struct TokenVerifier: Sendable {
  public let keys: JSONWebKeySet
  public let issuer: String
  /// The client the token must be for; nil accepts any of `knownAudiences`.
  public let audience: String?
  public let knownAudiences: Set<String>
  public let minimumLevel: SecurityLevel
  public let now: Timestamp
  /// Clock skew tolerated on `exp` and `iat`, in seconds.
  public let leeway: Int64

  public init(
    keys: JSONWebKeySet, issuer: String, audience: String?, knownAudiences: Set<String> = [],
    minimumLevel: SecurityLevel = .substantial, now: Timestamp, leeway: Int64 = 60
  ) {
    self.keys = keys
    self.issuer = issuer
    self.audience = audience
    self.knownAudiences = knownAudiences
    self.minimumLevel = minimumLevel
    self.now = now
    self.leeway = leeway
  }

  /// The verified claims.
  public func verify(_ token: String) throws(TokenError) -> IDTokenClaims {
    let jws = try CompactJWS(parsing: token)
    _ = try jws.verifiedHeader(keys: keys)

    guard let claims = (try? JSONSerialization.jsonObject(with: Data(jws.payloadBytes))) as? [String: Any]
    else {
      throw .malformed("the payload is not a JSON object")
    }
    func string(_ name: String) throws(TokenError) -> String {
      guard let value = claims[name] as? String, !value.isEmpty else { throw .missingClaim(name) }
      return value
    }
    func integer(_ name: String) throws(TokenError) -> Int64 {
      guard let number = claims[name] as? NSNumber, String(cString: number.objCType) != "c" else {
        throw .missingClaim(name)
      }
      return number.int64Value
    }
    let iss = try string("iss")
    guard iss == issuer else { throw .wrongIssuer(iss) }
    let audiences: [String]
    if let single = claims["aud"] as? String {
      audiences = [single]
    } else if let many = claims["aud"] as? [String], !many.isEmpty {
      audiences = many
    } else {
      throw .missingClaim("aud")
    }
    if let audience {
      guard audiences.contains(audience) else { throw .wrongAudience(audiences.joined(separator: ",")) }
    } else {
      guard audiences.contains(where: knownAudiences.contains) else {
        throw .wrongAudience(audiences.joined(separator: ","))
      }
    }
    let exp = try integer("exp")
    guard now.seconds < exp + leeway else { throw .expired(exp) }
    let iat = try integer("iat")
    guard iat <= now.seconds + leeway else { throw .issuedInFuture }
    let acr = try string("acr")
    guard let level = SecurityLevel(rawValue: acr), level >= minimumLevel else { throw .levelTooLow(acr) }
    let sub = try string("sub")
    guard let amr = claims["amr"] as? [String] else { throw .missingClaim("amr") }
    return IDTokenClaims(
      iss: iss, aud: audiences[0], sub: sub, pid: claims["pid"] as? String, acr: acr, amr: amr,
      authTime: (try? integer("auth_time")) ?? iat, iat: iat, exp: exp, jti: (claims["jti"] as? String) ?? "",
      nonce: claims["nonce"] as? String, locale: claims["locale"] as? String)
  }
}
