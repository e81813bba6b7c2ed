import Foundation

/// The claims of an ID token shaped like ID-porten's (decisions §4).
public struct IDTokenClaims: Codable, Sendable, Equatable {
  /// `iss`: the issuer, the store's URL without a trailing slash.
  public let iss: String
  /// `aud`: the client id the token is for.
  public let aud: String
  /// `sub`: the pairwise subject, different for every client (HMAC of the store's key over the
  /// client id and the identity number, base64url).
  public let sub: String
  /// `pid`: the person's identity number, 11 digits.
  public let pid: String?
  /// `acr`: the level reached (`idporten-loa-substantial`, …).
  public let acr: String
  /// `amr`: how the person authenticated (`Minid-OTC`, `TestID`, …).
  public let amr: [String]
  /// `auth_time`: when the person authenticated, in seconds since 1970-01-01T00:00:00Z.
  public let authTime: Int64
  /// `iat`: when the token was issued, in seconds since 1970-01-01T00:00:00Z.
  public let iat: Int64
  /// `exp`: when the token expires, in seconds since 1970-01-01T00:00:00Z.
  public let exp: Int64
  /// `jti`: the token's unique id.
  public let jti: String
  /// `nonce`: the value the client sent with the request, echoed.
  public let nonce: String?
  /// `locale`: the person's language: nb, nn, en or se.
  public let locale: String?
  /// The single sign-on session (`sid`), for clients registered for front- or back-channel logout.
  public var sid: String? = nil

  enum CodingKeys: String, CodingKey {
    case iss, aud, sub, pid, acr, amr, iat, exp, jti, nonce, locale, sid
    case authTime = "auth_time"
  }

  /// ID-porten's tokens live 120 seconds.
  public static let lifetime: Int64 = 120

  /// The locales ID-porten's `ui_locales` allows.
  public static let locales = ["nb", "nn", "en", "se"]
}

/// The compact JWS form: `header.payload.signature`, base64url without padding (RFC 7515 §7.1).
public struct CompactJWS: Sendable {
  /// The decoded header: JSON bytes.
  public let headerBytes: [UInt8]
  /// The decoded payload: JSON bytes.
  public let payloadBytes: [UInt8]
  /// The decoded signature.
  public let signature: [UInt8]
  /// The exact bytes that were signed: the first two segments as received.
  public let signingInput: [UInt8]

  /// Splits and decodes `token`; checks nothing but its form.
  /// - Throws: `TokenError.malformed` for a token longer than 16 KiB, without three segments, or with
  ///   a segment that is not base64url.
  public init(parsing token: String) throws(TokenError) {
    let trimmed = token.trimmingASCIIWhitespace()
    guard trimmed.utf8.count <= 16_384 else { throw .malformed("longer than 16 KiB") }
    let parts = trimmed.split(separator: ".", omittingEmptySubsequences: false)
    guard parts.count == 3 else { throw .malformed("a compact JWS has three parts separated by '.'") }
    guard let header = Base64.decode(String(parts[0]), urlSafe: true), !header.isEmpty,
      let payload = Base64.decode(String(parts[1]), urlSafe: true), !payload.isEmpty,
      let signature = Base64.decode(String(parts[2]), urlSafe: true)
    else { throw .malformed("a part is not unpadded base64url") }
    headerBytes = header
    payloadBytes = payload
    self.signature = signature
    signingInput = Array(parts[0].utf8) + [UInt8(ascii: ".")] + Array(parts[1].utf8)
  }

  /// Signs a header and claims, returning the compact token.
  static func sign<Claims: Encodable>(header: [String: String], claims: Claims, key: SigningKey) throws
    -> String
  {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let headerPart = Base64.encode(Array(try encoder.encode(header)), urlSafe: true)
    let payloadPart = Base64.encode(Array(try encoder.encode(claims)), urlSafe: true)
    let input = Array("\(headerPart).\(payloadPart)".utf8)
    return "\(headerPart).\(payloadPart).\(Base64.encode(try key.sign(input), urlSafe: true))"
  }
}

extension CompactJWS {
  /// The header, once the signature holds under one of `keys`, by RFC 8725's rules: RS256 or ES256 only
  /// (never `none`), no `crit`, and a `kid` among `keys`. Of the keys with that kid, only those meant for
  /// signatures (`use` absent or `sig`, `key_ops` absent or holding `verify`; RFC 7517 §4.2–4.3) and of the
  /// header's algorithm's type are tried (keys of different types may share a kid), and OpenSSL must accept
  /// the signature under one of them. Nothing of the payload is read before this returns.
  /// - Returns: the header, its kid, its algorithm and the key that verified the signature.
  /// - Throws: `TokenError` naming the first rule broken.
  func verifiedHeader(keys: JSONWebKeySet) throws(TokenError) -> (
    header: [String: Any], kid: String, algorithm: SigningAlgorithm, key: JSONWebKey
  ) {
    guard let header = (try? JSONSerialization.jsonObject(with: Data(headerBytes))) as? [String: Any] else {
      throw .malformed("the header is not a JSON object")
    }
    guard let alg = header["alg"] as? String else { throw .malformed("the header has no alg") }
    if alg.lowercased() == "none" { throw .algorithmNone }
    guard let algorithm = SigningAlgorithm(rawValue: alg) else { throw .algorithmNotAllowed(alg) }
    if header["crit"] != nil { throw .criticalHeader }
    guard let kid = header["kid"] as? String else { throw .unknownKey("(none)") }
    let named = keys.keys.filter { $0.kid == kid }
    guard !named.isEmpty else { throw .unknownKey(kid) }
    let forSignatures = named.filter(\.verifiesSignatures)
    guard !forSignatures.isEmpty else { throw .keyNotForSignatures(kid) }
    let fitting = forSignatures.filter { $0.kty == algorithm.keyType && $0.algorithm == algorithm }
    guard !fitting.isEmpty else {
      throw .keyAlgorithmMismatch(kid: kid, alg: algorithm.rawValue, keyTypes: forSignatures.map(\.kty))
    }
    guard let key = fitting.first(where: { $0.verify(signature, over: signingInput, algorithm: algorithm) })
    else { throw .badSignature }
    return (header, kid, algorithm, key)
  }
}

/// Why a token was refused by `token verify`; each has its own code.
public enum TokenError: MinIDError, Equatable {
  case malformed(String)
  case malformedKeySet
  case algorithmNone
  case algorithmNotAllowed(String)
  case criticalHeader
  case unknownKey(String)
  /// Every key with the kid is published for something other than verifying signatures.
  case keyNotForSignatures(String)
  /// Keys with the kid exist, but none is of the type and algorithm the header's alg needs.
  case keyAlgorithmMismatch(kid: String, alg: String, keyTypes: [String])
  /// `typ` is present and not JWT.
  case wrongType(String)
  case badSignature
  case wrongIssuer(String)
  case wrongAudience(String)
  case expired(Int64)
  case notYetValid(Int64)
  case issuedInFuture
  /// A time claim that is not a whole number of seconds from 0 to 2^53 − 1.
  case badTimeClaim(String)
  /// With several audiences, `azp` is not the client the token was accepted for.
  case wrongAuthorizedParty(String)
  case levelTooLow(String)
  case missingClaim(String)
  case noSigningKey

  /// The stable snake_case code scripts match on (`MinIDError.code`).
  public var code: String {
    switch self {
    case .malformed: "token_malformed"
    case .malformedKeySet: "jwks_malformed"
    case .algorithmNone: "alg_none"
    case .algorithmNotAllowed: "alg_not_allowed"
    case .criticalHeader: "crit_not_supported"
    case .unknownKey: "unknown_kid"
    case .keyNotForSignatures: "key_not_for_signatures"
    case .keyAlgorithmMismatch: "key_alg_mismatch"
    case .wrongType: "wrong_typ"
    case .badSignature: "bad_signature"
    case .wrongIssuer: "wrong_issuer"
    case .wrongAudience: "wrong_audience"
    case .expired: "expired"
    case .notYetValid: "not_yet_valid"
    case .issuedInFuture: "issued_in_future"
    case .badTimeClaim: "bad_time_claim"
    case .wrongAuthorizedParty: "wrong_azp"
    case .levelTooLow: "acr_too_low"
    case .missingClaim: "missing_claim"
    case .noSigningKey: "no_signing_key"
    }
  }

  /// What kind of failure this is; the command line chooses the exit status from it.
  public var category: ErrorCategory {
    switch self {
    case .malformed, .malformedKeySet: .invalidInput
    case .noSigningKey: .configuration
    default: .authenticationFailed
    }
  }

  /// The sentence shown: it names the field and the rule, never a secret or a full identity number.
  public var message: String {
    switch self {
    case .malformed(let why): "token: malformed: \(why)"
    case .malformedKeySet: "jwks: not a JWK Set ({\"keys\":[…]})"
    case .algorithmNone: "token: alg 'none' (an unsigned token) is never accepted"
    case .algorithmNotAllowed(let alg):
      "token: alg '\(alg.prefix(20))' is not allowed; only RS256 and ES256 are"
    case .criticalHeader: "token: the header has 'crit', and minid understands no critical extension"
    case .unknownKey(let kid):
      "token: no published key has kid '\(kid.prefix(64))' (retired, foreign or made up)"
    case .keyNotForSignatures(let kid):
      "token: the key with kid '\(kid.prefix(64))' is not for signatures (its use is not 'sig' or its key_ops lack 'verify')"
    case .keyAlgorithmMismatch(let kid, let alg, let types):
      "token: alg '\(alg)' needs a key of type \(alg.hasPrefix("RS") ? "RSA" : "EC"), but the key with kid "
        + "'\(kid.prefix(64))' is \(Set(types).sorted().map { "'\($0.prefix(10))'" }.joined(separator: " and ")) (or has another alg)"
    case .wrongType(let typ): "token: typ '\(typ.prefix(40))' is not JWT"
    case .badSignature: "token: the signature does not verify"
    case .wrongIssuer(let iss): "token: the issuer '\(iss.prefix(200))' is not the one expected"
    case .wrongAudience(let aud): "token: the audience '\(aud.prefix(200))' is not the expected client"
    case .expired(let exp): "token: expired at \(Timestamp(seconds: exp).rfc3339)"
    case .notYetValid(let nbf):
      "token: not valid before \(Timestamp(seconds: nbf).rfc3339) (nbf is after now plus the leeway)"
    case .badTimeClaim(let name):
      "token: the claim '\(name.prefix(20))' must be a whole number of seconds from 0 to 2^53 - 1"
    case .wrongAuthorizedParty(let azp):
      "token: azp '\(azp.prefix(200))' is not the client the token was accepted for"
    case .issuedInFuture: "token: issued in the future (iat is after now plus the leeway)"
    case .levelTooLow(let acr): "token: acr '\(acr.prefix(60))' is below the level asked for"
    case .missingClaim(let name): "token: the claim '\(name)' is missing or has the wrong type"
    case .noSigningKey: "the store has no active signing key"
    }
  }
}
