/// A recovery under way: where the two codes went.
public struct RecoveryChallenge: Sendable {
  public let recoveryID: Int64
  public let maskedPhone: String
  public let maskedEmail: String
  public let expiresAt: Timestamp
}

extension AccountService {
  /// Forgotten password, step one: a 5-digit code by SMS and a 6-character code by e-mail (decisions §2).
  public func startRecovery(pid text: String) throws -> RecoveryChallenge {
    let pid = try checkedDigits(text)
    let sms = OneTimeCode.sms(random: random)
    let email = OneTimeCode.email(random: random)
    return try store.write { transaction in
      let now = time.timestamp
      guard let account = try transaction.account(pid: pid) else { throw AccountError.notFound }
      try AccountLifecycle.check(.recover, in: account.state(at: now))
      guard let phone = account.phone, let address = account.email else { throw AccountError.notFound }
      let expiresAt = now.adding(seconds: Self.recoveryLifetime)
      let id = try transaction.insertRecovery(
        RecoveryAttempt(
          id: 0, accountID: account.id,
          smsHash: sms.hash(key: store.secrets.codeKey, purpose: "recovery-sms", attempt: "\(account.id)"),
          emailHash: email.hash(
            key: store.secrets.codeKey, purpose: "recovery-email", attempt: "\(account.id)"), createdAt: now,
          expiresAt: expiresAt, usedAt: nil))
      try transaction.insertMessage(
        OutboxDraft(
          accountID: account.id, kind: .sms, recipient: phone.e164, subject: "MinID glemt passord",
          body: "MinID: koden for nytt passord er \(sms.text). Den gjelder i 10 minutter.\n"), at: now)
      try transaction.insertMessage(
        OutboxDraft(
          accountID: account.id, kind: .email, recipient: address.address,
          subject: "MinID: kode for nytt passord",
          body: "Hei,\n\nkoden for å lage nytt MinID-passord er \(email.text). Den gjelder i 10 minutter.\n"
            + "Har du ikke bedt om nytt passord, kontakt brukerstøtte.\n"), at: now)
      try transaction.audit(
        AuditDraft(
          actor: "person", action: "account.recover.start", about: account,
          detail: "recovery \(id); sms and e-mail codes sent"),
        at: now)
      return RecoveryChallenge(
        recoveryID: id, maskedPhone: phone.masked, maskedEmail: address.masked, expiresAt: expiresAt)
    }
  }

  /// Forgotten password, step two: both codes and a new password. Clears a temporary lock but not a block
  /// (the lifecycle refuses recovery of a blocked account). Wrong codes count towards the lock.
  public func completeRecovery(pid text: String, smsCode: String, emailCode: String, password: Secret) throws
    -> Account
  {
    let pid = try checkedDigits(text)
    let (account, recovery) = try store.read { transaction -> (Account, RecoveryAttempt?) in
      guard let account = try transaction.account(pid: pid) else { throw AccountError.notFound }
      return (account, try transaction.latestRecovery(accountID: account.id))
    }
    let now = time.timestamp
    if !AccountLifecycle.allows(.recover, in: account.state(at: now)) {
      try auditRefusal(
        account, action: "account.recover",
        error: AccountError.stateForbids(action: .recover, state: account.state(at: now)))
    }
    guard let recovery else { throw LoginError.noRecovery }
    if recovery.usedAt != nil {
      try auditRefusal(account, action: "account.recover", error: LoginError.attemptUsed)
    }
    if recovery.expiresAt <= now {
      try auditRefusal(
        account, action: "account.recover", error: LoginError.attemptExpired(recovery.expiresAt))
    }
    let sms = OneTimeCode(typed: smsCode)
    let email = OneTimeCode(typed: emailCode)
    let staticAllowed = settings.environment == .test && account.kind?.isSynthetic == true
    let smsRight =
      Digest.constantTimeEqual(
        sms.hash(key: store.secrets.codeKey, purpose: "recovery-sms", attempt: "\(account.id)"),
        recovery.smsHash)
      || (staticAllowed && sms.text == OneTimeCode.staticTestCode)
    let emailRight = Digest.constantTimeEqual(
      email.hash(key: store.secrets.codeKey, purpose: "recovery-email", attempt: "\(account.id)"),
      recovery.emailHash)
    guard smsRight && emailRight else {
      let left = try countFailure(
        accountID: account.id, action: "account.recover",
        detail: smsRight ? "email code wrong" : (emailRight ? "sms code wrong" : "both codes wrong"))
      throw LoginError.wrongCode(attemptsLeft: left)
    }
    let hash = try newPasswordHash(password, pid: pid, account: account)
    return try store.write { transaction in
      let now = time.timestamp
      guard var current = try transaction.account(id: account.id) else { throw AccountError.notFound }
      try AccountLifecycle.check(.recover, in: current.state(at: now))
      guard try transaction.markRecoveryUsed(id: recovery.id, at: now) else { throw LoginError.attemptUsed }
      current.passwordHash = hash.phc
      current.failedAttempts = 0
      current.lockedUntil = nil
      current.updatedAt = now
      try transaction.updateAccount(current)
      try transaction.audit(
        AuditDraft(
          actor: "person", action: "account.recover", about: current,
          detail: "password set; lock cleared"),
        at: now)
      return current
    }
  }
}
