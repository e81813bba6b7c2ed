import MinIDKit
import Testing

/// One expected result from `Fixtures/identity-numbers/vectors.tsv`.
struct Vector: CustomTestStringConvertible, Sendable {
  let input, valid, kind, date, rule, centuryAssumed, errors, minid, source: String
  var testDescription: String { "\(input) (\(source))" }

  static let all: [Vector] = FixtureFile.rows("identity-numbers/vectors.tsv").map {
    Vector(
      input: $0[0], valid: $0[1], kind: $0[2], date: $0[3], rule: $0[4], centuryAssumed: $0[5], errors: $0[6],
      minid: $0[7], source: $0[8])
  }
}

@Suite struct IdentityNumberVectorTests {
  static let reference = CalendarDate(year: 2026, month: 11, day: 25)!
  let validator = IdentityNumberValidator(referenceDate: reference)

  @Test func corpusIsThere() {
    #expect(Vector.all.count > 100)
  }

  @Test(arguments: Vector.all)
  func vector(_ vector: Vector) {
    let report = validator.check(vector.input)
    #expect(String(report.isValid) == vector.valid)
    #expect((report.kind?.rawValue ?? "-") == vector.kind)
    #expect((report.date.map { "\($0)" } ?? "-") == vector.date)
    #expect((report.checksumRule?.rawValue ?? "-") == vector.rule)
    #expect(String(report.centuryAssumed) == vector.centuryAssumed)
    #expect((report.problems.map(\.code).joined(separator: ",").nilIfEmpty ?? "-") == vector.errors)
    let eligibility: String
    switch report.minidEligibility {
    case .eligible(let environment): eligibility = environment.rawValue
    case .notEligible(let reason): eligibility = reason.rawValue
    }
    #expect(eligibility == vector.minid)
  }

  @Test func publicWorkedExample() throws {
    let number = try IdentityNumber("31129956715", rules: .init(referenceDate: Self.reference))
    #expect(number.kind == .fodselsnummer)
    #expect(number.date == CalendarDate(year: 1899, month: 12, day: 31))
    #expect(number.checksumRule == .legacy)
  }

  @Test func leapDayNeedsTheRightCentury() {
    #expect(validator.check("29020000064").problems.contains(.day))
    #expect(validator.check("29020050088").isValid)
    #expect(validator.check("29020050088").date == CalendarDate(year: 2000, month: 2, day: 29))
  }

  @Test(arguments: ["01535612303", "41934063587", "41654061783", "41784061882", "15407300685", "18535547706"])
  func invalidMonthsWithValidCheckDigits(_ number: String) {
    let report = validator.check(number)
    #expect(report.problems.contains(.month))
    #expect(!report.problems.contains(.checkDigit1) && !report.problems.contains(.checkDigit2))
  }

  @Test func dNummerCombinations() {
    #expect(validator.check("68467038838").kind == .dNummerHNummer)
    #expect(validator.check("50846202355").kind == .dNummerTenor)
    #expect(validator.check("46879700922").date == CalendarDate(year: 1997, month: 7, day: 6))
    #expect(validator.check("55507608360").kind == .dNummerHNummer)
  }
}

extension String {
  var nilIfEmpty: String? { isEmpty ? nil : self }
}
