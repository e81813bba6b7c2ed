import MinIDKit
import Testing

@Suite struct ChecksumRuleTests {
  let before2032 = IdentityNumberValidator(referenceDate: CalendarDate(year: 2026, month: 11, day: 25)!)
  let after2032 = IdentityNumberValidator(referenceDate: CalendarDate(year: 2033, month: 6, day: 1)!)
  let strict = IdentityNumberValidator(
    referenceDate: CalendarDate(year: 2026, month: 11, day: 25)!, strict1964: true)

  @Test func completionsOfTheWorkedExamplePrefix() {
    let prefix = [3, 1, 1, 2, 9, 9, 5, 6, 7]
    #expect(CheckDigits.completions(of: prefix, rule: .legacy).map { "\($0.k1)\($0.k2)" } == ["15"])
    // r1 = 3 would need K2 = 10, so only two 2032 completions exist.
    #expect(CheckDigits.completions(of: prefix, rule: .rule2032).map { "\($0.k1)\($0.k2)" } == ["23", "31"])
  }

  @Test func prefixWithoutA1964Completion() {
    let prefix = [0, 1, 8, 1, 8, 0, 0, 0, 1]
    #expect(CheckDigits.completions(of: prefix, rule: .legacy).isEmpty)
    #expect(CheckDigits.completions(of: prefix, rule: .rule2032).map { "\($0.k1)\($0.k2)" } == ["18", "26"])
  }

  @Test(arguments: ["30108299939", "01013299966", "01013299974", "01013299982", "30108299947", "01818000118"])
  func rule2032NumbersAreValidAndFlagged(_ number: String) {
    let report = before2032.check(number)
    #expect(report.isValid)
    #expect(report.checksumRule == .rule2032)
    #expect(report.centuryAssumed)
    #expect(report.isNotYetIssued)
    #expect(report.minidEligibility == .notEligible(.notYetIssued))
    #expect(!after2032.check(number).isNotYetIssued)
  }

  @Test(arguments: ["30108299939", "01013299966", "02013299911"])
  func strict1964RefusesThe2032Rule(_ number: String) {
    let report = strict.check(number)
    #expect(!report.isValid)
    #expect(report.problems.contains(.checkDigit1Rule2032))
    #expect(!report.problems.contains(.checkDigit1))
  }

  @Test func strict1964KeepsLegacyNumbers() {
    #expect(strict.check("31129956715").isValid)
    #expect(strict.check("01013299958").problems.contains(.futureDate))
  }

  @Test func youngestCenturyThatIsNotInTheFuture() {
    // 01.01.32 read under the 2032 rule: 1932 before 2032, 2032 from that day on.
    #expect(before2032.check("01013299966").date?.year == 1932)
    #expect(after2032.check("01013299966").date?.year == 2032)
  }

  @Test(arguments: ["02013299987", "02013299996", "13097248032", "13097248023", "24088951559"])
  func wrongCheckDigits(_ number: String) {
    let report = before2032.check(number)
    #expect(report.problems.contains(.checkDigit1) || report.problems.contains(.checkDigit2))
    #expect(report.checksumRule == nil)
    #expect(!report.centuryAssumed)
  }
}
