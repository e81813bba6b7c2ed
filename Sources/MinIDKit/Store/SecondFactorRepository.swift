/// MinID app devices, TOTP credentials and the second factor each login attempt waits for
/// (`app_device`, `totp_credential`, `login_factor`). Every single-use mark is a conditional update, so
/// only one of several racing requests wins.
public protocol SecondFactorRepository {
  func appDevice(accountID: Int64) throws -> AppDevice?
  func appDevice(deviceID: String) throws -> AppDevice?
  /// Enrols `device`, replacing the account's previous device; returns the replaced one.
  func replaceAppDevice(_ device: AppDevice) throws -> AppDevice?
  /// Removes the account's device; false when it had none.
  func deleteAppDevice(accountID: Int64) throws -> Bool
  func markAppDeviceUsed(accountID: Int64, at: Timestamp) throws
  func totpCredential(accountID: Int64) throws -> TOTPCredential?
  /// Enrols `credential`, replacing the account's previous one; true when one was replaced.
  func replaceTOTPCredential(_ credential: TOTPCredential) throws -> Bool
  /// Records `step` as used if it is newer than every step used before; false when it is not (a replay,
  /// or a racing use of the same code).
  func useTOTPStep(accountID: Int64, step: Int64, at: Timestamp) throws -> Bool
  func insertLoginFactor(_ factor: LoginFactor) throws
  func loginFactor(attemptID: String) throws -> LoginFactor?
  /// App approvals of the account still waiting at `now`: undecided, unexpired, no SMS chosen, the
  /// attempt unused; oldest first, with their attempts.
  func pendingApprovals(accountID: Int64, now: Timestamp) throws -> [(LoginFactor, LoginAttempt)]
  /// Records the decision if none was made and SMS was not chosen; false otherwise (a replay).
  func decideApproval(attemptID: String, decision: LoginFactor.Decision, at: Timestamp) throws -> Bool
  /// Turns a waiting attempt into an SMS login: the new code's hash, expiry and message replace the
  /// attempt's; false when the attempt was used or already fell back.
  func fallBackToSMS(
    attemptID: String, codeHash: [UInt8], expiresAt: Timestamp, outboxID: Int64, at: Timestamp
  ) throws -> Bool
}
