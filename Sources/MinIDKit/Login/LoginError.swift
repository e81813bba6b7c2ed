/// Refusals during login and password recovery.
public enum LoginError: MinIDError, Equatable {
  /// Wrong identity number or password: the same answer for both, so the message does not reveal whether
  /// the person has an account.
  case wrongCredentials
  case wrongCode(attemptsLeft: Int)
  case unknownAttempt
  case attemptExpired(Timestamp)
  case attemptUsed
  case noRecovery
  /// Recovery codes not accepted: wrong, used or expired, no recovery started, or no account with that
  /// number. One answer for all, so the step does not reveal who has MinID.
  case wrongRecoveryCodes
  /// Too many codes asked for one identity number; `retryAfter` is when the next may be sent.
  case tooManyCodeRequests(retryAfter: Timestamp)
  case invalidNonce
  case invalidLocale(String)

  /// The stable snake_case code scripts match on (`MinIDError.code`).
  public var code: String {
    switch self {
    case .wrongCredentials: "wrong_credentials"
    case .wrongCode: "code_wrong"
    case .unknownAttempt: "login_not_found"
    case .attemptExpired: "code_expired"
    case .attemptUsed: "code_used"
    case .noRecovery: "no_recovery"
    case .wrongRecoveryCodes: "recovery_codes_wrong"
    case .tooManyCodeRequests: "code_request_limit"
    case .invalidNonce: "invalid_nonce"
    case .invalidLocale: "invalid_locale"
    }
  }

  /// What kind of failure this is; the command line chooses the exit status from it.
  public var category: ErrorCategory {
    switch self {
    case .wrongCredentials, .wrongCode, .attemptExpired, .attemptUsed, .wrongRecoveryCodes:
      .authenticationFailed
    case .tooManyCodeRequests: .refused
    case .unknownAttempt: .notFound
    case .noRecovery: .stateForbids
    case .invalidNonce, .invalidLocale: .invalidInput
    }
  }

  /// The sentence shown: it names the field and the rule, never a secret or a full identity number.
  public var message: String {
    switch self {
    case .wrongCredentials: "wrong identity number or password"
    case .wrongCode(let left):
      "the one-time code is wrong"
        + (left > 0
          ? "; \(left) more failed attempt\(left == 1 ? "" : "s") lock the account"
          : "; the account is now temporarily locked")
    case .unknownAttempt: "no login or recovery in progress has that id; start again"
    case .attemptExpired(let at): "the one-time code expired at \(at.rfc3339); start again"
    case .attemptUsed: "this one-time code has been used; start again"
    case .noRecovery:
      "no password recovery has been started for this account"
    case .wrongRecoveryCodes:
      "the codes were not accepted: they are wrong, used or expired, or no recovery was started for this "
        + "identity number; ask for new codes"
    case .tooManyCodeRequests(let at):
      "too many codes asked for this identity number: at most \(AccountService.codeSendLimit) an hour; "
        + "try again after \(at.rfc3339)"
    case .invalidNonce: "nonce: 1 to 256 printable ASCII characters"
    case .invalidLocale(let locale): "locale: '\(locale.prefix(10))' is not one of nb, nn, en, se"
    }
  }
}
