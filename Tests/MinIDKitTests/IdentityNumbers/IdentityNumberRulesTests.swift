import MinIDKit
import Testing

@Suite struct IdentityNumberRulesTests {
  static let today = CalendarDate(year: 2026, month: 11, day: 25)!
  let validator = IdentityNumberValidator(referenceDate: today)

  @Test(arguments: [
    ("", IdentityNumberProblem.length), ("3112995671", .length), ("311299567155", .length),
    ("31129956715x", .notDigits), ("a0gzaB30529", .notDigits), ("31129956716", .checkDigit2),
    ("19575770838", .month), ("29029900157", .day), ("41014061078", .noCentury),
    ("18103970861", .futureDate), ("30108299939", .checkDigit1Rule2032),
  ])
  func eachProblemHasItsOwnCode(_ input: String, _ expected: IdentityNumberProblem) {
    let rules = IdentityNumberRules(referenceDate: Self.today, strict1964: expected == .checkDigit1Rule2032)
    let report = IdentityNumberValidator(rules: rules).check(input)
    #expect(report.problems.contains(expected))
    for (_, message) in report.messages {
      #expect(!message.contains(input) || input.count < 11, "a message repeats the number")
    }
  }

  @Test func everyProblemCodeIsDistinct() {
    let codes = IdentityNumberProblem.allCases.map(\.code)
    #expect(Set(codes).count == codes.count)
  }

  @Test(arguments: ["311299 56715", "311299-56715", "31:12:99:567:15", " 31129956715 ", "31129956715\r"])
  func separatorsPythonStdnumAccepts(_ input: String) {
    #expect(validator.check(input).isValid)
  }

  @Test func futureDateAgainstTheReferenceDate() {
    // Born 2020-11-17: in the future on 2020-01-01, valid on 2026-11-25.
    let past = IdentityNumberValidator(referenceDate: CalendarDate(year: 2020, month: 1, day: 1)!)
    #expect(past.check("17912099997").problems.contains(.futureDate))
    #expect(validator.check("17912099997").isValid)
  }

  @Test func minidAgeRuleIsByCalendarYear() {
    #expect(MinIDAgeRule.isOldEnough(birthYear: 2013, referenceYear: 2026))
    #expect(!MinIDAgeRule.isOldEnough(birthYear: 2014, referenceYear: 2026))
    #expect(MinIDAgeRule.firstEligibleYear(birthYear: 2014) == 2027)
  }

  @Test func turningThirteenLaterThisYearIsEligibleAndTwelveIsNot() throws {
    var generator = IdentityNumberGenerator(
      random: SeededRandomNumberGenerator(seed: 7), referenceDate: Self.today)
    // Born 2013-12-31: twelve years old on 2026-11-25, but turns 13 in 2026.
    let thirteenThisYear = try generator.generate(
      kind: .tenor, birthDate: .on(CalendarDate(year: 2013, month: 12, day: 31)!))
    #expect(validator.check(thirteenThisYear).minidEligibility == .eligible(.test))
    let twelve = try generator.generate(
      kind: .tenor, birthDate: .on(CalendarDate(year: 2014, month: 1, day: 1)!))
    #expect(validator.check(twelve).minidEligibility == .notEligible(.tooYoung))
    let real = try generator.generate(kind: .fodselsnummer, birthDate: .age(40))
    #expect(validator.check(real).minidEligibility == .eligible(.production))
  }

  @Test func fhNummerHasNoDateAndCannotHoldMinID() {
    let report = validator.check("81234567802")
    #expect(report.isValid && report.date == nil && report.kind == .fhNummer)
    #expect(report.minidEligibility == .notEligible(.kindCannotHoldMinID))
  }

  @Test func identityNumberErrorsNameRulesButNotTheNumber() {
    #expect(throws: IdentityNumberError.self) {
      try IdentityNumber("29020000064", rules: .init(referenceDate: Self.today))
    }
    do {
      _ = try IdentityNumber("29020000064", rules: .init(referenceDate: Self.today))
    } catch {
      #expect(error.code == "day")
      #expect(error.message.contains("February 1900"))
      #expect(!error.message.contains("29020000064"))
    }
  }

  @Test func kindIdentifiersRoundTrip() {
    for kind in IdentityNumberKind.allCases {
      #expect(IdentityNumberKind(identifier: kind.rawValue) == kind)
    }
    #expect(IdentityNumberKind(identifier: "tnr") == .tenor)
    #expect(IdentityNumberKind(identifier: "nope") == nil)
  }
}

@Suite struct ValidatorFastPathTests {
  let validator = IdentityNumberValidator(referenceDate: CalendarDate(year: 2026, month: 11, day: 25)!)

  /// The 11-byte fast path tests eight bytes at a time; every non-digit in every position must still fail.
  @Test func everyNonDigitInEveryPositionIsCaught() {
    let base = Array("31129956715".utf8)
    for position in 0..<11 {
      for byte in UInt8.min...UInt8.max where !(48...57).contains(byte) {
        var bytes = base
        bytes[position] = byte
        let report = bytes.withUnsafeBytes { validator.check($0) }
        #expect(!report.isValid, "byte \(byte) at \(position)")
        if !report.isValid, ![32, 45, 58, 9, 10, 13].contains(byte) {
          #expect(report.problems.contains(.notDigits))
        }
      }
    }
  }

  /// Separated input takes the slow path; it must read exactly as the plain digits do.
  @Test func separatedInputReadsLikePlainDigits() throws {
    var generator = IdentityNumberGenerator(
      random: SeededRandomNumberGenerator(seed: 3),
      referenceDate: CalendarDate(year: 2026, month: 11, day: 25)!)
    for kind in IdentityNumberKind.allCases {
      for _ in 0..<50 {
        let number = try generator.generate(kind: kind, birthDate: .ageBetween(0...100))
        let plain = validator.check(number)
        let spaced = validator.check(String(number.prefix(6)) + " " + String(number.dropFirst(6)))
        #expect(plain.value == spaced.value && plain.kind == spaced.kind && plain.date == spaced.date)
        #expect(plain.problems == spaced.problems && plain.checksumRule == spaced.checksumRule)
      }
    }
  }
}
