/// The MinID age rule: MinID may be ordered from the calendar year a person turns 13.
public enum MinIDAgeRule {
  /// The age a person reaches in the year MinID may first be ordered: 13.
  public static let minimumAgeInYear = 13

  /// True when `referenceYear - birthYear >= 13`; the birthday itself does not matter.
  public static func isOldEnough(birthYear: Int, referenceYear: Int) -> Bool {
    referenceYear - birthYear >= minimumAgeInYear
  }

  /// The first calendar year someone born in `birthYear` may order a MinID.
  public static func firstEligibleYear(birthYear: Int) -> Int { birthYear + minimumAgeInYear }
}

/// Whether a checked identity number could hold a MinID on the reference date, and where.
public enum MinIDEligibility: Sendable, Equatable {
  /// Eligible in a store of this environment: Folkeregister numbers in production, synthetic ones in test.
  case eligible(StoreEnvironment)
  case notEligible(Reason)

  /// Why a number cannot hold a MinID; the raw value is the stable code.
  public enum Reason: String, Sendable, Equatable {
    /// The number itself is invalid.
    case invalidNumber = "invalid_number"
    /// An FH-nummer encodes no date and no person who could order a MinID.
    case kindCannotHoldMinID = "kind_cannot_hold_minid"
    /// The person turns 13 after the reference year.
    case tooYoung = "too_young"
    /// A 2032-rule number checked before 2032: it cannot have been issued yet.
    case notYetIssued = "not_yet_issued"
  }

  init(report: IdentityNumberReport) {
    guard report.isValid, let kind = report.kind else {
      self = .notEligible(.invalidNumber)
      return
    }
    guard kind.encodesDate, let date = report.date else {
      self = .notEligible(.kindCannotHoldMinID)
      return
    }
    if report.isNotYetIssued {
      self = .notEligible(.notYetIssued)
    } else if !MinIDAgeRule.isOldEnough(
      birthYear: date.year, referenceYear: report.options.referenceDate.year)
    {
      self = .notEligible(.tooYoung)
    } else {
      self = .eligible(kind.isSynthetic ? .test : .production)
    }
  }

  /// Whether the number may hold a MinID in some store.
  public var isEligible: Bool {
    if case .eligible = self { return true }
    return false
  }
}
