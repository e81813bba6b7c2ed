import Foundation
import MinIDKit
import Testing

/// `service rotate-secret`: a new secret works at once, the old one at once no more, and a client without
/// a secret has none to rotate.
@Suite struct ClientSecretRotationTests {
  func catalog(_ fixture: ProviderFixture) -> ServiceCatalog {
    ServiceCatalog(
      store: fixture.test.store, time: fixture.test.clock, actor: "admin:test", random: fixture.test.random)
  }

  func basic(_ fixture: ProviderFixture, _ secret: String) -> String {
    "Basic " + Data("\(fixture.clientID):\(secret)".utf8).base64EncodedString()
  }

  @Test func theNewSecretAuthenticatesAndTheOldNoLonger() throws {
    let fixture = try ProviderFixture()
    let old = try #require(fixture.secret)
    let new = try catalog(fixture).rotateSecret(clientID: fixture.clientID)
    #expect(new != old && Base64.decode(new, urlSafe: true)?.count == 32)
    #expect(
      oauthError { _ = try fixture.exchange(try fixture.code(), authorization: basic(fixture, old)) }?.error
        == "invalid_client")
    let tokens = try fixture.exchange(try fixture.code(), authorization: basic(fixture, new))
    #expect(!tokens.accessToken.isEmpty)
    let entries = try AuditService(store: fixture.test.store, time: fixture.test.clock).entries(
      pid: nil, since: nil)
    #expect(entries.contains { $0.action == "service.rotate_secret" && !$0.detail.contains(new) })
  }

  @Test func aClientWithoutASecretOrAServiceWithoutAClientHasNoneToRotate() throws {
    let publicClient = try ProviderFixture(method: .none)
    #expect(throws: ClientRegistrationError.noSecret(.none)) {
      _ = try catalog(publicClient).rotateSecret(clientID: publicClient.clientID)
    }
    let fixture = try ProviderFixture()
    _ = try catalog(fixture).add(clientID: "plain", name: "Plain", level: .substantial)
    #expect(throws: ClientRegistrationError.noRedirectURI) {
      _ = try catalog(fixture).rotateSecret(clientID: "plain")
    }
    #expect(throws: ServiceError.notFound("nobody")) {
      _ = try catalog(fixture).rotateSecret(clientID: "nobody")
    }
  }
}
