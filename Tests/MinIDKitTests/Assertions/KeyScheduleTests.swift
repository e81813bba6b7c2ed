import Foundation
import MinIDKit
import Testing

/// A new key is published before it signs, and the signing key is chosen by time (JWKS rollover).
@Suite struct KeyScheduleTests {
  func keys(_ fixture: LoginFixture) -> KeyService {
    KeyService(store: fixture.test.store, time: fixture.test.clock, actor: "admin:test")
  }

  @Test func aRotatedKeyIsPublishedAtOnceButSignsOnlyAfterItsActivationTime() throws {
    let fixture = try LoginFixture()
    defer { fixture.test.remove() }
    let service = keys(fixture)
    let old = try #require(try service.signingKey())
    let new = try service.rotate(algorithm: .es256, activateAfter: 3_600)
    #expect(try service.jwks().keys.compactMap(\.kid).contains(new.kid), "published at once")
    #expect(try fixture.login().kid == old.kid, "the old key signs until the activation time")
    #expect(throws: KeyError.active(old.kid)) { try service.retire(kid: old.kid) }
    #expect(
      SigningKeySchedule.state(of: new, among: try service.keys(), at: fixture.test.clock.timestamp)
        == "scheduled")
    fixture.test.clock.advance(minutes: 60)
    #expect(try fixture.login().kid == new.kid, "chosen by time, with no write when the time passes")
    #expect(try service.signingKey()?.kid == new.kid)
    try service.retire(kid: old.kid)
    #expect(try AuditService(store: fixture.test.store).verify() > 0)
  }

  @Test func anAddedKeyDoesNotSignUntilActivated() throws {
    let fixture = try LoginFixture()
    defer { fixture.test.remove() }
    let service = keys(fixture)
    let old = try #require(try service.signingKey())
    let added = try service.add(algorithm: .es256)
    #expect(added.activatesAt == nil)
    #expect(try service.jwks().keys.compactMap(\.kid).contains(added.kid))
    #expect(try fixture.login().kid == old.kid)
    let activated = try service.activate(kid: added.kid, at: fixture.test.clock.timestamp)
    #expect(activated.activatesAt == fixture.test.clock.timestamp)
    #expect(try fixture.login().kid == added.kid)
    #expect(throws: KeyError.alreadySigning(added.kid)) {
      try service.activate(kid: added.kid, at: fixture.test.clock.timestamp)
    }
    #expect(throws: KeyError.notFound("nope")) {
      try service.activate(kid: "nope", at: Timestamp(seconds: 0))
    }
    let entries = try AuditService(store: fixture.test.store).entries(pid: nil, since: nil)
      .filter { $0.action.hasPrefix("key.") }.suffix(2)
    #expect(entries.map(\.action) == [AuditAction.keyAdd.rawValue, AuditAction.keyActivate.rawValue])
    #expect(
      entries.last?.detail.hasPrefix(
        "\(added.kid): published → active from \(fixture.test.clock.timestamp.rfc3339); keys sha256 ") == true
    )
  }

  @Test func anActivationTimeChangedOutsideMinIDIsFound() throws {
    let fixture = try LoginFixture()
    defer { fixture.test.remove() }
    let service = keys(fixture)
    let new = try service.rotate(algorithm: .es256, activateAfter: 86_400)
    #expect(throws: Never.self) { try AuditService(store: fixture.test.store).verify() }
    // Making the scheduled key sign at once behind minid's back.
    try fixture.test.connection.run(
      "UPDATE signing_key SET activates_at = ? WHERE kid = ?",
      [.integer(fixture.test.clock.timestamp.seconds), .text(new.kid)])
    let error = #expect(throws: AuditRecordError.self) {
      try AuditService(store: fixture.test.store).verify()
    }
    #expect(error?.keys.first?.hasPrefix(new.kid) == true)
  }

  @Test func theLatestActivationThatHasComeSigns() throws {
    func key(_ kid: String, active: Bool = false, at seconds: Int64?, retired: Bool = false) throws
      -> PublicSigningKey
    {
      let jwk = try SigningKey.generate(.es256, at: Timestamp(seconds: 0)).publicKey
      return PublicSigningKey(
        kid: kid, algorithm: .es256, publicKey: jwk, createdAt: Timestamp(seconds: 0),
        retiredAt: retired ? Timestamp(seconds: 1) : nil, isActive: active,
        activatesAt: seconds.map(Timestamp.init(seconds:)))
    }
    let keys = [
      try key("first", active: true, at: nil), try key("b", at: 100), try key("c", at: 200),
      try key("gone", at: 150, retired: true), try key("unscheduled", at: nil),
    ]
    #expect(SigningKeySchedule.signing(keys, at: Timestamp(seconds: 50))?.kid == "first")
    #expect(SigningKeySchedule.signing(keys, at: Timestamp(seconds: 100))?.kid == "b")
    #expect(SigningKeySchedule.signing(keys, at: Timestamp(seconds: 199))?.kid == "b")
    #expect(SigningKeySchedule.signing(keys, at: Timestamp(seconds: 200))?.kid == "c")
    #expect(SigningKeySchedule.signing([try key("x", at: nil)], at: Timestamp(seconds: 1)) == nil)
  }
}
