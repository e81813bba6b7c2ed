/// One reason an identity number is invalid, with a stable code (reference §2.6, one code per case).
public enum IdentityNumberProblem: String, Sendable, CaseIterable, Hashable {
  /// Not 11 digits after removing separators.
  case length = "length"
  /// A character other than a digit or an accepted separator (space, `-`, `:`).
  case notDigits = "not_digits"
  /// K1 leaves a remainder outside {0, 1, 2, 3}: wrong under both the 1964 and the 2032 rule.
  case checkDigit1 = "check_digit_1"
  /// K1 is valid only under the 2032 rule, and the caller asked for the 1964 rule alone.
  case checkDigit1Rule2032 = "check_digit_1_2032_only"
  /// K2 is wrong (including the case where it would have to be 10).
  case checkDigit2 = "check_digit_2"
  /// The month, less its offset (+40, +65 or +80), is not 01–12.
  case month = "month"
  /// The day, less a D-nummer's +40, is not a day of that month in that year (29.02.1900 included).
  case day = "day"
  /// The individnummer and the two-digit year belong to no series in the century table.
  case noCentury = "no_century"
  /// The encoded date is after the reference date.
  case futureDate = "future_date"

  /// The stable code used in `--json` output.
  public var code: String { rawValue }

  init?(bit: UInt16) {
    switch bit {
    case 1 << 0: self = .length
    case 1 << 1: self = .notDigits
    case 1 << 2: self = .checkDigit1
    case 1 << 3: self = .checkDigit1Rule2032
    case 1 << 4: self = .checkDigit2
    case 1 << 5: self = .month
    case 1 << 6: self = .day
    case 1 << 7: self = .noCentury
    case 1 << 8: self = .futureDate
    default: return nil
    }
  }

  /// The problem's position in catalogue order, without building `allCases` (this runs per number).
  var bit: UInt16 {
    switch self {
    case .length: 1 << 0
    case .notDigits: 1 << 1
    case .checkDigit1: 1 << 2
    case .checkDigit1Rule2032: 1 << 3
    case .checkDigit2: 1 << 4
    case .month: 1 << 5
    case .day: 1 << 6
    case .noCentury: 1 << 7
    case .futureDate: 1 << 8
    }
  }
}

/// A small set of problems that costs no allocation; the validator's hot path fills it.
public struct IdentityNumberProblems: Sendable, Hashable, Sequence {
  /// One bit per problem, by its position in `IdentityNumberProblem.allCases`.
  public private(set) var bits: UInt16 = 0

  /// No problems.
  public init() {}

  /// The set of `problems`.
  public init(_ problems: [IdentityNumberProblem]) {
    for problem in problems { insert(problem) }
  }

  /// Whether there is no problem.
  @inlinable public var isEmpty: Bool { bits == 0 }

  /// Adds `problem`.
  public mutating func insert(_ problem: IdentityNumberProblem) { bits |= problem.bit }

  /// Whether `problem` is in the set.
  public func contains(_ problem: IdentityNumberProblem) -> Bool { bits & problem.bit != 0 }

  /// Problems in catalogue order.
  public func makeIterator() -> Iterator { Iterator(remaining: bits) }

  /// Walks the problems in catalogue order.
  public struct Iterator: IteratorProtocol {
    var remaining: UInt16

    /// The next problem, or nil after the last.
    public mutating func next() -> IdentityNumberProblem? {
      guard remaining != 0 else { return nil }
      let lowest = remaining & (0 &- remaining)
      remaining &= ~lowest
      return IdentityNumberProblem(bit: lowest)
    }
  }

  /// How many problems there are.
  public var count: Int { bits.nonzeroBitCount }
}
