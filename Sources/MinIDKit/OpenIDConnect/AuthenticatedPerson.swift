/// Who a login proved, at what level and how: what a grant, and every token of it, says about the person.
public struct AuthenticatedPerson: Sendable, Equatable {
  /// The identity number, 11 digits.
  public let pid: String
  /// The MinID account; nil for a TestID login of a synthetic person without one.
  public let accountID: Int64?
  /// The level reached.
  public let acr: SecurityLevel
  /// `["Minid-OTC"]` for password and SMS code, `["TestID"]` for the test e-ID.
  public let amr: [String]
  /// When the person authenticated.
  public let authTime: Timestamp

  /// A person with these fields.
  public init(pid: String, accountID: Int64?, acr: SecurityLevel, amr: [String], authTime: Timestamp) {
    self.pid = pid
    self.accountID = accountID
    self.acr = acr
    self.amr = amr
    self.authTime = authTime
  }
}
