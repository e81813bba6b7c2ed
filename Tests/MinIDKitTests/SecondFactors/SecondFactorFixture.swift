import Foundation

@testable import MinIDKit

/// A store with a registered (not yet activated) person and a service, for MinID app and TOTP tests.
struct SecondFactorFixture {
  let test: TestStore
  let pid: String
  static let password = Secret("Fjelltur i mai 2026!")

  init(_ environment: StoreEnvironment = .test, lockoutThreshold: Int = 5) throws {
    test = try TestStore(environment, lockoutThreshold: lockoutThreshold)
    pid = People.adult(environment == .test ? .tenor : .fodselsnummer)
    _ = try test.service.register(People.request(pid))
    _ = try ServiceCatalog(store: test.store, time: test.clock, actor: "admin:test").add(
      clientID: "my-app", name: "My app", level: .substantial)
  }

  var service: AccountService { test.service }
  var outbox: OutboxService { OutboxService(store: test.store, time: test.clock, actor: "t") }

  /// The code of the newest activation letter, read from the letter as the person would.
  func letterCode() throws -> String {
    let letter = try outbox.messages(OutboxFilter(kind: .letter)).last!
    let body = try outbox.message(id: letter.id).body!
    let line = body.split(separator: "\n").first { $0.contains("activation code:") }!
    return String(line.split(separator: " ").last!)
  }

  /// Enrols a new device with the newest letter.
  @discardableResult
  func enroll() throws -> (key: DeviceKey, enrollment: DeviceEnrollment) {
    let key = try DeviceKey.generate(at: test.clock.timestamp)
    let enrollment = try service.enrollDevice(
      pid: pid, code: try letterCode(), password: Self.password, device: key.publicKey)
    return (key, enrollment)
  }

  func messages(_ kind: OutboxMessage.Kind) throws -> [OutboxMessage] {
    try outbox.messages(OutboxFilter(kind: kind)).map { try outbox.message(id: $0.id) }
  }

  /// The device's answer to the waiting attempt, as `minid app approve` signs it.
  func answer(_ pending: PendingApproval, _ decision: LoginFactor.Decision, with key: DeviceKey) throws
    -> String
  {
    try key.sign(
      AppApproval.Claims(
        attempt: pending.attempt, nonce: pending.nonce, aud: pending.issuer, decision: decision,
        iat: test.clock.seconds))
  }

  func verify(_ token: String) throws -> VerifiedToken {
    try TokenVerifier(
      keys: try KeyService(store: test.store, time: test.clock, actor: "t").jwks(),
      issuer: "https://minid.test",
      audience: "my-app", now: test.clock.timestamp
    ).verify(token)
  }

  func finish(_ loginID: String, code: String = "") throws -> IssuedToken {
    try service.finishLogin(loginID: loginID, code: code, nonce: nil, locale: nil)
  }
}
