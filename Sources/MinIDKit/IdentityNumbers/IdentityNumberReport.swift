/// Everything minid read from one input: valid or not, what it is, the date it encodes, and every problem.
///
/// Kept small and flat (about 60 bytes, no references) because `id validate` makes one per line of
/// inputs of millions of lines; the richer views are computed on demand.
public struct IdentityNumberReport: Sendable {
  /// The options the input was checked under.
  public let options: IdentityNumberRules
  /// Every rule the input breaks, in catalogue order; empty when valid.
  public internal(set) var problems = IdentityNumberProblems()
  /// The kind, when the day and month digits allow one.
  public internal(set) var kind: IdentityNumberKind?
  /// The check-digit rule the check digits satisfy; nil when they fail. It is reported even when the date
  /// makes the number invalid.
  public internal(set) var checksumRule: ChecksumRule?
  /// True when the century was not read from the individnummer table but assumed (2032-rule numbers).
  public internal(set) var centuryAssumed = false
  /// How many digits the input had after removing separators.
  public internal(set) var digitCount = 0
  var rawValue: UInt64 = .max
  /// The year the day was checked in, when a century was found (0 otherwise).
  var checkedYear: Int16 = 0
  /// The encoded date, packed as year, month, day; year 0 when there is none.
  var dateYear: Int16 = 0
  var dateMonth: UInt8 = 0
  var dateDay: UInt8 = 0

  init(options: IdentityNumberRules) { self.options = options }

  /// Whether the number broke no rule.
  public var isValid: Bool { problems.isEmpty }

  /// The 11 digits as a number, when the input had exactly 11 digits.
  public var value: UInt64? { rawValue == .max ? nil : rawValue }

  /// The date the number encodes (for a D-nummer possibly the registration day; the year is the birth year).
  public var date: CalendarDate? {
    dateYear == 0 ? nil : CalendarDate(year: Int(dateYear), month: Int(dateMonth), day: Int(dateDay))
  }

  /// The 11 digits, zero-padded, when the input had them.
  public var digits: String? {
    guard let value else { return nil }
    let text = String(value)
    return String(repeating: "0", count: 11 - text.count) + text
  }

  /// The fields of the number, for messages.
  public var dayField: Int { Int(rawValue / 1_000_000_000 % 100) }
  /// Digits 3–4: the month, with a series offset for synthetic and H-numbers.
  public var monthField: Int { Int(rawValue / 10_000_000 % 100) }
  /// Digits 5–6: the year within its century.
  public var yearField: Int { Int(rawValue / 100_000 % 100) }
  /// Digits 7–9: the individual number, which decides the century.
  public var individnummer: Int { Int(rawValue / 100 % 1000) }

  /// True for a valid number under the 2032 rule checked against a reference date before 2032: it cannot
  /// have been issued yet.
  public var isNotYetIssued: Bool {
    guard isValid, let first = checksumRule?.firstIssueDate else { return false }
    return options.referenceDate < first
  }

  /// Whether the person could hold a MinID on the reference date, and in which kind of store.
  public var minidEligibility: MinIDEligibility {
    MinIDEligibility(report: self)
  }

  /// A sentence for one problem of this input. It names fields, never the whole number.
  public func message(for problem: IdentityNumberProblem) -> String {
    switch problem {
    case .length:
      return "has \(digitCount) digit\(digitCount == 1 ? "" : "s"); an identity number has 11"
    case .notDigits:
      return "contains a character that is not a digit (separators allowed: space, '-' and ':')"
    case .checkDigit1:
      return "check digit 1 (the 10th digit) is wrong under both the 1964 rule and the 2032 rule"
    case .checkDigit1Rule2032:
      return "check digit 1 (the 10th digit) is valid only under the 2032 rule"
    case .checkDigit2:
      return "check digit 2 (the 11th digit) is wrong"
    case .month:
      return "month field \(twoDigits(monthField)) is not a month: 01–12, or 41–52 (H-nummer / NAV "
        + "synthetic), 66–77 (Norsk Helsenett synthetic), 81–92 (Tenor synthetic)"
    case .day:
      if let kind, kind.encodesDate, checkedYear != 0 {
        let day = kind.isDNummer ? dayField - 40 : dayField
        let month = monthField - kind.monthSeries.offset
        if (1...31).contains(day), (1...12).contains(month) {
          return "day \(twoDigits(day)) does not exist in \(Self.monthNames[month - 1]) \(checkedYear)"
        }
      }
      return "day field \(twoDigits(dayField)) is not a day: 01–31, or 41–71 for a D-nummer"
    case .noCentury:
      return "individnummer \(threeDigits(individnummer)) with year \(twoDigits(yearField)) belongs to no "
        + "series of the century table (000–499: 1900s; 500–749 with 54–99: 1800s; 500–999 with 00–39: "
        + "2000s; 900–999 with 40–99: 1900s)"
    case .futureDate:
      return "the encoded date \(date.map(String.init(describing:)) ?? "?") is after the reference date "
        + "\(options.referenceDate)"
    }
  }

  /// Every problem with its message, in catalogue order.
  public var messages: [(problem: IdentityNumberProblem, message: String)] {
    problems.map { ($0, message(for: $0)) }
  }

  static let monthNames = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December",
  ]

  private func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
  private func threeDigits(_ value: Int) -> String {
    value < 10 ? "00\(value)" : value < 100 ? "0\(value)" : "\(value)"
  }
}
