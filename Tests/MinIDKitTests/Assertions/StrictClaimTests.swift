import Foundation
import Testing

@testable import MinIDKit

/// Once the signature holds, the claims are checked as strictly as `jose`, PyJWT and `jwcrypto` do. Every
/// token here is properly signed with a key of the store, so only the rule under test can refuse it.
@Suite struct StrictClaimTests {
  let fixture: LoginFixture
  let issued: IssuedToken
  let key: SigningKey
  let now: Int64

  init() throws {
    fixture = try LoginFixture()
    issued = try fixture.login()
    key = try #require(try fixture.test.store.read { try $0.signingKeys() }.first(where: \.isActive))
    now = fixture.test.clock.timestamp.seconds
  }

  /// The issued token's header and claims, changed, then signed by `signer` (the store's key by default).
  func token(
    header change: (inout [String: Any]) -> Void = { _ in }, claims: (inout [String: Any]) -> Void = { _ in },
    signer: SigningKey? = nil
  ) throws -> String {
    let parts = issued.token.split(separator: ".").map(String.init)
    var header =
      try JSONSerialization.jsonObject(with: Data(Base64.decode(parts[0], urlSafe: true)!)) as! [String: Any]
    var payload =
      try JSONSerialization.jsonObject(with: Data(Base64.decode(parts[1], urlSafe: true)!)) as! [String: Any]
    change(&header)
    claims(&payload)
    let signer = signer ?? key
    header["alg"] = header["alg"] ?? signer.algorithm.rawValue
    let h = Base64.encode(Array(try JSONSerialization.data(withJSONObject: header)), urlSafe: true)
    let c = Base64.encode(Array(try JSONSerialization.data(withJSONObject: payload)), urlSafe: true)
    let signature = try signer.sign(Array("\(h).\(c)".utf8))
    return "\(h).\(c).\(Base64.encode(signature, urlSafe: true))"
  }

  func verifier(audience: String? = "my-app", keys: JSONWebKeySet? = nil) throws -> TokenVerifier {
    TokenVerifier(
      keys: try keys ?? KeyService(store: fixture.test.store, time: fixture.test.clock, actor: "t").jwks(),
      issuer: "https://minid.test", audience: audience, knownAudiences: ["my-app", "other-app"],
      now: fixture.test.clock.timestamp)
  }

  @Test func theHelperSignsTokensThatVerify() throws {
    defer { fixture.test.remove() }
    #expect(try verifier().verify(try token()).sub == issued.claims.sub)
  }

  /// RFC 7519 §4.1.5: refused before `nbf`, with the leeway `exp` has.
  @Test func refusedBeforeNotBefore() throws {
    defer { fixture.test.remove() }
    let early = try token(claims: { $0["nbf"] = self.now + 61 })
    #expect(throws: TokenError.notYetValid(now + 61)) { try verifier().verify(early) }
    #expect(try verifier().verify(try token(claims: { $0["nbf"] = self.now + 60 })).nbf == now + 60)
  }

  /// RFC 7517 §4.2–4.3: a key published for encryption never verifies a signature.
  @Test func keysNotForSignaturesAreSkipped() throws {
    defer { fixture.test.remove() }
    let jwk = key.publicKey
    func only(use: String?, keyOps: [String]?) -> JSONWebKeySet {
      JSONWebKeySet(keys: [
        JSONWebKey(
          kty: jwk.kty, kid: jwk.kid, alg: jwk.alg, crv: jwk.crv, x: jwk.x, y: jwk.y, use: use, keyOps: keyOps
        )
      ])
    }
    let good = try token()
    #expect(throws: TokenError.keyNotForSignatures(key.kid)) {
      try verifier(keys: only(use: "enc", keyOps: nil)).verify(good)
    }
    #expect(throws: TokenError.keyNotForSignatures(key.kid)) {
      try verifier(keys: only(use: nil, keyOps: ["encrypt", "wrapKey"])).verify(good)
    }
    #expect(throws: TokenError.keyNotForSignatures(key.kid)) {
      try verifier(keys: only(use: "sig", keyOps: ["sign"])).verify(good)
    }
    #expect(try verifier(keys: only(use: nil, keyOps: ["verify"])).verify(good).kid == key.kid)
    #expect(try verifier(keys: only(use: nil, keyOps: nil)).verify(good).kid == key.kid)
    // A JWKS document's key_ops is read.
    let document =
      #"{"keys":[{"kty":"EC","kid":"\#(key.kid)","crv":"P-256","x":"\#(jwk.x!)","y":"\#(jwk.y!)","key_ops":["encrypt"]}]}"#
    #expect(throws: TokenError.keyNotForSignatures(key.kid)) {
      try verifier(keys: JSONWebKeySet(json: Array(document.utf8))).verify(good)
    }
  }

  /// Keys of different types may share a kid: the key is chosen by type and algorithm, whichever comes first.
  @Test func anRSAAndAnECKeyMayShareAKid() throws {
    defer { fixture.test.remove() }
    let rsa = try SigningKey.generate(.rs256, at: fixture.test.clock.timestamp)
    let shared = JSONWebKeySet(keys: [rsa.publicKey.with(kid: key.kid), key.publicKey])
    let ec = try token()
    #expect(try verifier(keys: shared).verify(ec).algorithm == .es256)
    let rs = try token(header: { $0["alg"] = "RS256" }, signer: rsa)
    #expect(try verifier(keys: shared).verify(rs).algorithm == .rs256)
    let reversed = JSONWebKeySet(keys: shared.keys.reversed())
    #expect(try verifier(keys: reversed).verify(ec).algorithm == .es256)
    // With only the EC key, an RS256 token is refused for the key's type, not as a forbidden alg.
    #expect(throws: TokenError.keyAlgorithmMismatch(kid: key.kid, alg: "RS256", keyTypes: ["EC"])) {
      try verifier(keys: JSONWebKeySet(keys: [key.publicKey])).verify(rs)
    }
  }

  /// RFC 7519 §4.1.3 and OpenID Connect Core §3.1.3.7 items 3–5.
  @Test func anAudienceArrayMustHoldTheClientAndAnAuthorizedParty() throws {
    defer { fixture.test.remove() }
    let both = try token(claims: {
      $0["aud"] = ["other-app", "my-app"]
      $0["azp"] = "my-app"
    })
    let verified = try verifier().verify(both)
    #expect(verified.audiences == ["other-app", "my-app"] && verified.acceptedAudience == "my-app")
    #expect(verified.azp == "my-app")
    let claims = try #require(
      try JSONSerialization.jsonObject(with: Data(verified.claimsJSON)) as? [String: Any])
    #expect(claims["aud"] as? [String] == ["other-app", "my-app"], "printed as the token has it")
    #expect(claims["azp"] as? String == "my-app")

    let without = try token(claims: { $0["aud"] = ["other-app", "third-app"] })
    #expect(throws: TokenError.wrongAudience("other-app,third-app")) { try verifier().verify(without) }
    let noAuthorizedParty = try token(claims: { $0["aud"] = ["other-app", "my-app"] })
    #expect(throws: TokenError.missingClaim("azp")) { try verifier().verify(noAuthorizedParty) }
    let otherParty = try token(claims: {
      $0["aud"] = ["other-app", "my-app"]
      $0["azp"] = "other-app"
    })
    #expect(throws: TokenError.wrongAuthorizedParty("other-app")) { try verifier().verify(otherParty) }
    #expect(throws: TokenError.missingClaim("aud")) {
      try verifier().verify(try token(claims: { $0["aud"] = ["my-app", 7] }))
    }
    // Without a client: the azp, when it is a registered service the token names, is the one accepted.
    #expect(try verifier(audience: nil).verify(otherParty).acceptedAudience == "other-app")
    #expect(try verifier(audience: nil).verify(try token()).acceptedAudience == "my-app")
  }

  /// RFC 7519 §5.1, RFC 8725 §3.11: `typ`, when present, is JWT.
  @Test func aTypeOtherThanJWTIsRefused() throws {
    defer { fixture.test.remove() }
    for typ in ["at+jwt", "JWE", "secevent+jwt", ""] {
      #expect(throws: TokenError.wrongType(typ)) {
        try verifier().verify(try token(header: { $0["typ"] = typ }))
      }
    }
    #expect(throws: TokenError.wrongType("(not a string)")) {
      try verifier().verify(try token(header: { $0["typ"] = 1 }))
    }
    for typ in ["JWT", "jwt", "application/jwt", "APPLICATION/JWT"] {
      #expect(try verifier().verify(try token(header: { $0["typ"] = typ })).sub == issued.claims.sub)
    }
    #expect(
      try verifier().verify(try token(header: { $0.removeValue(forKey: "typ") })).sub == issued.claims.sub)
  }

  @Test func issuedInTheFutureIsRefused() throws {
    defer { fixture.test.remove() }
    let future = try token(claims: {
      $0["iat"] = self.now + 3600
      $0["exp"] = self.now + 3720
    })
    #expect(throws: TokenError.issuedInFuture) { try verifier().verify(future) }
  }

  /// Time claims out of range are refused with an error, never a crash: 1e300 and Int64.max used to stop
  /// the process (1e300 became Int64.min, whose date overflowed; Int64.max overflowed `exp + leeway`).
  @Test func timeClaimsOutOfRangeAreRefusedCleanly() throws {
    defer { fixture.test.remove() }
    let bad: [(String, Any)] = [
      ("exp", 1e300), ("exp", Int64.max), ("exp", UInt64.max), ("exp", -1), ("exp", 1.5),
      ("exp", Double(1 << 53)), ("iat", -1e300), ("iat", 1e300), ("nbf", Int64.min), ("nbf", 0.25),
      ("auth_time", -5),
    ]
    for (name, value) in bad {
      let token = try token(claims: { $0[name] = value })
      #expect(throws: TokenError.badTimeClaim(name), "\(name) = \(value)") { try verifier().verify(token) }
    }
    for (name, value) in [("exp", "9999999999"), ("iat", true)] as [(String, Any)] {
      let token = try token(claims: { $0[name] = value })
      #expect(throws: TokenError.missingClaim(name), "\(name) = \(value)") { try verifier().verify(token) }
    }
    // A whole number written as a double, and the largest time accepted, are fine.
    #expect(try verifier().verify(try token(claims: { $0["exp"] = Double(self.now + 100) })).exp == now + 100)
    #expect(try verifier().verify(try token(claims: { $0["exp"] = (1 << 53) - 1 })).exp == (1 << 53) - 1)
  }

  /// What `token verify` prints is the token's own payload: unknown claims, nbf and azp included.
  @Test func theClaimsPrintedAreTheTokensOwn() throws {
    defer { fixture.test.remove() }
    let verified = try verifier().verify(
      try token(claims: {
        $0["nbf"] = self.now
        $0["azp"] = "my-app"
        $0["https://example.no/role"] = ["admin"]
      }))
    let claims = try #require(
      try JSONSerialization.jsonObject(with: Data(verified.claimsJSON)) as? [String: Any])
    #expect(claims["nbf"] as? Int64 == now && claims["azp"] as? String == "my-app")
    #expect(claims["https://example.no/role"] as? [String] == ["admin"])
    #expect(claims["aud"] as? String == "my-app")
    #expect(
      Set(claims.keys).isSuperset(of: ["iss", "sub", "pid", "acr", "amr", "auth_time", "iat", "exp", "jti"]))
  }
}
