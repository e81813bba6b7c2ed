/// The account lifecycle, as the command line and tests drive it: each public method is one operation,
/// one write transaction, with its audit entry inside it.
public struct AccountService: Sendable {
  /// The store the accounts are kept in.
  public let store: any Store
  /// The clock every expiry and lock is judged by.
  public let time: any TimeSource
  /// Where codes, salts and ids come from.
  public let random: any RandomSource
  /// Who is acting, for the audit trail: `admin:<account>` for support commands.
  public let actor: AuditActor
  /// The day identity-number rules are judged on (`--today`); the clock's day when nil.
  public let referenceDate: CalendarDate?

  /// A service over `store`.
  public init(
    store: any Store, time: any TimeSource, random: any RandomSource, actor: AuditActor,
    referenceDate: CalendarDate? = nil
  ) {
    self.store = store
    self.time = time
    self.random = random
    self.actor = actor
    self.referenceDate = referenceDate
  }

  var settings: StoreSettings { store.settings }
  var today: CalendarDate { referenceDate ?? time.today() }

  /// The account with this identity number.
  /// - Throws: `IdentityNumberError` for a malformed number, `AccountError.notFound`.
  public func account(pid text: String, in transaction: any StoreTransaction) throws -> Account {
    let pid = try checkedDigits(text)
    guard let account = try transaction.account(pid: pid) else { throw AccountError.notFound }
    return account
  }

  /// The 11 digits of `text` when it is a well-formed number of any kind; registration applies the full
  /// policy, lookups only the rules no reference date can change (`IdentityNumberValidator.lookupDigits`).
  func checkedDigits(_ text: String) throws(IdentityNumberError) -> String {
    try IdentityNumberValidator.lookupDigits(text, today: today)
  }

  /// The lockout every authentication step passes (`AuthenticationGate`).
  var gate: AuthenticationGate { AuthenticationGate(store: store, time: time) }
}
