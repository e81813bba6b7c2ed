/// A MinID account as the store keeps it.
public struct Account: Sendable, Equatable {
  /// The store's id; 0 until inserted.
  public internal(set) var id: Int64
  /// The identity number; nil once the account's personal data is purged.
  public var pid: String?
  /// How the audit trail names the account: 32 random bytes in base64url (43 characters), chosen at
  /// registration and linked to the identity number only through this row, so once a purge erases the
  /// number nothing in the store ties the account's entries to the person (`newPseudonym`). Accounts made
  /// before minid 0.10 carry the keyed hash of their number instead (`StoreSecrets.pseudonym(of:)`).
  public var pseudonym: String
  /// The kind of identity number; nil once purged.
  public var kind: IdentityNumberKind?
  /// The mobile number one-time codes go to.
  public var phone: PhoneNumber?
  /// The e-mail address recovery codes and notices go to.
  public var email: EmailAddress?
  /// The postal address letters go to.
  public var address: String?
  /// The stored state: `letterSent`, `active`, `blocked` or `closed`.
  public var storedState: AccountState
  /// The reason code of a block (`SPERRET`, `DEAD`, `SELVVALGT`, …).
  public var blockReason: String?
  /// The PHC string of the password, once one is set.
  public var passwordHash: String?
  /// Consecutive failed authentication attempts (letter code, password, one-time code).
  public var failedAttempts: Int
  /// The end of a temporary lock; a lock is a time, not a state, so it ends without a write.
  public var lockedUntil: Timestamp?
  /// When the account was registered.
  public var createdAt: Timestamp
  /// When the row last changed.
  public var updatedAt: Timestamp
  /// When a letter code first activated it.
  public var activatedAt: Timestamp?

  /// An account with these fields.
  public init(
    id: Int64, pid: String?, pseudonym: String, kind: IdentityNumberKind?, phone: PhoneNumber?,
    email: EmailAddress?, address: String?, storedState: AccountState, blockReason: String? = nil,
    passwordHash: String? = nil, failedAttempts: Int = 0, lockedUntil: Timestamp? = nil,
    createdAt: Timestamp, updatedAt: Timestamp, activatedAt: Timestamp? = nil
  ) {
    self.id = id
    self.pid = pid
    self.pseudonym = pseudonym
    self.kind = kind
    self.phone = phone
    self.email = email
    self.address = address
    self.storedState = storedState
    self.blockReason = blockReason
    self.passwordHash = passwordHash
    self.failedAttempts = failedAttempts
    self.lockedUntil = lockedUntil
    self.createdAt = createdAt
    self.updatedAt = updatedAt
    self.activatedAt = activatedAt
  }

  /// A new account's audit pseudonym: random, not derived from the identity number, so hashing candidate
  /// numbers with the store's keys cannot find a purged person's entries.
  public static func newPseudonym(random: any RandomSource) -> String {
    Base64.encode(random.bytes(32), urlSafe: true)
  }

  /// The state as the person meets it at `now`: a temporary lock shows while it lasts.
  public func state(at now: Timestamp) -> AccountState {
    if let lockedUntil, lockedUntil > now, storedState == .active || storedState == .letterSent {
      return .temporarilyLocked
    }
    return storedState
  }
}

/// Refusals about accounts: not found, already there, or not allowed in this state.
public enum AccountError: MinIDError, Equatable {
  case notFound
  case alreadyRegistered(AccountState)
  case stateForbids(action: AccountAction, state: AccountState)
  case temporarilyLocked(until: Timestamp)

  /// The stable snake_case code scripts match on (`MinIDError.code`).
  public var code: String {
    switch self {
    case .notFound: "account_not_found"
    case .alreadyRegistered: "account_exists"
    case .stateForbids: "state_forbids"
    case .temporarilyLocked: "temporarily_locked"
    }
  }

  /// What kind of failure this is; the command line chooses the exit status from it.
  public var category: ErrorCategory {
    switch self {
    case .notFound: .notFound
    case .alreadyRegistered: .conflict
    case .stateForbids, .temporarilyLocked: .stateForbids
    }
  }

  /// The sentence shown: it names the field and the rule, never a secret or a full identity number.
  public var message: String {
    switch self {
    case .notFound: "no account has that identity number"
    case .alreadyRegistered(let state):
      "this person already has an account (state \(state.rawValue)); one account per identity number"
    case .stateForbids(let action, let state):
      "cannot \(action.phrase) in state \(state.rawValue)"
    case .temporarilyLocked(let until):
      "the account is temporarily locked after too many failed attempts, until \(until.rfc3339)"
    }
  }
}
