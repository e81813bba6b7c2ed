/// An account as support sees it: its state now, its letters and its lock.
public struct AccountDetails: Sendable {
  /// The account as stored.
  public let account: Account
  /// Its state at `now` (a temporary lock included).
  public let state: AccountState
  /// Every activation letter sent to it, oldest first.
  public let letters: [ActivationLetter]
  /// The moment the state was judged at.
  public let now: Timestamp
  /// The MinID app device enrolled on the account, if any.
  public let device: AppDevice?
  /// The code generator enrolled on the account, if any (its secret is never shown again).
  public let totp: TOTPCredential?

  /// Details with these fields.
  public init(
    account: Account, state: AccountState, letters: [ActivationLetter], now: Timestamp,
    device: AppDevice? = nil,
    totp: TOTPCredential? = nil
  ) {
    self.account = account
    self.state = state
    self.letters = letters
    self.now = now
    self.device = device
    self.totp = totp
  }

  /// The newest letter's status.
  public var letterStatus: ActivationLetter.Status? { letters.first?.status(at: now) }
}

extension AccountService {
  /// The account with identity number `pid` and its letters.
  /// - Throws: `AccountError.notFound`; `IdentityNumberError` when `pid` is not 11 digits; the store's
  ///   error when it cannot be read.
  public func details(pid: String) throws -> AccountDetails {
    try store.read { transaction in
      let account = try account(pid: pid, in: transaction)
      let now = time.timestamp
      return AccountDetails(
        account: account, state: account.state(at: now),
        letters: try transaction.letters(accountID: account.id), now: now,
        device: try transaction.appDevice(accountID: account.id),
        totp: try transaction.totpCredential(accountID: account.id))
    }
  }

  /// Accounts, optionally only those in `state` as they stand now (temporary locks included).
  public func list(state: AccountState?, limit: Int? = nil) throws -> [AccountDetails] {
    try store.read { transaction in
      let now = time.timestamp
      let stored: AccountState? =
        switch state {
        case .temporarilyLocked, nil: nil
        case let state?: state
        }
      return try transaction.accounts(storedState: stored, limit: state == .temporarilyLocked ? nil : limit)
        .map { AccountDetails(account: $0, state: $0.state(at: now), letters: [], now: now) }
        .filter { state == nil || $0.state == state }
        .prefix(limit ?? Int.max).map { $0 }
    }
  }
}
