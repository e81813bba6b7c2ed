/// Where an account is in its life (decisions §2).
///
/// `temporarilyLocked` is not stored: it is what an `active` or `letterSent` account shows while its
/// `lockedUntil` lies in the future, so the lock clears itself when the time passes.
public enum AccountState: String, Sendable, CaseIterable, Codable {
  case letterSent = "letter_sent"
  case active = "active"
  case temporarilyLocked = "temporarily_locked"
  case blocked = "blocked"
  case closed = "closed"
}

/// What can be done to an account.
public enum AccountAction: String, Sendable, CaseIterable {
  case activate
  case login
  case resendLetter = "resend letter"
  case update
  case block
  case unlock
  case reset
  case recover
  case close
  case purge
}

extension AccountAction {
  /// The action done to an account, as a refusal names it: "cannot *log in to an account* in state
  /// blocked".
  public var phrase: String {
    switch self {
    case .activate: "activate an account"
    case .login: "log in to an account"
    case .resendLetter: "resend a letter to an account"
    case .update: "update an account"
    case .block: "block an account"
    case .unlock: "unlock an account"
    case .reset: "reset an account"
    case .recover: "recover the password of an account"
    case .close: "close an account"
    case .purge: "purge an account"
    }
  }
}

/// The one table of which action each state allows; every refusal names the state and the action.
///
/// Only `unlock` lifts a block: `reset` of a blocked account is refused, so a `DEAD` or `SPERRET` block
/// never turns into a new letter (decisions §2). A temporarily locked account cannot be recovered until
/// the lock passes: recovery codes are guesses like any other (`AuthenticationGate`).
public enum AccountLifecycle {
  static let allowed: [AccountState: Set<AccountAction>] = [
    .letterSent: [.activate, .resendLetter, .update, .block, .reset, .close, .purge],
    .active: [.login, .update, .block, .reset, .recover, .close, .purge],
    .temporarilyLocked: [.update, .block, .unlock, .reset, .close, .purge],
    .blocked: [.update, .unlock, .close, .purge],
    .closed: [.purge],
  ]

  /// Whether the lifecycle table lets `action` happen in `state` (decisions §2).
  public static func allows(_ action: AccountAction, in state: AccountState) -> Bool {
    allowed[state, default: []].contains(action)
  }

  /// - Throws: `AccountError.stateForbids` unless `state` allows `action`.
  public static func check(_ action: AccountAction, in state: AccountState) throws(AccountError) {
    guard allows(action, in: state) else { throw .stateForbids(action: action, state: state) }
  }
}
