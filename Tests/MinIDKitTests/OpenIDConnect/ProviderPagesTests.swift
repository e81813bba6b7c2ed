import Foundation
import Testing

@testable import MinIDKit

/// What the login pages ask of the provider: the e-IDs offered, the form token, Cancel, TestID on a page,
/// and that a level-3 login cannot answer a level-4 request.
@Suite struct ProviderPagesTests {
  func request(_ fixture: ProviderFixture, _ changes: [String: String?] = [:]) throws -> AuthorizationRequest
  {
    var changes = changes
    if changes["login_hint"] == nil { changes["login_hint"] = .some(nil) }
    return try fixture.provider.authorizationRequest(fixture.parameters(changes))
  }

  @Test func minidForLevel3TestIDOnlyInATestStoreAndNothingForLevel4InProduction() throws {
    let test = try ProviderFixture()
    defer { test.test.remove() }
    #expect(test.provider.electronicIDs(for: try request(test)) == [.minid, .testid])
    #expect(
      test.provider.electronicIDs(for: try request(test, ["acr_values": "idporten-loa-high"])) == [.testid])
    let production = try ProviderFixture(.production)
    defer { production.test.remove() }
    let parameters = production.parameters(["redirect_uri": "https://rp.example/callback", "login_hint": nil])
    let substantial = try production.provider.authorizationRequest(parameters)
    #expect(production.provider.electronicIDs(for: substantial) == [.minid])
    var high = parameters
    high["acr_values"] = "idporten-loa-high"
    #expect(
      production.provider.electronicIDs(for: try production.provider.authorizationRequest(high)).isEmpty)
  }

  @Test func onlyAcrValuesLeavingOneEIDSkipsTheChoice() throws {
    let fixture = try ProviderFixture()
    defer { fixture.test.remove() }
    #expect(fixture.provider.skipsChoice(try request(fixture)) == nil)
    #expect(
      fixture.provider.skipsChoice(try request(fixture, ["acr_values": "idporten-loa-substantial"])) == nil)
    #expect(
      fixture.provider.skipsChoice(try request(fixture, ["acr_values": "idporten-loa-high"])) == .testid)
  }

  @Test func theFormTokenIsBoundToTheLoginAndTheBrowsersCookie() throws {
    let fixture = try ProviderFixture()
    defer { fixture.test.remove() }
    let provider = fixture.provider
    let token = provider.formToken(login: "login-1", browserSecret: "cookie-1")
    #expect(token.count == 43)
    #expect(provider.formTokenMatches(token, login: "login-1", browserSecret: "cookie-1"))
    #expect(!provider.formTokenMatches(token, login: "login-2", browserSecret: "cookie-1"))
    #expect(!provider.formTokenMatches(token, login: "login-1", browserSecret: "cookie-2"))
    #expect(!provider.formTokenMatches(nil, login: "login-1", browserSecret: "cookie-1"))
    #expect(!provider.formTokenMatches(token, login: "login-1", browserSecret: nil))
    // Another process on the same store computes the same token: nothing is kept in memory.
    let other = OpenIDProvider(
      store: try fixture.test.reopened(), time: fixture.test.clock, random: fixture.test.random)
    #expect(other.formTokenMatches(token, login: "login-1", browserSecret: "cookie-1"))
  }

  @Test func cancelAnswersAccessDeniedWithStateAndIssAndEndsTheLogin() throws {
    let fixture = try ProviderFixture()
    defer { fixture.test.remove() }
    let id = try fixture.provider.beginLogin(try request(fixture), browserSecret: "cookie")
    let answer = try fixture.provider.cancelLogin(id: id)
    #expect(answer.redirectURI == ProviderFixture.redirect)
    #expect(answer.parameters.first { $0.0 == "error" }?.1 == "access_denied")
    #expect(answer.parameters.first { $0.0 == "state" }?.1 == "st-1")
    #expect(answer.parameters.first { $0.0 == "iss" }?.1 == "https://minid.test")
    #expect(oauthError { _ = try fixture.provider.pendingLogin(id: id, browserSecret: "cookie") } != nil)
    #expect(oauthError { _ = try fixture.provider.cancelLogin(id: id) } != nil)
  }

  @Test func testIDOnAPageTakesASyntheticPersonOrMakesOneAtTheLevelChosen() throws {
    let fixture = try ProviderFixture()
    defer { fixture.test.remove() }
    let pid = People.adult()
    let named = try fixture.provider.beginLogin(try request(fixture), browserSecret: "c")
    let (_, code, _) = try fixture.provider.finishTestIDLogin(id: named, pid: pid, level: .high)
    let token = try fixture.exchange(code).idToken
    let payload = try #require(Base64.decode(String(token.split(separator: ".")[1]), urlSafe: true))
    let claims = try #require(try JSONSerialization.jsonObject(with: Data(payload)) as? [String: Any])
    #expect(claims["pid"] as? String == pid && claims["acr"] as? String == "idporten-loa-high")
    #expect(claims["amr"] as? [String] == ["TestID"])
    let made = try fixture.provider.beginLogin(try request(fixture), browserSecret: "c")
    _ = try fixture.provider.finishTestIDLogin(id: made, pid: nil, level: .substantial)
    let high = try fixture.provider.beginLogin(
      try request(fixture, ["acr_values": "idporten-loa-high"]), browserSecret: "c")
    #expect(
      oauthError { _ = try fixture.provider.finishTestIDLogin(id: high, pid: pid, level: .substantial) }?
        .error == "access_denied")
    let real = try fixture.provider.beginLogin(try request(fixture), browserSecret: "c")
    #expect(
      oauthError {
        _ = try fixture.provider.finishTestIDLogin(
          id: real, pid: People.adult(.fodselsnummer), level: .substantial)
      }?.error == "invalid_request")
  }

  @Test func aProductionStoreNeverTakesTestIDOnAPage() throws {
    let fixture = try ProviderFixture(.production)
    defer { fixture.test.remove() }
    let parameters = fixture.parameters(["redirect_uri": "https://rp.example/callback", "login_hint": nil])
    let id = try fixture.provider.beginLogin(
      try fixture.provider.authorizationRequest(parameters), browserSecret: "c")
    #expect(
      oauthError { _ = try fixture.provider.finishTestIDLogin(id: id, pid: nil, level: .high) }?.error
        == "access_denied")
  }

  @Test func aMinIDLoginCannotAnswerARequestForLevel4() throws {
    let fixture = try ProviderFixture()
    defer { fixture.test.remove() }
    let id = try fixture.provider.beginLogin(
      try request(fixture, ["acr_values": "idporten-loa-high"]), browserSecret: "c")
    let person = AuthenticatedPerson(
      pid: People.adult(), accountID: nil, acr: .substantial, amr: ["Minid-OTC"],
      authTime: fixture.test.clock.timestamp)
    let refusal = oauthError {
      _ = try fixture.test.store.write { transaction in
        try fixture.provider.finishLogin(id: id, person: person, clientID: fixture.clientID, in: transaction)
      }
    }
    #expect(refusal?.error == "access_denied")
  }
}
