import Foundation
import Testing

@testable import MinIDKit

/// A `private_key_jwt` client (RFC 7523): its key pair, registered public keys, and assertions signed as a
/// relying party's library signs them, each claim changeable so every rule can be broken alone.
struct AssertionClient {
  let fixture: ProviderFixture
  let key: SigningKey

  init(_ algorithm: SigningAlgorithm = .es256) throws {
    let key = try SigningKey.generate(algorithm, at: Timestamp(seconds: 0))
    self.key = key
    fixture = try ProviderFixture(method: .privateKeyJWT, jwks: JSONWebKeySet(keys: [key.publicKey]).json)
  }

  var issuer: String { fixture.test.store.settings.issuer }
  var now: Int64 { fixture.test.clock.seconds }

  /// A signed assertion: by default valid (iss = sub = client, aud the issuer, 60 s, a fresh jti).
  func assertion(
    _ changes: [String: Any?] = [:], header headerChanges: [String: Any?] = [:], signer: SigningKey? = nil
  ) throws -> String {
    var claims: [String: Any] = [
      "iss": fixture.clientID, "sub": fixture.clientID, "aud": issuer, "iat": now, "exp": now + 60,
      "jti": UUID().uuidString,
    ]
    for (name, value) in changes { claims[name] = value }
    var header: [String: Any] = ["alg": key.algorithm.rawValue, "kid": key.kid, "typ": "JWT"]
    for (name, value) in headerChanges { header[name] = value }
    func part(_ object: [String: Any]) throws -> String {
      Base64.encode(
        Array(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])), urlSafe: true)
    }
    let input = try part(header) + "." + part(claims)
    let signature: [UInt8]
    switch header["alg"] as? String {
    case "none": signature = []
    case "HS256": signature = Digest.hmacSHA256(key: Array("secret".utf8), Array(input.utf8))
    default: signature = try (signer ?? key).sign(Array(input.utf8))
    }
    return input + "." + Base64.encode(signature, urlSafe: true)
  }

  func form(_ assertion: String, _ extra: [String: String] = [:]) -> [String: String] {
    var form = [
      "client_id": fixture.clientID, "client_assertion_type": ClientAssertion.type,
      "client_assertion": assertion,
    ]
    for (name, value) in extra { form[name] = value }
    return form
  }

  /// The token exchange of a fresh TestID code with `assertion`.
  func exchange(_ assertion: String, _ extra: [String: String] = [:]) throws -> TokenResponse {
    let code = try fixture.code()
    return try fixture.provider.token(
      form: form(
        assertion,
        [
          "grant_type": "authorization_code", "code": code, "redirect_uri": ProviderFixture.redirect,
          "code_verifier": ProviderFixture.verifier,
        ].merging(extra) { _, new in new }), authorization: nil)
  }

  /// The refusal of an exchange with `assertion`: must be `invalid_client` (401).
  func refusal(_ assertion: String, _ extra: [String: String] = [:]) -> String? {
    let error = oauthError { _ = try exchange(assertion, extra) }
    #expect(error?.error == "invalid_client" && error?.status == 401, "\(String(describing: error))")
    return error?.description
  }
}

@Suite struct PrivateKeyJWTTests {
  @Test(arguments: SigningAlgorithm.allCases)
  func aSignedAssertionAuthenticatesAndTheAccessTokenSaysHow(_ algorithm: SigningAlgorithm) throws {
    let client = try AssertionClient(algorithm)
    defer { client.fixture.test.remove() }
    let tokens = try client.exchange(try client.assertion())
    let payload = try CompactJWS(parsing: tokens.accessToken).payloadBytes
    let claims = try #require(try JSONSerialization.jsonObject(with: Data(payload)) as? [String: Any])
    #expect(claims["client_amr"] as? String == "private_key_jwt")
    #expect(claims["client_id"] as? String == client.fixture.clientID)
  }

  @Test func audMayBeTheIssuerOrTheTokenEndpointAndClientIDMayBeLeftOut() throws {
    let client = try AssertionClient()
    defer { client.fixture.test.remove() }
    _ = try client.exchange(try client.assertion(["aud": client.issuer + "/token"]))
    _ = try client.exchange(try client.assertion(["aud": ["https://other.example", client.issuer]]))
    let code = try client.fixture.code()
    var form = client.form(
      try client.assertion(),
      [
        "grant_type": "authorization_code", "code": code, "redirect_uri": ProviderFixture.redirect,
        "code_verifier": ProviderFixture.verifier,
      ])
    form["client_id"] = nil
    #expect(try client.fixture.provider.token(form: form, authorization: nil).tokenType == "Bearer")
  }

  @Test func issAndSubMustBeTheClient() throws {
    let client = try AssertionClient()
    defer { client.fixture.test.remove() }
    #expect(client.refusal(try client.assertion(["iss": "someone-else"]))?.contains("iss must be") == true)
    #expect(client.refusal(try client.assertion(["sub": "someone-else"]))?.contains("sub must be") == true)
    #expect(client.refusal(try client.assertion(["sub": nil]))?.contains("sub must be") == true)
  }

  @Test func audMustNameThisProvider() throws {
    let client = try AssertionClient()
    defer { client.fixture.test.remove() }
    for aud: Any? in ["https://other.example", client.issuer + "/par", nil, [String]()] {
      #expect(client.refusal(try client.assertion(["aud": aud]))?.contains("aud must contain") == true)
    }
  }

  @Test func anAssertionLivesAtMostFiveMinutesAndNotFromTheFuture() throws {
    let client = try AssertionClient()
    defer { client.fixture.test.remove() }
    let now = client.now
    #expect(
      client.refusal(try client.assertion(["iat": now - 120, "exp": now]))?.contains("expired") == true)
    #expect(client.refusal(try client.assertion(["exp": nil]))?.contains("exp is missing") == true)
    #expect(client.refusal(try client.assertion(["iat": nil]))?.contains("iat is missing") == true)
    #expect(
      client.refusal(try client.assertion(["exp": now + 301]))?.contains("more than 300 seconds after iat")
        == true)
    #expect(
      client.refusal(try client.assertion(["iat": now + 120, "exp": now + 180]))?.contains(
        "iat is in the future")
        == true)
    #expect(client.refusal(try client.assertion(["nbf": now + 120]))?.contains("nbf") == true)
    #expect(client.refusal(try client.assertion(["exp": 1.5]))?.contains("whole number") == true)
    _ = try client.exchange(try client.assertion(["iat": now + 20, "exp": now + 320]))
  }

  @Test func aJTIIsUsedOnceUntilItsAssertionExpires() throws {
    let client = try AssertionClient()
    defer { client.fixture.test.remove() }
    let assertion = try client.assertion(["jti": "one"])
    _ = try client.exchange(assertion)
    #expect(client.refusal(assertion)?.contains("jti has been used") == true)
    let sameJTI = try client.assertion(["jti": "one", "exp": client.now + 30])
    #expect(client.refusal(sameJTI)?.contains("jti has been used") == true, "a new assertion, an old jti")
    #expect(client.refusal(try client.assertion(["jti": nil]))?.contains("jti") == true)
    // Once the first assertion has expired, its jti is pruned: a new assertion may carry it again.
    client.fixture.test.clock.advance(minutes: 2)
    _ = try client.exchange(try client.assertion(["jti": "one"]))
    let replays = try client.fixture.test.store.read {
      try $0.auditEntries(AuditFilter(action: "oidc.client_assertion"))
    }
    #expect(replays.count == 2 && replays.allSatisfy { $0.outcome == .refused })
  }

  @Test func ofRacingRequestsWithOneAssertionExactlyOneAuthenticates() throws {
    let client = try AssertionClient()
    defer { client.fixture.test.remove() }
    let count = 8
    let handles = AuthenticationGateTests.Handles(
      try (0..<count).map { _ in try client.fixture.test.reopened() })
    let results = AuthenticationGateTests.Results(count: count)
    let form = client.form(try client.assertion(), ["token": "not-a-token"])
    let clock = client.fixture.test.clock
    // Each thread has a store handle of its own, as separate servers on one store have.
    DispatchQueue.concurrentPerform(iterations: count) { index in
      let provider = OpenIDProvider(
        store: handles.stores[index], time: clock, random: SeededRandomSource(seed: UInt64(index)))
      do {
        _ = try provider.introspect(form: form, authorization: nil)
        results.set(index, "ok")
      } catch let error as OAuthError {
        results.set(index, error.description.contains("jti has been used") ? "replay" : error.description)
      } catch {
        results.set(index, "unexpected: \(error)")
      }
    }
    #expect(results.values.filter { $0 == "ok" }.count == 1, "\(results.values)")
    #expect(results.values.filter { $0 == "replay" }.count == count - 1, "\(results.values)")
  }

  @Test func onlyTheClientsOwnKeysVerifyAndNeverNoneOrAnHMAC() throws {
    let client = try AssertionClient()
    defer { client.fixture.test.remove() }
    let unknown = client.refusal(try client.assertion(header: ["kid": "not-registered"]))
    #expect(unknown?.contains("kid names none of this client's registered keys") == true)
    let stranger = try SigningKey.generate(.es256, at: Timestamp(seconds: 0))
    #expect(
      client.refusal(try client.assertion(signer: stranger))?.contains("signature does not verify") == true,
      "signed by a key not registered, under a registered kid")
    let providerKey = try #require(
      try client.fixture.test.store.read { try $0.signingKeys() }.first)
    #expect(
      client.refusal(try client.assertion(header: ["kid": providerKey.kid], signer: providerKey))?.contains(
        "kid names none") == true, "the provider's own key is not the client's")
    #expect(client.refusal(try client.assertion(header: ["alg": "none"]))?.contains("'none'") == true)
    #expect(
      client.refusal(try client.assertion(header: ["alg": "HS256"]))?.contains("'HS256' is not allowed")
        == true)
    #expect(client.refusal(try client.assertion(header: ["typ": "at+jwt"]))?.contains("typ") == true)
  }

  @Test func theAssertionTypeAndTheRegisteredMethodAreEnforced() throws {
    let client = try AssertionClient()
    defer { client.fixture.test.remove() }
    let assertion = try client.assertion()
    #expect(
      client.refusal(assertion, ["client_assertion_type": "urn:other"])?.contains(
        "client_assertion_type must be")
        == true)
    #expect(
      client.refusal(try client.assertion(["iss": "rp2", "sub": "rp2"]))?.contains("iss must be") == true,
      "client_id and the assertion's iss must agree")
    let code = try client.fixture.code()
    let withoutAssertion = oauthError {
      _ = try client.fixture.provider.token(
        form: [
          "grant_type": "authorization_code", "code": code, "redirect_uri": ProviderFixture.redirect,
          "code_verifier": ProviderFixture.verifier, "client_id": client.fixture.clientID,
        ], authorization: nil)
    }
    #expect(withoutAssertion?.description.contains("registered for private_key_jwt") == true)
    #expect(
      oauthError { _ = try client.exchange(assertion, ["client_secret": "x"]) }?.error == "invalid_request",
      "two ways of authenticating at once")

    let secretClient = try ProviderFixture()
    defer { secretClient.test.remove() }
    let secretCode = try secretClient.code()
    let error = oauthError {
      _ = try secretClient.provider.token(
        form: [
          "grant_type": "authorization_code", "code": secretCode, "redirect_uri": ProviderFixture.redirect,
          "code_verifier": ProviderFixture.verifier, "client_id": secretClient.clientID,
          "client_assertion_type": ClientAssertion.type, "client_assertion": assertion,
        ], authorization: nil)
    }
    #expect(error?.error == "invalid_client" && error?.description.contains("not private_key_jwt") == true)
  }

  @Test func parIntrospectionAndRevocationTakeAssertionsToo() throws {
    let client = try AssertionClient()
    defer { client.fixture.test.remove() }
    let provider = client.fixture.provider
    let pushed = try provider.push(
      form: client.form(try client.assertion()).merging(client.fixture.parameters()) { _, new in new },
      authorization: nil)
    #expect(pushed.requestURI.hasPrefix("urn:minid:"))
    let tokens = try client.exchange(try client.assertion())
    let active = try provider.introspect(
      form: client.form(try client.assertion(), ["token": tokens.accessToken]), authorization: nil)
    #expect(active["active"] == .bool(true))
    try provider.revoke(
      form: client.form(try client.assertion(), ["token": tokens.refreshToken]), authorization: nil)
    let after = try provider.introspect(
      form: client.form(try client.assertion(), ["token": tokens.accessToken]), authorization: nil)
    #expect(after["active"] == .bool(false))
  }

  @Test func discoveryListsPrivateKeyJWTAndItsAlgorithms() {
    let document = DiscoveryDocument.make(issuer: "https://minid.test", algorithms: [.rs256])
    #expect(
      document["token_endpoint_auth_methods_supported"]
        == .list(["client_secret_basic", "client_secret_post", "private_key_jwt", "none"]))
    #expect(document["token_endpoint_auth_signing_alg_values_supported"] == .list(["RS256", "ES256"]))
  }
}

@Suite struct ClientJWKSTests {
  private func catalog(_ test: TestStore) throws -> ServiceCatalog {
    let catalog = ServiceCatalog(
      store: test.store, time: test.clock, actor: "admin:test", random: test.random)
    _ = try catalog.add(clientID: "rp", name: "Relying party", level: .substantial)
    return catalog
  }

  private func refusal(_ jwks: String?, method: ClientAuthenticationMethod = .privateKeyJWT) throws
    -> ClientRegistrationError?
  {
    let test = try TestStore()
    defer { test.remove() }
    var options = ServiceCatalog.ClientOptions(redirectURIs: [ProviderFixture.redirect])
    options.authMethod = method
    options.jwks = jwks
    do {
      _ = try catalog(test).register(clientID: "rp", options: options)
      return nil
    } catch let error as ClientRegistrationError {
      return error
    }
  }

  private static func jwk(_ key: SigningKey) throws -> [String: Any] {
    try #require(
      try JSONSerialization.jsonObject(with: JSONEncoder().encode(key.publicKey)) as? [String: Any])
  }

  private static func set(_ keys: [[String: Any]]) throws -> String {
    String(decoding: try JSONSerialization.data(withJSONObject: ["keys": keys]), as: UTF8.self)
  }

  @Test func publicRSAAndECKeysAreKeptWithOnlyTheMembersMinidReads() throws {
    let test = try TestStore()
    defer { test.remove() }
    let rsa = try SigningKey.generate(.rs256, at: Timestamp(seconds: 0))
    let ec = try SigningKey.generate(.es256, at: Timestamp(seconds: 0))
    var extra = try Self.jwk(ec)
    extra["x5t"] = "ignored"
    var options = ServiceCatalog.ClientOptions(redirectURIs: [ProviderFixture.redirect])
    options.authMethod = .privateKeyJWT
    options.jwks = try Self.set([try Self.jwk(rsa), extra])
    let registered = try catalog(test).register(clientID: "rp", options: options)
    #expect(registered.secret == nil)
    let stored = try #require(try test.store.read { try $0.client(clientID: "rp") }?.jwks)
    #expect(
      try JSONWebKeySet(json: Array(stored.utf8)) == JSONWebKeySet(keys: [rsa.publicKey, ec.publicKey]))
    #expect(!stored.contains("x5t"))
  }

  @Test func privateKeyMembersAreRefusedNamingTheMember() throws {
    let ec = try SigningKey.generate(.es256, at: Timestamp(seconds: 0))
    for member in ["d", "p", "q", "dp", "dq", "qi", "k"] {
      var key = try Self.jwk(ec)
      key[member] = "AQAB"
      let error = try refusal(try Self.set([key]))
      #expect(error?.message.contains("private member '\(member)'") == true, "\(String(describing: error))")
    }
  }

  @Test func otherKeyTypesAlgorithmsAndBrokenKeysAreRefused() throws {
    let ec = try SigningKey.generate(.es256, at: Timestamp(seconds: 0))
    let symmetric: [String: Any] = ["kty": "oct", "kid": "s"]
    #expect(try refusal(try Self.set([symmetric]))?.message.contains("kty 'oct'") == true)
    var okp = try Self.jwk(ec)
    okp["kty"] = "OKP"
    #expect(try refusal(try Self.set([okp]))?.message.contains("only RSA (RS256) and EC P-256") == true)
    var wrongAlg = try Self.jwk(ec)
    wrongAlg["alg"] = "ES384"
    #expect(try refusal(try Self.set([wrongAlg]))?.message.contains("must be ES256") == true)
    var offCurve = try Self.jwk(ec)
    offCurve["y"] = offCurve["x"]
    #expect(try refusal(try Self.set([offCurve]))?.message.contains("not a usable EC public key") == true)
    var noKid = try Self.jwk(ec)
    noKid["kid"] = nil
    #expect(try refusal(try Self.set([noKid]))?.message.contains("no kid") == true)
    var forEncryption = try Self.jwk(ec)
    forEncryption["use"] = "enc"
    #expect(try refusal(try Self.set([forEncryption]))?.message.contains("use other than 'sig'") == true)
    #expect(
      try refusal(try Self.set([try Self.jwk(ec), try Self.jwk(ec)]))?.message.contains("two keys") == true)
    #expect(try refusal(try Self.set([]))?.message.contains("no keys") == true)
    #expect(try refusal("[1, 2]")?.message.contains("not a JWK Set") == true)
  }

  @Test func keysGoWithPrivateKeyJWTOnly() throws {
    #expect(try refusal(nil) == .jwksRequired)
    let ec = try SigningKey.generate(.es256, at: Timestamp(seconds: 0))
    let error = try refusal(try Self.set([try Self.jwk(ec)]), method: .clientSecretBasic)
    #expect(error?.message.contains("only a private_key_jwt client registers keys") == true)
  }
}
