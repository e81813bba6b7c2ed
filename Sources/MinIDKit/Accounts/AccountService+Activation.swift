extension AccountService {
  /// Activates an account with its letter code and a first password (decisions §2).
  ///
  /// A wrong, expired or used code is refused with its own message, counts towards the temporary lock,
  /// and changes nothing else; the failure is audited. The password is hashed (half a second of scrypt)
  /// before the write transaction, never while holding the store's write lock.
  public func activate(pid text: String, code typed: String, password: Secret) throws -> Account {
    let pid = try checkedDigits(text)
    let code = try ActivationCode(typed: typed)
    let codeHash = code.hash(key: store.secrets.codeKey)

    // Read: find the account and judge the code.
    let (account, verdict) = try store.read {
      transaction -> (Account, Result<ActivationLetter, LetterError>) in
      guard let account = try transaction.account(pid: pid) else { throw AccountError.notFound }
      return (
        account, try judge(codeHash, letters: transaction.letters(accountID: account.id), now: time.timestamp)
      )
    }
    let now = time.timestamp
    if case .temporarilyLocked = account.state(at: now), let until = account.lockedUntil {
      try auditRefusal(
        account, action: "account.activate", error: AccountError.temporarilyLocked(until: until))
    }
    if !AccountLifecycle.allows(.activate, in: account.state(at: now)) {
      try auditRefusal(
        account, action: "account.activate",
        error: AccountError.stateForbids(action: .activate, state: account.state(at: now)))
    }

    let letter: ActivationLetter
    switch verdict {
    case .failure(let error):
      try recordLetterFailure(accountID: account.id, error: error)
    case .success(let found):
      letter = found
      let hash = try newPasswordHash(password, pid: pid, account: account)
      return try store.write { transaction in
        let now = time.timestamp
        guard var current = try transaction.account(id: account.id) else { throw AccountError.notFound }
        try AccountLifecycle.check(.activate, in: current.state(at: now))
        // Single use under concurrency: only one process can turn the letter from unused to used.
        guard try transaction.markLetterUsed(id: letter.id, at: now) else { throw LetterError.used }
        current.passwordHash = hash.phc
        current.storedState = .active
        current.activatedAt = now
        current.updatedAt = now
        current.failedAttempts = 0
        current.lockedUntil = nil
        try transaction.updateAccount(current)
        try transaction.audit(
          AuditDraft(
            actor: "person", action: "account.activate", about: current,
            detail: "letter \(letter.id); state active"),
          at: now)
        return current
      }
    }
  }

  /// Which letter `codeHash` belongs to, and whether it may still be used.
  func judge(_ codeHash: [UInt8], letters: [ActivationLetter], now: Timestamp) -> Result<
    ActivationLetter, LetterError
  > {
    guard !letters.isEmpty else { return .failure(.noLetter) }
    guard let letter = letters.first(where: { Digest.constantTimeEqual($0.codeHash, codeHash) }) else {
      return .failure(.wrongCode(attemptsLeft: 0))
    }
    switch letter.status(at: now) {
    case .valid: return .success(letter)
    case .used: return .failure(.used)
    case .expired: return .failure(.expired(letter.expiresAt))
    case .revoked: return .failure(.replaced)
    }
  }

  /// A new password checked against the policy (with the person's own data) and hashed with the store's
  /// scrypt parameters: activation and recovery set passwords the same way. Called before the write
  /// transaction, so scrypt never holds the store's lock.
  func newPasswordHash(_ password: Secret, pid: String, account: Account) throws -> PasswordHash {
    let personal = PasswordPolicy.PersonalData(
      identityNumber: pid, birthDate: IdentityNumberValidator(referenceDate: today).check(pid).date,
      phone: account.phone, email: account.email)
    try PasswordPolicy().check(password, personal: personal)
    return try PasswordHasher(parameters: settings.scrypt, random: random).hash(password)
  }

  /// Audits an attempt refused before any secret was checked, then throws the refusal.
  func auditRefusal(_ account: Account, action: String, error: any MinIDError) throws -> Never {
    try store.write { transaction in
      try transaction.audit(
        AuditDraft(
          actor: "person", action: action, about: account, outcome: .refused, detail: error.code),
        at: time.timestamp)
    }
    throw error
  }

  /// Counts and audits a refused code in one transaction, then throws the refusal.
  private func recordLetterFailure(accountID: Int64, error: LetterError) throws -> Never {
    let left = try countFailure(accountID: accountID, action: "account.activate", detail: error.code)
    if case .wrongCode = error { throw LetterError.wrongCode(attemptsLeft: left) }
    throw error
  }
}
