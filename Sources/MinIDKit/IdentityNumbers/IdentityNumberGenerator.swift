/// Makes valid identity numbers of a chosen kind and birth date, for test data.
///
/// Every number it returns passes `IdentityNumberValidator` with the same reference date; the tests check
/// that over many seeds.
///
/// It draws from a seeded generator (not a generic one) so the random calls are specialised: bulk runs make
/// a million numbers in well under a second. Test data needs reproducibility, not secrecy.
public struct IdentityNumberGenerator {
  /// How the birth date (the encoded date) is chosen.
  public enum BirthDate: Sendable, Equatable {
    /// Exactly this date.
    case on(CalendarDate)
    /// A date that makes the person exactly this many whole years old on the reference date.
    case age(Int)
    /// Any date that makes the person between these ages (inclusive) on the reference date.
    case ageBetween(ClosedRange<Int>)
  }

  /// The generator the numbers come from, so a seed reproduces them.
  public var random: SeededRandomNumberGenerator
  /// The day ages are counted to and no birth date may be after.
  public let referenceDate: CalendarDate

  /// A generator drawing from `random`, counting ages to `referenceDate`.
  public init(random: SeededRandomNumberGenerator, referenceDate: CalendarDate) {
    self.random = random
    self.referenceDate = referenceDate
  }

  /// One number as its 11 digits.
  /// - Throws: `IdentityNumberGenerationError` when the kind, date and rule admit no number.
  public mutating func generate(
    kind: IdentityNumberKind, birthDate: BirthDate, rule: ChecksumRule = .legacy
  ) throws(IdentityNumberGenerationError) -> String {
    let value = try generateValue(kind: kind, birthDate: birthDate, rule: rule)
    return String(unsafeUninitializedCapacity: 11) { buffer in
      var rest = value
      for index in (0..<11).reversed() {
        buffer[index] = UInt8(48 + rest % 10)
        rest /= 10
      }
      return 11
    }
  }

  /// One number as an integer (its 11 digits, leading zeros dropped); no allocation, for bulk generation.
  public mutating func generateValue(
    kind: IdentityNumberKind, birthDate: BirthDate, rule: ChecksumRule = .legacy
  ) throws(IdentityNumberGenerationError) -> UInt64 {
    if kind == .fhNummer {
      while true {
        var prefix: UInt64 = UInt64.random(in: 8...9, using: &random)
        prefix = prefix * 100_000_000 + UInt64.random(in: 0...99_999_999, using: &random)
        if let value = complete(prefix: prefix, rule: rule) { return value }
      }
    }
    for _ in 0..<64 {
      let date = try pickDate(birthDate)
      let ranges = CenturyTable.individnummerRanges(forYear: date.year)
      guard !ranges.isEmpty else { throw .noSeries(year: date.year) }
      let day = date.day + (kind.isDNummer ? 40 : 0)
      let month = date.month + kind.monthSeries.offset
      let range = ranges[Int.random(in: 0..<ranges.count, using: &random)]
      let individnummer = Int.random(in: range, using: &random)
      let prefix = UInt64(((day * 100 + month) * 100 + date.year % 100) * 1000 + individnummer)
      if let value = complete(prefix: prefix, rule: rule) { return value }
    }
    throw .exhausted
  }

  /// Adds check digits to a nine-digit prefix under `rule`, choosing at random among the valid ones.
  private mutating func complete(prefix: UInt64, rule: ChecksumRule) -> UInt64? {
    var digits: (Int, Int, Int, Int, Int, Int, Int, Int, Int) = (0, 0, 0, 0, 0, 0, 0, 0, 0)
    withUnsafeMutableBytes(of: &digits) { raw in
      let d = raw.bindMemory(to: Int.self)
      var rest = prefix
      for index in (0..<9).reversed() {
        d[index] = Int(rest % 10)
        rest /= 10
      }
    }
    let (d0, d1, d2, d3, d4, d5, d6, d7, d8) = digits
    let s1 = 3 * d0 + 7 * d1 + 6 * d2 + 1 * d3 + 8 * d4 + 9 * d5 + 4 * d6 + 5 * d7 + 2 * d8
    let s2 = 5 * d0 + 4 * d1 + 3 * d2 + 2 * d3 + 7 * d4 + 6 * d5 + 5 * d6 + 4 * d7 + 3 * d8
    var chosen: UInt64?
    var seen = 0
    for remainder in rule == .legacy ? 0...0 : 1...3 {
      let k1 = ((remainder - s1) % 11 + 11) % 11
      guard k1 <= 9 else { continue }
      let k2 = (11 - (s2 + 2 * k1) % 11) % 11
      guard k2 <= 9 else { continue }
      seen += 1
      // Reservoir choice: each valid completion equally likely.
      if Int.random(in: 0..<seen, using: &random) == 0 { chosen = prefix * 100 + UInt64(k1 * 10 + k2) }
    }
    return chosen
  }

  private mutating func pickDate(_ birthDate: BirthDate) throws(IdentityNumberGenerationError) -> CalendarDate
  {
    switch birthDate {
    case .on(let date):
      guard date <= referenceDate else { throw .futureDate }
      return date
    case .age(let age):
      return try pickDate(.ageBetween(age...age))
    case .ageBetween(let ages):
      guard ages.lowerBound >= 0 else { throw .futureDate }
      // Born after the (oldest + 1)th birthday's eve and no later than the youngest age's birthday.
      guard let latest = Self.shift(referenceDate, years: -ages.lowerBound),
        let beforeEarliest = Self.shift(referenceDate, years: -(ages.upperBound + 1))
      else { throw .noSeries(year: referenceDate.year - ages.upperBound) }
      let low = beforeEarliest.daysSinceEpoch + 1
      let high = latest.daysSinceEpoch
      return CalendarDate(daysSinceEpoch: Int.random(in: low...high, using: &random))
    }
  }

  /// The same day `years` later (28 February for 29 February in a common year).
  static func shift(_ date: CalendarDate, years: Int) -> CalendarDate? {
    let year = date.year + years
    guard (1...9999).contains(year) else { return nil }
    return CalendarDate(
      year: year, month: date.month, day: min(date.day, CalendarDate.daysIn(month: date.month, year: year)))
  }
}

/// Why no number could be generated.
public enum IdentityNumberGenerationError: MinIDError, Equatable {
  case noSeries(year: Int)
  case futureDate
  case exhausted

  /// The stable snake_case code scripts match on (`MinIDError.code`).
  public var code: String {
    switch self {
    case .noSeries: "no_series"
    case .futureDate: "future_date"
    case .exhausted: "exhausted"
    }
  }

  /// What kind of failure this is; the command line chooses the exit status from it.
  public var category: ErrorCategory { .invalidInput }

  /// The sentence shown: it names the field and the rule, never a secret or a full identity number.
  public var message: String {
    switch self {
    case .noSeries(let year):
      "no individnummer series exists for birth year \(year); the table covers 1854–2039"
    case .futureDate: "the birth date is after the reference date"
    case .exhausted: "no unused number is left for that kind and birth date"
    }
  }
}
