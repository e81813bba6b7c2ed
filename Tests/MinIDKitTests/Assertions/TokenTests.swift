import Foundation
import Testing

@testable import MinIDKit

@Suite struct TokenVerificationTests {
  func tamper(
    _ token: String, header: ((inout [String: Any]) -> Void)? = nil,
    claims: ((inout [String: Any]) -> Void)? = nil
  ) throws -> String {
    let parts = token.split(separator: ".").map(String.init)
    var headerObject =
      try JSONSerialization.jsonObject(with: Data(Base64.decode(parts[0], urlSafe: true)!)) as! [String: Any]
    var claimObject =
      try JSONSerialization.jsonObject(with: Data(Base64.decode(parts[1], urlSafe: true)!)) as! [String: Any]
    header?(&headerObject)
    claims?(&claimObject)
    let h = Base64.encode(Array(try JSONSerialization.data(withJSONObject: headerObject)), urlSafe: true)
    let c = Base64.encode(Array(try JSONSerialization.data(withJSONObject: claimObject)), urlSafe: true)
    return "\(h).\(c).\(parts[2])"
  }

  @Test(arguments: SigningAlgorithm.allCases)
  func bothAlgorithmsVerify(_ algorithm: SigningAlgorithm) throws {
    let fixture = try LoginFixture(keyAlgorithm: algorithm)
    defer { fixture.test.remove() }
    let issued = try fixture.login()
    #expect(issued.algorithm == algorithm)
    #expect(try fixture.verifier().verify(issued.token).pid == fixture.pid)
    let signature = Base64.decode(String(issued.token.split(separator: ".")[2]), urlSafe: true)!
    #expect(signature.count == (algorithm == .es256 ? 64 : 384))
  }

  @Test func refusals() throws {
    let fixture = try LoginFixture()
    defer { fixture.test.remove() }
    let issued = try fixture.login()
    let token = issued.token
    let verifier = try fixture.verifier()

    // A flipped bit anywhere in the signature.
    var bytes = Array(token.utf8)
    let last = bytes.count - 5
    bytes[last] = bytes[last] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
    #expect(throws: TokenError.badSignature) { try verifier.verify(String(decoding: bytes, as: UTF8.self)) }
    // A changed claim.
    #expect(throws: TokenError.badSignature) {
      try verifier.verify(try tamper(token, claims: { $0["pid"] = "31129956715" }))
    }
    // alg none, with or without a signature.
    let none = try tamper(token, header: { $0["alg"] = "none" })
    #expect(throws: TokenError.algorithmNone) { try verifier.verify(none) }
    #expect(throws: TokenError.algorithmNone) {
      try verifier.verify(String(none.prefix { $0 != "." }) + "." + token.split(separator: ".")[1] + ".")
    }
    #expect(throws: TokenError.algorithmNotAllowed("HS256")) {
      try verifier.verify(try tamper(token, header: { $0["alg"] = "HS256" }))
    }
    // The key's algorithm is fixed: an ES256 key does not verify as RS256, and the error says so.
    #expect(throws: TokenError.keyAlgorithmMismatch(kid: issued.kid, alg: "RS256", keyTypes: ["EC"])) {
      try verifier.verify(try tamper(token, header: { $0["alg"] = "RS256" }))
    }
    #expect(throws: TokenError.unknownKey("made-up")) {
      try verifier.verify(try tamper(token, header: { $0["kid"] = "made-up" }))
    }
    #expect(throws: TokenError.criticalHeader) {
      try verifier.verify(try tamper(token, header: { $0["crit"] = ["exp"] }))
    }
    // Audience, issuer, expiry, level.
    #expect(throws: TokenError.wrongAudience("my-app")) {
      try fixture.verifier(audience: "other-app").verify(token)
    }
    #expect(throws: TokenError.self) {
      try TokenVerifier(
        keys: verifier.keys, issuer: "https://idporten.no", audience: "my-app", now: verifier.now
      ).verify(token)
    }
    let later = fixture.test.clock.timestamp.adding(seconds: 120 + 61)
    #expect(throws: TokenError.self) { try fixture.verifier(now: later).verify(token) }
    #expect(
      try fixture.verifier(now: fixture.test.clock.timestamp.adding(seconds: 150)).verify(token)
        .acceptedAudience
        == "my-app", "60 s of leeway")
    #expect(throws: TokenError.levelTooLow("idporten-loa-substantial")) {
      try TokenVerifier(
        keys: verifier.keys, issuer: "https://minid.test", audience: "my-app", minimumLevel: .high,
        now: verifier.now
      )
      .verify(token)
    }
    for malformed in ["", "a.b", "a.b.c.d", "!!!.e30.", "e30.e30.e30="] {
      #expect(throws: TokenError.self) { try verifier.verify(malformed) }
    }
  }

  @Test func retiredAndForeignKeysDoNotVerify() throws {
    let fixture = try LoginFixture()
    defer { fixture.test.remove() }
    let keys = KeyService(store: fixture.test.store, time: fixture.test.clock, actor: "t")
    let old = try fixture.login()
    let first = try #require(try keys.keys().first)
    #expect(throws: KeyError.active(first.kid)) { try keys.retire(kid: first.kid) }
    let second = try keys.rotate(algorithm: .es256, activateAfter: 0)
    #expect(
      try keys.jwks().keys.compactMap(\.kid).sorted() == [first.kid, second.kid].sorted(),
      "the old key stays published")
    #expect(try fixture.verifier().verify(old.token).jti == old.claims.jti)
    #expect(try fixture.login().kid == second.kid)
    try keys.retire(kid: first.kid)
    #expect(try keys.jwks().keys.compactMap(\.kid) == [second.kid])
    #expect(throws: TokenError.unknownKey(first.kid)) { try fixture.verifier().verify(old.token) }
    #expect(throws: KeyError.alreadyRetired(first.kid)) { try keys.retire(kid: first.kid) }

    // A token from another store, whose key nobody here published.
    let foreign = try LoginFixture()
    defer { foreign.test.remove() }
    let stranger = try foreign.login()
    #expect(throws: TokenError.unknownKey(stranger.kid)) { try fixture.verifier().verify(stranger.token) }
    // The same kid but a foreign key: the signature fails.
    let forged = try JSONWebKeySet(keys: [
      foreign.test.store.read { try $0.signingKeys() }.first!.publicKey.with(kid: second.kid)
    ])
    let token = try fixture.login().token
    #expect(throws: TokenError.badSignature) {
      try TokenVerifier(
        keys: forged, issuer: "https://minid.test", audience: "my-app", now: fixture.test.clock.timestamp
      ).verify(token)
    }
  }

  @Test func jwksMembersFollowRFC7518() throws {
    let rsa = try SigningKey.generate(.rs256, at: Timestamp(seconds: 0))
    #expect(
      rsa.publicKey.kty == "RSA" && rsa.publicKey.e == "AQAB" && rsa.publicKey.use == "sig"
        && rsa.publicKey.alg == "RS256")
    #expect(Base64.decode(rsa.publicKey.n!, urlSafe: true)!.count == 384)
    #expect(rsa.kid == rsa.publicKey.thumbprint && rsa.kid.count == 43)
    let ec = try SigningKey.generate(.es256, at: Timestamp(seconds: 0))
    #expect(ec.publicKey.crv == "P-256")
    #expect(Base64.decode(ec.publicKey.x!, urlSafe: true)!.count == 32)
    #expect(Base64.decode(ec.publicKey.y!, urlSafe: true)!.count == 32)
    // A point that is not on the curve is refused outright.
    let offCurve = JSONWebKey(
      kty: "EC", kid: "x", alg: "ES256", crv: "P-256", x: ec.publicKey.x,
      y: Base64.encode([UInt8](repeating: 1, count: 32), urlSafe: true))
    #expect(offCurve.publicKey() == nil)
  }

  /// RFC 7638 §3.1's example key and thumbprint.
  @Test func thumbprintMatchesTheRFCExample() {
    let key = JSONWebKey(
      kty: "RSA", kid: nil, alg: nil,
      n:
        "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzKnqDKgw",
      e: "AQAB")
    #expect(key.thumbprint == "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs")
  }

  @Test func discoveryPointsAtTheJWKS() {
    let document = DiscoveryDocument.make(issuer: "https://minid.test", algorithms: [.rs256])
    #expect(document["issuer"] == .string("https://minid.test"))
    #expect(document["jwks_uri"] == .string("https://minid.test/jwks.json"))
    #expect(document["id_token_signing_alg_values_supported"] == .list(["RS256"]))
    #expect(document["subject_types_supported"] == .list(["pairwise"]))
  }

  @Test func issuersLoseTheirTrailingSlash() throws {
    #expect(try StoreSettings.normalizedIssuer("https://login.example.no/") == "https://login.example.no")
    #expect(try StoreSettings.normalizedIssuer("http://localhost:8080/") == "http://localhost:8080")
    #expect(throws: StoreError.self) { try StoreSettings.normalizedIssuer("http://example.no") }
    #expect(throws: StoreError.self) { try StoreSettings.normalizedIssuer("https://x.no/?a=b") }
  }
}

/// A second, independent implementation checks minid's signatures: the `openssl` command-line tool, given a
/// public key built from the JWKS members by a DER encoder written here.
@Suite struct OpenSSLCrossCheckTests {
  static func der(_ tag: UInt8, _ content: [UInt8]) -> [UInt8] {
    var length: [UInt8]
    if content.count < 128 {
      length = [UInt8(content.count)]
    } else {
      var n = content.count
      var bytes: [UInt8] = []
      while n > 0 {
        bytes.insert(UInt8(n & 0xFF), at: 0)
        n >>= 8
      }
      length = [0x80 | UInt8(bytes.count)] + bytes
    }
    return [tag] + length + content
  }

  static func integer(_ bytes: [UInt8]) -> [UInt8] {
    var value = Array(bytes.drop { $0 == 0 })
    if value.isEmpty { value = [0] }
    if value[0] & 0x80 != 0 { value.insert(0, at: 0) }
    return der(0x02, value)
  }

  /// SubjectPublicKeyInfo in PEM for a JWK.
  static func pem(_ jwk: JSONWebKey) -> String {
    let spki: [UInt8]
    if jwk.kty == "RSA" {
      let rsaOID: [UInt8] = [0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01]
      let key = der(
        0x30, integer(Base64.decode(jwk.n!, urlSafe: true)!) + integer(Base64.decode(jwk.e!, urlSafe: true)!))
      spki = der(0x30, der(0x30, rsaOID + [0x05, 0x00]) + der(0x03, [0] + key))
    } else {
      let ecOID: [UInt8] = [0x06, 0x07, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01]
      let p256: [UInt8] = [0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07]
      let point = [4] + Base64.decode(jwk.x!, urlSafe: true)! + Base64.decode(jwk.y!, urlSafe: true)!
      spki = der(0x30, der(0x30, ecOID + p256) + der(0x03, [0] + point))
    }
    // PEM wants padded base64; minid's encoder writes the unpadded form JOSE and PHC use.
    var body = Base64.encode(spki)
    body += String(repeating: "=", count: (4 - body.count % 4) % 4)
    let lines = stride(from: 0, to: body.count, by: 64).map { start -> String in
      let from = body.index(body.startIndex, offsetBy: start)
      return String(body[from..<body.index(from, offsetBy: min(64, body.count - start))])
    }
    return "-----BEGIN PUBLIC KEY-----\n" + lines.joined(separator: "\n") + "\n-----END PUBLIC KEY-----\n"
  }

  /// `openssl dgst -sha256 -verify` on the signing input; true when openssl prints "Verified OK".
  static func opensslVerifies(token: String, jwk: JSONWebKey) throws -> Bool {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "minid-openssl-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let parts = token.split(separator: ".").map(String.init)
    var signature = Base64.decode(parts[2], urlSafe: true)!
    if jwk.kty == "EC" {
      // JOSE's R‖S back to the DER ECDSA-Sig-Value openssl expects.
      signature = der(0x30, integer(Array(signature[0..<32])) + integer(Array(signature[32..<64])))
    }
    try Data("\(parts[0]).\(parts[1])".utf8).write(to: directory.appendingPathComponent("input"))
    try Data(signature).write(to: directory.appendingPathComponent("signature"))
    try Data(pem(jwk).utf8).write(to: directory.appendingPathComponent("key.pem"))
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
    process.arguments = [
      "dgst", "-sha256", "-verify", directory.appendingPathComponent("key.pem").path, "-signature",
      directory.appendingPathComponent("signature").path, directory.appendingPathComponent("input").path,
    ]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = output
    try process.run()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return process.terminationStatus == 0 && text.contains("Verified OK")
  }

  @Test(arguments: SigningAlgorithm.allCases)
  func opensslAcceptsMinidsSignature(_ algorithm: SigningAlgorithm) throws {
    let fixture = try LoginFixture(keyAlgorithm: algorithm)
    defer { fixture.test.remove() }
    let issued = try fixture.login()
    let jwk = try #require(
      try KeyService(store: fixture.test.store, time: fixture.test.clock, actor: "t").jwks().keys.first)
    #expect(try Self.opensslVerifies(token: issued.token, jwk: jwk))
    // And openssl refuses a changed payload: the check is real.
    var parts = issued.token.split(separator: ".").map(String.init)
    parts[1] = Base64.encode(Array(#"{"pid":"31129956715"}"#.utf8), urlSafe: true)
    #expect(try !Self.opensslVerifies(token: parts.joined(separator: "."), jwk: jwk))
  }
}
