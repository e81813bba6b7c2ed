/// The options an identity number is checked under.
public struct IdentityNumberRules: Sendable, Hashable {
  /// The day against which "in the future" and the MinID age rule are judged.
  public var referenceDate: CalendarDate
  /// Accept only the 1964 check-digit rule, refusing numbers valid only under the 2032 rule.
  public var strict1964: Bool

  /// Rules judging dates against `referenceDate`, accepting only the 1964 rule when `strict1964`.
  public init(referenceDate: CalendarDate, strict1964: Bool = false) {
    self.referenceDate = referenceDate
    self.strict1964 = strict1964
  }
}
