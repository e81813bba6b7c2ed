import Foundation
import MinIDKit
import Testing

/// ID-porten's access tokens name the API they are for (`aud`, from a resource indicator, RFC 8707) and
/// the organisation the client acts for (`consumer`); without either, the claim is absent.
@Suite struct AccessTokenAudienceTests {
  /// The access token's claims, decoded without checking its signature (the provider's own tests do that).
  func claims(_ token: String) throws -> [String: Any] {
    let payload = try #require(Base64.decode(String(token.split(separator: ".")[1]), urlSafe: true))
    return try #require(try JSONSerialization.jsonObject(with: Data(payload)) as? [String: Any])
  }

  @Test func aResourceBecomesTheAccessTokensAudienceAndStaysThroughRefresh() throws {
    let fixture = try ProviderFixture()
    let tokens = try fixture.exchange(try fixture.code(["resource": "https://api.skatt.example/v1"]))
    #expect(try claims(tokens.accessToken)["aud"] as? String == "https://api.skatt.example/v1")
    let introspected = try fixture.provider.introspect(
      form: ["token": tokens.accessToken], authorization: fixture.basic)
    #expect(introspected["aud"] == .string("https://api.skatt.example/v1"))
    let refreshed = try fixture.provider.token(
      form: ["grant_type": "refresh_token", "refresh_token": tokens.refreshToken],
      authorization: fixture.basic)
    #expect(try claims(refreshed.accessToken)["aud"] as? String == "https://api.skatt.example/v1")
    // The ID token's audience is the client, whatever the resource (Digdir: the two are unrelated).
    #expect(try claims(tokens.idToken)["aud"] as? String == fixture.clientID)
  }

  @Test func withoutAResourceTheAccessTokenHasNoAudienceNorConsumer() throws {
    let fixture = try ProviderFixture()
    let access = try claims(try fixture.exchange(try fixture.code()).accessToken)
    #expect(access["aud"] == nil && access["consumer"] == nil)
  }

  @Test func aResourceThatIsNotAnAbsoluteURIWithoutAFragmentIsInvalidTarget() throws {
    let fixture = try ProviderFixture()
    for bad in ["api", "/relative/path", "https://api.example/#frag", "https://api.example/a b", "https:"] {
      let error = oauthError {
        _ = try fixture.provider.authorizationRequest(fixture.parameters(["resource": bad]))
      }
      #expect(error?.error == "invalid_target" && error?.redirectable == true, "\(bad)")
    }
    let long = "https://api.example/" + String(repeating: "a", count: 500)
    #expect(
      oauthError { _ = try fixture.provider.authorizationRequest(fixture.parameters(["resource": long])) }?
        .error == "invalid_target")
    #expect(
      try fixture.provider.authorizationRequest(fixture.parameters(["resource": "urn:skatt:api"])).resource
        == "urn:skatt:api")
  }

  @Test func aTokenRequestMayNameTheGrantedResourceButNoOther() throws {
    let fixture = try ProviderFixture()
    let code = try fixture.code(["resource": "https://api.a.example"])
    let form = [
      "grant_type": "authorization_code", "code": code, "redirect_uri": ProviderFixture.redirect,
      "code_verifier": ProviderFixture.verifier,
    ]
    var other = form
    other["resource"] = "https://api.b.example"
    #expect(
      oauthError { _ = try fixture.provider.token(form: other, authorization: fixture.basic) }?.error
        == "invalid_target")
    var same = form
    same["resource"] = "https://api.a.example"
    let tokens = try fixture.provider.token(form: same, authorization: fixture.basic)
    #expect(try claims(tokens.accessToken)["aud"] as? String == "https://api.a.example")
  }

  @Test func aClientRegisteredWithItsOrganizationNumberGetsTheConsumerClaim() throws {
    let fixture = try ProviderFixture()
    let catalog = ServiceCatalog(
      store: fixture.test.store, time: fixture.test.clock, actor: "admin:test", random: fixture.test.random)
    var options = ServiceCatalog.ClientOptions(redirectURIs: [ProviderFixture.redirect])
    options.organizationNumber = try OrganizationNumber("974 760 673")
    let secret = try #require(try catalog.register(clientID: fixture.clientID, options: options).secret)
    let basic = "Basic " + Data("\(fixture.clientID):\(secret)".utf8).base64EncodedString()
    let tokens = try fixture.exchange(try fixture.code(), authorization: basic)
    let consumer = try #require(try claims(tokens.accessToken)["consumer"] as? [String: String])
    #expect(consumer == ["authority": "iso6523-actorid-upis", "ID": "0192:974760673"])
  }
}

@Suite struct OrganizationNumberTests {
  @Test(arguments: ["974760673", "974 760 673", "991825827", "889640782"])
  func validNumbersPass(_ text: String) throws {
    #expect(try OrganizationNumber(text).digits == text.filter { $0 != " " })
  }

  @Test func theRulesAreNamed() throws {
    #expect(throws: OrganizationNumberError.checkDigit) { try OrganizationNumber("974760674") }
    #expect(throws: OrganizationNumberError.notNineDigits) { try OrganizationNumber("97476067") }
    #expect(throws: OrganizationNumberError.notNineDigits) { try OrganizationNumber("97476067a") }
    #expect(throws: OrganizationNumberError.notNineDigits) { try OrganizationNumber("٩٧٤٧٦٠٦٧٣") }
    // 10000001x: the weighted sum is 3 + 2 = 5, remainder 5, check digit 6; 100000010 is wrong.
    #expect(throws: OrganizationNumberError.checkDigit) { try OrganizationNumber("100000010") }
    // A remainder of 1 would need the check digit 10: no such number exists, whatever its last digit.
    let needsTen = (100_000_000..<100_001_000).lazy.map { String($0 / 10) }.first { prefix in
      let sum = zip(prefix.compactMap(\.wholeNumberValue), [3, 2, 7, 6, 5, 4, 3, 2]).reduce(0) {
        $0 + $1.0 * $1.1
      }
      return sum % 11 == 1
    }
    let prefix = try #require(needsTen)
    for last in 0...9 {
      #expect(throws: OrganizationNumberError.checkDigit) { try OrganizationNumber(prefix + "\(last)") }
    }
  }
}
