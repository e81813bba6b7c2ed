import Foundation
import Testing

@testable import MinIDKit

@Suite struct AppApprovalTests {
  @Test func enrolmentActivatesWithTheLetterCodeOnceAndStoresOnlyThePublicKey() throws {
    let fixture = try SecondFactorFixture()
    defer { fixture.test.remove() }
    let code = try fixture.letterCode()
    let (key, enrollment) = try fixture.enroll()
    #expect(enrollment.account.storedState == .active)
    #expect(enrollment.device.deviceID == key.deviceID && enrollment.replaced == nil)
    #expect(
      try fixture.service.secondFactors(accountID: enrollment.account.id).device?.deviceID == key.deviceID)
    // Scanning the same letter again is refused as a used letter, as activation refuses it.
    #expect(throws: LetterError.used) {
      try fixture.service.enrollDevice(
        pid: fixture.pid, code: code, password: SecondFactorFixture.password,
        device: try DeviceKey.generate(at: fixture.test.clock.timestamp).publicKey)
    }
    let stored = String(decoding: try fixture.test.persistedBytes(), as: UTF8.self)
    #expect(!stored.contains(key.pem.split(separator: "\n")[1]))
    let entries = try AuditService(store: fixture.test.store).entries(pid: fixture.pid, since: nil)
    #expect(
      entries.contains { $0.action == "app.enroll" && $0.detail.contains("device \(key.deviceID) enrolled") })
  }

  @Test func wrongLetterCodesLockTheAccountAsActivationDoes() throws {
    let fixture = try SecondFactorFixture(lockoutThreshold: 3)
    defer { fixture.test.remove() }
    let device = try DeviceKey.generate(at: fixture.test.clock.timestamp).publicKey
    for _ in 0..<3 {
      #expect(throws: LetterError.wrongCode) {
        try fixture.service.enrollDevice(
          pid: fixture.pid, code: "AAAA-BBBB-CCCC-DDDD", password: SecondFactorFixture.password,
          device: device)
      }
    }
    #expect(throws: AccountError.self) {
      try fixture.service.enrollDevice(
        pid: fixture.pid, code: try fixture.letterCode(), password: SecondFactorFixture.password,
        device: device)
    }
    #expect(try fixture.service.details(pid: fixture.pid).state == .temporarilyLocked)
  }

  @Test func enrollingAgainReplacesTheDeviceAndTellsThePersonBySMSAndEmail() throws {
    let fixture = try SecondFactorFixture()
    defer { fixture.test.remove() }
    let (old, _) = try fixture.enroll()
    let smsBefore = try fixture.messages(.sms).count
    _ = try fixture.service.reset(pid: fixture.pid, caseReference: nil, dryRun: false)
    let (new, enrollment) = try fixture.enroll()
    #expect(enrollment.replaced?.deviceID == old.deviceID)
    let sms = try fixture.messages(.sms)
    #expect(sms.count == smsBefore + 1 && sms.last!.subject == "MinID: ny MinID-app")
    #expect(try fixture.messages(.email).last!.subject == "MinID: ny MinID-app")
    #expect(throws: SecondFactorError.unknownDevice) {
      try fixture.service.pendingApprovals(device: old.publicKey)
    }
    #expect(try fixture.service.pendingApprovals(device: new.publicKey).isEmpty)
  }

  @Test func anAccountWithADeviceIsApprovedInTheAppAndGetsMinidAPP() throws {
    let fixture = try SecondFactorFixture()
    defer { fixture.test.remove() }
    let (key, _) = try fixture.enroll()
    let smsBefore = try fixture.messages(.sms).count
    let challenge = try fixture.service.startLogin(
      pid: fixture.pid, clientID: "my-app", password: SecondFactorFixture.password)
    #expect(challenge.factor == .app && challenge.testCode == nil)
    #expect(challenge.approvalExpiresAt == fixture.test.clock.timestamp.adding(seconds: 60))
    #expect(try fixture.messages(.sms).count == smsBefore)
    let pending = try fixture.service.pendingApprovals(device: key.publicKey)
    #expect(pending.map(\.attempt) == [challenge.loginID] && pending[0].service == "My app")
    #expect(throws: SecondFactorError.approvalPending(challenge.approvalExpiresAt!)) {
      try fixture.finish(challenge.loginID)
    }
    #expect(
      try fixture.service.decideApproval(try fixture.answer(pending[0], .approve, with: key)) == .approve)
    let token = try fixture.verify(try fixture.finish(challenge.loginID).token)
    #expect(token.amr == ["Minid-APP"] && token.acr == "idporten-loa-substantial")
    let device = try fixture.service.secondFactors(accountID: 1).device
    #expect(device?.lastUsedAt == fixture.test.clock.timestamp)
  }

  @Test func aRejectionFailsTheLoginAndLeavesNoSMSFallback() throws {
    let fixture = try SecondFactorFixture()
    defer { fixture.test.remove() }
    let (key, _) = try fixture.enroll()
    let challenge = try fixture.service.startLogin(
      pid: fixture.pid, clientID: "my-app", password: SecondFactorFixture.password)
    let pending = try fixture.service.pendingApprovals(device: key.publicKey)[0]
    #expect(try fixture.service.decideApproval(try fixture.answer(pending, .reject, with: key)) == .reject)
    #expect(throws: SecondFactorError.rejected) { try fixture.finish(challenge.loginID) }
    #expect(throws: SecondFactorError.rejected) {
      try fixture.service.fallBackToSMS(loginID: challenge.loginID)
    }
    #expect(try fixture.service.approvalStatus(loginID: challenge.loginID) == .reject)
    let entries = try AuditService(store: fixture.test.store).entries(pid: fixture.pid, since: nil)
    #expect(
      entries.contains { $0.action == "login.approve" && $0.detail.hasPrefix("rejected in the MinID app") })
    #expect(entries.last?.action == "login.finish" && entries.last?.detail == "login_rejected")
  }

  /// "Send a new code" on the pages names the same attempt: it must not become the SMS fallback a
  /// rejection takes away.
  @Test func aRejectedLoginGetsNoSMSCodeThroughSendANewCode() throws {
    let fixture = try SecondFactorFixture()
    defer { fixture.test.remove() }
    let (key, _) = try fixture.enroll()
    let challenge = try fixture.service.startLogin(
      pid: fixture.pid, clientID: "my-app", password: SecondFactorFixture.password)
    let pending = try fixture.service.pendingApprovals(device: key.publicKey)[0]
    #expect(try fixture.service.decideApproval(try fixture.answer(pending, .reject, with: key)) == .reject)
    let smsBefore = try fixture.messages(.sms).count
    #expect(throws: SecondFactorError.rejected) {
      try fixture.service.resendLoginCode(loginID: challenge.loginID)
    }
    #expect(try fixture.messages(.sms).count == smsBefore)
  }

  /// "Use SMS instead" sends a code as "Send a new code" does, so it is bound by the same rule: nothing
  /// goes to an account locked (here by wrong passwords after the app login began) or blocked.
  @Test func aLockedAccountGetsNoSMSCodeThroughUseSMSInstead() throws {
    let fixture = try SecondFactorFixture(lockoutThreshold: 3)
    defer { fixture.test.remove() }
    _ = try fixture.enroll()
    let challenge = try fixture.service.startLogin(
      pid: fixture.pid, clientID: "my-app", password: SecondFactorFixture.password)
    for _ in 0..<3 {
      _ = try? fixture.service.startLogin(pid: fixture.pid, clientID: "my-app", password: Secret("wrong"))
    }
    #expect(try fixture.service.details(pid: fixture.pid).state == .temporarilyLocked)
    let smsBefore = try fixture.messages(.sms).count
    let refusal = #expect(throws: AccountError.self) {
      try fixture.service.fallBackToSMS(loginID: challenge.loginID)
    }
    guard case .temporarilyLocked? = refusal else {
      Issue.record("expected temporarily locked, got \(String(describing: refusal))")
      return
    }
    #expect(try fixture.messages(.sms).count == smsBefore)
  }

  @Test func afterTheApprovalExpiresThePersonFallsBackToSMSAndGetsMinidOTC() throws {
    let fixture = try SecondFactorFixture()
    defer { fixture.test.remove() }
    let (key, _) = try fixture.enroll()
    let challenge = try fixture.service.startLogin(
      pid: fixture.pid, clientID: "my-app", password: SecondFactorFixture.password)
    let pending = try fixture.service.pendingApprovals(device: key.publicKey)[0]
    fixture.test.clock.seconds += 61
    let expiry = challenge.approvalExpiresAt!
    #expect(throws: SecondFactorError.approvalExpired(expiry)) { try fixture.finish(challenge.loginID) }
    #expect(throws: SecondFactorError.approvalExpired(expiry)) {
      try fixture.service.decideApproval(try fixture.answer(pending, .approve, with: key))
    }
    #expect(try fixture.service.pendingApprovals(device: key.publicKey).isEmpty)
    let sms = try fixture.service.fallBackToSMS(loginID: challenge.loginID)
    let code = try #require(sms.testCode)
    #expect(try fixture.messages(.sms).last!.body!.contains(code))
    // The app can no longer answer once SMS was chosen, and the SMS code finishes the login.
    #expect(throws: SecondFactorError.notAnApprovalAttempt) {
      try fixture.service.fallBackToSMS(loginID: challenge.loginID)
    }
    let token = try fixture.verify(try fixture.finish(challenge.loginID, code: code).token)
    #expect(token.amr == ["Minid-OTC"])
  }

  @Test func aSignatureByAnotherKeyIsRefused() throws {
    let fixture = try SecondFactorFixture()
    defer { fixture.test.remove() }
    let (key, _) = try fixture.enroll()
    let challenge = try fixture.service.startLogin(
      pid: fixture.pid, clientID: "my-app", password: SecondFactorFixture.password)
    let pending = try fixture.service.pendingApprovals(device: key.publicKey)[0]
    let other = try DeviceKey.generate(at: fixture.test.clock.timestamp)
    // Another key naming itself: no such device.
    #expect(throws: SecondFactorError.unknownDevice) {
      try fixture.service.decideApproval(try fixture.answer(pending, .approve, with: other))
    }
    // Another key claiming the enrolled device's id: the signature does not verify.
    let forged = try CompactJWS.sign(
      header: ["alg": "ES256", "kid": key.deviceID, "typ": AppApproval.type],
      claims: AppApproval.Claims(
        attempt: pending.attempt, nonce: pending.nonce, aud: pending.issuer, decision: .approve,
        iat: fixture.test.clock.seconds),
      key: other.key)
    #expect(throws: SecondFactorError.self) { try fixture.service.decideApproval(forged) }
    #expect(throws: SecondFactorError.approvalPending(challenge.approvalExpiresAt!)) {
      try fixture.finish(challenge.loginID)
    }
  }

  @Test func anApprovalForAnotherAttemptNonceOrProviderIsRefused() throws {
    let fixture = try SecondFactorFixture()
    defer { fixture.test.remove() }
    let (key, _) = try fixture.enroll()
    let first = try fixture.service.startLogin(
      pid: fixture.pid, clientID: "my-app", password: SecondFactorFixture.password)
    fixture.test.clock.seconds += 1
    let second = try fixture.service.startLogin(
      pid: fixture.pid, clientID: "my-app", password: SecondFactorFixture.password)
    let pending = try fixture.service.pendingApprovals(device: key.publicKey)
    #expect(pending.map(\.attempt) == [first.loginID, second.loginID])
    let now = fixture.test.clock.seconds
    let cases: [AppApproval.Claims] = [
      // The first attempt's id with the second one's nonce.
      .init(
        attempt: first.loginID, nonce: pending[1].nonce, aud: pending[0].issuer, decision: .approve, iat: now),
      // Another provider.
      .init(
        attempt: first.loginID, nonce: pending[0].nonce, aud: "https://other.example", decision: .approve,
        iat: now),
      // Made long ago or in the future.
      .init(
        attempt: first.loginID, nonce: pending[0].nonce, aud: pending[0].issuer, decision: .approve,
        iat: now - 600),
      .init(
        attempt: first.loginID, nonce: pending[0].nonce, aud: pending[0].issuer, decision: .approve,
        iat: now + 600),
      // An attempt that does not exist.
      .init(
        attempt: "nothing", nonce: pending[0].nonce, aud: pending[0].issuer, decision: .approve, iat: now),
    ]
    for claims in cases {
      #expect(throws: SecondFactorError.self) { try fixture.service.decideApproval(try key.sign(claims)) }
    }
    #expect(throws: SecondFactorError.approvalPending(first.approvalExpiresAt!)) {
      try fixture.finish(first.loginID)
    }
  }

  @Test func aReplayedApprovalIsRefused() throws {
    let fixture = try SecondFactorFixture()
    defer { fixture.test.remove() }
    let (key, _) = try fixture.enroll()
    let challenge = try fixture.service.startLogin(
      pid: fixture.pid, clientID: "my-app", password: SecondFactorFixture.password)
    let pending = try fixture.service.pendingApprovals(device: key.publicKey)[0]
    let approval = try fixture.answer(pending, .approve, with: key)
    try fixture.service.decideApproval(approval)
    #expect(throws: SecondFactorError.approvalUsed) { try fixture.service.decideApproval(approval) }
    #expect(throws: SecondFactorError.approvalUsed) {
      try fixture.service.decideApproval(try fixture.answer(pending, .reject, with: key))
    }
    _ = try fixture.finish(challenge.loginID)
    #expect(throws: LoginError.attemptUsed) { try fixture.finish(challenge.loginID) }
  }

  @Test func autoApprovalWorksInATestStoreAndIsRefusedInProduction() throws {
    for environment in [StoreEnvironment.test, .production] {
      let fixture = try SecondFactorFixture(environment)
      defer { fixture.test.remove() }
      try fixture.enroll()
      let challenge = try fixture.service.startLogin(
        pid: fixture.pid, clientID: "my-app", password: SecondFactorFixture.password)
      if environment == .test {
        try fixture.service.autoApprove(loginID: challenge.loginID)
        #expect(try fixture.verify(try fixture.finish(challenge.loginID).token).amr == ["Minid-APP"])
      } else {
        #expect(throws: SecondFactorError.autoApproveInProduction) {
          try fixture.service.autoApprove(loginID: challenge.loginID)
        }
        #expect(try fixture.service.approvalStatus(loginID: challenge.loginID) == nil)
      }
    }
  }

  @Test func supportRemovesALostPhoneTellsThePersonAndLoginsGoBackToSMS() throws {
    let fixture = try SecondFactorFixture()
    defer { fixture.test.remove() }
    let (key, _) = try fixture.enroll()
    let result = try fixture.service.removeDevice(pid: fixture.pid, caseReference: "CASE-7", dryRun: false)
    #expect(result.changes == ["MinID app device removed"])
    #expect(try fixture.messages(.sms).last!.subject == "MinID: MinID-appen er fjernet")
    #expect(try fixture.messages(.email).last!.subject == "MinID: MinID-appen er fjernet")
    #expect(throws: SecondFactorError.unknownDevice) {
      try fixture.service.pendingApprovals(device: key.publicKey)
    }
    let challenge = try fixture.service.startLogin(
      pid: fixture.pid, clientID: "my-app", password: SecondFactorFixture.password)
    #expect(challenge.factor == nil && challenge.testCode != nil)
    #expect(throws: SecondFactorError.noDevice) {
      try fixture.service.removeDevice(pid: fixture.pid, caseReference: "CASE-7", dryRun: false)
    }
  }

  @Test func aPurgeErasesTheDeviceTheCodeGeneratorAndTheWaitingApprovals() throws {
    let fixture = try SecondFactorFixture()
    defer { fixture.test.remove() }
    let (key, _) = try fixture.enroll()
    let totp = try fixture.service.startTOTPEnrollment(
      pid: fixture.pid, password: SecondFactorFixture.password)
    _ = try fixture.service.finishTOTPEnrollment(loginID: totp.loginID, code: totp.testCode!)
    _ = try fixture.service.startLogin(
      pid: fixture.pid, clientID: "my-app", password: SecondFactorFixture.password)
    _ = try fixture.service.delete(pid: fixture.pid, purge: true, caseReference: "CASE-8", dryRun: false)
    for table in ["app_device", "totp_credential", "login_factor"] {
      #expect(try fixture.test.connection.scalarInt("SELECT count(*) FROM \(table)") == 0, "\(table)")
    }
    #expect(throws: SecondFactorError.unknownDevice) {
      try fixture.service.pendingApprovals(device: key.publicKey)
    }
  }

  @Test func aDeviceKeyFileReadsBackAsTheSameKey() throws {
    let key = try DeviceKey.generate(at: Timestamp(seconds: 0))
    let read = try DeviceKey(pem: key.pem)
    #expect(read.deviceID == key.deviceID && read.publicKey == key.publicKey)
    #expect(throws: SecondFactorError.unreadableDeviceKey) { try DeviceKey(pem: "not a key") }
  }
}
