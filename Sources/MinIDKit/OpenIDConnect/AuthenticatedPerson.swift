/// Who a login proved, at what level and how: what a grant, and every token of it, says about the person.
public struct AuthenticatedPerson: Sendable, Equatable {
  public let pid: String
  /// The MinID account; nil for a TestID login of a synthetic person without one.
  public let accountID: Int64?
  public let acr: SecurityLevel
  /// `["Minid-OTC"]` for password and SMS code, `["TestID"]` for the test e-ID.
  public let amr: [String]
  public let authTime: Timestamp

  public init(pid: String, accountID: Int64?, acr: SecurityLevel, amr: [String], authTime: Timestamp) {
    self.pid = pid
    self.accountID = accountID
    self.acr = acr
    self.amr = amr
    self.authTime = authTime
  }
}
