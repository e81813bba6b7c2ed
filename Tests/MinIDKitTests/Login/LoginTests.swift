import Foundation
import Testing

@testable import MinIDKit

/// A store with an active account and two services, for login tests.
struct LoginFixture {
  let test: TestStore
  let pid: String
  static let password = Secret("Fjelltur i mai 2026!")

  init(
    _ environment: StoreEnvironment = .test, keyAlgorithm: SigningAlgorithm = .es256, lockoutPeriods: Int = 10
  ) throws {
    test = try TestStore(environment, lockoutPeriods: lockoutPeriods, keyAlgorithm: keyAlgorithm)
    pid = People.adult(environment == .test ? .tenor : .fodselsnummer)
    let receipt = try test.service.register(People.request(pid))
    let code: ActivationCode
    if let shown = receipt.letter.code {
      code = shown
    } else {
      // A production store never shows the code: read it from the letter, as the person would.
      let body = try OutboxService(store: test.store, time: test.clock, actor: "t").message(
        id: receipt.letter.outboxID
      ).body!
      let line = body.split(separator: "\n").first { $0.contains("activation code:") }!
      code = try ActivationCode(typed: String(line.split(separator: " ").last!))
    }
    _ = try test.service.activate(pid: pid, code: code.characters, password: Self.password)
    let catalog = ServiceCatalog(store: test.store, time: test.clock, actor: "admin:test")
    _ = try catalog.add(clientID: "my-app", name: "My app", level: .substantial)
    _ = try catalog.add(clientID: "other-app", name: "Other app", level: .substantial)
    _ = try catalog.add(clientID: "digipost", name: "Digital postkasse", level: .high)
  }

  var service: AccountService { test.service }

  /// The code in the newest SMS.
  func lastSMSCode() throws -> String {
    let sms = try OutboxService(store: test.store, time: test.clock, actor: "t").messages(
      OutboxFilter(kind: .sms)
    ).last!
    return String(sms.body!.split(separator: " ")[1].prefix(5))
  }

  func login(client: String = "my-app", nonce: String? = "n-0S6_WzA2Mj", locale: String? = "nn") throws
    -> IssuedToken
  {
    let challenge = try service.startLogin(pid: pid, clientID: client, password: Self.password)
    return try service.finishLogin(
      loginID: challenge.loginID, code: try lastSMSCode(), nonce: nonce, locale: locale)
  }

  func verifier(audience: String? = "my-app", now: Timestamp? = nil) throws -> TokenVerifier {
    TokenVerifier(
      keys: try KeyService(store: test.store, time: test.clock, actor: "t").jwks(),
      issuer: "https://minid.test",
      audience: audience, now: now ?? test.clock.timestamp)
  }
}

@Suite struct LoginTests {
  @Test func aLoginYieldsATokenShapedLikeIDPortens() throws {
    let fixture = try LoginFixture()
    defer { fixture.test.remove() }
    let issued = try fixture.login()
    let claims = try fixture.verifier().verify(issued.token)
    #expect(claims.iss == "https://minid.test")
    #expect(claims.audiences == ["my-app"] && claims.acceptedAudience == "my-app")
    #expect(claims.pid == fixture.pid)
    #expect(claims.acr == "idporten-loa-substantial")
    #expect(claims.amr == ["Minid-OTC"])
    #expect(claims.exp == claims.iat + 120)
    #expect(claims.authTime == claims.iat)
    #expect(claims.nonce == "n-0S6_WzA2Mj" && claims.locale == "nn")
    #expect(claims.sub.count == 43 && !claims.sub.contains(fixture.pid))
    #expect((claims.jti?.count ?? 0) >= 22)
    let header =
      try JSONSerialization.jsonObject(with: Data(try CompactJWS(parsing: issued.token).headerBytes))
      as? [String: String]
    #expect(header == ["alg": "ES256", "kid": issued.kid, "typ": "JWT"])
  }

  @Test func subIsPairwise() throws {
    let fixture = try LoginFixture()
    defer { fixture.test.remove() }
    let first = try fixture.login().claims.sub
    #expect(try fixture.login().claims.sub == first)
    #expect(try fixture.login(client: "other-app").claims.sub != first)
  }

  @Test func levelFourServicesAreRefusedBeforeAnyCredential() throws {
    let fixture = try LoginFixture()
    defer { fixture.test.remove() }
    let error = #expect(throws: ServiceError.self) {
      try fixture.service.startLogin(
        pid: fixture.pid, clientID: "digipost", password: Secret("wrong password 1"))
    }
    #expect(error == .needsLevel4(service: "Digital postkasse"))
    for word in ["level 4", "BankID", "Buypass ID", "Commfides", "MinID is level 3"] {
      #expect(error?.message.contains(word) == true, "\(word)")
    }
    #expect(try fixture.service.details(pid: fixture.pid).account.failedAttempts == 0, "nothing was counted")
    #expect(throws: ServiceError.notFound("nope")) { try fixture.service.serviceForLogin("nope") }
  }

  @Test func theCodeIsSingleUseAndExpires() throws {
    let fixture = try LoginFixture()
    defer { fixture.test.remove() }
    let challenge = try fixture.service.startLogin(
      pid: fixture.pid, clientID: "my-app", password: LoginFixture.password)
    let code = try fixture.lastSMSCode()
    #expect(code.count == 5 && code.allSatisfy(\.isNumber))
    _ = try fixture.service.finishLogin(loginID: challenge.loginID, code: code, nonce: nil, locale: nil)
    #expect(throws: LoginError.attemptUsed) {
      try fixture.service.finishLogin(loginID: challenge.loginID, code: code, nonce: nil, locale: nil)
    }
    let second = try fixture.service.startLogin(
      pid: fixture.pid, clientID: "my-app", password: LoginFixture.password)
    let secondCode = try fixture.lastSMSCode()
    fixture.test.clock.advance(minutes: 6)
    let error = #expect(throws: LoginError.self) {
      try fixture.service.finishLogin(loginID: second.loginID, code: secondCode, nonce: nil, locale: nil)
    }
    guard case .attemptExpired = error else {
      Issue.record("expected an expired code, got \(String(describing: error))")
      return
    }
    #expect(throws: LoginError.unknownAttempt) {
      try fixture.service.finishLogin(loginID: "nope", code: "1", nonce: nil, locale: nil)
    }
  }

  @Test func theStaticCodeWorksOnlyForSyntheticNumbersInATestStore() throws {
    let test = try LoginFixture(.test)
    defer { test.test.remove() }
    let challenge = try test.service.startLogin(
      pid: test.pid, clientID: "my-app", password: LoginFixture.password)
    #expect(
      try test.service.finishLogin(loginID: challenge.loginID, code: "12345", nonce: nil, locale: nil).claims
        .pid == test.pid)

    let production = try LoginFixture(.production)
    defer { production.test.remove() }
    let attempt = try production.service.startLogin(
      pid: production.pid, clientID: "my-app", password: LoginFixture.password)
    // One chance in 100,000 that the real code is 12345 itself.
    guard try production.lastSMSCode() != "12345" else { return }
    #expect(throws: LoginError.wrongCode(attemptsLeft: 4)) {
      try production.service.finishLogin(loginID: attempt.loginID, code: "12345", nonce: nil, locale: nil)
    }
  }

  @Test func failuresAcrossBothStepsLockAndTheLockLifts() throws {
    let fixture = try LoginFixture()
    defer { fixture.test.remove() }
    let service = fixture.service
    for _ in 0..<3 {
      #expect(throws: LoginError.wrongCredentials) {
        try service.startLogin(pid: fixture.pid, clientID: "my-app", password: Secret("Wrong password 1"))
      }
    }
    let challenge = try service.startLogin(
      pid: fixture.pid, clientID: "my-app", password: LoginFixture.password)
    let code = try fixture.lastSMSCode()
    let wrong = code == "00000" ? "00001" : "00000"
    #expect(throws: LoginError.wrongCode(attemptsLeft: 1)) {
      try service.finishLogin(loginID: challenge.loginID, code: wrong, nonce: nil, locale: nil)
    }
    #expect(throws: LoginError.wrongCode(attemptsLeft: 0)) {
      try service.finishLogin(loginID: challenge.loginID, code: wrong, nonce: nil, locale: nil)
    }
    let until = try #require(try service.details(pid: fixture.pid).account.lockedUntil)
    #expect(until == fixture.test.clock.timestamp.adding(seconds: 3600))
    // The right password and the right code are both refused while locked, with the time it lifts.
    #expect(throws: AccountError.temporarilyLocked(until: until)) {
      try service.startLogin(pid: fixture.pid, clientID: "my-app", password: LoginFixture.password)
    }
    #expect(throws: AccountError.temporarilyLocked(until: until)) {
      try service.finishLogin(loginID: challenge.loginID, code: code, nonce: nil, locale: nil)
    }
    #expect(AccountError.temporarilyLocked(until: until).message.contains(until.rfc3339))
    fixture.test.clock.advance(minutes: 61)
    #expect(try fixture.login().claims.pid == fixture.pid)
    #expect(
      try service.details(pid: fixture.pid).account.failedAttempts == 0, "a completed login clears the count")
  }

  @Test func anUnknownNumberGetsTheWrongPasswordAnswerAndIsAudited() throws {
    let fixture = try LoginFixture()
    defer { fixture.test.remove() }
    let stranger = People.adult(seed: 99)
    #expect(throws: LoginError.wrongCredentials) {
      try fixture.service.startLogin(pid: stranger, clientID: "my-app", password: LoginFixture.password)
    }
    let entries = try AuditService(store: fixture.test.store).entries(pid: stranger, since: nil)
    #expect(entries.map(\.outcome) == [.failed])
    #expect(entries.first?.action == "login.start")
  }

  @Test func everyAttemptIsAudited() throws {
    let fixture = try LoginFixture()
    defer { fixture.test.remove() }
    #expect(throws: LoginError.self) {
      try fixture.service.startLogin(
        pid: fixture.pid, clientID: "my-app", password: Secret("Wrong password 1"))
    }
    _ = try fixture.login()
    let actions = try AuditService(store: fixture.test.store).entries(pid: fixture.pid, since: nil).suffix(3)
      .map { "\($0.action) \($0.outcome.rawValue)" }
    #expect(actions == ["login.start failed", "login.start ok", "login.finish ok"])
  }

  @Test func outdatedHashesAreUpgradedOnLogin() throws {
    let fixture = try LoginFixture()
    defer { fixture.test.remove() }
    let old = try PasswordHasher(parameters: ScryptParameters(ln: 11, r: 8, p: 1)!).hash(
      LoginFixture.password)
    try fixture.test.store.write { transaction in
      var account = try transaction.account(pid: fixture.pid)!
      account.passwordHash = old.phc
      try transaction.updateAccount(account)
    }
    _ = try fixture.login()
    let now = try PasswordHash(phc: try fixture.service.details(pid: fixture.pid).account.passwordHash!)
    #expect(now.parameters.ln == 10)
  }

  @Test func nonceAndLocaleAreChecked() throws {
    let fixture = try LoginFixture()
    defer { fixture.test.remove() }
    #expect(throws: LoginError.invalidLocale("de")) { try fixture.login(locale: "de") }
    #expect(throws: LoginError.invalidNonce) { try fixture.login(nonce: "has space") }
  }
}

@Suite struct RecoveryTests {
  func codes(_ fixture: LoginFixture) throws -> (sms: String, email: String) {
    let outbox = OutboxService(store: fixture.test.store, time: fixture.test.clock, actor: "t")
    let sms = try outbox.messages(OutboxFilter(kind: .sms)).last!.body!
    let email = try outbox.messages(OutboxFilter(kind: .email)).last!.body!
    func code(_ text: String, length: Int) -> String {
      let words = text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map {
        $0.hasSuffix(".") ? $0.dropLast() : $0
      }
      return String(
        words.first { $0.count == length && $0.allSatisfy { $0.isNumber || ($0.isUppercase && $0.isASCII) } }!
      )
    }
    let smsCode = code(sms, length: 5)
    let emailCode = code(email, length: 6)
    return (smsCode, emailCode)
  }

  @Test func bothCodesSetANewPasswordEndPendingLoginsAndTellTheOwner() throws {
    let fixture = try LoginFixture()
    defer { fixture.test.remove() }
    let pending = try fixture.service.startLogin(
      pid: fixture.pid, clientID: "my-app", password: LoginFixture.password)
    _ = try fixture.service.startRecovery(pid: fixture.pid)
    let (sms, email) = try codes(fixture)
    #expect(sms.count == 5 && email.count == 6)
    #expect(throws: LoginError.wrongRecoveryCodes) {
      try fixture.service.completeRecovery(
        pid: fixture.pid, smsCode: sms, emailCode: "AAAAAA", password: Secret("Ny tur i juni 2027!"))
    }
    #expect(try fixture.service.details(pid: fixture.pid).account.failedAttempts == 1)
    let account = try fixture.service.completeRecovery(
      pid: fixture.pid, smsCode: sms, emailCode: email.lowercased(), password: Secret("Ny tur i juni 2027!"))
    #expect(account.state(at: fixture.test.clock.timestamp) == .active)
    #expect(account.failedAttempts == 0)
    #expect(throws: LoginError.wrongRecoveryCodes) {
      try fixture.service.completeRecovery(
        pid: fixture.pid, smsCode: sms, emailCode: email, password: Secret("Ny tur i juni 2027!"))
    }
    // The login begun under the old password died with it.
    #expect(throws: LoginError.attemptUsed) {
      try fixture.service.finishLogin(loginID: pending.loginID, code: "12345", nonce: nil, locale: nil)
    }
    // The phone and the e-mail address on record were told.
    let outbox = OutboxService(store: fixture.test.store, time: fixture.test.clock, actor: "t")
    let notices = try outbox.messages(OutboxFilter()).filter { $0.subject.contains("endret") }
    #expect(notices.map(\.kind).sorted { $0.rawValue < $1.rawValue } == [.email, .sms])
    let challenge2 = try fixture.service.startLogin(
      pid: fixture.pid, clientID: "my-app", password: Secret("Ny tur i juni 2027!"))
    #expect(!challenge2.loginID.isEmpty)
  }

  @Test func aBlockIsNotLiftedAndNothingIsSentToABlockedAccount() throws {
    let fixture = try LoginFixture()
    defer { fixture.test.remove() }
    _ = try fixture.service.startRecovery(pid: fixture.pid)
    let (sms, email) = try codes(fixture)
    try fixture.test.store.write { transaction in
      var account = try transaction.account(pid: fixture.pid)!
      account.storedState = .blocked
      account.blockReason = "SPERRET"
      try transaction.updateAccount(account)
    }
    #expect(throws: AccountError.stateForbids(action: .recover, state: .blocked)) {
      try fixture.service.completeRecovery(
        pid: fixture.pid, smsCode: sms, emailCode: email, password: Secret("Ny tur i juni 2027!"))
    }
    let before = try fixture.test.counts()["outbox"]
    _ = try fixture.service.startRecovery(pid: fixture.pid)
    #expect(try fixture.test.counts()["outbox"] == before, "a blocked account gets no codes")
  }

  /// Login ids go on command lines as `--login-id ID`: none may start with '-' or '_'.
  @Test func loginIDsStartWithALetterOrDigit() {
    struct AllOnes: RandomSource {
      func bytes(_ count: Int) -> [UInt8] { [UInt8](repeating: 0xFF, count: count) }
    }
    let id = LoginAttempt.newID(random: AllOnes())
    #expect(id.count == 22)
    #expect(id.first?.isLetter == true)
    let seeded = SeededRandomSource(seed: 9)
    for _ in 0..<500 {
      let first = LoginAttempt.newID(random: seeded).first!
      #expect(first.isLetter || first.isNumber)
    }
  }
}
