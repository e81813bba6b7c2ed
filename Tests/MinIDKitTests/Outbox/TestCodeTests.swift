import MinIDKit
import Testing

/// In a test store the codes a script needs are fields; in a production store they never are.
@Suite struct TestCodeTests {
  func outbox(_ test: TestStore) -> OutboxService {
    OutboxService(store: test.store, time: test.clock, actor: "t")
  }

  @Test func aTestStoreGivesTheLoginCodeAndItLogsIn() throws {
    let fixture = try LoginFixture()
    defer { fixture.test.remove() }
    let challenge = try fixture.service.startLogin(
      pid: fixture.pid, clientID: "my-app", password: LoginFixture.password)
    let code = try #require(challenge.testCode)
    #expect(code == (try fixture.lastSMSCode()))
    let sms = try #require(try outbox(fixture.test).messages(OutboxFilter(kind: .sms)).last)
    #expect(outbox(fixture.test).testCode(in: sms) == code)
    _ = try fixture.service.finishLogin(loginID: challenge.loginID, code: code, nonce: nil, locale: nil)
  }

  @Test func aProductionStoreNeverGivesOne() throws {
    let fixture = try LoginFixture(.production)
    defer { fixture.test.remove() }
    let challenge = try fixture.service.startLogin(
      pid: fixture.pid, clientID: "my-app", password: LoginFixture.password)
    #expect(challenge.testCode == nil)
    for message in try outbox(fixture.test).messages(OutboxFilter()) {
      #expect(outbox(fixture.test).testCode(in: message) == nil)
      #expect(message.body.flatMap(MessageCode.code(in:)) != nil, "the message itself carries its code")
    }
  }

  @Test func recoveryAndLetterCodesAreReadFromTheirMessages() throws {
    let fixture = try LoginFixture()
    defer { fixture.test.remove() }
    let service = outbox(fixture.test)
    let letter = try #require(try service.messages(OutboxFilter(kind: .letter)).first)
    let shown = try #require(service.testCode(in: letter))
    #expect(try ActivationCode(typed: shown).formatted == shown)
    _ = try fixture.service.startRecovery(pid: fixture.pid)
    let smsMessage = try #require(try service.messages(OutboxFilter(kind: .sms)).last)
    let emailMessage = try #require(try service.messages(OutboxFilter(kind: .email)).last)
    let sms = try #require(service.testCode(in: smsMessage))
    let email = try #require(service.testCode(in: emailMessage))
    #expect(sms.count == 5 && email.count == 6)
    _ = try fixture.service.completeRecovery(
      pid: fixture.pid, smsCode: sms, emailCode: email, password: Secret("Ny fjelltur i juni 2027!"))
  }
}
