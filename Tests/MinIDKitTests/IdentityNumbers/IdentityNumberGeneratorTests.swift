import MinIDKit
import Testing

@Suite struct IdentityNumberGeneratorTests {
  static let today = CalendarDate(year: 2026, month: 11, day: 25)!
  let validator = IdentityNumberValidator(referenceDate: today)

  @Test(arguments: IdentityNumberKind.allCases, ChecksumRule.allCases)
  func everyGeneratedNumberIsValidAndOfItsKind(_ kind: IdentityNumberKind, _ rule: ChecksumRule) throws {
    var generator = IdentityNumberGenerator(
      random: SeededRandomNumberGenerator(seed: 42), referenceDate: Self.today)
    for _ in 0..<300 {
      let number = try generator.generate(kind: kind, birthDate: .ageBetween(0...120), rule: rule)
      let report = validator.check(number)
      #expect(report.isValid, "\(number)")
      #expect(report.kind == kind)
      #expect(report.checksumRule == rule)
    }
  }

  @Test(arguments: [0, 13, 40, 100])
  func ageIsExact(_ age: Int) throws {
    var generator = IdentityNumberGenerator(
      random: SeededRandomNumberGenerator(seed: UInt64(age)), referenceDate: Self.today)
    for _ in 0..<100 {
      let report = validator.check(try generator.generate(kind: .fodselsnummer, birthDate: .age(age)))
      #expect(report.date?.completedYears(until: Self.today) == age)
    }
  }

  @Test func birthDateIsEncoded() throws {
    var generator = IdentityNumberGenerator(
      random: SeededRandomNumberGenerator(seed: 1), referenceDate: Self.today)
    let born = CalendarDate(year: 2000, month: 2, day: 29)!
    for kind in [IdentityNumberKind.fodselsnummer, .dNummerTenor, .helsenett] {
      #expect(validator.check(try generator.generate(kind: kind, birthDate: .on(born))).date == born)
    }
  }

  @Test func sameSeedSameNumbers() throws {
    func run(_ seed: UInt64) throws -> [String] {
      var generator = IdentityNumberGenerator(
        random: SeededRandomNumberGenerator(seed: seed), referenceDate: Self.today)
      return try (0..<20).map { _ in try generator.generate(kind: .tenor, birthDate: .ageBetween(18...80)) }
    }
    #expect(try run(9) == run(9))
    #expect(try run(9) != run(10))
  }

  @Test func yearsOutsideTheTableAreRefused() {
    var generator = IdentityNumberGenerator(
      random: SeededRandomNumberGenerator(seed: 1), referenceDate: Self.today)
    #expect(throws: IdentityNumberGenerationError.noSeries(year: 1850)) {
      try generator.generate(
        kind: .fodselsnummer, birthDate: .on(CalendarDate(year: 1850, month: 1, day: 1)!))
    }
  }
}
