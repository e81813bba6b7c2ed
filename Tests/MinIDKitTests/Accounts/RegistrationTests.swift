import Foundation
import MinIDKit
import Testing

@Suite struct RegistrationTests {
  @Test func registersAndSendsTheLetterInOneTransaction() throws {
    let test = try TestStore()
    defer { test.remove() }
    let pid = People.adult()
    let receipt = try test.service.register(People.request(pid))
    #expect(receipt.account.storedState == .letterSent)
    #expect(receipt.account.phone?.e164 == "+4791234567")
    let code = try #require(receipt.letter.code, "a test store shows the code at once")
    #expect(receipt.letter.expiresAt == test.clock.timestamp.adding(days: 60))
    let message = try OutboxService(store: test.store, time: test.clock, actor: "t").message(
      id: receipt.letter.outboxID)
    #expect(message.kind == .letter)
    #expect(message.recipient == "Storgata 1, 0155 Oslo")
    #expect(message.body?.contains(code.formatted) == true)
    #expect(message.body?.contains("█") == true, "the letter carries the code as a QR code")
    let actions = try AuditService(store: test.store).entries(pid: pid, since: nil).map(\.action)
    #expect(actions == ["account.register", "letter.send"])
    #expect(try test.counts() == ["account": 1, "activation_letter": 1, "outbox": 1, "audit": 6])
  }

  @Test func productionStoresNeverShowTheCode() throws {
    let test = try TestStore(.production)
    defer { test.remove() }
    let receipt = try test.service.register(People.request(People.adult(.fodselsnummer)))
    #expect(receipt.letter.code == nil)
  }

  @Test func turningThirteenThisYearIsEnoughButTwelveIsNot() throws {
    let test = try TestStore()
    defer { test.remove() }
    // 2013-12-31 turns 13 in 2026, after the reference day: still eligible.
    let thirteen = People.number(born: CalendarDate(year: 2013, month: 12, day: 31)!)
    #expect(try test.service.register(People.request(thirteen)).account.storedState == .letterSent)
    let twelve = People.number(born: CalendarDate(year: 2014, month: 1, day: 1)!)
    let before = try test.counts()
    #expect(throws: RegistrationError.tooYoung(firstYear: 2027)) {
      try test.service.register(People.request(twelve))
    }
    #expect(try test.counts() == before)
  }

  @Test func syntheticNumbersOnlyInTestStoresAndRealOnesOnlyInProduction() throws {
    let production = try TestStore(.production)
    defer { production.remove() }
    #expect(throws: RegistrationError.syntheticInProduction(.tenor)) {
      try production.service.register(People.request(People.adult(.tenor)))
    }
    let test = try TestStore(.test)
    defer { test.remove() }
    #expect(throws: RegistrationError.realNumberInTestStore(.fodselsnummer)) {
      try test.service.register(People.request(People.adult(.fodselsnummer)))
    }
    #expect(throws: RegistrationError.kindCannotHoldMinID(.fhNummer)) {
      try test.service.register(People.request("81234567802"))
    }
    #expect(
      try test.service.register(People.request(People.adult(.dNummerTenor))).account.kind == .dNummerTenor)
    #expect(try production.service.register(People.request(People.adult(.dNummer))).account.kind == .dNummer)
  }

  @Test func thePersonTwiceIsAConflict() throws {
    let test = try TestStore()
    defer { test.remove() }
    let pid = People.adult()
    _ = try test.service.register(People.request(pid))
    let before = try test.counts()
    let error = #expect(throws: LetterError.self) { try test.service.register(People.request(pid)) }
    #expect(error?.category == .conflict)
    #expect(try test.counts() == before)
  }

  @Test func checksRunInTheIssuesOrder() throws {
    let test = try TestStore()
    defer { test.remove() }
    // Everything wrong at once: the identity number is reported first.
    #expect(throws: IdentityNumberError.self) {
      try test.service.register(RegistrationRequest(pid: "123", phone: "x", email: "y", address: ""))
    }
    let pid = People.adult()
    #expect(throws: ContactError.phone("may hold only digits, '+' and separators")) {
      try test.service.register(RegistrationRequest(pid: pid, phone: "x", email: "y", address: ""))
    }
    #expect(throws: ContactError.self) {
      try test.service.register(RegistrationRequest(pid: pid, phone: "91234567", email: "y", address: ""))
    }
    #expect(throws: ContactError.address("is empty")) {
      try test.service.register(
        RegistrationRequest(pid: pid, phone: "91234567", email: "a@b.no", address: " "))
    }
    #expect(try test.counts()["account"] == 0)
  }

  @Test func rule2032NumbersAreRefusedBefore2032() throws {
    let test = try TestStore()
    defer { test.remove() }
    var generator = IdentityNumberGenerator(
      random: SeededRandomNumberGenerator(seed: 5), referenceDate: People.today)
    let pid = try generator.generate(
      kind: .tenor, birthDate: .on(CalendarDate(year: 1990, month: 1, day: 1)!), rule: .rule2032)
    #expect(throws: RegistrationError.notYetIssued) { try test.service.register(People.request(pid)) }
  }
}

@Suite struct ContactTests {
  @Test(arguments: [
    ("91234567", "+4791234567"), ("912 34 567", "+4791234567"), ("+47 412 34 567", "+4741234567"),
    ("0047 91234567", "+4791234567"), ("+46 70 123 45 67", "+46701234567"),
    ("+1 (202) 555-0143", "+12025550143"),
  ])
  func phoneNumbersBecomeE164(_ input: String, _ expected: String) throws {
    #expect(try PhoneNumber(input).e164 == expected)
  }

  @Test(arguments: [
    "", "1234567", "22334455", "+4722334455", "+47912345678", "+0123456789", "+123", "91234567x",
    "+1234567890123456",
  ])
  func badPhoneNumbersNameTheRule(_ input: String) {
    #expect(throws: ContactError.self) { try PhoneNumber(input) }
  }

  @Test(arguments: ["kari@example.no", "Kari.Nordmann+minid@Example.NO", "o'brien@mail.co.uk"])
  func goodEmailAddresses(_ input: String) throws {
    #expect(try EmailAddress(input).address.hasSuffix(input.split(separator: "@")[1].lowercased()))
  }

  @Test(arguments: [
    "", "kari", "kari@", "@example.no", "kari@example", "kari..n@example.no", "kari@-example.no",
    "ka ri@example.no", "kari@example.123",
  ])
  func badEmailAddresses(_ input: String) {
    #expect(throws: ContactError.self) { try EmailAddress(input) }
  }

  @Test func addresses() throws {
    #expect(try PostalAddress("  Storgata 1\n0155 Oslo ").text == "Storgata 1\n0155 Oslo")
    #expect(throws: ContactError.self) { try PostalAddress(String(repeating: "a", count: 301)) }
    #expect(throws: ContactError.self) { try PostalAddress("Storgata\u{1B}[2J 1") }
  }
}

@Suite struct ResendLetterTests {
  @Test func refusedWhileValidUnlessForcedAndTheOldLetterStopsWorking() throws {
    let test = try TestStore()
    defer { test.remove() }
    let pid = People.adult()
    let first = try test.service.register(People.request(pid)).letter.code!
    let before = try test.counts()
    #expect(throws: LetterError.letterOutstanding(until: test.clock.timestamp.adding(days: 60))) {
      try test.service.resendLetter(pid: pid, force: false, caseReference: nil)
    }
    #expect(try test.counts() == before)
    let second = try test.service.resendLetter(pid: pid, force: true, caseReference: "CASE-9")
    #expect(second.code != first)
    #expect(throws: LetterError.replaced) {
      try test.service.activate(pid: pid, code: first.characters, password: Secret("Fjelltur i mai 2026!"))
    }
    #expect(
      try test.service.activate(
        pid: pid, code: second.code!.characters, password: Secret("Fjelltur i mai 2026!")
      ).storedState == .active)
    #expect(throws: AccountError.stateForbids(action: .resendLetter, state: .active)) {
      try test.service.resendLetter(pid: pid, force: true, caseReference: nil)
    }
  }

  @Test func anExpiredLetterCanBeReplacedWithoutForce() throws {
    let test = try TestStore()
    defer { test.remove() }
    let pid = People.adult()
    _ = try test.service.register(People.request(pid))
    test.clock.advance(days: 61)
    #expect(try test.service.resendLetter(pid: pid, force: false, caseReference: nil).code != nil)
  }
}
