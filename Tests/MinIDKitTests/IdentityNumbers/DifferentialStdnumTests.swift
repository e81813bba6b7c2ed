import MinIDKit
import Testing

/// minid against python-stdnum's recorded verdicts (Fixtures/identity-numbers/stdnum-corpus.tsv, made by
/// scripts/update-stdnum-corpus.sh with the real library): wherever python-stdnum says valid, minid agrees
/// with the same date; wherever minid alone says valid, the number is of a kind python-stdnum lacks.
@Suite struct DifferentialStdnumTests {
  /// Why minid accepts a number python-stdnum refuses.
  enum Difference: String {
    case rule2032 = "2032 check-digit rule"
    case synthetic = "Tenor or Norsk Helsenett synthetic"
    case fhNummer = "FH-nummer"
  }

  static let rows = FixtureFile.rows("identity-numbers/stdnum-corpus.tsv")
  let validator = IdentityNumberValidator(referenceDate: CalendarDate(year: 2026, month: 11, day: 25)!)

  static func difference(_ report: IdentityNumberReport) -> Difference? {
    if report.checksumRule == .rule2032 { return .rule2032 }
    if report.kind == .fhNummer { return .fhNummer }
    if let series = report.kind?.monthSeries, series == .tenor || series == .helsenett { return .synthetic }
    return nil
  }

  @Test func corpusIsLarge() {
    #expect(Self.rows.count > 5000)
  }

  @Test func agreesWhereverStdnumSaysValid() {
    var checked = 0
    for row in Self.rows where row[1] == "valid" {
      let report = validator.check(row[0])
      #expect(report.isValid, "\(row[0]): python-stdnum says valid")
      #expect(report.date.map { "\($0)" } == row[2], "\(row[0]): python-stdnum says born \(row[2])")
      checked += 1
    }
    #expect(checked > 1000)
  }

  @Test func differsOnlyWhereStdnumLacksAKind() {
    var counts: [Difference: Int] = [:]
    for row in Self.rows where row[1] == "invalid" {
      let report = validator.check(row[0])
      guard report.isValid else { continue }
      let difference = Self.difference(report)
      #expect(
        difference != nil, "\(row[0]): minid valid (\(report.kind?.rawValue ?? "?")), python-stdnum invalid")
      if let difference { counts[difference, default: 0] += 1 }
    }
    // Each kind of difference is exercised by the corpus.
    #expect(counts[.rule2032, default: 0] > 100)
    #expect(counts[.synthetic, default: 0] > 100)
    #expect(counts[.fhNummer, default: 0] > 100)
  }
}
