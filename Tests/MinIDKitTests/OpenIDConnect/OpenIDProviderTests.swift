import Foundation
import MinIDKit
import Testing

/// A test store with a registered client, and the pieces a relying party would hold.
struct ProviderFixture {
  let test: TestStore
  let secret: String?
  let clientID = "rp"
  static let redirect = "http://localhost:8080/callback"
  static let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"  // RFC 7636 appendix B
  static let challenge = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"

  init(
    _ environment: StoreEnvironment = .test, method: ClientAuthenticationMethod = .clientSecretBasic,
    level: SecurityLevel = .substantial, jwks: String? = nil
  ) throws {
    test = try TestStore(environment)
    let catalog = ServiceCatalog(
      store: test.store, time: test.clock, actor: "admin:test", random: test.random)
    _ = try catalog.add(clientID: clientID, name: "Relying party", level: level)
    var options = ServiceCatalog.ClientOptions(
      redirectURIs: [environment == .test ? Self.redirect : "https://rp.example/callback"])
    options.authMethod = method
    options.jwks = jwks
    secret = try catalog.register(clientID: clientID, options: options).secret
  }

  var provider: OpenIDProvider { OpenIDProvider(store: test.store, time: test.clock, random: test.random) }

  func parameters(_ changes: [String: String?] = [:]) -> [String: String] {
    var parameters = [
      "client_id": clientID, "redirect_uri": Self.redirect, "response_type": "code",
      "scope": "openid profile",
      "state": "st-1", "nonce": "n-1", "code_challenge": Self.challenge, "code_challenge_method": "S256",
      "login_hint": "testid:\(People.adult())_idporten-loa-substantial",
    ]
    for (name, value) in changes { parameters[name] = value }
    return parameters
  }

  var basic: String { "Basic " + Data("\(clientID):\(secret ?? "")".utf8).base64EncodedString() }

  /// A TestID login straight to a code.
  func code(_ changes: [String: String?] = [:]) throws -> String {
    let request = try provider.authorizationRequest(parameters(changes))
    return try #require(try provider.testIDLogin(request))
  }

  func exchange(_ code: String, verifier: String = ProviderFixture.verifier, authorization: String? = nil)
    throws
    -> TokenResponse
  {
    try provider.token(
      form: [
        "grant_type": "authorization_code", "code": code, "redirect_uri": Self.redirect,
        "code_verifier": verifier,
      ], authorization: authorization ?? basic)
  }
}

func oauthError(_ body: () throws -> Void) -> OAuthError? {
  do {
    try body()
    return nil
  } catch let error as OAuthError {
    return error
  } catch {
    Issue.record("expected an OAuthError, got \(error)")
    return nil
  }
}

@Suite struct AuthorizationRequestTests {
  @Test func aBadClientOrRedirectGetsAnErrorPageNotARedirect() throws {
    let fixture = try ProviderFixture()
    defer { fixture.test.remove() }
    for changes: [String: String?] in [
      ["client_id": "nobody"], ["redirect_uri": "http://localhost:8080/other"],
      ["redirect_uri": ProviderFixture.redirect + "/"], ["redirect_uri": nil],
    ] {
      let error = oauthError { _ = try fixture.provider.authorizationRequest(fixture.parameters(changes)) }
      #expect(error?.redirectable == false, "\(changes)")
    }
  }

  @Test(
    arguments: [
      (["response_type": "token"], "unsupported_response_type"),
      (["scope": "profile"], "invalid_scope"),
      (["scope": "openid admin"], "invalid_scope"),
      (["code_challenge": nil], "invalid_request"),
      (["code_challenge_method": "plain"], "invalid_request"),
      (["code_challenge": "short"], "invalid_request"),
      (["state": nil], "invalid_request"),
      (["nonce": nil], "invalid_request"),
      (["acr_values": "eidas-loa-high"], "invalid_request"),
      (["response_mode": "fragment"], "invalid_request"),
    ] as [([String: String?], String)])
  func everyRuleHasItsRFCErrorAndIsRedirected(_ changes: [String: String?], _ expected: String) throws {
    let fixture = try ProviderFixture()
    defer { fixture.test.remove() }
    let error = oauthError { _ = try fixture.provider.authorizationRequest(fixture.parameters(changes)) }
    #expect(error?.error == expected)
    #expect(error?.redirectable == true)
  }

  @Test func theErrorRedirectCarriesStateAndIssuer() throws {
    let fixture = try ProviderFixture()
    defer { fixture.test.remove() }
    let response = fixture.provider.errorResponse(
      OAuthError("invalid_request", "state is required"), redirectURI: ProviderFixture.redirect,
      state: "a b&c")
    #expect(
      response.location
        == "http://localhost:8080/callback?error=invalid_request&error_description=state+is+required&state=a+b%26c&iss=https%3A%2F%2Fminid.test"
    )
  }

  @Test func pkceVerifiesTheRFC7636Example() {
    #expect(PKCE.verifies(ProviderFixture.verifier, challenge: ProviderFixture.challenge))
    #expect(!PKCE.verifies(ProviderFixture.verifier + "x", challenge: ProviderFixture.challenge))
    #expect(!PKCE.verifies("short", challenge: ProviderFixture.challenge))
  }
}

@Suite struct CodeFlowTests {
  @Test func aTestIDLoginGivesTokensARelyingPartyCanVerify() throws {
    let fixture = try ProviderFixture()
    defer { fixture.test.remove() }
    let code = try fixture.code()
    let tokens = try fixture.exchange(code)
    #expect(tokens.tokenType == "Bearer" && tokens.expiresIn == 120 && tokens.scope == "openid profile")
    let verifier = TokenVerifier(
      keys: try KeyService(store: fixture.test.store, time: fixture.test.clock, actor: "t").jwks(),
      issuer: "https://minid.test", audience: "rp", now: fixture.test.clock.timestamp)
    let claims = try verifier.verify(tokens.idToken)
    #expect(claims.amr == ["TestID"] && claims.acr == "idporten-loa-substantial" && claims.nonce == "n-1")
    #expect(claims.pid == People.adult())
    let info = try fixture.provider.userinfo(bearer: tokens.accessToken)
    #expect(info.pid == People.adult() && info.sub == claims.sub && info.locale == "nb")
  }

  @Test func theCodeIsBoundToTheVerifierAndUsedOnceAndAReplayRevokesTheGrant() throws {
    let fixture = try ProviderFixture()
    defer { fixture.test.remove() }
    let code = try fixture.code()
    #expect(
      oauthError { _ = try fixture.exchange(code, verifier: String(repeating: "a", count: 43)) }?.error
        == "invalid_grant")
    let tokens = try fixture.exchange(code)
    #expect(oauthError { _ = try fixture.exchange(code) }?.error == "invalid_grant")
    #expect(
      oauthError { _ = try fixture.provider.userinfo(bearer: tokens.accessToken) }?.error == "invalid_token")
  }

  @Test func aCodeExpiresAfterSixtySeconds() throws {
    let fixture = try ProviderFixture()
    defer { fixture.test.remove() }
    let code = try fixture.code()
    fixture.test.clock.seconds += 61
    #expect(oauthError { _ = try fixture.exchange(code) }?.error == "invalid_grant")
  }

  @Test func refreshTokensRotateAndAReusedOneRevokesTheGrant() throws {
    let fixture = try ProviderFixture()
    defer { fixture.test.remove() }
    let first = try fixture.exchange(try fixture.code())
    let second = try fixture.provider.token(
      form: ["grant_type": "refresh_token", "refresh_token": first.refreshToken], authorization: fixture.basic
    )
    #expect(second.refreshToken != first.refreshToken)
    let reuse = oauthError {
      _ = try fixture.provider.token(
        form: ["grant_type": "refresh_token", "refresh_token": first.refreshToken],
        authorization: fixture.basic)
    }
    #expect(reuse?.error == "invalid_grant")
    #expect(
      oauthError { _ = try fixture.provider.userinfo(bearer: second.accessToken) }?.error == "invalid_token")
  }

  @Test func clientsAuthenticateOnlyAsRegistered() throws {
    let fixture = try ProviderFixture()
    defer { fixture.test.remove() }
    let code = try fixture.code()
    let wrong = "Basic " + Data("rp:not-the-secret".utf8).base64EncodedString()
    let error = oauthError { _ = try fixture.exchange(code, authorization: wrong) }
    #expect(error?.error == "invalid_client" && error?.status == 401)
    let asPost = oauthError {
      _ = try fixture.provider.token(
        form: [
          "grant_type": "authorization_code", "code": code, "redirect_uri": ProviderFixture.redirect,
          "code_verifier": ProviderFixture.verifier, "client_id": "rp", "client_secret": fixture.secret!,
        ], authorization: nil)
    }
    #expect(asPost?.error == "invalid_client", "a client_secret_basic client may not use client_secret_post")
    #expect(try fixture.exchange(code).tokenType == "Bearer", "the failures did not use the code up")
  }

  @Test func aPublicClientUsesPKCEAndCannotRefresh() throws {
    let fixture = try ProviderFixture(method: .none)
    defer { fixture.test.remove() }
    #expect(fixture.secret == nil)
    let tokens = try fixture.provider.token(
      form: [
        "grant_type": "authorization_code", "code": try fixture.code(),
        "redirect_uri": ProviderFixture.redirect,
        "code_verifier": ProviderFixture.verifier, "client_id": "rp",
      ], authorization: nil)
    let error = oauthError {
      _ = try fixture.provider.token(
        form: ["grant_type": "refresh_token", "refresh_token": tokens.refreshToken, "client_id": "rp"],
        authorization: nil)
    }
    #expect(error?.error == "unauthorized_client")
  }

  @Test func testIDIsRefusedInAProductionStoreAndBelowTheLevelAskedFor() throws {
    let production = try ProviderFixture(.production)
    defer { production.test.remove() }
    let request = try production.provider.authorizationRequest(
      production.parameters(["redirect_uri": "https://rp.example/callback"]))
    #expect(oauthError { _ = try production.provider.testIDLogin(request) }?.error == "access_denied")

    let high = try ProviderFixture(level: .high)
    defer { high.test.remove() }
    #expect(oauthError { _ = try high.code() }?.error == "access_denied")
    let code = try high.code(["login_hint": "testid:\(People.adult())_idporten-loa-high"])
    #expect(try high.exchange(code).scope == "openid profile")
  }

  @Test func introspectionAndRevocationEndTheGrant() throws {
    let fixture = try ProviderFixture()
    defer { fixture.test.remove() }
    let tokens = try fixture.exchange(try fixture.code())
    let active = try fixture.provider.introspect(
      form: ["token": tokens.accessToken], authorization: fixture.basic)
    #expect(active["active"] == .bool(true) && active["client_id"] == .string("rp"))
    try fixture.provider.revoke(form: ["token": tokens.refreshToken], authorization: fixture.basic)
    #expect(
      try fixture.provider.introspect(form: ["token": tokens.accessToken], authorization: fixture.basic)[
        "active"]
        == .bool(false))
    #expect(
      oauthError { _ = try fixture.provider.userinfo(bearer: tokens.accessToken) }?.error == "invalid_token")
  }
}

@Suite struct PushedAuthorizationRequestTests {
  @Test func aPushedRequestIsUsedOnceByItsClientWithinTwoMinutes() throws {
    let fixture = try ProviderFixture()
    defer { fixture.test.remove() }
    var form = fixture.parameters()
    form.removeValue(forKey: "client_id")
    let (uri, expiresIn) = try fixture.provider.push(form: form, authorization: fixture.basic)
    #expect(uri.hasPrefix("urn:minid:") && expiresIn == 120)
    #expect(
      oauthError {
        _ = try fixture.provider.authorizationRequest(["client_id": "rp", "request_uri": uri, "state": "x"])
      }?.error == "invalid_request")
    let request = try fixture.provider.authorizationRequest(["client_id": "rp", "request_uri": uri])
    #expect(request.state == "st-1")
    #expect(
      oauthError { _ = try fixture.provider.authorizationRequest(["client_id": "rp", "request_uri": uri]) }?
        .error
        == "invalid_request_uri")
    let (late, _) = try fixture.provider.push(form: form, authorization: fixture.basic)
    fixture.test.clock.seconds += 121
    #expect(
      oauthError { _ = try fixture.provider.authorizationRequest(["client_id": "rp", "request_uri": late]) }?
        .error
        == "invalid_request_uri")
  }

  @Test func pushingNeedsClientAuthentication() throws {
    let fixture = try ProviderFixture()
    defer { fixture.test.remove() }
    let error = oauthError { _ = try fixture.provider.push(form: fixture.parameters(), authorization: nil) }
    #expect(error?.error == "invalid_client" && error?.status == 401)
  }
}

@Suite struct ClientRegistrationTests {
  @Test func redirectURIsAreCheckedAndTheSecretIsKeptOnlyAsAHash() throws {
    let test = try TestStore(.production)
    defer { test.remove() }
    let catalog = ServiceCatalog(
      store: test.store, time: test.clock, actor: "admin:test", random: test.random)
    _ = try catalog.add(clientID: "rp", name: "RP", level: .substantial)
    for uri in ["http://localhost/cb", "https://rp.example/cb#frag", "ftp://rp.example/cb", "/cb"] {
      #expect(throws: ClientRegistrationError.self) {
        _ = try catalog.register(clientID: "rp", options: .init(redirectURIs: [uri]))
      }
    }
    let (client, secret) = try catalog.register(
      clientID: "rp", options: .init(redirectURIs: ["https://rp.example/cb"]))
    let shown = try #require(secret)
    #expect(shown.count == 43)
    #expect(try test.persistedBytes().range(of: Data(shown.utf8)) == nil, "only the secret's hash is stored")
    #expect(client.pkceRequired && client.accessTokenLifetime == 120)
  }
}
