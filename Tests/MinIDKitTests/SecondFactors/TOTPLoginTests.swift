import Dispatch
import Foundation
import Testing

@testable import MinIDKit

@Suite struct TOTPLoginTests {
  /// An active account (activated with its letter) with a code generator enrolled after password and SMS.
  func enrolled(_ fixture: SecondFactorFixture) throws -> (TOTPEnrollment, TimeBasedCode) {
    _ = try fixture.service.activate(
      pid: fixture.pid, code: try fixture.letterCode(), password: SecondFactorFixture.password)
    let challenge = try fixture.service.startTOTPEnrollment(
      pid: fixture.pid, password: SecondFactorFixture.password)
    let enrollment = try fixture.service.finishTOTPEnrollment(
      loginID: challenge.loginID, code: try #require(challenge.testCode))
    return (enrollment, TimeBasedCode(secret: try #require(Self.decode(enrollment.secret))))
  }

  static func decode(_ base32: String) -> [UInt8]? {
    var bits: UInt32 = 0
    var count = 0
    var out: [UInt8] = []
    for character in base32.utf8 {
      guard let value = Base32.alphabet.firstIndex(of: character) else { return nil }
      bits = bits << 5 | UInt32(value)
      count += 5
      if count >= 8 {
        count -= 8
        out.append(UInt8(truncatingIfNeeded: bits >> UInt32(count)))
      }
    }
    return out
  }

  func start(_ fixture: SecondFactorFixture) throws -> LoginChallenge {
    try fixture.service.startLogin(
      pid: fixture.pid, clientID: "my-app", password: SecondFactorFixture.password)
  }

  @Test func enrolmentNeedsTheSMSCodeAndShowsTheSecretOnceSealedInTheStore() throws {
    let fixture = try SecondFactorFixture(.production)
    defer { fixture.test.remove() }
    _ = try fixture.service.activate(
      pid: fixture.pid, code: try fixture.letterCode(), password: SecondFactorFixture.password)
    let challenge = try fixture.service.startTOTPEnrollment(
      pid: fixture.pid, password: SecondFactorFixture.password)
    #expect(challenge.testCode == nil)
    #expect(throws: LoginError.wrongCode(attemptsLeft: 4)) {
      try fixture.service.finishTOTPEnrollment(loginID: challenge.loginID, code: "00000")
    }
    let body = try fixture.messages(.sms).last!.body!
    let code = try #require(MessageCode.code(in: body))
    let enrollment = try fixture.service.finishTOTPEnrollment(loginID: challenge.loginID, code: code)
    #expect(enrollment.secret.count == 32)
    #expect(enrollment.uri.hasPrefix("otpauth://totp/MinID:"))
    #expect(
      enrollment.uri.contains("secret=\(enrollment.secret)&issuer=MinID&algorithm=SHA1&digits=6&period=30"))
    #expect(!enrollment.uri.contains(fixture.pid))
    let secret = try #require(Self.decode(enrollment.secret))
    let stored = try fixture.test.persistedBytes()
    #expect(stored.range(of: Data(secret)) == nil && stored.range(of: Data(enrollment.secret.utf8)) == nil)
    #expect(throws: LoginError.attemptUsed) {
      try fixture.service.finishTOTPEnrollment(loginID: challenge.loginID, code: code)
    }
  }

  @Test func anAccountWithACodeGeneratorLogsInWithItsCodeAndGetsMinidTOTP() throws {
    let fixture = try SecondFactorFixture()
    defer { fixture.test.remove() }
    let (_, generator) = try enrolled(fixture)
    let smsBefore = try fixture.messages(.sms).count
    let challenge = try start(fixture)
    #expect(challenge.factor == .totp && challenge.testCode == nil)
    #expect(try fixture.messages(.sms).count == smsBefore)
    // The SMS code of a test store is no TOTP code.
    #expect(throws: SecondFactorError.self) { try fixture.finish(challenge.loginID, code: "12345") }
    let now = fixture.test.clock.seconds
    let token = try fixture.finish(challenge.loginID, code: generator.code(step: generator.step(at: now)))
    #expect(try fixture.verify(token.token).amr == ["Minid-TOTP"])
  }

  @Test func aCodeUsedOnceIsRefusedTheSecondTime() throws {
    let fixture = try SecondFactorFixture()
    defer { fixture.test.remove() }
    let (_, generator) = try enrolled(fixture)
    let code = generator.code(step: generator.step(at: fixture.test.clock.seconds))
    _ = try fixture.finish(try start(fixture).loginID, code: code)
    let again = try start(fixture)
    #expect(throws: SecondFactorError.wrongTOTPCode(attemptsLeft: 4)) {
      try fixture.finish(again.loginID, code: code)
    }
  }

  @Test(arguments: [(-1, true), (1, true), (-2, false), (2, false)] as [(Int64, Bool)])
  func clockSkewOfOneStepIsAcceptedAndTwoRefused(offset: Int64, accepted: Bool) throws {
    let fixture = try SecondFactorFixture()
    defer { fixture.test.remove() }
    let (_, generator) = try enrolled(fixture)
    let challenge = try start(fixture)
    let code = generator.code(step: generator.step(at: fixture.test.clock.seconds) + offset)
    if accepted {
      #expect(
        try fixture.verify(try fixture.finish(challenge.loginID, code: code).token).amr == ["Minid-TOTP"])
    } else {
      #expect(throws: SecondFactorError.wrongTOTPCode(attemptsLeft: 4)) {
        try fixture.finish(challenge.loginID, code: code)
      }
    }
  }

  @Test func wrongCodesCountTowardsTheSameLockout() throws {
    let fixture = try SecondFactorFixture(lockoutThreshold: 3)
    defer { fixture.test.remove() }
    let (_, generator) = try enrolled(fixture)
    // One wrong password, then wrong codes: the same counter.
    #expect(throws: LoginError.wrongCredentials) {
      try fixture.service.startLogin(
        pid: fixture.pid, clientID: "my-app", password: Secret("wrong password 1"))
    }
    let challenge = try start(fixture)
    #expect(throws: SecondFactorError.wrongTOTPCode(attemptsLeft: 1)) {
      try fixture.finish(challenge.loginID, code: "000000")
    }
    #expect(throws: SecondFactorError.wrongTOTPCode(attemptsLeft: 0)) {
      try fixture.finish(challenge.loginID, code: "000001")
    }
    let right = generator.code(step: generator.step(at: fixture.test.clock.seconds))
    #expect(throws: AccountError.self) { try fixture.finish(challenge.loginID, code: right) }
    #expect(try fixture.service.details(pid: fixture.pid).state == .temporarilyLocked)
  }

  @Test func enrollingAgainReplacesTheSecretAndTellsThePerson() throws {
    let fixture = try SecondFactorFixture()
    defer { fixture.test.remove() }
    let (first, oldGenerator) = try enrolled(fixture)
    #expect(!first.replacedPrevious)
    let challenge = try fixture.service.startTOTPEnrollment(
      pid: fixture.pid, password: SecondFactorFixture.password)
    #expect(challenge.factor == nil)
    let second = try fixture.service.finishTOTPEnrollment(
      loginID: challenge.loginID, code: challenge.testCode!)
    #expect(second.replacedPrevious && second.secret != first.secret)
    #expect(try fixture.messages(.sms).last!.subject == "MinID: ny kodegenerator")
    #expect(try fixture.messages(.email).last!.subject == "MinID: ny kodegenerator")
    let login = try start(fixture)
    let oldCode = oldGenerator.code(step: oldGenerator.step(at: fixture.test.clock.seconds))
    #expect(throws: SecondFactorError.self) { try fixture.finish(login.loginID, code: oldCode) }
  }

  @Test func anEnrolmentIsNoLoginAndALoginNoEnrolment() throws {
    let fixture = try SecondFactorFixture()
    defer { fixture.test.remove() }
    _ = try fixture.service.activate(
      pid: fixture.pid, code: try fixture.letterCode(), password: SecondFactorFixture.password)
    let enrolment = try fixture.service.startTOTPEnrollment(
      pid: fixture.pid, password: SecondFactorFixture.password)
    #expect(throws: SecondFactorError.notAnEnrolment) { try fixture.finish(enrolment.loginID, code: "12345") }
    let login = try start(fixture)
    #expect(throws: SecondFactorError.notAnEnrolment) {
      try fixture.service.finishTOTPEnrollment(loginID: login.loginID, code: login.testCode!)
    }
  }

  @Test func theCodeGeneratorCanBeSkippedForTheSMSCode() throws {
    let fixture = try SecondFactorFixture()
    defer { fixture.test.remove() }
    _ = try enrolled(fixture)
    let challenge = try start(fixture)
    let sms = try fixture.service.fallBackToSMS(loginID: challenge.loginID)
    #expect(
      try fixture.verify(try fixture.finish(challenge.loginID, code: sms.testCode!).token).amr == [
        "Minid-OTC"
      ])
  }
}

/// A TOTP code and an app approval used by racing requests, each on its own store handle as separate
/// processes are: exactly one wins.
@Suite struct SecondFactorRaceTests {
  func race(
    _ fixture: SecondFactorFixture, count: Int,
    _ body: @escaping @Sendable (AccountService, Int) throws -> Void
  )
    throws -> [String]
  {
    let handles = AuthenticationGateTests.Handles(try (0..<count).map { _ in try fixture.test.reopened() })
    let results = AuthenticationGateTests.Results(count: count)
    let clock = fixture.test.clock
    DispatchQueue.concurrentPerform(iterations: count) { index in
      let service = AccountService(
        store: handles.stores[index], time: clock, random: SeededRandomSource(seed: UInt64(300 + index)),
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

  @Test func oneTOTPCodeUsedByEightRacingLoginsLogsInOnce() throws {
    let fixture = try SecondFactorFixture(lockoutThreshold: 10)
    defer { fixture.test.remove() }
    let (_, generator) = try TOTPLoginTests().enrolled(fixture)
    let logins = try (0..<8).map { _ in
      try fixture.service.startLogin(
        pid: fixture.pid, clientID: "my-app", password: SecondFactorFixture.password
      )
      .loginID
    }
    let code = generator.code(step: generator.step(at: fixture.test.clock.seconds))
    let results = try race(fixture, count: 8) { service, index in
      _ = try service.finishLogin(loginID: logins[index], code: code, nonce: nil, locale: nil)
    }
    #expect(results.filter { $0 == "ok" }.count == 1, "\(results)")
    #expect(results.filter { $0 == "code_wrong" }.count == 7, "\(results)")
  }

  @Test func oneApprovalSentByEightRacingRequestsActsOnce() throws {
    let fixture = try SecondFactorFixture()
    defer { fixture.test.remove() }
    let (key, _) = try fixture.enroll()
    _ = try fixture.service.startLogin(
      pid: fixture.pid, clientID: "my-app", password: SecondFactorFixture.password)
    let approval = try fixture.answer(
      try fixture.service.pendingApprovals(device: key.publicKey)[0], .approve, with: key)
    let results = try race(fixture, count: 8) { service, _ in _ = try service.decideApproval(approval) }
    #expect(results.filter { $0 == "ok" }.count == 1, "\(results)")
    #expect(results.filter { $0 == "approval_used" }.count == 7, "\(results)")
  }
}
