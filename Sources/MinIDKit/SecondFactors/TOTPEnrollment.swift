/// A code generator enrolled (`Minid-TOTP`): the secret, shown this once and never again, as base32 and as
/// an `otpauth://` URI (Google Authenticator's Key Uri Format) for a QR code.
///
/// Digdir publishes only the `amr` value `Minid-TOTP`; how a person enrols is this project's modelling
/// choice (decisions §9): after the password and an SMS code, RFC 6238 with SHA-1, 30 s and 6 digits.
public struct TOTPEnrollment: Sendable {
  /// The account the code generator was enrolled on.
  public let account: Account
  /// The 20-byte secret in base32, unpadded.
  public let secret: String
  /// `otpauth://totp/MinID:<masked number>?secret=…&issuer=MinID&algorithm=SHA1&digits=6&period=30`. The
  /// label shows the birth date part only, so the full identity number is not kept in an authenticator app.
  public let uri: String
  /// True when a code generator enrolled before was replaced (its owner was told).
  public let replacedPrevious: Bool
}

extension AccountService {
  /// The reserved client id of an enrolment's SMS step: a `#` is never in a registered client id, so no
  /// service can finish it as a login.
  static let totpEnrollmentClient = "#totp-enroll"

  /// Step one of enrolling a code generator: the password, then an SMS code (always the SMS code, whatever
  /// other factor the account has, so the phone on record vouches for the enrolment).
  /// - Throws: as `startLogin`.
  public func startTOTPEnrollment(pid: String, password: Secret) throws -> LoginChallenge {
    try passwordStep(
      pid: pid, clientID: Self.totpEnrollmentClient, serviceName: "kodegenerator for MinID",
      password: password,
      smsOnly: true, auditAction: .totpEnroll)
  }

  /// Step two: the SMS code (through the `AuthenticationGate`, as a login's), then a new 20-byte secret,
  /// sealed under the store's key (`SecretSeal`) and returned this once. A code generator enrolled before
  /// is replaced, and the person is told by SMS and e-mail. Audited as `totp.enroll`.
  /// - Throws: `LoginError.unknownAttempt`, `.attemptUsed`, `.attemptExpired`, `.wrongCode`;
  ///   `SecondFactorError.notAnEnrolment`; `AccountError.temporarilyLocked`, `.stateForbids`.
  public func finishTOTPEnrollment(loginID: String, code typed: String) throws -> TOTPEnrollment {
    let (attempt, account, _) = try usableAttempt(loginID, auditAction: .totpEnroll)
    guard attempt.clientID == Self.totpEnrollmentClient else { throw SecondFactorError.notAnEnrolment }
    let reservation = try gate.reserve(accountID: account.id, action: .totpEnroll, accountAction: .login)
    guard smsCodeMatches(OneTimeCode(typed: typed), attempt: attempt, account: account) else {
      let left = try gate.fail(reservation, detail: "code_wrong")
      throw LoginError.wrongCode(attemptsLeft: left)
    }
    let secret = random.bytes(20)
    let nonce = random.bytes(12)
    let seal = SecretSeal(codeKey: store.secrets.codeKey)
    let outcome = try store.write { transaction -> Result<TOTPEnrollment, any Error> in
      let now = time.timestamp
      guard var current = try transaction.account(id: account.id), let pid = current.pid else {
        throw AccountError.notFound
      }
      if let refusal = try useAttempt(
        attempt, account: &current, auditAction: .totpEnroll, transaction: transaction, now: now)
      {
        return .failure(refusal)
      }
      try transaction.updateAccount(current)
      let replaced = try transaction.replaceTOTPCredential(
        TOTPCredential(
          accountID: current.id,
          sealedSecret: try seal.seal(
            secret, context: TOTPCredential.sealContext(accountID: current.id), nonce: nonce),
          enrolledAt: now, lastStep: nil, lastUsedAt: nil))
      if replaced {
        try notifyBothChannels(
          transaction, account: current, Notices.codeGeneratorReplaced(on: now.date), now: now)
      }
      try transaction.audit(
        AuditDraft(
          actor: "person", action: .totpEnroll, about: current,
          detail: "code generator enrolled" + (replaced ? "; replaced the previous one; notices sent" : "")),
        at: now)
      let encoded = Base32.encode(secret)
      let label = "MinID:" + Masking.identityNumber(pid).replacingOccurrences(of: "*", with: "%2A")
      return .success(
        TOTPEnrollment(
          account: current, secret: encoded,
          uri: "otpauth://totp/\(label)?secret=\(encoded)&issuer=MinID&algorithm=SHA1&digits=6&period=30",
          replacedPrevious: replaced))
    }
    return try outcome.get()
  }

  /// The generator of an enrolled credential, its secret opened from the seal.
  /// - Throws: `SecondFactorError.sealBroken` when the seal does not open under the store's key.
  func totpGenerator(_ credential: TOTPCredential) throws -> TimeBasedCode {
    guard
      let secret = SecretSeal(codeKey: store.secrets.codeKey).open(
        credential.sealedSecret, context: TOTPCredential.sealContext(accountID: credential.accountID))
    else { throw SecondFactorError.sealBroken }
    return TimeBasedCode(secret: secret)
  }
}
