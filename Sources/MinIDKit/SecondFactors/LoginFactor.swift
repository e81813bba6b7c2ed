/// The second factor a login attempt waits for when it is not the SMS code: an approval in the MinID app,
/// or a time-based code. An attempt without one is an SMS login; one whose person chose SMS instead
/// (`smsFallbackAt`) is an SMS login from then on.
public struct LoginFactor: Sendable, Equatable {
  /// The factor: the MinID app's approval, or a time-based code.
  public enum Method: String, Sendable, Equatable {
    case app
    case totp
  }

  /// An approval's answer, as the device signed it.
  public enum Decision: String, Sendable, Equatable, Codable {
    case approve
    case reject
  }

  /// The login attempt (`LoginAttempt.id`) it belongs to.
  public let attemptID: String
  /// Which factor.
  public let method: Method
  /// For the app: the random value the device signs with the attempt id, so an approval answers this
  /// request and no other.
  public let nonce: String?
  /// For the app: the service's name, which the device shows.
  public let serviceName: String?
  /// For the app: when the approval stops waiting (60 s after the password by default).
  public let approvalExpiresAt: Timestamp?
  /// For the app: the device's answer; nil while it waits.
  public let decision: Decision?
  /// For the app: when the device answered.
  public let decidedAt: Timestamp?
  /// When the person chose the SMS code instead; the factor is then no longer asked for.
  public let smsFallbackAt: Timestamp?

  /// A factor with these fields, as the store keeps it.
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
