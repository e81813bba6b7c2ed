/// Checks identity numbers against every rule of decisions §1, without allocating for well-formed input.
///
/// `check` is the one place the rules are applied; `IdentityNumber`, `id validate` and registration all
/// go through it.
public struct IdentityNumberValidator: Sendable {
  /// The options numbers are checked under.
  public let rules: IdentityNumberRules

  /// A validator for `rules`.
  public init(rules: IdentityNumberRules) { self.rules = rules }

  /// A validator judging dates against `referenceDate`, accepting only the 1964 check-digit rule when
  /// `strict1964`.
  public init(referenceDate: CalendarDate, strict1964: Bool = false) {
    self.rules = IdentityNumberRules(referenceDate: referenceDate, strict1964: strict1964)
  }

  /// What makes a number impossible whatever the reference date (a future date is not among them).
  static let structuralProblems: [IdentityNumberProblem] = [
    .length, .notDigits, .checkDigit1, .checkDigit2, .month, .day, .noCentury,
  ]

  /// The 11 digits of `text` when it is a well-formed number of any kind, for looking a number up:
  /// registration applies the full policy, a lookup only the rules no reference date can change, so a
  /// number with a wrong check digit or an impossible date is refused as bad data rather than reported as
  /// "not found".
  /// - Throws: `IdentityNumberError.invalid` naming every structural rule broken.
  public static func lookupDigits(_ text: String, today: CalendarDate) throws(IdentityNumberError) -> String {
    let report = IdentityNumberValidator(referenceDate: today).check(text)
    guard let digits = report.digits, !structuralProblems.contains(where: report.problems.contains) else {
      throw IdentityNumberError.invalid(
        report.messages.map { .init(code: $0.problem.code, message: $0.message) })
    }
    return digits
  }

  /// Checks text, removing the separators python-stdnum removes (space, `-`, `:`) and surrounding
  /// whitespace.
  public func check(_ text: String) -> IdentityNumberReport {
    var text = text
    return text.withUTF8 { check(UnsafeRawBufferPointer($0)) }
  }

  /// Checks one line of bytes (no newline).
  public func check(_ bytes: UnsafeRawBufferPointer) -> IdentityNumberReport {
    // Fast path: exactly 11 ASCII digits, the shape of nearly every line in a large file.
    if bytes.count == 11 {
      let p = bytes.baseAddress!.assumingMemoryBound(to: UInt8.self)
      // Eight bytes at a time: a byte is a digit when subtracting '0' does not borrow and adding 0x46 does
      // not reach 0x80 (so it is below ':').
      let head = bytes.loadUnaligned(as: UInt64.self)
      let tail = UInt64(p[8]) | UInt64(p[9]) << 8 | UInt64(p[10]) << 16 | 0x3030_3030_3000_0000
      let ones: UInt64 = 0x0101_0101_0101_0101
      let high: UInt64 = 0x8080_8080_8080_8080
      let outside =
        (head | (head &- ones &* 0x30) | (head &+ ones &* 0x46))
        | (tail | (tail &- ones &* 0x30) | (tail &+ ones &* 0x46))
      if outside & high == 0 { return checkDigits(p) }
    }
    return checkSeparated(bytes)
  }

  private func checkSeparated(_ bytes: UnsafeRawBufferPointer) -> IdentityNumberReport {
    var report = IdentityNumberReport(options: rules)
    var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
      (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    var count = 0
    var sawOther = false
    var start = 0
    var end = bytes.count
    func isSpace(_ byte: UInt8) -> Bool { byte == 32 || byte == 9 || byte == 13 || byte == 10 }
    while start < end, isSpace(bytes[start]) { start += 1 }
    while end > start, isSpace(bytes[end - 1]) { end -= 1 }
    withUnsafeMutableBytes(of: &digits) { buffer in
      for index in start..<end {
        let byte = bytes[index]
        switch byte {
        case 48...57:
          if count < 11 { buffer[count] = byte }
          count += 1
        case 32, 45, 58:  // space, '-', ':'
          continue
        default:
          sawOther = true
        }
      }
    }
    report.digitCount = count
    // A stray letter is the problem to report; its digit count would only confuse.
    if sawOther {
      report.problems.insert(.notDigits)
    } else if count != 11 {
      report.problems.insert(.length)
    }
    if sawOther || count != 11 { return report }
    return withUnsafeBytes(of: &digits) { checkDigits($0.baseAddress!.assumingMemoryBound(to: UInt8.self)) }
  }

  /// Checks exactly 11 ASCII digits. Works on scalars and writes the report once per field; this runs
  /// once per line of inputs of millions of lines.
  @inline(__always)
  private func checkDigits(_ p: UnsafePointer<UInt8>) -> IdentityNumberReport {
    var report = IdentityNumberReport(options: rules)
    report.digitCount = 11
    let d0 = Int(p[0] &- 48)
    let d1 = Int(p[1] &- 48)
    let d2 = Int(p[2] &- 48)
    let d3 = Int(p[3] &- 48)
    let d4 = Int(p[4] &- 48)
    let d5 = Int(p[5] &- 48)
    let d6 = Int(p[6] &- 48)
    let d7 = Int(p[7] &- 48)
    let d8 = Int(p[8] &- 48)
    let d9 = Int(p[9] &- 48)
    let d10 = Int(p[10] &- 48)
    let dayField = d0 &* 10 &+ d1
    let monthField = d2 &* 10 &+ d3
    let yy = d4 &* 10 &+ d5
    let individnummer = d6 &* 100 &+ d7 &* 10 &+ d8
    report.rawValue = UInt64(
      ((dayField &* 100 &+ monthField) &* 100 &+ yy) &* 100_000 &+ individnummer &* 100 &+ d9 &* 10 &+ d10)

    // Check digits.
    let (r1, r2) = CheckDigits.remainders(d0, d1, d2, d3, d4, d5, d6, d7, d8, d9, d10)
    if r1 > 3 {
      report.problems.insert(.checkDigit1)
    } else if r1 != 0 && rules.strict1964 {
      report.problems.insert(.checkDigit1Rule2032)
    }
    if r2 != 0 { report.problems.insert(.checkDigit2) }
    let rule: ChecksumRule? = report.problems.isEmpty ? (r1 == 0 ? .legacy : .rule2032) : nil
    report.checksumRule = rule

    // FH-nummer: first digit 8 or 9, no date, checksums only.
    if d0 >= 8 {
      report.kind = .fhNummer
      return report
    }

    let series: IdentityNumberKind.MonthSeries
    switch monthField {
    case 1...12: series = .ordinary
    case 41...52: series = .hNummer
    case 66...77: series = .helsenett
    case 81...92: series = .tenor
    default:
      report.problems.insert(.month)
      if !(1...31).contains(dayField) && !(41...71).contains(dayField) { report.problems.insert(.day) }
      return report
    }
    let isDNummer = d0 >= 4
    report.kind = IdentityNumberKind(dNummer: isDNummer, series: series)
    let month = monthField &- series.offset
    let day = isDNummer ? dayField &- 40 : dayField
    guard day >= 1, day <= 31 else {
      report.problems.insert(.day)
      return report
    }

    // Century: the individnummer table, except for 2032-rule numbers, whose individnummer no longer tells
    // the century; for those take the youngest reading that is not after the reference date.
    let reference = rules.referenceDate
    let referenceKey = (reference.year &* 100 &+ reference.month) &* 100 &+ reference.day
    let monthDay = month &* 100 &+ day
    let year: Int
    if rule == .rule2032 {
      if (2000 &+ yy) &* 10_000 &+ monthDay <= referenceKey {
        year = 2000 &+ yy
      } else if (1900 &+ yy) &* 10_000 &+ monthDay <= referenceKey {
        year = 1900 &+ yy
      } else {
        year = 1800 &+ yy
      }
      report.centuryAssumed = true
    } else if let tableYear = CenturyTable.year(yy: yy, individnummer: individnummer) {
      year = tableYear
    } else {
      report.problems.insert(.noCentury)
      return report
    }
    report.checkedYear = Int16(year)
    guard day <= CalendarDate.daysIn(month: month, year: year) else {
      report.problems.insert(.day)
      return report
    }
    report.dateYear = Int16(year)
    report.dateMonth = UInt8(month)
    report.dateDay = UInt8(day)
    if year &* 10_000 &+ monthDay > referenceKey { report.problems.insert(.futureDate) }
    return report
  }
}
