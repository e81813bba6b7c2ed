/// Makes valid identity numbers of a chosen kind and birth date, for test data.
///
/// Every number it returns passes `IdentityNumberValidator` with the same reference date; the tests check
/// that over many seeds.
public struct IdentityNumberGenerator<Source: RandomNumberGenerator> {
  /// How the birth date (the encoded date) is chosen.
  public enum BirthDate: Sendable, Equatable {
    /// Exactly this date.
    case on(CalendarDate)
    /// A date that makes the person exactly this many whole years old on the reference date.
    case age(Int)
    /// Any date that makes the person between these ages (inclusive) on the reference date.
    case ageBetween(ClosedRange<Int>)
  }

  public var random: Source
  public let referenceDate: CalendarDate

  public init(random: Source, referenceDate: CalendarDate) {
    self.random = random
    self.referenceDate = referenceDate
  }

  /// One number, or nil when this kind, date and rule admit none (all individnummer used up or a date
  /// outside 1854–2039).
  public mutating func generate(
    kind: IdentityNumberKind, birthDate: BirthDate, rule: ChecksumRule = .legacy
  ) throws(IdentityNumberGenerationError) -> String {
    if kind == .fhNummer { return generateFH(rule: rule) }
    for _ in 0..<64 {
      let date = try pickDate(birthDate)
      let ranges = CenturyTable.individnummerRanges(forYear: date.year)
      guard !ranges.isEmpty else { throw .noSeries(year: date.year) }
      let day = date.day + (kind.isDNummer ? 40 : 0)
      let month = date.month + kind.monthSeries.offset
      let yy = date.year % 100
      let range = ranges[Int.random(in: 0..<ranges.count, using: &random)]
      let individnummer = Int.random(in: range, using: &random)
      let prefix = [
        day / 10, day % 10, month / 10, month % 10, yy / 10, yy % 10,
        individnummer / 100, individnummer / 10 % 10, individnummer % 10,
      ]
      let completions = CheckDigits.completions(of: prefix, rule: rule)
      guard !completions.isEmpty else { continue }
      let (k1, k2) = completions[Int.random(in: 0..<completions.count, using: &random)]
      return (prefix + [k1, k2]).map(String.init).joined()
    }
    throw .exhausted
  }

  private mutating func generateFH(rule: ChecksumRule) -> String {
    while true {
      var prefix = [Int.random(in: 8...9, using: &random)]
      for _ in 0..<8 { prefix.append(Int.random(in: 0...9, using: &random)) }
      let completions = CheckDigits.completions(of: prefix, rule: rule)
      if let (k1, k2) = completions.first {
        return (prefix + [k1, k2]).map(String.init).joined()
      }
    }
  }

  private mutating func pickDate(_ birthDate: BirthDate) throws(IdentityNumberGenerationError) -> CalendarDate {
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
    return CalendarDate(year: year, month: date.month, day: min(date.day, CalendarDate.daysIn(month: date.month, year: year)))
  }
}

/// Why no number could be generated.
public enum IdentityNumberGenerationError: MinIDError, Equatable {
  case noSeries(year: Int)
  case futureDate
  case exhausted

  public var code: String {
    switch self {
    case .noSeries: "no_series"
    case .futureDate: "future_date"
    case .exhausted: "exhausted"
    }
  }

  public var category: ErrorCategory { .invalidInput }

  public var message: String {
    switch self {
    case .noSeries(let year):
      "no individnummer series exists for birth year \(year); the table covers 1854–2039"
    case .futureDate: "the birth date is after the reference date"
    case .exhausted: "no unused number is left for that kind and birth date"
    }
  }
}
