extension AccountService {
  /// Activates an account with its letter code and a first password (decisions §2).
  ///
  /// The attempt passes the `AuthenticationGate` before the code is checked. A wrong code, an identity
  /// number without an account, a closed account (nothing checked) and an account without a letter get one
  /// answer (`LetterError.wrongCode`), so the step does not reveal who is registered; an expired, used or
  /// replaced letter (which takes the right code to learn) has its own message. Each counts towards the lockout and is audited. The password
  /// is hashed (half a second of scrypt) before the write transaction, never while holding the store's
  /// write lock; a password the policy refuses gives the attempt back.
  /// - Throws: `IdentityNumberError`, `LetterError`, `AccountError.temporarilyLocked` or
  ///   `.stateForbids`, `PasswordPolicyError`.
  public func activate(pid text: String, code typed: String, password: Secret) throws -> Account {
    try activate(pid: text, code: typed, password: password, auditAction: .accountActivate, also: nil)
  }

  /// `activate`, with `also` run in the activation's own transaction once the code and password are
  /// accepted (the MinID app's enrolment adds its device there); `also` returns words for the audit entry.
  func activate(
    pid text: String, code typed: String, password: Secret, auditAction: AuditAction,
    also: ((Account, any StoreTransaction, Timestamp) throws -> String)?
  ) throws -> Account {
    let pid = try checkedDigits(text)
    let code = try ActivationCode(typed: typed)
    let codeHash = code.hash(key: store.secrets.codeKey)
    guard let known = try store.read({ try $0.account(pid: pid) }) else {
      try auditUnknown(pid: pid, action: auditAction, detail: "letter_code_wrong; no account")
      throw LetterError.wrongCode
    }
    let reservation: AuthenticationGate.Reservation
    do {
      reservation = try gate.reserve(
        accountID: known.id, action: auditAction, accountAction: .activate)
    } catch AccountError.stateForbids(_, .closed) {
      throw LetterError.wrongCode
    }
    let account = reservation.account
    let verdict = try store.read { transaction in
      judge(codeHash, letters: try transaction.letters(accountID: account.id), now: time.timestamp)
    }
    let letter: ActivationLetter
    switch verdict {
    case .failure(let error):
      _ = try gate.fail(reservation, detail: error.code)
      throw error == .noLetter ? .wrongCode : error
    case .success(let found):
      letter = found
    }
    let hash = try newPasswordHash(password, pid: pid, account: account, releasing: reservation)
    let outcome = try store.write { transaction -> Result<Account, any Error> in
      let now = time.timestamp
      guard var current = try transaction.account(id: account.id) else { throw AccountError.notFound }
      gate.succeed(on: &current)
      if let refusal = try gate.stateRefusal(
        current, action: .activate, auditAction: auditAction, transaction: transaction, now: now)
      {
        return .failure(refusal)
      }
      // Single use under concurrency: only one process can turn the letter from unused to used.
      guard try transaction.markLetterUsed(id: letter.id, at: now) else { return .failure(LetterError.used) }
      current.passwordHash = hash.phc
      current.storedState = .active
      current.activatedAt = now
      current.updatedAt = now
      try transaction.updateAccount(current)
      let more = try also?(current, transaction, now)
      try transaction.audit(
        AuditDraft(
          actor: "person", action: auditAction, about: current,
          detail: "letter \(letter.id); state active" + (more.map { "; " + $0 } ?? "")),
        at: now)
      return .success(current)
    }
    return try outcome.get()
  }

  /// Which letter `codeHash` belongs to, and whether it may still be used.
  func judge(_ codeHash: [UInt8], letters: [ActivationLetter], now: Timestamp) -> Result<
    ActivationLetter, LetterError
  > {
    guard !letters.isEmpty else { return .failure(.noLetter) }
    guard let letter = letters.first(where: { Digest.constantTimeEqual($0.codeHash, codeHash) }) else {
      return .failure(.wrongCode)
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

  /// `newPasswordHash` after a right code: a password the policy refuses is no guess, so the reserved
  /// attempt is given back and the code stays usable.
  func newPasswordHash(
    _ password: Secret, pid: String, account: Account, releasing reservation: AuthenticationGate.Reservation
  ) throws -> PasswordHash {
    do {
      return try newPasswordHash(password, pid: pid, account: account)
    } catch {
      try gate.release(reservation)
      throw error
    }
  }

  /// Audits an attempt refused before any secret was checked, then throws the refusal.
  func auditRefusal(_ account: Account, action: AuditAction, error: any MinIDError) throws -> Never {
    try store.write { transaction in
      try transaction.audit(
        AuditDraft(
          actor: "person", action: action, about: account, outcome: .refused, detail: error.code),
        at: time.timestamp)
    }
    throw error
  }
}
