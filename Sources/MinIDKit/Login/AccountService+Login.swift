/// The first step done: where the SMS went and which login to finish.
public struct LoginChallenge: Sendable {
  /// The login attempt's id, which `finishLogin` takes with the code.
  public let loginID: String
  /// The service logged in to.
  public let clientID: String
  /// Where the SMS went, masked (`Masking.phone`).
  public let maskedPhone: String
  /// When the code stops working: `loginCodeLifetime` after it was sent.
  public let expiresAt: Timestamp
  /// The code the SMS carries, in a test store only (whose people are synthetic), so a script need not
  /// read it out of the message; nil in a production store, and nil when no SMS was sent.
  public var testCode: String? = nil
  /// The second factor the login waits for instead of the SMS code: the MinID app or a time-based code;
  /// nil for the SMS code (`maskedPhone` then says where it went).
  public var factor: LoginFactor.Method? = nil
  /// For the app: when the approval stops waiting.
  public var approvalExpiresAt: Timestamp? = nil
}

/// A finished login: the signed ID token and what it says.
public struct IssuedToken: Sendable {
  /// The compact JWS.
  public let token: String
  /// What the token says.
  public let claims: IDTokenClaims
  /// The key that signed it.
  public let kid: String
  /// The algorithm it was signed with.
  public let algorithm: SigningAlgorithm
}

extension AccountService {
  /// How long an SMS code is valid, and how long a recovery.
  public static let loginCodeLifetime: Int64 = 300
  /// How long a recovery's codes are valid, in seconds: 10 minutes.
  public static let recoveryLifetime: Int64 = 600

  /// The service, refused at once when it needs level 4: before any credential is asked for.
  public func serviceForLogin(_ clientID: String) throws -> Service {
    guard let service = try store.read({ try $0.service(clientID: clientID) }) else {
      throw ServiceError.notFound(clientID)
    }
    guard service.level <= .substantial else { throw ServiceError.needsLevel4(service: service.name) }
    return service
  }

  /// Step one: the password. On success a 5-digit code goes out by SMS, bound to this attempt.
  ///
  /// The attempt passes the `AuthenticationGate` before the password is checked: while the account is
  /// temporarily locked or blocked every attempt gets that answer, right password or wrong. An unknown
  /// identity number, or a closed account's (whose password is never checked), costs one scrypt against a
  /// dummy hash, like a known one, and gets the same answer as a wrong password; both are audited.
  /// - Throws: `ServiceError` for an unknown or level-4 service, `IdentityNumberError`,
  ///   `LoginError.wrongCredentials`, `AccountError.temporarilyLocked` or `.stateForbids`.
  public func startLogin(pid text: String, clientID: String, password: Secret) throws -> LoginChallenge {
    let service = try serviceForLogin(clientID)
    return try passwordStep(pid: text, clientID: clientID, serviceName: service.name, password: password)
  }

  /// The password step of a login (`startLogin`) or of a code-generator enrolment (`startTOTPEnrollment`,
  /// which always sends the SMS code: `smsOnly`). After a right password an account with a MinID app
  /// device gets an app approval, one with a code generator is asked for its code, any other the SMS
  /// code (decisions §9).
  func passwordStep(
    pid text: String, clientID: String, serviceName: String, password: Secret, smsOnly: Bool = false,
    auditAction: AuditAction = .loginStart
  ) throws -> LoginChallenge {
    let pid = try checkedDigits(text)
    let hasher = PasswordHasher(parameters: settings.scrypt, random: random)
    guard let known = try store.read({ try $0.account(pid: pid) }) else {
      _ = try hasher.verify(password, against: Self.dummyHash(settings.scrypt))
      try auditUnknown(pid: pid, action: auditAction, detail: "wrong_credentials; client \(clientID)")
      throw LoginError.wrongCredentials
    }
    let reservation: AuthenticationGate.Reservation
    do {
      reservation = try gate.reserve(accountID: known.id, action: auditAction, accountAction: .login)
    } catch AccountError.stateForbids(_, .closed) {
      // Nothing checked, answered as an unknown number is, after the same scrypt.
      _ = try hasher.verify(password, against: Self.dummyHash(settings.scrypt))
      throw LoginError.wrongCredentials
    }
    let stored = reservation.account.passwordHash.flatMap { try? PasswordHash(phc: $0) }
    let verified = try hasher.verify(password, against: stored ?? Self.dummyHash(settings.scrypt))
    guard let stored, verified else {
      _ = try gate.fail(reservation, detail: "wrong_credentials; client \(clientID)")
      throw LoginError.wrongCredentials
    }
    // Outdated parameters are upgraded on a successful password check (decisions §2).
    let upgraded = hasher.needsRehash(stored) ? try hasher.hash(password) : nil
    let code = OneTimeCode.sms(random: random)
    let loginID = LoginAttempt.newID(random: random)
    // An attempt that waits for the app or a code generator keeps a hash of nothing anyone was sent, so no
    // code matches it until the person chooses SMS.
    let unsentHash = random.bytes(32)
    let nonce = Base64.encode(random.bytes(16), urlSafe: true)
    let outcome = try store.write { transaction -> Result<LoginChallenge, any Error> in
      let now = time.timestamp
      guard var current = try transaction.account(id: known.id) else { throw AccountError.notFound }
      gate.release(reservation, on: &current)
      try transaction.updateAccount(current)
      if let refusal = try gate.stateRefusal(
        current, action: .login, auditAction: auditAction, transaction: transaction, now: now)
      {
        return .failure(refusal)
      }
      // The password changed while this one was checked: the attempt proves nothing any more.
      guard current.passwordHash == stored.phc else { return .failure(LoginError.wrongCredentials) }
      if let upgraded {
        current.passwordHash = upgraded.phc
        current.updatedAt = now
      }
      try transaction.updateAccount(current)
      let expiresAt = now.adding(seconds: Self.loginCodeLifetime)
      let factor: LoginFactor.Method? =
        smsOnly
        ? nil
        : try transaction.appDevice(accountID: current.id) != nil
          ? .app : try transaction.totpCredential(accountID: current.id) != nil ? .totp : nil
      if let factor {
        let approvalExpiresAt = factor == .app ? now.adding(seconds: AppApproval.lifetime) : nil
        try transaction.insertLoginAttempt(
          LoginAttempt(
            id: loginID, accountID: current.id, clientID: clientID, codeHash: unsentHash, createdAt: now,
            expiresAt: expiresAt, usedAt: nil, outboxID: nil))
        try transaction.insertLoginFactor(
          LoginFactor(
            attemptID: loginID, method: factor, nonce: factor == .app ? nonce : nil,
            serviceName: factor == .app ? serviceName : nil, approvalExpiresAt: approvalExpiresAt))
        try transaction.audit(
          AuditDraft(
            actor: "person", action: auditAction, about: current,
            detail: "password ok; "
              + (factor == .app ? "waiting for the MinID app" : "waiting for the code generator")
              + "; client \(clientID)" + (upgraded != nil ? "; password hash upgraded" : "")),
          at: now)
        return .success(
          LoginChallenge(
            loginID: loginID, clientID: clientID, maskedPhone: current.phone?.masked ?? "",
            expiresAt: expiresAt, factor: factor, approvalExpiresAt: approvalExpiresAt))
      }
      let phone = current.phone?.e164 ?? ""
      let outboxID = try transaction.insertMessage(
        Self.loginSMS(code, to: phone, accountID: current.id, serviceName: serviceName),
        at: now)
      try transaction.insertLoginAttempt(
        LoginAttempt(
          id: loginID, accountID: current.id, clientID: clientID,
          codeHash: code.hash(key: store.secrets.codeKey, purpose: "login", attempt: loginID), createdAt: now,
          expiresAt: expiresAt, usedAt: nil, outboxID: outboxID))
      try transaction.audit(
        AuditDraft(
          actor: "person", action: auditAction, about: current,
          detail: "password ok; sms code sent; client \(clientID)"
            + (upgraded != nil ? "; password hash upgraded" : "")),
        at: now)
      return .success(
        smsChallenge(loginID: loginID, clientID: clientID, account: current, expiresAt: expiresAt, code: code)
      )
    }
    return try outcome.get()
  }

  /// A login whose SMS code just went out (after the password, on resend, or instead of another factor):
  /// where it went, masked, when it expires, and the code itself in a test store only.
  func smsChallenge(
    loginID: String, clientID: String, account: Account, expiresAt: Timestamp, code: OneTimeCode
  ) -> LoginChallenge {
    LoginChallenge(
      loginID: loginID, clientID: clientID, maskedPhone: account.phone?.masked ?? "", expiresAt: expiresAt,
      testCode: settings.environment == .test ? code.text : nil)
  }

  /// The SMS that carries a login's code (after the password, or when the person chose SMS instead).
  static func loginSMS(_ code: OneTimeCode, to phone: String, accountID: Int64, serviceName: String)
    -> OutboxDraft
  {
    OutboxDraft(
      accountID: accountID, kind: .sms, recipient: phone, Notices.loginCode(code.text, service: serviceName))
  }

  /// Audits a failed step for an identity number that has no account, under the number's pseudonym, so
  /// the trail shows the attempt without revealing to the caller that nobody has that number.
  func auditUnknown(pid: String, action: AuditAction, detail: String) throws {
    try store.write { transaction in
      try transaction.audit(
        AuditDraft(
          actor: "person", action: action, account: store.secrets.pseudonym(of: pid), outcome: .failed,
          detail: detail),
        at: time.timestamp)
    }
  }

  /// Step two: the SMS code. On success the ID token is signed with the key the schedule picks.
  /// - Throws: as `completeLogin`; `LoginError.invalidNonce`, `.invalidLocale`; `TokenError.noSigningKey`.
  public func finishLogin(loginID: String, code typed: String, nonce: String?, locale: String?) throws
    -> IssuedToken
  {
    if let nonce {
      guard (1...256).contains(nonce.utf8.count), nonce.utf8.allSatisfy({ (33...126).contains($0) }) else {
        throw LoginError.invalidNonce
      }
    }
    let locale = locale ?? "nb"
    guard IDTokenClaims.locales.contains(locale) else { throw LoginError.invalidLocale(locale) }
    let jti = Base64.encode(random.bytes(16), urlSafe: true)
    return try completeLogin(loginID: loginID, code: typed) { person, attempt, transaction in
      let now = time.timestamp
      guard let key = SigningKeySchedule.signing(try transaction.signingKeys(), at: now) else {
        throw TokenError.noSigningKey
      }
      let (token, claims) = try IDTokenIssuer(issuer: settings.issuer, secrets: store.secrets).sign(
        person: person, clientID: attempt.clientID, nonce: nonce, locale: locale, key: key, now: now, jti: jti
      )
      return (
        IssuedToken(token: token, claims: claims, kid: key.kid, algorithm: key.algorithm),
        "token \(jti) for \(attempt.clientID); kid \(key.kid)"
      )
    }
  }

  /// Step two of a login, for any front end: checks the second factor the attempt waits for, and on
  /// success, in one write transaction, uses the attempt up, clears the lockout, runs `issue` (which signs
  /// an ID token for the command line, or makes an authorization code for `minid serve`) and audits it
  /// with the detail `issue` returns.
  ///
  /// - The SMS code (`amr` `Minid-OTC`) and a code generator's code (`Minid-TOTP`) pass the
  ///   `AuthenticationGate`, so wrong codes of either count towards the same lockout; a TOTP code is
  ///   accepted once (`TimeBasedCode`).
  /// - An app approval (`Minid-APP`) takes no code (`typed` is ignored): the device's signed decision, made
  ///   before, is what is checked (`decideApproval`).
  /// - Throws: `LoginError.unknownAttempt`, `.attemptUsed`, `.attemptExpired`, `.wrongCode`;
  ///   `SecondFactorError.wrongTOTPCode`, `.approvalPending`, `.approvalExpired`, `.rejected`;
  ///   `AccountError.temporarilyLocked`, `.stateForbids`; `ServiceError` for a service gone or level 4;
  ///   what `issue` throws.
  public func completeLogin<T>(
    loginID: String, code typed: String,
    issue: (AuthenticatedPerson, LoginAttempt, any StoreTransaction) throws -> (T, String)
  ) throws -> T {
    let code = OneTimeCode(typed: typed)
    let (attempt, account, stored) = try usableAttempt(loginID, auditAction: .loginFinish)
    let factor = stored?.smsFallbackAt == nil ? stored : nil
    let now = time.timestamp
    guard attempt.clientID != Self.totpEnrollmentClient else { throw SecondFactorError.notAnEnrolment }
    _ = try serviceForLogin(attempt.clientID)
    var reservation: AuthenticationGate.Reservation?
    var totpStep: Int64?
    switch factor?.method {
    case .app:
      try checkApproval(factor!, account: account, now: now)
    case .totp:
      let gated = try gate.reserve(accountID: account.id, action: .loginFinish, accountAction: .login)
      reservation = gated
      guard let credential = try store.read({ try $0.totpCredential(accountID: account.id) }),
        let step = try totpGenerator(credential).matchingStep(
          typed, at: now.seconds, after: credential.lastStep)
      else {
        let left = try gate.fail(gated, detail: "totp_code_wrong; client \(attempt.clientID)")
        throw SecondFactorError.wrongTOTPCode(attemptsLeft: left)
      }
      totpStep = step
    case nil:
      let gated = try gate.reserve(accountID: account.id, action: .loginFinish, accountAction: .login)
      reservation = gated
      guard smsCodeMatches(code, attempt: attempt, account: account) else {
        let left = try gate.fail(gated, detail: "code_wrong; client \(attempt.clientID)")
        throw LoginError.wrongCode(attemptsLeft: left)
      }
    }
    let amr =
      switch factor?.method {
      case .app: "Minid-APP"
      case .totp: "Minid-TOTP"
      case nil: "Minid-OTC"
      }
    let outcome = try store.write { transaction -> Result<T, any Error> in
      let now = time.timestamp
      guard var current = try transaction.account(id: account.id), let pid = current.pid else {
        throw AccountError.notFound
      }
      if let totpStep, try !transaction.useTOTPStep(accountID: current.id, step: totpStep, at: now) {
        // Another request used this code first: a replay, and the reserved guess stands as a failure.
        try transaction.audit(
          AuditDraft(
            actor: "person", action: .loginFinish, about: current, outcome: .failed,
            detail: "totp_code_used; client \(attempt.clientID)"),
          at: now)
        return .failure(
          SecondFactorError.wrongTOTPCode(attemptsLeft: reservation?.attemptsLeft ?? 0))
      }
      if let refusal = try useAttempt(
        attempt, account: &current, auditAction: .loginFinish, transaction: transaction, now: now)
      {
        return .failure(refusal)
      }
      if factor?.method == .app { try transaction.markAppDeviceUsed(accountID: current.id, at: now) }
      try transaction.updateAccount(current)
      let person = AuthenticatedPerson(
        pid: pid, accountID: current.id, acr: .substantial, amr: [amr], authTime: now)
      let (value, detail) = try issue(person, attempt, transaction)
      try transaction.audit(
        AuditDraft(
          actor: "person", action: .loginFinish, about: current,
          detail: detail + (factor == nil ? "" : "; \(amr)")),
        at: now)
      return .success(value)
    }
    return try outcome.get()
  }

  /// The login attempt `loginID` and its account, as `transaction` reads them.
  /// - Throws: `LoginError.unknownAttempt` when either is gone.
  static func attemptAndAccount(_ loginID: String, in transaction: any StoreTransaction) throws -> (
    LoginAttempt, Account
  ) {
    guard let attempt = try transaction.loginAttempt(id: loginID),
      let account = try transaction.account(id: attempt.accountID)
    else { throw LoginError.unknownAttempt }
    return (attempt, account)
  }

  /// The attempt a second step finishes, with its account and factor; a used or expired one is refused
  /// and audited under `auditAction`.
  /// - Throws: `LoginError.unknownAttempt`, `.attemptUsed`, `.attemptExpired`.
  func usableAttempt(_ loginID: String, auditAction: AuditAction) throws -> (
    LoginAttempt, Account, LoginFactor?
  ) {
    let (attempt, account, factor) = try store.read { transaction -> (LoginAttempt, Account, LoginFactor?) in
      let (attempt, account) = try Self.attemptAndAccount(loginID, in: transaction)
      return (attempt, account, try transaction.loginFactor(attemptID: loginID))
    }
    if attempt.usedAt != nil { try auditRefusal(account, action: auditAction, error: LoginError.attemptUsed) }
    if attempt.expiresAt <= time.timestamp {
      try auditRefusal(account, action: auditAction, error: LoginError.attemptExpired(attempt.expiresAt))
    }
    return (attempt, account, factor)
  }

  /// In a second step's success transaction, after its secret was right: the lockout cleared on `account`
  /// (the caller writes it), the account's state checked again, and the attempt used up. Returns the
  /// refusal when the state no longer allows a login or another request used the attempt first.
  func useAttempt(
    _ attempt: LoginAttempt, account: inout Account, auditAction: AuditAction,
    transaction: any StoreTransaction,
    now: Timestamp
  ) throws -> (any Error)? {
    gate.succeed(on: &account)
    if let refusal = try gate.stateRefusal(
      account, action: .login, auditAction: auditAction, transaction: transaction, now: now)
    {
      return refusal
    }
    // Single use under concurrency, and dead once a password change has ended the attempts before it.
    guard try transaction.markLoginAttemptUsed(id: attempt.id, at: now) else { return LoginError.attemptUsed }
    return nil
  }

  /// Whether `code` is the SMS code sent for `attempt` (or, in a test store for a synthetic number, the
  /// static code).
  func smsCodeMatches(_ code: OneTimeCode, attempt: LoginAttempt, account: Account) -> Bool {
    let given = code.hash(key: store.secrets.codeKey, purpose: "login", attempt: attempt.id)
    return Digest.constantTimeEqual(attempt.codeHash, given)
      || gate.acceptsFixedTestCode(code, for: account)
  }

  /// The pairwise `sub` (`StoreSecrets.pairwiseSubject`).
  public func pairwiseSubject(clientID: String, pid: String) -> String {
    store.secrets.pairwiseSubject(clientID: clientID, pid: pid)
  }

  /// A hash of nothing, with the store's parameters, so an unknown identity number costs what a known one
  /// does.
  static func dummyHash(_ parameters: ScryptParameters) -> PasswordHash {
    PasswordHash(
      parameters: parameters, salt: [UInt8](repeating: 0x5A, count: 16),
      hash: [UInt8](repeating: 0, count: 32))
  }
}
