/// Refusals of the MinID app and time-based-code steps. Messages name the rule; none carries a key, a
/// code, a signature or an identity number.
public enum SecondFactorError: MinIDError, Equatable {
  /// A device key file that is not a P-256 private key in PEM.
  case unreadableDeviceKey
  /// No device is enrolled with this key (never enrolled, replaced or removed).
  case unknownDevice
  /// The account has no MinID app device (for `app remove`).
  case noDevice
  /// An approval that breaks a rule: another key, another attempt or provider, a stale time.
  case badApproval(String)
  /// The attempt was decided already, or the person chose SMS: an approval acts once.
  case approvalUsed
  /// The approval's time ran out before a decision.
  case approvalExpired(Timestamp)
  /// `login finish` before the app answered.
  case approvalPending(Timestamp)
  /// The person rejected the login in the app.
  case rejected
  /// The attempt waits for no app approval (an SMS or TOTP login), so it cannot be approved or fall back.
  case notAnApprovalAttempt
  /// A TOTP code that is wrong, outside ±1 step, or used already.
  case wrongTOTPCode(attemptsLeft: Int)
  /// The attempt is for TOTP enrolment, not for a service.
  case notAnEnrolment
  /// Auto-approval asked for in a production store.
  case autoApproveInProduction
  /// The stored TOTP secret does not open under the store's key (the store's secrets were changed).
  case sealBroken

  /// The stable snake_case code scripts match on (`MinIDError.code`).
  public var code: String {
    switch self {
    case .unreadableDeviceKey: "device_key_unreadable"
    case .unknownDevice: "device_unknown"
    case .noDevice: "no_device"
    case .badApproval: "approval_invalid"
    case .approvalUsed: "approval_used"
    case .approvalExpired: "approval_expired"
    case .approvalPending: "approval_pending"
    case .rejected: "login_rejected"
    case .notAnApprovalAttempt: "not_an_app_login"
    case .wrongTOTPCode: "code_wrong"
    case .notAnEnrolment: "not_an_enrolment"
    case .autoApproveInProduction: "auto_approve_production"
    case .sealBroken: "totp_secret_unreadable"
    }
  }

  /// What kind of failure this is; the command line chooses the exit status from it.
  public var category: ErrorCategory {
    switch self {
    case .unreadableDeviceKey: .invalidInput
    case .unknownDevice, .noDevice: .notFound
    case .badApproval, .approvalUsed, .approvalExpired, .rejected, .wrongTOTPCode: .authenticationFailed
    case .approvalPending: .busy
    case .notAnApprovalAttempt, .notAnEnrolment: .stateForbids
    case .autoApproveInProduction: .configuration
    case .sealBroken: .io
    }
  }

  /// The sentence shown: it names the field and the rule, never a secret or a full identity number.
  public var message: String {
    switch self {
    case .unreadableDeviceKey:
      "device key: the file must hold a P-256 private key in PEM (-----BEGIN EC PRIVATE KEY-----), as 'app enroll' writes it"
    case .unknownDevice:
      "device key: no account has this device enrolled (it was never enrolled, or was replaced or removed)"
    case .noDevice: "the account has no MinID app device enrolled"
    case .badApproval(let rule): "approval: \(rule)"
    case .approvalUsed: "approval: this login was answered already, or the person chose the SMS code instead"
    case .approvalExpired(let at):
      "approval: the time to approve in the MinID app ran out at \(at.rfc3339); use the SMS code instead"
    case .approvalPending(let until):
      "approval: the login waits for the MinID app until \(until.rfc3339); approve it there, then finish again"
    case .rejected: "the login was rejected in the MinID app"
    case .notAnApprovalAttempt: "this login does not wait for the MinID app"
    case .wrongTOTPCode(let left):
      "the code from the code generator is wrong, too old or used already (a code works once, within 30 seconds either side); \(left) attempt(s) left before the account is locked"
    case .notAnEnrolment: "this is not a code-generator enrolment"
    case .autoApproveInProduction:
      "auto-approval of MinID app logins is for test stores only; a production store never approves without the person's device"
    case .sealBroken: "the stored code-generator secret cannot be opened with the store's key"
    }
  }
}
