/// The result of a support action: the account as it is (or, with `--dry-run`, would be) afterwards.
public struct SupportResult: Sendable {
  /// The account as it is (or would be) afterwards.
  public let account: Account
  /// What changed, in words (field names, never values).
  public let changes: [String]
  /// Whether this was a dry run: checked and written, then rolled back.
  public let dryRun: Bool
  /// The new letter, for `reset`.
  public let letter: LetterReceipt?
}

/// Known reason codes of a block (Digdir's `closed_code` values); others of the same shape are accepted.
public enum BlockReason {
  /// Digdir's reason codes, suggested by completions and help.
  public static let known = [
    "SPERRET", "DEAD", "SELVVALGT", "CHOSEN", "CLOSED_DATAWASH", "DISAPPEARED", "EXPIRED", "NEW_IDENTITY",
    "UNINFORMED",
  ]

  /// Upper-case letters, digits and `_`, 2 to 32 characters.
  public static func check(_ text: String) throws(ContactError) -> String {
    let upper = text.uppercased()
    let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
    guard (2...32).contains(upper.count), upper.allSatisfy({ allowed.contains($0) }) else {
      throw .reason(
        "must be 2 to 32 letters, digits or _, such as \(known.prefix(3).joined(separator: ", "))")
    }
    return upper
  }
}

extension AccountService {
  /// Runs `body` in a write transaction; with `dryRun` every check and write happens and is then rolled back.
  func supportWrite<T>(dryRun: Bool, _ body: (any StoreTransaction) throws -> T) throws -> T {
    try store.inTransaction { transaction in (try body(transaction), dryRun ? .rollback : .commit) }
  }

  /// Accounts by identity number, phone (any accepted format), e-mail address or case reference; exact.
  public func find(
    pid: String? = nil, phone: String? = nil, email: String? = nil, caseReference: String? = nil
  ) throws
    -> [AccountDetails]
  {
    let now = time.timestamp
    return try store.read { transaction in
      let accounts: [Account]
      if let pid {
        accounts = try transaction.account(pid: checkedDigits(pid)).map { [$0] } ?? []
      } else if let phone {
        accounts = try transaction.accounts(matching: .phone(PhoneNumber(phone).e164))
      } else if let email {
        accounts = try transaction.accounts(matching: .email(EmailAddress(email).address))
      } else if let caseReference {
        accounts = try transaction.accounts(
          matching: .caseReference(CaseReference.check(caseReference) ?? ""))
      } else {
        accounts = []
      }
      return accounts.map { AccountDetails(account: $0, state: $0.state(at: now), letters: [], now: now) }
    }
  }

  /// Changes contact data; a notice goes to the old and the new phone or e-mail (protection against identity
  /// theft), and the audit entry names the fields, not the values.
  public func update(
    pid text: String, phone: String?, email: String?, address: String?, caseReference: String?, dryRun: Bool
  ) throws -> SupportResult {
    let pid = try checkedDigits(text)
    let newPhone = try phone.map { text throws(ContactError) in try PhoneNumber(text) }
    let newEmail = try email.map { text throws(ContactError) in try EmailAddress(text) }
    let newAddress = try address.map { text throws(ContactError) in try PostalAddress(text) }
    let caseReference = try CaseReference.check(caseReference)
    return try supportWrite(dryRun: dryRun) { transaction in
      let now = time.timestamp
      var account = try supportedAccount(pid: pid, for: .update, transaction, now: now)
      var changes: [String] = []
      if let newPhone, newPhone != account.phone {
        for number in [account.phone, newPhone].compactMap({ $0 }) {
          try transaction.insertMessage(
            OutboxDraft(
              accountID: account.id, kind: .sms, recipient: number.e164, Notices.phoneChanged(on: now.date)),
            at: now)
        }
        account.phone = newPhone
        changes.append("phone")
      }
      if let newEmail, newEmail != account.email {
        for address in [account.email, newEmail].compactMap({ $0 }) {
          try transaction.insertMessage(
            OutboxDraft(
              accountID: account.id, kind: .email, recipient: address.address,
              Notices.emailChanged(on: now.date)),
            at: now)
        }
        account.email = newEmail
        changes.append("email")
      }
      if let newAddress, newAddress.text != account.address {
        if let current = account.email {
          try transaction.insertMessage(
            OutboxDraft(
              accountID: account.id, kind: .email, recipient: current.address,
              Notices.addressChanged(on: now.date)),
            at: now)
        }
        account.address = newAddress.text
        changes.append("address")
      }
      if !changes.isEmpty {
        account.updatedAt = now
        try transaction.updateAccount(account)
      }
      try record(
        transaction, account: account, action: .accountUpdate, caseReference: caseReference,
        detail: changes.isEmpty
          ? "nothing changed" : changes.joined(separator: ", ") + " changed; notices sent", now: now)
      return SupportResult(account: account, changes: changes, dryRun: dryRun, letter: nil)
    }
  }

  /// Blocks an account with a reason code; only `unlock` lifts it.
  public func block(pid text: String, reason: String, caseReference: String?, dryRun: Bool) throws
    -> SupportResult
  {
    let pid = try checkedDigits(text)
    let reason = try BlockReason.check(reason)
    let caseReference = try CaseReference.check(caseReference)
    return try supportWrite(dryRun: dryRun) { transaction in
      let now = time.timestamp
      var account = try supportedAccount(pid: pid, for: .block, transaction, now: now)
      account.storedState = .blocked
      account.blockReason = reason
      account.updatedAt = now
      try transaction.updateAccount(account)
      try record(
        transaction, account: account, action: .accountBlock, caseReference: caseReference,
        detail: "reason \(reason)", now: now)
      try AccountSessionEnding.end(
        account, reason: "account blocked", actor: actor, transaction: transaction, now: now)
      return SupportResult(
        account: account, changes: ["state blocked (\(reason))"], dryRun: dryRun, letter: nil)
    }
  }

  /// Lifts a block or a temporary lock; the account returns to `active`, or `letter_sent` if it never had
  /// a password.
  public func unlock(pid text: String, caseReference: String?, dryRun: Bool) throws -> SupportResult {
    let pid = try checkedDigits(text)
    let caseReference = try CaseReference.check(caseReference)
    return try supportWrite(dryRun: dryRun) { transaction in
      let now = time.timestamp
      var account = try supportedAccount(pid: pid, for: .unlock, transaction, now: now)
      let before = account.state(at: now)
      if account.storedState == .blocked {
        account.storedState = account.passwordHash == nil ? .letterSent : .active
      }
      account.blockReason = nil
      account.lockedUntil = nil
      account.failedAttempts = 0
      account.updatedAt = now
      try transaction.updateAccount(account)
      try record(
        transaction, account: account, action: .accountUnlock, caseReference: caseReference,
        detail: "\(before.rawValue) -> \(account.storedState.rawValue)", now: now)
      return SupportResult(
        account: account, changes: ["state \(account.storedState.rawValue)"], dryRun: dryRun, letter: nil)
    }
  }

  /// Digdir's «nullstilling»: back to `letter_sent`, the password and every pending code invalidated, and
  /// a new letter valid for the reset validity (10 days by default).
  public func reset(pid text: String, caseReference: String?, dryRun: Bool) throws -> SupportResult {
    let pid = try checkedDigits(text)
    let caseReference = try CaseReference.check(caseReference)
    let code = ActivationCode(random: random)
    return try supportWrite(dryRun: dryRun) { transaction in
      let now = time.timestamp
      var account = try supportedAccount(pid: pid, for: .reset, transaction, now: now)
      try transaction.invalidatePendingCodes(accountID: account.id, at: now)
      account.storedState = .letterSent
      account.passwordHash = nil
      account.blockReason = nil
      account.lockedUntil = nil
      account.failedAttempts = 0
      account.activatedAt = nil
      account.updatedAt = now
      try transaction.updateAccount(account)
      try record(
        transaction, account: account, action: .accountReset, caseReference: caseReference,
        detail: "state letter_sent; password and codes invalidated", now: now)
      try AccountSessionEnding.end(
        account, reason: "account reset", actor: actor, transaction: transaction, now: now)
      let letter = try sendLetter(
        to: account, code: code, validityDays: settings.resetLetterValidityDays, caseReference: caseReference,
        transaction: transaction, now: now)
      return SupportResult(
        account: account, changes: ["state letter_sent", "password removed", "new letter"], dryRun: dryRun,
        letter: dryRun
          ? LetterReceipt(dryRunUntil: letter.expiresAt) : letter)
    }
  }

  /// Closes an account (the row stays for audit and support), or with `purge` erases its personal data:
  /// identity number, contact data, address, password hash, and the texts and recipients of its messages.
  /// Only pseudonymous audit entries remain, under the account's random pseudonym, which nothing links to
  /// the number any more; the write-ahead log is then checkpointed so no page from before the purge stays.
  public func delete(pid text: String, purge: Bool, caseReference: String?, dryRun: Bool) throws
    -> SupportResult
  {
    let pid = try checkedDigits(text)
    let caseReference = try CaseReference.check(caseReference)
    let result = try supportWrite(dryRun: dryRun) { transaction in
      let now = time.timestamp
      var account = try supportedAccount(pid: pid, for: purge ? .purge : .close, transaction, now: now)
      try transaction.invalidatePendingCodes(accountID: account.id, at: now)
      account.storedState = .closed
      account.lockedUntil = nil
      account.updatedAt = now
      var changes = ["state closed"]
      try AccountSessionEnding.end(
        account, reason: purge ? "account purged" : "account closed", actor: actor, transaction: transaction,
        now: now)
      if purge {
        // Grants name the number: they go with it.
        if let number = account.pid {
          try transaction.deleteGrants(pid: number)
          try transaction.deleteSessions(pid: number)
        }
        account.pid = nil
        account.phone = nil
        account.email = nil
        account.address = nil
        account.passwordHash = nil
        try transaction.erasePersonalData(accountID: account.id)
        changes.append("personal data erased")
      }
      try transaction.updateAccount(account)
      try record(
        transaction, account: account, action: purge ? .accountPurge : .accountClose,
        caseReference: caseReference,
        detail: changes.joined(separator: "; "), now: now)
      return SupportResult(account: account, changes: changes, dryRun: dryRun, letter: nil)
    }
    if purge && !dryRun { try store.discardOldRowVersions() }
    return result
  }

  /// The audit entry of a support action, and its case reference kept on the account.
  /// The account `pid` names, when its state at `now` allows `action` (`AccountLifecycle`).
  /// - Throws: `AccountError.notFound` when no account has the number, `AccountError` when its state does
  ///   not allow `action`, or the store's error.
  func supportedAccount(
    pid: String, for action: AccountAction, _ transaction: any StoreTransaction, now: Timestamp
  ) throws -> Account {
    guard let account = try transaction.account(pid: pid) else { throw AccountError.notFound }
    try AccountLifecycle.check(action, in: account.state(at: now))
    return account
  }

  func record(
    _ transaction: any StoreTransaction, account: Account, action: AuditAction, caseReference: String?,
    detail: String, now: Timestamp
  ) throws {
    if let caseReference {
      try transaction.addCaseReference(accountID: account.id, reference: caseReference, at: now)
    }
    try transaction.audit(
      AuditDraft(
        actor: actor, action: action, about: account, caseReference: caseReference, detail: detail
      ), at: now)
  }
}
