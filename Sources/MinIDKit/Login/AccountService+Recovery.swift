/// A recovery asked for. The answer is the same whether or not the identity number has an account that
/// can be recovered, so the step cannot be used to learn who has MinID.
public struct RecoveryChallenge: Sendable {
  /// When codes sent now stop being valid.
  public let expiresAt: Timestamp
}

extension AccountService {
  /// How many recoveries one identity number may start in `codeSendWindow` seconds: each sends an SMS and
  /// an e-mail, so this bounds how often a stranger can make a person's phone buzz.
  public static let codeSendLimit = 3
  /// The window `codeSendLimit` counts in, in seconds: one hour.
  public static let codeSendWindow: Int64 = 3600

  /// Forgotten password, step one: a 5-digit code by SMS and a 6-character code by e-mail (decisions §2),
  /// when the identity number has an account that can be recovered (an active one); otherwise nothing is
  /// sent, and the answer is the same.
  ///
  /// At most `codeSendLimit` requests per identity number in `codeSendWindow` seconds, counted from the
  /// audit trail, for unknown numbers as for known ones; the next is refused and audited.
  /// - Throws: `IdentityNumberError`, `LoginError.tooManyCodeRequests`.
  public func startRecovery(pid text: String) throws -> RecoveryChallenge {
    let pid = try checkedDigits(text)
    let sms = OneTimeCode.sms(random: random)
    let email = OneTimeCode.email(random: random)
    let outcome = try store.write { transaction -> Result<RecoveryChallenge, LoginError> in
      let now = time.timestamp
      let account = try transaction.account(pid: pid)
      let pseudonym = account?.pseudonym ?? store.secrets.pseudonym(of: pid)
      let since = now.adding(seconds: -Self.codeSendWindow)
      let recent = try transaction.auditTimes(
        accountID: account?.id, pseudonym: pseudonym, action: .accountRecoverStart, since: since)
      func draft(_ outcome: AuditOutcome, _ detail: String) -> AuditDraft {
        account.map {
          AuditDraft(
            actor: "person", action: .accountRecoverStart, about: $0, outcome: outcome, detail: detail)
        }
          ?? AuditDraft(
            actor: "person", action: .accountRecoverStart, account: pseudonym, outcome: outcome,
            detail: detail)
      }
      if recent.count >= Self.codeSendLimit {
        let retry = recent[recent.count - Self.codeSendLimit].adding(seconds: Self.codeSendWindow)
        try transaction.audit(draft(.refused, "code_request_limit; nothing sent"), at: now)
        return .failure(.tooManyCodeRequests(retryAfter: retry))
      }
      let expiresAt = now.adding(seconds: Self.recoveryLifetime)
      guard let account, AccountLifecycle.allows(.recover, in: account.state(at: now)),
        let phone = account.phone, let address = account.email
      else {
        let why = account.map { "state \($0.state(at: now).rawValue)" } ?? "no account"
        try transaction.audit(draft(.failed, "\(why); nothing sent"), at: now)
        return .success(RecoveryChallenge(expiresAt: expiresAt))
      }
      let id = try transaction.insertRecovery(
        RecoveryAttempt(
          id: 0, accountID: account.id,
          smsHash: sms.hash(key: store.secrets.codeKey, purpose: "recovery-sms", attempt: "\(account.id)"),
          emailHash: email.hash(
            key: store.secrets.codeKey, purpose: "recovery-email", attempt: "\(account.id)"), createdAt: now,
          expiresAt: expiresAt, usedAt: nil))
      try transaction.insertMessage(
        OutboxDraft(accountID: account.id, kind: .sms, recipient: phone.e164, Notices.recoverySMS(sms.text)),
        at: now)
      try transaction.insertMessage(
        OutboxDraft(
          accountID: account.id, kind: .email, recipient: address.address, Notices.recoveryEmail(email.text)),
        at: now)
      try transaction.audit(draft(.ok, "recovery \(id); sms and e-mail codes sent"), at: now)
      return .success(RecoveryChallenge(expiresAt: expiresAt))
    }
    return try outcome.get()
  }

  /// Forgotten password, step two: both codes and a new password.
  ///
  /// The attempt passes the `AuthenticationGate`: wrong codes count towards the same lockout as passwords,
  /// and while the account is locked or blocked nothing is checked. Unknown numbers, a closed account (whose
  /// codes are never checked), a missing, used or expired recovery and wrong codes get one answer. On success the password is set, every pending login
  /// and code is ended, the lockout cleared, and the phone and e-mail on record are told the password was
  /// changed.
  /// - Throws: `IdentityNumberError`, `LoginError.wrongRecoveryCodes`, `AccountError.temporarilyLocked`
  ///   or `.stateForbids`, `PasswordPolicyError`.
  public func completeRecovery(pid text: String, smsCode: String, emailCode: String, password: Secret) throws
    -> Account
  {
    let pid = try checkedDigits(text)
    guard let known = try store.read({ try $0.account(pid: pid) }) else {
      try auditUnknown(pid: pid, action: .accountRecover, detail: "recovery_codes_wrong; no account")
      throw LoginError.wrongRecoveryCodes
    }
    let reservation: AuthenticationGate.Reservation
    do {
      reservation = try gate.reserve(accountID: known.id, action: .accountRecover, accountAction: .recover)
    } catch AccountError.stateForbids(_, .closed) {
      throw LoginError.wrongRecoveryCodes
    }
    let account = reservation.account
    let recovery = try store.read { try $0.latestRecovery(accountID: account.id) }
    let now = time.timestamp
    let sms = OneTimeCode(typed: smsCode)
    let email = OneTimeCode(typed: emailCode)
    let smsRight =
      recovery.map {
        Digest.constantTimeEqual(
          sms.hash(key: store.secrets.codeKey, purpose: "recovery-sms", attempt: "\(account.id)"), $0.smsHash)
      } == true || gate.acceptsFixedTestCode(sms, for: account)
    let emailRight =
      recovery.map {
        Digest.constantTimeEqual(
          email.hash(key: store.secrets.codeKey, purpose: "recovery-email", attempt: "\(account.id)"),
          $0.emailHash)
      } == true
    guard let recovery, recovery.usedAt == nil, recovery.expiresAt > now, smsRight, emailRight else {
      let why =
        switch recovery {
        case nil: "no recovery started"
        case let recovery? where recovery.usedAt != nil: "recovery used"
        case let recovery? where recovery.expiresAt <= now: "recovery expired"
        default: smsRight ? "email code wrong" : (emailRight ? "sms code wrong" : "both codes wrong")
        }
      _ = try gate.fail(reservation, detail: "recovery_codes_wrong; \(why)")
      throw LoginError.wrongRecoveryCodes
    }
    let hash = try newPasswordHash(password, pid: pid, account: account, releasing: reservation)
    let outcome = try store.write { transaction -> Result<Account, any Error> in
      let now = time.timestamp
      guard var current = try transaction.account(id: account.id) else { throw AccountError.notFound }
      gate.succeed(on: &current)
      if let refusal = try gate.stateRefusal(
        current, action: .recover, auditAction: .accountRecover, transaction: transaction, now: now)
      {
        return .failure(refusal)
      }
      guard try transaction.markRecoveryUsed(id: recovery.id, at: now) else {
        return .failure(LoginError.wrongRecoveryCodes)
      }
      // Logins and codes begun under the old password die with it.
      try transaction.invalidatePendingCodes(accountID: current.id, at: now)
      // So do the sessions of the old password: whoever knew it may hold one.
      try AccountSessionEnding.end(
        current, reason: "password recovered", actor: "person", transaction: transaction, now: now)
      current.passwordHash = hash.phc
      current.updatedAt = now
      try transaction.updateAccount(current)
      try notifyPasswordChanged(current, transaction: transaction, now: now)
      try transaction.audit(
        AuditDraft(
          actor: "person", action: .accountRecover, about: current,
          detail: "password set; pending logins and codes ended; lockout cleared; owner notified"),
        at: now)
      return .success(current)
    }
    return try outcome.get()
  }

  /// Tells the phone and e-mail address on record that the password was changed, so an owner who did not
  /// ask for it can react (protection against identity theft).
  func notifyPasswordChanged(_ account: Account, transaction: any StoreTransaction, now: Timestamp) throws {
    if let phone = account.phone {
      try transaction.insertMessage(
        OutboxDraft(
          accountID: account.id, kind: .sms, recipient: phone.e164, Notices.passwordChangedSMS(at: now)),
        at: now)
    }
    if let address = account.email {
      try transaction.insertMessage(
        OutboxDraft(
          accountID: account.id, kind: .email, recipient: address.address,
          Notices.passwordChangedEmail(at: now)),
        at: now)
    }
  }
}
