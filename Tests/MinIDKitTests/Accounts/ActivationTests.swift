import Foundation
import Testing

@testable import MinIDKit

@Suite struct ActivationTests {
  static let goodPassword = Secret("Fjelltur i mai 2026!")

  func registered(_ test: TestStore) throws -> (pid: String, code: ActivationCode) {
    let pid = People.adult()
    let receipt = try test.service.register(People.request(pid))
    return (pid, receipt.letter.code!)
  }

  @Test func activationSetsThePasswordAndUsesTheLetter() throws {
    let test = try TestStore()
    defer { test.remove() }
    let (pid, code) = try registered(test)
    let account = try test.service.activate(
      pid: pid, code: code.formatted.lowercased(), password: Self.goodPassword)
    #expect(account.storedState == .active)
    let stored = try PasswordHash(phc: try #require(account.passwordHash))
    #expect(stored.parameters.ln == 10)
    #expect(try PasswordHasher().verify(Self.goodPassword, against: stored))
    let details = try test.service.details(pid: pid)
    #expect(details.letterStatus == .used)
    #expect(
      try AuditService(store: test.store).entries(pid: pid, since: nil).last?.action == "account.activate")
  }

  @Test func aWrongCodeChangesNothingButIsCountedAndAudited() throws {
    let test = try TestStore()
    defer { test.remove() }
    let (pid, _) = try registered(test)
    let before = try test.service.details(pid: pid).account
    #expect(throws: LetterError.wrongCode) {
      try test.service.activate(pid: pid, code: "AAAA-BBBB-CCCC-DDDD", password: Self.goodPassword)
    }
    let after = try test.service.details(pid: pid).account
    #expect(after.failedAttempts == 1)
    #expect(after.storedState == before.storedState && after.passwordHash == nil)
    let last = try #require(try AuditService(store: test.store).entries(pid: pid, since: nil).last)
    #expect(last.outcome == .failed && last.detail == "letter_code_wrong")
  }

  @Test func usedExpiredAndReplacedCodesHaveTheirOwnMessages() throws {
    let test = try TestStore()
    defer { test.remove() }
    let (pid, code) = try registered(test)
    _ = try test.service.activate(pid: pid, code: code.characters, password: Self.goodPassword)
    // The account is active now; the code is judged first (before the state, which would tell a stranger the
    // number is registered), and its letter is used.
    #expect(throws: LetterError.used) {
      try test.service.activate(pid: pid, code: code.characters, password: Self.goodPassword)
    }
    let letters = [
      ActivationLetter(
        id: 1, accountID: 1, codeHash: [1], createdAt: .init(seconds: 0), expiresAt: .init(seconds: 10),
        usedAt: .init(seconds: 5), revokedAt: nil, outboxID: nil),
      ActivationLetter(
        id: 2, accountID: 1, codeHash: [2], createdAt: .init(seconds: 0), expiresAt: .init(seconds: 10),
        usedAt: nil, revokedAt: nil, outboxID: nil),
      ActivationLetter(
        id: 3, accountID: 1, codeHash: [3], createdAt: .init(seconds: 0), expiresAt: .init(seconds: 100),
        usedAt: nil, revokedAt: .init(seconds: 1), outboxID: nil),
    ]
    let now = Timestamp(seconds: 50)
    #expect(test.service.judgeForTests([1], letters, now) == .failure(.used))
    #expect(test.service.judgeForTests([2], letters, now) == .failure(.expired(.init(seconds: 10))))
    #expect(test.service.judgeForTests([3], letters, now) == .failure(.replaced))
    #expect(test.service.judgeForTests([4], letters, now) == .failure(.wrongCode))
    #expect(test.service.judgeForTests([4], [], now) == .failure(.noLetter))
  }

  @Test func anExpiredLetterIsRefused() throws {
    let test = try TestStore()
    defer { test.remove() }
    let (pid, code) = try registered(test)
    test.clock.advance(days: 61)
    let error = #expect(throws: LetterError.self) {
      try test.service.activate(pid: pid, code: code.characters, password: Self.goodPassword)
    }
    guard case .expired = error else {
      Issue.record("expected an expired letter, got \(String(describing: error))")
      return
    }
    #expect(try test.service.details(pid: pid).account.storedState == .letterSent)
  }

  @Test func fiveFailuresLockForAnHourAndTheRightCodeIsRefusedMeanwhile() throws {
    let test = try TestStore()
    defer { test.remove() }
    let (pid, code) = try registered(test)
    for _ in 0..<4 {
      #expect(throws: LetterError.wrongCode) {
        try test.service.activate(pid: pid, code: "AAAA-BBBB-CCCC-DDDD", password: Self.goodPassword)
      }
    }
    #expect(throws: LetterError.wrongCode) {
      try test.service.activate(pid: pid, code: "AAAA-BBBB-CCCC-DDDD", password: Self.goodPassword)
    }
    let locked = try test.service.details(pid: pid)
    #expect(locked.state == .temporarilyLocked)
    let until = try #require(locked.account.lockedUntil)
    #expect(until == test.clock.timestamp.adding(seconds: 3600))
    #expect(throws: AccountError.temporarilyLocked(until: until)) {
      try test.service.activate(pid: pid, code: code.characters, password: Self.goodPassword)
    }
    test.clock.advance(minutes: 61)
    #expect(try test.service.details(pid: pid).state == .letterSent)
    #expect(
      try test.service.activate(pid: pid, code: code.characters, password: Self.goodPassword).storedState
        == .active)
  }

  @Test(arguments: [
    ("Kort1", [PasswordPolicy.Rule.tooShort]),
    (String(repeating: "a1", count: 129), [.tooLong]),
    ("Blåbærsyltetøy 12", [.characters]),
    ("12345678901", [.needsLetter]),
    ("Fjellturimai", [.needsDigit]),
    ("Password1", [.common]),
    ("abc\u{7}def123", [.characters]),
  ])
  func passwordRulesOneByOne(_ password: String, _ expected: [PasswordPolicy.Rule]) {
    #expect(PasswordPolicy().violations(of: Secret(password), personal: .init()) == expected)
  }

  @Test func personalDataIsNotAllowedInThePassword() throws {
    let pid = People.adult()
    let personal = PasswordPolicy.PersonalData(
      identityNumber: pid, birthDate: CalendarDate(year: 1990, month: 5, day: 17),
      phone: try PhoneNumber("91234567"),
      email: try EmailAddress("kari.nordmann@example.no"))
    for password in ["x\(pid)y", "Hyttetur170590", "17.05.1990abc", "abc91234567", "Kari.Nordmann7"] {
      #expect(
        PasswordPolicy().violations(of: Secret(password), personal: personal) == [.personalData],
        "\(password)")
    }
    #expect(PasswordPolicy().violations(of: Secret("Fjelltur i mai 2026!"), personal: personal).isEmpty)
  }

  @Test func aPolicyFailureNamesEveryRuleAndChangesNothing() throws {
    let test = try TestStore()
    defer { test.remove() }
    let (pid, code) = try registered(test)
    let before = try test.counts()
    let error = #expect(throws: PasswordPolicyError.self) {
      try test.service.activate(pid: pid, code: code.characters, password: Secret("æøå"))
    }
    #expect(error?.rules == [.tooShort, .characters, .needsLetter, .needsDigit])
    #expect(try test.counts() == before)
    #expect(try test.service.details(pid: pid).account.failedAttempts == 0)
  }

  @Test func activationCodesHave80BitsAndReadLikeCrockford() throws {
    let code = ActivationCode(random: SeededRandomSource(seed: 3))
    #expect(code.characters.count == 16)
    #expect(code.formatted.split(separator: "-").map(\.count) == [4, 4, 4, 4])
    let typed = try ActivationCode(
      typed: code.formatted.lowercased().replacingOccurrences(of: "0", with: "o"))
    #expect(typed == code || !code.characters.contains("0"))
    #expect(throws: LetterError.malformedCode) { try ActivationCode(typed: "ABCD-EFGH-JKMN-PQRU") }
    #expect(throws: LetterError.malformedCode) { try ActivationCode(typed: "ABCD") }
    #expect("\(code)" == "<activation code>")
  }

  @Test func qrCodesHaveFinderPatterns() throws {
    let qr = try #require(QRCode("ABCDEFGHJKMNPQRS"))
    #expect(qr.modules.count >= 21)
    // The 7x7 finder pattern's top row is dark in all three corners.
    #expect(qr.modules[0][0..<7].allSatisfy { $0 })
    #expect(qr.modules[0][(qr.modules.count - 7)...].allSatisfy { $0 })
    #expect(qr.modules[qr.modules.count - 1][0..<7].allSatisfy { $0 })
  }
}

extension AccountService {
  func judgeForTests(_ hash: [UInt8], _ letters: [ActivationLetter], _ now: Timestamp) -> Result<
    ActivationLetter, LetterError
  > {
    judge(hash, letters: letters, now: now)
  }
}
