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
  /// read it out of the message; nil in a production store.
  public var testCode: String? = nil
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
    let pid = try checkedDigits(text)
    let hasher = PasswordHasher(parameters: settings.scrypt, random: random)
    guard let known = try store.read({ try $0.account(pid: pid) }) else {
      _ = try hasher.verify(password, against: Self.dummyHash(settings.scrypt))
      try auditUnknown(pid: pid, action: .loginStart, detail: "wrong_credentials; client \(clientID)")
      throw LoginError.wrongCredentials
    }
    let reservation: AuthenticationGate.Reservation
    do {
      reservation = try gate.reserve(accountID: known.id, action: .loginStart, accountAction: .login)
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
    let outcome = try store.write { transaction -> Result<LoginChallenge, any Error> in
      let now = time.timestamp
      guard var current = try transaction.account(id: known.id) else { throw AccountError.notFound }
      gate.release(reservation, on: &current)
      try transaction.updateAccount(current)
      if let refusal = try gate.stateRefusal(
        current, action: .login, auditAction: .loginStart, transaction: transaction, now: now)
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
      let phone = current.phone?.e164 ?? ""
      let outboxID = try transaction.insertMessage(
        OutboxDraft(
          accountID: current.id, kind: .sms, recipient: phone,
          Notices.loginCode(code.text, service: service.name)),
        at: now)
      let expiresAt = now.adding(seconds: Self.loginCodeLifetime)
      try transaction.insertLoginAttempt(
        LoginAttempt(
          id: loginID, accountID: current.id, clientID: clientID,
          codeHash: code.hash(key: store.secrets.codeKey, purpose: "login", attempt: loginID), createdAt: now,
          expiresAt: expiresAt, usedAt: nil, outboxID: outboxID))
      try transaction.audit(
        AuditDraft(
          actor: "person", action: .loginStart, about: current,
          detail: "password ok; sms code sent; client \(clientID)"
            + (upgraded != nil ? "; password hash upgraded" : "")),
        at: now)
      return .success(
        LoginChallenge(
          loginID: loginID, clientID: clientID, maskedPhone: current.phone?.masked ?? "",
          expiresAt: expiresAt,
          testCode: settings.environment == .test ? code.text : nil))
    }
    return try outcome.get()
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

  /// Step two of a login, for any front end: checks the SMS code through the `AuthenticationGate`, and on
  /// success, in one write transaction, uses the attempt up, clears the lockout, runs `issue` (which signs
  /// an ID token for the command line, or makes an authorization code for `minid serve`) and audits it
  /// with the detail `issue` returns.
  /// - Throws: `LoginError.unknownAttempt`, `.attemptUsed`, `.attemptExpired`, `.wrongCode`;
  ///   `AccountError.temporarilyLocked`, `.stateForbids`; `ServiceError` for a service gone or level 4;
  ///   what `issue` throws.
  public func completeLogin<T>(
    loginID: String, code typed: String,
    issue: (AuthenticatedPerson, LoginAttempt, any StoreTransaction) throws -> (T, String)
  ) throws -> T {
    let code = OneTimeCode(typed: typed)
    let (attempt, account) = try store.read { transaction -> (LoginAttempt, Account) in
      guard let attempt = try transaction.loginAttempt(id: loginID),
        let account = try transaction.account(id: attempt.accountID)
      else { throw LoginError.unknownAttempt }
      return (attempt, account)
    }
    let now = time.timestamp
    if attempt.usedAt != nil {
      try auditRefusal(account, action: .loginFinish, error: LoginError.attemptUsed)
    }
    if attempt.expiresAt <= now {
      try auditRefusal(account, action: .loginFinish, error: LoginError.attemptExpired(attempt.expiresAt))
    }
    _ = try serviceForLogin(attempt.clientID)
    let reservation = try gate.reserve(accountID: account.id, action: .loginFinish, accountAction: .login)
    let given = code.hash(key: store.secrets.codeKey, purpose: "login", attempt: attempt.id)
    let correct =
      Digest.constantTimeEqual(attempt.codeHash, given)
      || (acceptsStaticCode(account) && code.text == OneTimeCode.staticTestCode)
    guard correct else {
      let left = try gate.fail(reservation, detail: "code_wrong; client \(attempt.clientID)")
      throw LoginError.wrongCode(attemptsLeft: left)
    }
    let outcome = try store.write { transaction -> Result<T, any Error> in
      let now = time.timestamp
      guard var current = try transaction.account(id: account.id), let pid = current.pid else {
        throw AccountError.notFound
      }
      gate.succeed(on: &current)
      if let refusal = try gate.stateRefusal(
        current, action: .login, auditAction: .loginFinish, transaction: transaction, now: now)
      {
        return .failure(refusal)
      }
      // Single use under concurrency, and dead once a password change has ended the attempts before it.
      guard try transaction.markLoginAttemptUsed(id: attempt.id, at: now) else {
        return .failure(LoginError.attemptUsed)
      }
      try transaction.updateAccount(current)
      let person = AuthenticatedPerson(
        pid: pid, accountID: current.id, acr: .substantial, amr: ["Minid-OTC"], authTime: now)
      let (value, detail) = try issue(person, attempt, transaction)
      try transaction.audit(
        AuditDraft(actor: "person", action: .loginFinish, about: current, detail: detail), at: now)
      return .success(value)
    }
    return try outcome.get()
  }

  /// Whether a test store's fixed one-time code `12345` is accepted for this account: only in a test store,
  /// only for a synthetic identity number (decisions §3), never in production.
  func acceptsStaticCode(_ account: Account) -> Bool {
    settings.environment == .test && account.kind?.isSynthetic == true
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
