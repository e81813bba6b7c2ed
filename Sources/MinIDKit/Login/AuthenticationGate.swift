/// The one gate every authentication step passes: the password, the SMS code, the code generator's code,
/// the activation letter's code and the recovery codes (decisions §2, §9). The whole policy is here, in this
/// comment and the code under it, as Kanidm keeps its lockout in `credential/softlock.rs`: a step asks the
/// gate before it checks a secret and tells it the outcome after, and decides nothing about lockout itself.
///
/// The rule (NIST SP 800-63B §5.2.2; OWASP Authentication Cheat Sheet, "Account Lockout"): at most
/// `lockoutThreshold` wrong guesses are ever *evaluated* for one account between two locks, whatever the
/// parallelism, on every backend. So an attempt is counted before its secret is checked, in the same write
/// transaction that reads the counter (`reserve`); a wrong secret keeps the count (`fail`), a right one
/// gives it back or clears it (`release`, `succeed`). A process that dies between the two has spent its
/// guess, which errs on the safe side.
///
/// - The counter (`Account.failedAttempts`) counts consecutive failures since the last completed
///   authentication; it is not reset by a lock. The reservation that reaches a multiple of the threshold
///   locks the account at once, so no other attempt is admitted while that last guess is checked.
/// - Lock periods escalate: the k-th consecutive lock lasts `lockoutMinutes × 2^(k−1)`, at most seven days.
/// - After `lockoutPeriodsBeforeBlock` consecutive locks the account is blocked (reason `LOCKOUT`) until
///   support runs `account unlock`; threshold × periods is at most 100 (NIST's cap on consecutive failures).
/// - The refusal preamble: while an account is temporarily locked or blocked, every attempt gets the same
///   answer and an audit entry, and no secret is checked, so a right password cannot be told from a wrong
///   one; a step that would send a code (`login resend`) sends nothing (`refusalBeforeTrying`). A closed
///   account's secrets are never checked either; its steps answer as for an unknown identity number.
/// - After a right secret, the account's state as read in the success transaction decides once more
///   (`stateRefusal`): a login of an account still waiting for its letter, say, is refused and audited.
/// - The test store's fixed code: in a test store, and for a synthetic identity number only (Tenor's month
///   + 80, or Digdir's test numbers), the SMS code `12345` is accepted as well as the one sent, for the
///   login's and the recovery's SMS code, as Digdir's test environment does (decisions §3). Never in a
///   production store, never for the letter's code, the e-mail code or a code generator's.
struct AuthenticationGate: Sendable {
  let store: any Store
  let time: any TimeSource
  var settings: StoreSettings { store.settings }

  /// The block reason an account gets when its consecutive lock periods run out.
  static let lockoutBlockReason = "LOCKOUT"
  /// The longest one lock period lasts, however far it has escalated: seven days.
  static let longestLockMinutes = 10_080
  /// The SMS code a test store also accepts for synthetic identity numbers (`acceptsFixedTestCode`).
  static let fixedTestCode = "12345"

  /// An attempt that was counted before its secret is checked.
  struct Reservation {
    /// The account as the reserving transaction left it.
    let account: Account
    var accountID: Int64 { account.id }
    /// The audit action of the step, e.g. `login.start`.
    let action: AuditAction
    /// The lock this reservation set (it was the period's last guess), to be lifted if the guess is right.
    let lockSet: Timestamp?
    /// How many more wrong guesses the period admits after this one.
    let attemptsLeft: Int
  }

  /// Counts one attempt before its secret is checked.
  ///
  /// - Returns: the reservation to settle with `fail`, `release` or `succeed`.
  /// - Throws: `AccountError.temporarilyLocked` or `AccountError.stateForbids(_, .blocked)` (audited as
  ///   refused) while the account may not be tried, `.stateForbids(_, .closed)` for a closed account (the
  ///   caller answers it as an unknown identity number); `AccountError.notFound`.
  func reserve(accountID: Int64, action: AuditAction, accountAction: AccountAction) throws -> Reservation {
    let outcome = try store.write { transaction -> Result<Reservation, AccountError> in
      guard var account = try transaction.account(id: accountID) else { throw AccountError.notFound }
      let now = time.timestamp
      if let refusal = try refusalBeforeTrying(
        account, action: accountAction, auditAction: action, nothingDone: "no secret checked",
        transaction: transaction, now: now)
      {
        return .failure(refusal)
      }
      let threshold = settings.lockoutThreshold
      if account.failedAttempts >= threshold * settings.lockoutPeriodsBeforeBlock {
        // The guess that reached the limit was counted but never settled (its process died before `fail`
        // could block): the block is due now, or killing that process would buy another lock period.
        account.storedState = .blocked
        account.blockReason = Self.lockoutBlockReason
        account.lockedUntil = nil
        account.updatedAt = now
        try transaction.updateAccount(account)
        try transaction.audit(
          AuditDraft(
            actor: "person", action: action, about: account, outcome: .refused,
            detail: "blocked after \(account.failedAttempts) consecutive failures (reason LOCKOUT); "
              + "no secret checked"),
          at: now)
        return .failure(.stateForbids(action: accountAction, state: .blocked))
      }
      account.failedAttempts += 1
      account.updatedAt = now
      var lockSet: Timestamp?
      if account.failedAttempts % threshold == 0 {
        let until = now.adding(seconds: Int64(lockMinutes(period: account.failedAttempts / threshold)) * 60)
        account.lockedUntil = until
        lockSet = until
      }
      try transaction.updateAccount(account)
      return .success(
        Reservation(
          account: account, action: action, lockSet: lockSet,
          attemptsLeft: (threshold - account.failedAttempts % threshold) % threshold))
    }
    return try outcome.get()
  }

  /// The refusal preamble, in the step's transaction: while `account` may not be tried at all (temporarily
  /// locked, blocked, closed), the refusal, audited as refused with what was not done (`no secret
  /// checked`, `nothing sent`); nil when it may be tried.
  func refusalBeforeTrying(
    _ account: Account, action: AccountAction, auditAction: AuditAction, nothingDone: String,
    transaction: any StoreTransaction, now: Timestamp
  ) throws -> AccountError? {
    guard let refusal = Self.refusal(account, action: action, now: now) else { return nil }
    try transaction.audit(
      AuditDraft(
        actor: "person", action: auditAction, about: account, outcome: .refused,
        detail: refusal.code + "; " + nothingDone),
      at: now)
    return refusal
  }

  /// Whether `code` is the test store's fixed SMS code and may stand for the one sent: a test store, a
  /// synthetic identity number, and `fixedTestCode` (the policy above).
  func acceptsFixedTestCode(_ code: OneTimeCode, for account: Account) -> Bool {
    settings.environment == .test && account.kind?.isSynthetic == true && code.text == Self.fixedTestCode
  }

  /// The refusal an account gets before any secret is checked, if any.
  static func refusal(_ account: Account, action: AccountAction, now: Timestamp) -> AccountError? {
    switch account.state(at: now) {
    case .temporarilyLocked: .temporarilyLocked(until: account.lockedUntil ?? now)
    case .blocked: .stateForbids(action: action, state: .blocked)
    // A closed account keeps its password hash for support, but no credential of it may be used: it is
    // never checked, or it could be guessed without end (a closed account is never locked).
    case .closed: .stateForbids(action: action, state: .closed)
    default: nil
    }
  }

  /// How long the k-th consecutive lock lasts, in minutes: doubling from `lockoutMinutes`, at most a week.
  func lockMinutes(period: Int) -> Int {
    var minutes = settings.lockoutMinutes
    for _ in 1..<max(period, 1) where minutes < Self.longestLockMinutes { minutes *= 2 }
    return min(minutes, Self.longestLockMinutes)
  }

  /// The secret was wrong: the reserved count stands, the failure is audited, and when the consecutive
  /// lock periods have run out the account is blocked until support unlocks it.
  ///
  /// - Returns: how many more wrong guesses this period admits (0 when this one locked or blocked the
  ///   account).
  func fail(_ reservation: Reservation, detail: String) throws -> Int {
    try store.write { transaction in
      guard var account = try transaction.account(id: reservation.accountID) else {
        throw AccountError.notFound
      }
      let now = time.timestamp
      var note = detail
      if let until = reservation.lockSet {
        let limit = settings.lockoutThreshold * settings.lockoutPeriodsBeforeBlock
        if account.failedAttempts >= limit, account.storedState != .closed {
          account.storedState = .blocked
          account.blockReason = Self.lockoutBlockReason
          account.lockedUntil = nil
          account.updatedAt = now
          try transaction.updateAccount(account)
          note += "; blocked after \(account.failedAttempts) consecutive failures (reason LOCKOUT)"
        } else {
          note += "; temporarily locked until \(until.rfc3339)"
        }
        try AccountSessionEnding.end(
          account, reason: account.storedState == .blocked ? "account blocked (lockout)" : "account locked",
          actor: "person", transaction: transaction, now: now)
      }
      try transaction.audit(
        AuditDraft(
          actor: "person", action: reservation.action, about: account, outcome: .failed, detail: note),
        at: now)
      return reservation.attemptsLeft
    }
  }

  /// The secret was right but the authentication is not complete (the password before the SMS code): the
  /// reserved attempt is given back, and a lock it set is lifted. Call inside the step's success
  /// transaction, on the account read there, before it is written.
  func release(_ reservation: Reservation, on account: inout Account) {
    account.failedAttempts = max(0, account.failedAttempts - 1)
    if let lock = reservation.lockSet, account.lockedUntil == lock { account.lockedUntil = nil }
  }

  /// Gives the reserved attempt back in a transaction of its own, for a step that stops after a right
  /// secret for a reason that is no guess (a new password the policy refuses).
  func release(_ reservation: Reservation) throws {
    try store.write { transaction in
      guard var account = try transaction.account(id: reservation.accountID) else { return }
      release(reservation, on: &account)
      try transaction.updateAccount(account)
    }
  }

  /// Inside a step's success transaction, after the secret was right: the refusal, audited, when the
  /// account's state (as read there) does not allow `action` any more; nil when it does.
  func stateRefusal(
    _ account: Account, action: AccountAction, auditAction: AuditAction, transaction: any StoreTransaction,
    now: Timestamp
  ) throws -> AccountError? {
    let state = account.state(at: now)
    guard !AccountLifecycle.allows(action, in: state) else { return nil }
    let refusal = AccountError.stateForbids(action: action, state: state)
    try transaction.audit(
      AuditDraft(
        actor: "person", action: auditAction, about: account, outcome: .refused, detail: refusal.code),
      at: now)
    return refusal
  }

  /// The authentication is complete: the consecutive failures and any lock are cleared. Call inside the
  /// step's success transaction, on the account read there, before it is written.
  func succeed(on account: inout Account) {
    account.failedAttempts = 0
    account.lockedUntil = nil
  }
}
