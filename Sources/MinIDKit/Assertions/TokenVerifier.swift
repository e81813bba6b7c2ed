import Foundation

/// Checks a token as a careful client would, as strictly as the JOSE libraries (`jose`, PyJWT, `jwcrypto`):
///
/// - the header (RFC 8725): an allow-list of algorithms, never `none`; no `crit`; `typ` absent or `JWT`
///   (`application/jwt`, any case; RFC 7519 §5.1);
/// - the key: the `kid` among the trusted keys, skipping keys whose `use` is not `sig` or whose `key_ops`
///   lacks `verify` (RFC 7517 §4.2–4.3), and of those the key whose `kty` and `alg` fit the token's `alg`
///   (keys of different types may share a kid); the signature (OpenSSL must say exactly 1);
/// - the claims, read only after the signature holds: `iss`; `aud` containing the client; with several
///   audiences an `azp` that is the client (OpenID Connect Core §3.1.3.7 items 3–5); `exp`, `nbf` and `iat`
///   with the same leeway (RFC 7519 §4.1.4–4.1.6); `acr` at least the level asked for.
///
/// Time claims must be whole numbers of seconds from 0 to 2^53 − 1 (the integers every JSON parser
/// reads exactly, RFC 7493 §2.2); a fraction, a negative number, a huge or non-finite one is refused
/// rather than rounded.
public struct TokenVerifier: Sendable {
  /// The keys a token may be signed with, by `kid`.
  public let keys: JSONWebKeySet
  /// The `iss` a token must have.
  public let issuer: String
  /// The client the token must be for; nil accepts one of `knownAudiences`, and the result says which.
  public let audience: String?
  /// The client ids a token may be for when `audience` is nil (`knownAudiences(whenNaming:)`).
  public let knownAudiences: Set<String>
  /// The lowest `acr` accepted.
  public let minimumLevel: SecurityLevel
  /// The moment `exp`, `nbf` and `iat` are judged at.
  public let now: Timestamp
  /// Clock skew tolerated on `exp`, `nbf` and `iat`, in seconds.
  public let leeway: Int64

  /// The largest time claim accepted: 2^53 − 1 seconds.
  public static let largestTime: Int64 = (1 << 53) - 1

  /// A verifier with these expectations; `leeway` is in seconds.
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

  /// The audiences a token may be for when the verifier is given none (`audience` nil): the client ids of
  /// the store's registered services, read through `registeredClients` only then, so a check that names
  /// its client needs no store (decisions §4; RFC 8725 §3.9: a token is accepted only by the audience it
  /// was issued for).
  public static func knownAudiences(
    whenNaming audience: String?, registeredClients: () throws -> [String]
  ) rethrows -> Set<String> {
    audience == nil ? Set(try registeredClients()) : []
  }

  /// The token, checked.
  ///
  /// - Throws: `TokenError`, the first rule the token breaks.
  public func verify(_ token: String) throws(TokenError) -> VerifiedToken {
    let jws = try CompactJWS(parsing: token)
    let (header, kid, algorithm, _) = try jws.verifiedHeader(keys: keys)
    if let typ = header["typ"] {
      guard let text = typ as? String, ["jwt", "application/jwt"].contains(text.lowercased()) else {
        throw .wrongType((typ as? String) ?? "(not a string)")
      }
    }

    guard let claims = (try? JSONSerialization.jsonObject(with: Data(jws.payloadBytes))) as? [String: Any]
    else {
      throw .malformed("the payload is not a JSON object")
    }
    let reader = ClaimReader(claims: claims)
    let iss = try reader.string("iss")
    guard iss == issuer else { throw .wrongIssuer(iss) }
    let audiences = try reader.audiences()
    let azp = try reader.optionalString("azp")
    let accepted = try acceptedAudience(audiences, azp: azp)

    let exp = try reader.time("exp")
    guard now.seconds < exp + leeway else { throw .expired(exp) }
    let nbf = try reader.optionalTime("nbf")
    if let nbf { guard nbf <= now.seconds + leeway else { throw .notYetValid(nbf) } }
    let iat = try reader.time("iat")
    guard iat <= now.seconds + leeway else { throw .issuedInFuture }
    let authTime = try reader.optionalTime("auth_time")

    let acr = try reader.string("acr")
    guard let level = SecurityLevel(rawValue: acr), level >= minimumLevel else { throw .levelTooLow(acr) }
    let sub = try reader.string("sub")
    guard let amr = claims["amr"] as? [String] else { throw .missingClaim("amr") }
    let canonical =
      (try? JSONSerialization.data(withJSONObject: claims, options: [.sortedKeys, .withoutEscapingSlashes]))
      ?? Data(jws.payloadBytes)
    return VerifiedToken(
      kid: kid, algorithm: algorithm, acceptedAudience: accepted, audiences: audiences,
      iss: iss, sub: sub, pid: try reader.optionalString("pid"), acr: acr, amr: amr, azp: azp,
      authTime: authTime, iat: iat, exp: exp, nbf: nbf, jti: try reader.optionalString("jti"),
      nonce: try reader.optionalString("nonce"), locale: try reader.optionalString("locale"),
      claimsJSON: Array(canonical))
  }

  /// `audience` when the token names it; without one, the single registered service the token names, or
  /// with several audiences the `azp`.
  private func acceptedAudience(_ audiences: [String], azp: String?) throws(TokenError) -> String {
    let accepted: String
    if let audience {
      guard audiences.contains(audience) else { throw .wrongAudience(audiences.joined(separator: ",")) }
      accepted = audience
    } else if audiences.count > 1, let azp {
      guard audiences.contains(azp), knownAudiences.contains(azp) else { throw .wrongAuthorizedParty(azp) }
      accepted = azp
    } else {
      let known = audiences.filter(knownAudiences.contains)
      guard let first = known.first else { throw .wrongAudience(audiences.joined(separator: ",")) }
      accepted = first
    }
    if audiences.count > 1 {
      guard let azp else { throw .missingClaim("azp") }
      guard azp == accepted else { throw .wrongAuthorizedParty(azp) }
    }
    return accepted
  }
}

/// Reads claims by their type, refusing a claim of the wrong type or range rather than guessing.
struct ClaimReader {
  let claims: [String: Any]

  func string(_ name: String) throws(TokenError) -> String {
    guard let value = claims[name] as? String, !value.isEmpty else { throw .missingClaim(name) }
    return value
  }

  func optionalString(_ name: String) throws(TokenError) -> String? {
    guard let value = claims[name], !(value is NSNull) else { return nil }
    guard let text = value as? String else { throw .missingClaim(name) }
    return text
  }

  /// `aud`: a string or a non-empty array of strings (RFC 7519 §4.1.3).
  func audiences() throws(TokenError) -> [String] {
    if let single = claims["aud"] as? String, !single.isEmpty { return [single] }
    guard let many = claims["aud"] as? [Any], !many.isEmpty else { throw .missingClaim("aud") }
    let strings = many.compactMap { $0 as? String }.filter { !$0.isEmpty }
    guard strings.count == many.count else { throw .missingClaim("aud") }
    return strings
  }

  func time(_ name: String) throws(TokenError) -> Int64 {
    guard let value = try optionalTime(name) else { throw .missingClaim(name) }
    return value
  }

  /// A NumericDate (RFC 7519 §2) held to whole seconds from 0 to 2^53 − 1: checked on the number before
  /// any conversion, since converting 1e300 or NaN to Int64 stops the process.
  func optionalTime(_ name: String) throws(TokenError) -> Int64? {
    guard let value = claims[name], !(value is NSNull) else { return nil }
    // JSONSerialization gives true and false as NSNumbers of type "c"; `is Bool` would also take 0 and 1.
    guard let number = value as? NSNumber, String(cString: number.objCType) != "c" else {
      throw .missingClaim(name)
    }
    let limit = TokenVerifier.largestTime
    switch String(cString: number.objCType) {
    case "s", "i", "l", "q":
      let integer = number.int64Value
      guard (0...limit).contains(integer) else { throw .badTimeClaim(name) }
      return integer
    case "C", "S", "I", "L", "Q":
      let integer = number.uint64Value
      guard integer <= UInt64(limit) else { throw .badTimeClaim(name) }
      return Int64(integer)
    default:
      let double = number.doubleValue
      guard double.isFinite, double >= 0, double <= Double(limit), double.rounded(.towardZero) == double
      else {
        throw .badTimeClaim(name)
      }
      return Int64(double)
    }
  }

}

/// A token that passed every check: the claims minid reads, typed, and every claim as the token has it.
public struct VerifiedToken: Sendable, Equatable {
  /// The key that signed the token.
  public let kid: String
  /// The algorithm it was signed with.
  public let algorithm: SigningAlgorithm
  /// The audience the token was accepted for: the client asked for, or the registered service found.
  public let acceptedAudience: String
  /// `aud` as the token has it, one or several.
  public let audiences: [String]
  /// `iss`: the issuer, the store's URL without a trailing slash.
  public let iss: String
  /// `sub`: the pairwise subject, different for every client (HMAC of the store's key over the
  /// client id and the identity number, base64url).
  public let sub: String
  /// `pid`: the person's identity number, 11 digits.
  public let pid: String?
  /// `acr`: the level reached (`idporten-loa-substantial`, …).
  public let acr: String
  /// `amr`: how the person authenticated (`Minid-OTC`, `TestID`, …).
  public let amr: [String]
  /// `azp`: the client the token was issued to, when the token names one.
  public let azp: String?
  /// Seconds since 1970, as in the token.
  public let authTime: Int64?
  /// `iat`: when the token was issued, in seconds since 1970-01-01T00:00:00Z.
  public let iat: Int64
  /// `exp`: when the token expires, in seconds since 1970-01-01T00:00:00Z.
  public let exp: Int64
  /// `nbf`: the token is not valid before this, in seconds since 1970-01-01T00:00:00Z.
  public let nbf: Int64?
  /// `jti`: the token's unique id.
  public let jti: String?
  /// `nonce`: the value the client sent with the request, echoed.
  public let nonce: String?
  /// `locale`: the person's language: nb, nn, en or se.
  public let locale: String?
  /// Every claim of the payload, unknown ones too, as compact JSON with sorted keys: what `token verify`
  /// prints, so nothing the token says is left out or changed.
  public let claimsJSON: [UInt8]
}

extension SigningAlgorithm {
  /// The JWK `kty` a key for this algorithm has (RFC 7518 §6.1).
  public var keyType: String { self == .rs256 ? "RSA" : "EC" }
}
