/// The first step done: where the SMS went and which login to finish.
public struct LoginChallenge: Sendable {
  public let loginID: String
  public let clientID: String
  public let maskedPhone: String
  public let expiresAt: Timestamp
}

/// A finished login: the signed ID token and what it says.
public struct IssuedToken: Sendable {
  public let token: String
  public let claims: IDTokenClaims
  public let kid: String
  public let algorithm: SigningAlgorithm
}

extension AccountService {
  /// How long an SMS code is valid, and how long a recovery.
  public static let loginCodeLifetime: Int64 = 300
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
  /// An unknown identity number costs one scrypt against a dummy hash, like a known one, and gets the same
  /// answer as a wrong password; both are audited under the number's pseudonym.
  public func startLogin(pid text: String, clientID: String, password: Secret) throws -> LoginChallenge {
    let service = try serviceForLogin(clientID)
    let pid = try checkedDigits(text)
    let pseudonym = store.secrets.pseudonym(of: pid)
    let account = try store.read { try $0.account(pid: pid) }
    if let account, account.state(at: time.timestamp) == .temporarilyLocked, let until = account.lockedUntil {
      try auditRefusal(account, action: "login.start", error: AccountError.temporarilyLocked(until: until))
    }
    let hasher = PasswordHasher(parameters: settings.scrypt, random: random)
    let stored = account?.passwordHash.flatMap { try? PasswordHash(phc: $0) }
    let verified = try hasher.verify(password, against: stored ?? Self.dummyHash(settings.scrypt))
    guard let account, stored != nil, verified else {
      try store.write { transaction in
        let now = time.timestamp
        var detail = "wrong_credentials; client \(clientID)"
        if let account, var current = try transaction.account(id: account.id) {
          let left = recordFailure(&current, now: now)
          try transaction.updateAccount(current)
          if left == 0 { detail += "; temporarily locked until \(current.lockedUntil!.rfc3339)" }
        }
        var draft = AuditDraft(
          actor: "person", action: "login.start", account: pseudonym, outcome: .failed, detail: detail)
        draft.accountID = account?.id
        try transaction.audit(draft, at: now)
      }
      throw LoginError.wrongCredentials
    }
    if !AccountLifecycle.allows(.login, in: account.state(at: time.timestamp)) {
      try auditRefusal(
        account, action: "login.start",
        error: AccountError.stateForbids(action: .login, state: account.state(at: time.timestamp)))
    }
    // Outdated parameters are upgraded on a successful password check (decisions §2).
    let upgraded = stored.map(hasher.needsRehash) == true ? try hasher.hash(password) : nil
    let code = OneTimeCode.sms(random: random)
    let loginID = LoginAttempt.newID(random: random)
    return try store.write { transaction in
      let now = time.timestamp
      guard var current = try transaction.account(id: account.id) else { throw AccountError.notFound }
      try AccountLifecycle.check(.login, in: current.state(at: now))
      if let upgraded {
        current.passwordHash = upgraded.phc
        current.updatedAt = now
        try transaction.updateAccount(current)
      }
      let phone = current.phone?.e164 ?? ""
      let outboxID = try transaction.insertMessage(
        OutboxDraft(
          accountID: current.id, kind: .sms, recipient: phone, subject: "MinID engangskode",
          body:
            "MinID-engangskode: \(code.text). Gjelder i 5 minutter for innlogging til \(service.name). Del den ikke med andre.\n"
        ),
        at: now)
      let expiresAt = now.adding(seconds: Self.loginCodeLifetime)
      try transaction.insertLoginAttempt(
        LoginAttempt(
          id: loginID, accountID: current.id, clientID: clientID,
          codeHash: code.hash(key: store.secrets.codeKey, purpose: "login", attempt: loginID), createdAt: now,
          expiresAt: expiresAt, usedAt: nil, outboxID: outboxID))
      try transaction.audit(
        AuditDraft(
          actor: "person", action: "login.start", about: current,
          detail: "password ok; sms code sent; client \(clientID)"
            + (upgraded != nil ? "; password hash upgraded" : "")),
        at: now)
      return LoginChallenge(
        loginID: loginID, clientID: clientID, maskedPhone: current.phone?.masked ?? "", expiresAt: expiresAt)
    }
  }

  /// Step two: the SMS code. On success the ID token is signed with the active key.
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
    let code = OneTimeCode(typed: typed)
    let (attempt, account) = try store.read { transaction -> (LoginAttempt, Account) in
      guard let attempt = try transaction.loginAttempt(id: loginID),
        let account = try transaction.account(id: attempt.accountID)
      else { throw LoginError.unknownAttempt }
      return (attempt, account)
    }
    let now = time.timestamp
    if attempt.usedAt != nil {
      try auditRefusal(account, action: "login.finish", error: LoginError.attemptUsed)
    }
    if attempt.expiresAt <= now {
      try auditRefusal(account, action: "login.finish", error: LoginError.attemptExpired(attempt.expiresAt))
    }
    if account.state(at: now) == .temporarilyLocked, let until = account.lockedUntil {
      try auditRefusal(account, action: "login.finish", error: AccountError.temporarilyLocked(until: until))
    }
    if !AccountLifecycle.allows(.login, in: account.state(at: now)) {
      try auditRefusal(
        account, action: "login.finish",
        error: AccountError.stateForbids(action: .login, state: account.state(at: now)))
    }
    let service = try serviceForLogin(attempt.clientID)
    let expected = attempt.codeHash
    let given = code.hash(key: store.secrets.codeKey, purpose: "login", attempt: attempt.id)
    let staticAllowed = settings.environment == .test && account.kind?.isSynthetic == true
    let correct =
      Digest.constantTimeEqual(expected, given) || (staticAllowed && code.text == OneTimeCode.staticTestCode)
    guard correct else {
      let left = try countFailure(
        accountID: account.id, action: "login.finish", detail: "code_wrong; client \(attempt.clientID)")
      throw LoginError.wrongCode(attemptsLeft: left)
    }
    let jti = Base64.encode(random.bytes(16), urlSafe: true)
    return try store.write { transaction in
      let now = time.timestamp
      guard var current = try transaction.account(id: account.id), let pid = current.pid else {
        throw AccountError.notFound
      }
      try AccountLifecycle.check(.login, in: current.state(at: now))
      guard try transaction.markLoginAttemptUsed(id: attempt.id, at: now) else {
        throw LoginError.attemptUsed
      }
      guard let key = try transaction.signingKeys().first(where: \.isActive) else {
        throw TokenError.noSigningKey
      }
      current.failedAttempts = 0
      current.lockedUntil = nil
      try transaction.updateAccount(current)
      let claims = IDTokenClaims(
        iss: settings.issuer, aud: service.clientID,
        sub: pairwiseSubject(clientID: service.clientID, pid: pid), pid: pid,
        acr: SecurityLevel.substantial.rawValue, amr: ["Minid-OTC"], authTime: now.seconds, iat: now.seconds,
        exp: now.seconds + IDTokenClaims.lifetime, jti: jti, nonce: nonce, locale: locale)
      let token = try CompactJWS.sign(
        header: ["alg": key.algorithm.rawValue, "kid": key.kid, "typ": "JWT"], claims: claims, key: key)
      try transaction.audit(
        AuditDraft(
          actor: "person", action: "login.finish", about: current,
          detail: "token \(jti) for \(service.clientID); kid \(key.kid)"), at: now)
      return IssuedToken(token: token, claims: claims, kid: key.kid, algorithm: key.algorithm)
    }
  }

  /// The pairwise `sub`: the same for one client every time, different between clients, and not the
  /// identity number (base64url HMAC-SHA-256 under the store's subject key).
  public func pairwiseSubject(clientID: String, pid: String) -> String {
    Base64.encode(
      Digest.hmacSHA256(key: store.secrets.subjectKey, Array(clientID.utf8) + [0] + Array(pid.utf8)),
      urlSafe: true)
  }

  /// A hash of nothing, with the store's parameters, so an unknown identity number costs what a known one
  /// does.
  static func dummyHash(_ parameters: ScryptParameters) -> PasswordHash {
    PasswordHash(
      parameters: parameters, salt: [UInt8](repeating: 0x5A, count: 16),
      hash: [UInt8](repeating: 0, count: 32))
  }
}
