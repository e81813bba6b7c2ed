/// A valid Norwegian identity number: what registration and login take.
///
/// Created only through the validator, so an `IdentityNumber` always satisfies every rule it was checked
/// under. Its `description` is masked; `digits` is the only way to the full number.
public struct IdentityNumber: Sendable, Hashable, CustomStringConvertible {
  /// The 11 digits.
  public let digits: String
  /// The kind, from the day and month digits.
  public let kind: IdentityNumberKind
  /// The check-digit rule the number satisfies (`legacy` or `2032`).
  public let checksumRule: ChecksumRule
  /// The encoded date; nil for an FH-nummer.
  public let date: CalendarDate?
  /// Whether the century is a reading, not a fact: true under the 2032 rule, where the youngest
  /// reading not in the future is taken (decisions §1).
  public let centuryAssumed: Bool

  /// Parses and checks `text` under `rules`.
  /// - Throws: `IdentityNumberError.invalid` listing every rule the input breaks.
  public init(_ text: String, rules: IdentityNumberRules) throws(IdentityNumberError) {
    try self.init(report: IdentityNumberValidator(rules: rules).check(text))
  }

  /// Takes a report that is valid.
  /// - Throws: `IdentityNumberError.invalid` when it is not.
  public init(report: IdentityNumberReport) throws(IdentityNumberError) {
    guard report.isValid, let digits = report.digits, let kind = report.kind,
      let rule = report.checksumRule
    else {
      throw .invalid(report.messages.map { .init(code: $0.problem.code, message: $0.message) })
    }
    self.digits = digits
    self.kind = kind
    self.checksumRule = rule
    self.date = report.date
    self.centuryAssumed = report.centuryAssumed
  }

  /// The individual number and check digits hidden: `311299*****` (`Masking.identityNumber(_:)`). Used
  /// wherever a number must be named in text meant for logs or errors.
  public var masked: String { Masking.identityNumber(digits) }

  /// The masked form, so a number never reaches a log whole by interpolation.
  public var description: String { masked }
}

/// Why text is not an acceptable identity number.
public enum IdentityNumberError: MinIDError, Equatable {
  /// Every rule broken, each with its stable code and a sentence that does not repeat the number.
  case invalid([Violation])

  /// One broken rule.
  public struct Violation: Sendable, Equatable {
    /// The rule's stable code (`IdentityNumberProblem.code`).
    public let code: String
    /// The rule in words, without the number.
    public let message: String
  }

  /// The stable snake_case code scripts match on (`MinIDError.code`).
  public var code: String {
    switch self {
    case .invalid(let violations): violations.first?.code ?? "invalid"
    }
  }

  /// What kind of failure this is; the command line chooses the exit status from it.
  public var category: ErrorCategory { .invalidInput }

  /// The sentence shown: it names the field and the rule, never a secret or a full identity number.
  public var message: String {
    switch self {
    case .invalid(let violations):
      "identity number: " + violations.map { "\($0.message) [\($0.code)]" }.joined(separator: "; ")
    }
  }
}
