import Foundation
import Testing

@testable import MinIDKit

/// "Send a new code" on the SMS page (`AccountService.resendLoginCode`).
@Suite struct LoginResendTests {
  @Test func aNewCodeReplacesTheOldAttemptWhichNoLongerWorks() throws {
    let fixture = try LoginFixture(.production)
    defer { fixture.test.remove() }
    let first = try fixture.service.startLogin(
      pid: fixture.pid, clientID: "my-app", password: LoginFixture.password)
    let oldCode = try fixture.lastSMSCode()
    let second = try fixture.service.resendLoginCode(loginID: first.loginID)
    #expect(second.loginID != first.loginID && second.clientID == "my-app")
    #expect(second.maskedPhone == first.maskedPhone && second.testCode == nil)
    #expect(throws: LoginError.attemptUsed) {
      _ = try fixture.service.finishLogin(loginID: first.loginID, code: oldCode, nonce: nil, locale: nil)
    }
    let token = try fixture.service.finishLogin(
      loginID: second.loginID, code: try fixture.lastSMSCode(), nonce: nil, locale: nil)
    #expect(token.claims.amr == ["Minid-OTC"])
  }

  @Test func atMostThreeNewCodesAnHourThenTheTimeTheNextMayBeAskedFor() throws {
    let fixture = try LoginFixture()
    defer { fixture.test.remove() }
    var attempt = try fixture.service.startLogin(
      pid: fixture.pid, clientID: "my-app", password: LoginFixture.password
    ).loginID
    let start = fixture.test.clock.timestamp
    for _ in 0..<AccountService.codeSendLimit {
      attempt = try fixture.service.resendLoginCode(loginID: attempt).loginID
      fixture.test.clock.advance(minutes: 1)
    }
    let sent = try OutboxService(store: fixture.test.store, time: fixture.test.clock, actor: "t").messages(
      OutboxFilter(kind: .sms)
    ).count
    #expect(
      throws: LoginError.tooManyCodeRequests(retryAfter: start.adding(seconds: AccountService.codeSendWindow))
    ) {
      _ = try fixture.service.resendLoginCode(loginID: attempt)
    }
    let after = try OutboxService(store: fixture.test.store, time: fixture.test.clock, actor: "t").messages(
      OutboxFilter(kind: .sms)
    ).count
    #expect(after == sent, "a refused request sends nothing")
    fixture.test.clock.advance(minutes: 60)
    _ = try fixture.service.resendLoginCode(loginID: attempt)
  }

  @Test func aLockedAccountGetsNoNewCode() throws {
    let fixture = try LoginFixture()
    defer { fixture.test.remove() }
    let attempt = try fixture.service.startLogin(
      pid: fixture.pid, clientID: "my-app", password: LoginFixture.password
    ).loginID
    for _ in 0..<5 {
      _ = try? fixture.service.finishLogin(loginID: attempt, code: "00000", nonce: nil, locale: nil)
    }
    let refusal = #expect(throws: AccountError.self) {
      _ = try fixture.service.resendLoginCode(loginID: attempt)
    }
    guard case .temporarilyLocked? = refusal else {
      Issue.record("expected temporarily locked, got \(String(describing: refusal))")
      return
    }
  }

  @Test func anUnknownAttemptIsRefused() throws {
    let fixture = try LoginFixture()
    defer { fixture.test.remove() }
    #expect(throws: LoginError.unknownAttempt) { _ = try fixture.service.resendLoginCode(loginID: "nope") }
  }

  @Test func thePageShownAgainLearnsOnlyTheMaskedPhoneOfALiveAttempt() throws {
    let fixture = try LoginFixture()
    defer { fixture.test.remove() }
    let started = try fixture.service.startLogin(
      pid: fixture.pid, clientID: "my-app", password: LoginFixture.password)
    let shown = try #require(try fixture.service.pendingChallenge(loginID: started.loginID))
    #expect(shown.maskedPhone == started.maskedPhone && shown.testCode == nil)
    _ = try fixture.service.resendLoginCode(loginID: started.loginID)
    #expect(try fixture.service.pendingChallenge(loginID: started.loginID) == nil)
  }
}
