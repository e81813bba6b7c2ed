/// Checks identity numbers against every rule of decisions §1, without allocating for well-formed input.
///
/// `check` is the one place the rules are applied; `IdentityNumber`, `id validate` and registration all
/// go through it.
public struct IdentityNumberValidator: Sendable {
  public let rules: IdentityNumberRules

  public init(rules: IdentityNumberRules) { self.rules = rules }

  public init(referenceDate: CalendarDate, strict1964: Bool = false) {
    self.rules = IdentityNumberRules(referenceDate: referenceDate, strict1964: strict1964)
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
      var allDigits = true
      for byte in bytes where byte &- 48 > 9 { allDigits = false }
      if allDigits { return checkDigits(bytes.baseAddress!.assumingMemoryBound(to: UInt8.self)) }
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

  /// Checks exactly 11 ASCII digits.
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
    var value: UInt64 = 0
    for index in 0..<11 { value = value &* 10 &+ UInt64(p[index] &- 48) }
    report.value = value

    // Check digits.
    let (r1, r2) = CheckDigits.remainders(d0, d1, d2, d3, d4, d5, d6, d7, d8, d9, d10)
    var rule: ChecksumRule?
    if r1 > 3 {
      report.problems.insert(.checkDigit1)
    } else if r1 != 0 && rules.strict1964 {
      report.problems.insert(.checkDigit1Rule2032)
    } else {
      rule = r1 == 0 ? .legacy : .rule2032
    }
    if r2 != 0 { report.problems.insert(.checkDigit2) }
    if report.problems.isEmpty { report.checksumRule = rule }

    let dayField = d0 * 10 + d1
    let monthField = d2 * 10 + d3
    let yy = d4 * 10 + d5
    let individnummer = d6 * 100 + d7 * 10 + d8
    report.dayField = dayField
    report.monthField = monthField
    report.yearField = yy
    report.individnummer = individnummer

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
    let month = monthField - series.offset
    let day = isDNummer ? dayField - 40 : dayField
    guard (1...31).contains(day) else {
      report.problems.insert(.day)
      return report
    }

    // Century: the individnummer table, except for 2032-rule numbers, whose individnummer no longer tells
    // the century; for those take the youngest reading that is not after the reference date.
    let year: Int
    if report.checksumRule == .rule2032 {
      let reference = rules.referenceDate
      var chosen = 1800 + yy
      for century in [2000, 1900] {
        let candidate = century + yy
        if (candidate, month, day) <= (reference.year, reference.month, reference.day) {
          chosen = candidate
          break
        }
      }
      year = chosen
      report.centuryAssumed = true
    } else if let tableYear = CenturyTable.year(yy: yy, individnummer: individnummer) {
      year = tableYear
    } else {
      report.problems.insert(.noCentury)
      return report
    }
    report.dayYear = year
    guard let date = CalendarDate(year: year, month: month, day: day) else {
      report.problems.insert(.day)
      return report
    }
    report.date = date
    if date > rules.referenceDate { report.problems.insert(.futureDate) }
    return report
  }
}
