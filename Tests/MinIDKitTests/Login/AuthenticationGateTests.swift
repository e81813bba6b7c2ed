import Dispatch
import Foundation
import Testing

@testable import MinIDKit

/// The lockout under parallel attackers, on whichever backend the suite runs on: every test here would let
/// more guesses through, or answer differently, on a check-then-act lockout.
@Suite struct AuthenticationGateTests {
  static let wrongPassword = Secret("Wrong password 1")

  /// Runs `body` on `count` threads at once, each with a store handle of its own (as separate processes
  /// have), and returns each thread's error code ("ok" for success).
  func inParallel(
    _ fixture: LoginFixture, count: Int, _ body: @escaping @Sendable (AccountService, Int) throws -> Void
  ) throws -> [String] {
    let handles = Handles(try (0..<count).map { _ in try fixture.test.reopened() })
    let results = Results(count: count)
    let clock = fixture.test.clock
    DispatchQueue.concurrentPerform(iterations: count) { index in
      let service = AccountService(
        store: handles.stores[index], time: clock, random: SeededRandomSource(seed: UInt64(100 + index)),
        actor: "admin:test")
      do {
        try body(service, index)
        results.set(index, "ok")
      } catch let error as any MinIDError {
        results.set(index, error.code)
      } catch {
        results.set(index, "unexpected: \(error)")
      }
    }
    return results.values
  }

  /// One store handle per thread; each thread touches only its own.
  final class Handles: @unchecked Sendable {
    let stores: [any AdministeredStore]
    init(_ stores: [any AdministeredStore]) { self.stores = stores }
  }

  final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String]
    init(count: Int) { storage = Array(repeating: "", count: count) }
    func set(_ index: Int, _ value: String) { lock.withLock { storage[index] = value } }
    var values: [String] { lock.withLock { storage } }
  }

  func entries(_ fixture: LoginFixture, _ action: String) throws -> [AuditEntry] {
    try AuditService(store: fixture.test.store).entries(pid: fixture.pid, since: nil).filter {
      $0.action == action
    }
  }

  @Test func twentyParallelWrongPasswordsWithThreeLeftEvaluateAtMostThree() throws {
    let fixture = try LoginFixture()
    defer { fixture.test.remove() }
    for _ in 0..<2 {
      _ = try? fixture.service.startLogin(pid: fixture.pid, clientID: "my-app", password: Self.wrongPassword)
    }
    let pid = fixture.pid
    let results = try inParallel(fixture, count: 20) { service, _ in
      _ = try service.startLogin(pid: pid, clientID: "my-app", password: Self.wrongPassword)
    }
    #expect(results.filter { $0 == "wrong_credentials" }.count == 3, "\(results)")
    #expect(results.filter { $0 == "temporarily_locked" }.count == 17, "\(results)")
    let logins = try entries(fixture, "login.start")
    #expect(logins.filter { $0.outcome == .failed }.count == 5, "2 before and 3 evaluated in parallel")
    #expect(logins.filter { $0.outcome == .refused }.count == 17, "every refused attempt is audited")
  }

  @Test func aHundredParallelWrongSMSCodesEvaluateAtMostFive() throws {
    let fixture = try LoginFixture()
    defer { fixture.test.remove() }
    let challenge = try fixture.service.startLogin(
      pid: fixture.pid, clientID: "my-app", password: LoginFixture.password)
    let right = try fixture.lastSMSCode()
    let wrong = right == "00000" ? "00001" : "00000"
    let results = try inParallel(fixture, count: 100) { service, _ in
      _ = try service.finishLogin(loginID: challenge.loginID, code: wrong, nonce: nil, locale: nil)
    }
    #expect(results.filter { $0 == "code_wrong" }.count == 5, "\(results)")
    #expect(results.filter { $0 == "temporarily_locked" }.count == 95)
    let finishes = try entries(fixture, "login.finish")
    #expect(finishes.filter { $0.outcome == .failed }.count == 5)
    #expect(finishes.filter { $0.outcome == .refused }.count == 95)
  }

  @Test func twentyParallelWrongRecoveryCodesEvaluateAtMostFive() throws {
    let fixture = try LoginFixture(.production)
    defer { fixture.test.remove() }
    _ = try fixture.service.startRecovery(pid: fixture.pid)
    let pid = fixture.pid
    let results = try inParallel(fixture, count: 20) { service, index in
      _ = try service.completeRecovery(
        pid: pid, smsCode: String(format: "%05d", index), emailCode: "AAAAAA",
        password: Secret("Ny tur i juni 2027!"))
    }
    #expect(results.filter { $0 == "recovery_codes_wrong" }.count == 5, "\(results)")
    #expect(results.filter { $0 == "temporarily_locked" }.count == 15)
    #expect(try entries(fixture, "account.recover").filter { $0.outcome == .failed }.count == 5)
  }

  @Test func parallelWrongActivationCodesEvaluateAtMostFive() throws {
    let test = try TestStore()
    defer { test.remove() }
    let pid = People.adult()
    _ = try test.service.register(People.request(pid))
    let handles = AuthenticationGateTests.Handles(try (0..<20).map { _ in try test.reopened() })
    let results = AuthenticationGateTests.Results(count: 20)
    let clock = test.clock
    DispatchQueue.concurrentPerform(iterations: 20) { index in
      let service = AccountService(
        store: handles.stores[index], time: clock, random: SeededRandomSource(seed: 7), actor: "t")
      do {
        _ = try service.activate(
          pid: pid, code: "AAAA-BBBB-CCCC-DDDD", password: Secret("Fjelltur i mai 2026!"))
        results.set(index, "ok")
      } catch let error as any MinIDError {
        results.set(index, error.code)
      } catch {
        results.set(index, "unexpected")
      }
    }
    #expect(results.values.filter { $0 == "letter_code_wrong" }.count == 5, "\(results.values)")
    #expect(results.values.filter { $0 == "temporarily_locked" }.count == 15)
  }

  @Test func whileLockedARightPasswordGetsTheSameAnswerAsAWrongOneAndBothAreAudited() throws {
    let fixture = try LoginFixture()
    defer { fixture.test.remove() }
    for _ in 0..<5 {
      _ = try? fixture.service.startLogin(pid: fixture.pid, clientID: "my-app", password: Self.wrongPassword)
    }
    let until = try #require(try fixture.service.details(pid: fixture.pid).account.lockedUntil)
    let before = try entries(fixture, "login.start").count
    for password in [LoginFixture.password, Self.wrongPassword] {
      #expect(throws: AccountError.temporarilyLocked(until: until)) {
        try fixture.service.startLogin(pid: fixture.pid, clientID: "my-app", password: password)
      }
    }
    let refused = try entries(fixture, "login.start").dropFirst(before)
    #expect(refused.map(\.outcome) == [.refused, .refused])
    #expect(
      refused.map(\.detail) == [
        "temporarily_locked; no secret checked", "temporarily_locked; no secret checked",
      ])
  }

  @Test func lockPeriodsDoubleAndThenTheAccountIsBlockedUntilSupportUnlocksIt() throws {
    let fixture = try LoginFixture(lockoutPeriods: 3)
    defer { fixture.test.remove() }
    let service = fixture.service
    func failFive() {
      for _ in 0..<5 {
        _ = try? service.startLogin(pid: fixture.pid, clientID: "my-app", password: Self.wrongPassword)
      }
    }
    var lengths: [Int64] = []
    for _ in 0..<2 {
      failFive()
      let account = try service.details(pid: fixture.pid).account
      let until = try #require(account.lockedUntil)
      lengths.append((until.seconds - fixture.test.clock.timestamp.seconds) / 60)
      fixture.test.clock.advance(minutes: lengths.last! + 1)
    }
    #expect(lengths == [60, 120], "the second consecutive lock lasts twice as long")
    failFive()
    let blocked = try service.details(pid: fixture.pid).account
    #expect(blocked.storedState == .blocked && blocked.blockReason == "LOCKOUT")
    fixture.test.clock.advance(days: 30)
    #expect(throws: AccountError.stateForbids(action: .login, state: .blocked)) {
      try service.startLogin(pid: fixture.pid, clientID: "my-app", password: LoginFixture.password)
    }
    #expect(throws: AccountError.stateForbids(action: .reset, state: .blocked)) {
      try service.reset(pid: fixture.pid, caseReference: nil, dryRun: false)
    }
    _ = try service.unlock(pid: fixture.pid, caseReference: "CASE-1", dryRun: false)
    #expect(try fixture.login().claims.pid == fixture.pid)
  }

  @Test func aLastGuessWhoseProcessDiedStillEndsInABlock() throws {
    let fixture = try LoginFixture(lockoutPeriods: 2)
    defer { fixture.test.remove() }
    let service = fixture.service
    for _ in 0..<5 {
      _ = try? service.startLogin(pid: fixture.pid, clientID: "my-app", password: Self.wrongPassword)
    }
    fixture.test.clock.advance(minutes: 61)
    for _ in 0..<4 {
      _ = try? service.startLogin(pid: fixture.pid, clientID: "my-app", password: Self.wrongPassword)
    }
    // The tenth guess is counted and locks the account; its process is killed before the guess is settled.
    let account = try service.details(pid: fixture.pid).account
    let last = try service.gate.reserve(accountID: account.id, action: .loginStart, accountAction: .login)
    #expect(last.lockSet != nil && last.attemptsLeft == 0)
    fixture.test.clock.advance(days: 8)
    #expect(throws: AccountError.stateForbids(action: .login, state: .blocked)) {
      try service.startLogin(pid: fixture.pid, clientID: "my-app", password: LoginFixture.password)
    }
    let blocked = try service.details(pid: fixture.pid).account
    #expect(blocked.storedState == .blocked && blocked.blockReason == "LOCKOUT")
    let refused = try #require(try entries(fixture, "login.start").last)
    #expect(refused.outcome == .refused && refused.detail.hasSuffix("no secret checked"))
  }

  @Test func aClosedAccountsSecretsAreNeverCheckedAndItAnswersAsAnUnknownNumber() throws {
    let fixture = try LoginFixture(.production)
    defer { fixture.test.remove() }
    _ = try fixture.service.delete(pid: fixture.pid, purge: false, caseReference: nil, dryRun: false)
    let pid = fixture.pid
    let results = try inParallel(fixture, count: 12) { service, index in
      let password = index == 0 ? LoginFixture.password : Secret("Wrong password \(index)")
      _ = try service.startLogin(pid: pid, clientID: "my-app", password: password)
    }
    #expect(results == Array(repeating: "wrong_credentials", count: 12), "the right password too")
    #expect(throws: LoginError.wrongRecoveryCodes) {
      try fixture.service.completeRecovery(
        pid: pid, smsCode: "00000", emailCode: "AAAAAA", password: Secret("Ny tur i juni 2027!"))
    }
    #expect(throws: LetterError.wrongCode) {
      try fixture.service.activate(
        pid: pid, code: "AAAA-BBBB-CCCC-DDDD", password: Secret("Ny tur i juni 2027!"))
    }
    #expect(try fixture.service.details(pid: pid).account.failedAttempts == 0, "nothing was evaluated")
    let attempts = try AuditService(store: fixture.test.store).entries(pid: pid, since: nil).filter {
      ["login.start", "account.recover", "account.activate"].contains($0.action)
    }.suffix(14)
    #expect(attempts.count == 14)
    #expect(attempts.allSatisfy { $0.outcome == .refused && $0.detail.hasSuffix("no secret checked") })
  }

  @Test func aCompletedLoginEndsTheEscalationButARightPasswordAloneDoesNot() throws {
    let fixture = try LoginFixture()
    defer { fixture.test.remove() }
    for _ in 0..<4 {
      _ = try? fixture.service.startLogin(pid: fixture.pid, clientID: "my-app", password: Self.wrongPassword)
    }
    _ = try fixture.service.startLogin(pid: fixture.pid, clientID: "my-app", password: LoginFixture.password)
    #expect(try fixture.service.details(pid: fixture.pid).account.failedAttempts == 4)
    _ = try fixture.login()
    #expect(try fixture.service.details(pid: fixture.pid).account.failedAttempts == 0)
  }

  @Test func recoveryCodesCountTowardsTheLockAndAreNotCheckedWhileLocked() throws {
    let fixture = try LoginFixture(.production)
    defer { fixture.test.remove() }
    _ = try fixture.service.startRecovery(pid: fixture.pid)
    let outbox = OutboxService(store: fixture.test.store, time: fixture.test.clock, actor: "t")
    let smsBody = try outbox.messages(OutboxFilter(kind: .sms)).last!.body!
    let emailBody = try outbox.messages(OutboxFilter(kind: .email)).last!.body!
    let sms = String(smsBody.split(separator: " ").first { $0.count == 6 && $0.hasSuffix(".") }!.dropLast())
    let email = String(
      emailBody.split(whereSeparator: { $0 == " " || $0 == "\n" }).first {
        $0.count == 7 && $0.hasSuffix(".") && $0.dropLast().allSatisfy { $0.isNumber || $0.isUppercase }
      }!.dropLast())
    for _ in 0..<5 {
      _ = try? fixture.service.completeRecovery(
        pid: fixture.pid, smsCode: sms, emailCode: "AAAAAA", password: Secret("Ny tur i juni 2027!"))
    }
    let until = try #require(try fixture.service.details(pid: fixture.pid).account.lockedUntil)
    #expect(throws: AccountError.temporarilyLocked(until: until)) {
      try fixture.service.completeRecovery(
        pid: fixture.pid, smsCode: sms, emailCode: email, password: Secret("Ny tur i juni 2027!"))
    }
  }

  @Test func aPasswordThePolicyRefusesGivesTheAttemptBack() throws {
    let test = try TestStore()
    defer { test.remove() }
    let pid = People.adult()
    let receipt = try test.service.register(People.request(pid))
    let code = try #require(receipt.letter.code)
    for _ in 0..<6 {
      #expect(throws: PasswordPolicyError.self) {
        try test.service.activate(pid: pid, code: code.characters, password: Secret("kort"))
      }
    }
    #expect(try test.service.details(pid: pid).account.failedAttempts == 0)
  }

  /// The fixed test code stands for the SMS code only in a test store and only for a synthetic number.
  @Test func theFixedTestCodeIsForSyntheticNumbersInTestStoresOnly() throws {
    let fixture = try LoginFixture()
    defer { fixture.test.remove() }
    let gate = AuthenticationGate(store: fixture.test.store, time: fixture.test.clock)
    var account = try #require(try fixture.test.store.read { try $0.account(pid: fixture.pid) })
    #expect(gate.acceptsFixedTestCode(OneTimeCode(typed: "12345"), for: account))
    #expect(!gate.acceptsFixedTestCode(OneTimeCode(typed: "12346"), for: account))
    account.kind = .fodselsnummer
    #expect(!gate.acceptsFixedTestCode(OneTimeCode(typed: "12345"), for: account))

    let production = try LoginFixture(.production)
    defer { production.test.remove() }
    let productionGate = AuthenticationGate(store: production.test.store, time: production.test.clock)
    var real = try #require(try production.test.store.read { try $0.account(pid: production.pid) })
    #expect(!productionGate.acceptsFixedTestCode(OneTimeCode(typed: "12345"), for: real))
    real.kind = .tenor
    #expect(!productionGate.acceptsFixedTestCode(OneTimeCode(typed: "12345"), for: real))
  }

  /// A step that sends a code passes the same preamble as one that checks a secret: while the account is
  /// blocked, `login resend` sends nothing, and the trail says so.
  @Test func aResendWhileBlockedSendsNothingAndSaysSo() throws {
    let fixture = try LoginFixture()
    defer { fixture.test.remove() }
    let challenge = try fixture.service.startLogin(
      pid: fixture.pid, clientID: "my-app", password: LoginFixture.password)
    _ = try fixture.service.block(pid: fixture.pid, reason: "SPERRET", caseReference: nil, dryRun: false)
    let outbox = try fixture.test.counts()["outbox"]
    #expect(throws: AccountError.stateForbids(action: .login, state: .blocked)) {
      try fixture.service.resendLoginCode(loginID: challenge.loginID)
    }
    #expect(try fixture.test.counts()["outbox"] == outbox)
    let trail = try AuditService(store: fixture.test.store).entries(pid: fixture.pid, since: nil)
    let last = try #require(trail.last { $0.action == "login.resend" })
    #expect(last.outcome == .refused && last.detail.hasSuffix("; nothing sent"))
  }
}

/// Unauthenticated steps answer unknown numbers as they answer known ones, and codes cannot be flooded.
@Suite struct EnumerationAndFloodingTests {
  @Test func unknownAndKnownNumbersGetTheSameAnswers() throws {
    let fixture = try LoginFixture(.production)
    defer { fixture.test.remove() }
    let stranger = People.adult(.fodselsnummer, seed: 99)
    let known = try fixture.service.startRecovery(pid: fixture.pid)
    let unknown = try fixture.service.startRecovery(pid: stranger)
    #expect(known.expiresAt == unknown.expiresAt)
    for pid in [fixture.pid, stranger] {
      #expect(throws: LoginError.wrongRecoveryCodes) {
        try fixture.service.completeRecovery(
          pid: pid, smsCode: "00000", emailCode: "AAAAAA", password: Secret("Ny tur i juni 2027!"))
      }
      #expect(throws: LetterError.wrongCode) {
        try fixture.service.activate(
          pid: pid, code: "AAAA-BBBB-CCCC-DDDD", password: Secret("Ny tur i juni 2027!"))
      }
    }
    // Both were audited, the stranger's under the number's pseudonym.
    let strangers = try AuditService(store: fixture.test.store).entries(pid: stranger, since: nil)
    #expect(strangers.map(\.action) == ["account.recover.start", "account.recover", "account.activate"])
  }

  @Test func atMostThreeRecoveriesAnHourForKnownAndUnknownNumbersAlike() throws {
    let fixture = try LoginFixture()
    defer { fixture.test.remove() }
    let stranger = People.adult(seed: 99)
    for pid in [fixture.pid, stranger] {
      for _ in 0..<3 { _ = try fixture.service.startRecovery(pid: pid) }
      let outbox = try fixture.test.counts()["outbox"]
      let error = #expect(throws: LoginError.self) { try fixture.service.startRecovery(pid: pid) }
      guard case .tooManyCodeRequests(let retry) = error else {
        Issue.record("expected the code limit, got \(String(describing: error))")
        continue
      }
      #expect(retry == fixture.test.clock.timestamp.adding(seconds: 3600))
      #expect(try fixture.test.counts()["outbox"] == outbox, "nothing sent")
      let last = try AuditService(store: fixture.test.store).entries(pid: pid, since: nil).last
      #expect(last?.outcome == .refused && last?.detail.hasPrefix("code_request_limit") == true)
    }
    fixture.test.clock.advance(minutes: 61)
    _ = try fixture.service.startRecovery(pid: fixture.pid)
  }
}
