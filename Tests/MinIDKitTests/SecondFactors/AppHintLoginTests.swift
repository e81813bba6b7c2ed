import Foundation
import Testing

@testable import MinIDKit

@Suite struct AppHintLoginTests {
  /// A synthetic person with the MinID app enrolled, in `fixture`'s store.
  func personWithApp(_ fixture: ProviderFixture, enroll: Bool = true) throws -> String {
    let pid = People.adult(fixture.test.store.settings.environment == .test ? .tenor : .fodselsnummer)
    let receipt = try fixture.test.service.register(People.request(pid))
    let code = try #require(receipt.letter.code).characters
    if enroll {
      _ = try fixture.test.service.enrollDevice(
        pid: pid, code: code, password: Secret("Fjelltur i mai 2026!"),
        device: try DeviceKey.generate(at: fixture.test.clock.timestamp).publicKey)
    }
    return pid
  }

  @Test func aTestStoreLogsAPersonWithTheAppInHeadlesslyWithMinidAPP() throws {
    let fixture = try ProviderFixture()
    defer { fixture.test.remove() }
    let pid = try personWithApp(fixture)
    let request = try fixture.provider.authorizationRequest(
      fixture.parameters(["login_hint": "minid-app:\(pid)"]))
    let code = try #require(try fixture.provider.appHintLogin(request))
    let token = try fixture.exchange(code)
    let verified = try TokenVerifier(
      keys: try KeyService(store: fixture.test.store, time: fixture.test.clock, actor: "t").jwks(),
      issuer: "https://minid.test", audience: "rp", now: fixture.test.clock.timestamp
    ).verify(token.idToken)
    #expect(verified.amr == ["Minid-APP"] && verified.pid == pid)
    #expect(
      try fixture.provider.appHintLogin(try fixture.provider.authorizationRequest(fixture.parameters()))
        == nil)
  }

  @Test func aPersonWithoutTheAppIsRefused() throws {
    let fixture = try ProviderFixture()
    defer { fixture.test.remove() }
    let pid = try personWithApp(fixture, enroll: false)
    let request = try fixture.provider.authorizationRequest(
      fixture.parameters(["login_hint": "minid-app:\(pid)"]))
    #expect(oauthError { _ = try fixture.provider.appHintLogin(request) }?.error == "access_denied")
  }

  @Test func aProductionStoreRefusesTheHint() throws {
    let fixture = try ProviderFixture(.production)
    defer { fixture.test.remove() }
    let request = try fixture.provider.authorizationRequest(
      fixture.parameters([
        "login_hint": "minid-app:\(People.adult())", "redirect_uri": "https://rp.example/callback",
      ]))
    #expect(oauthError { _ = try fixture.provider.appHintLogin(request) }?.error == "access_denied")
  }
}
