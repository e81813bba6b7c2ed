/// The second factor a login attempt waits for when it is not the SMS code: an approval in the MinID app,
/// or a time-based code. An attempt without one is an SMS login; one whose person chose SMS instead
/// (`smsFallbackAt`) is an SMS login from then on.
public struct LoginFactor: Sendable, Equatable {
  public enum Method: String, Sendable, Equatable {
    case app
    case totp
  }

  /// An approval's answer, as the device signed it.
  public enum Decision: String, Sendable, Equatable, Codable {
    case approve
    case reject
  }

  public let attemptID: String
  public let method: Method
  /// For the app: the random value the device signs with the attempt id, so an approval answers this
  /// request and no other.
  public let nonce: String?
  /// For the app: the service's name, which the device shows.
  public let serviceName: String?
  /// For the app: when the approval stops waiting (60 s after the password by default).
  public let approvalExpiresAt: Timestamp?
  public let decision: Decision?
  public let decidedAt: Timestamp?
  /// When the person chose the SMS code instead; the factor is then no longer asked for.
  public let smsFallbackAt: Timestamp?

  public init(
    attemptID: String, method: Method, nonce: String?, serviceName: String?, approvalExpiresAt: Timestamp?,
    decision: Decision? = nil, decidedAt: Timestamp? = nil, smsFallbackAt: Timestamp? = nil
  ) {
    self.attemptID = attemptID
    self.method = method
    self.nonce = nonce
    self.serviceName = serviceName
    self.approvalExpiresAt = approvalExpiresAt
    self.decision = decision
    self.decidedAt = decidedAt
    self.smsFallbackAt = smsFallbackAt
  }
}
