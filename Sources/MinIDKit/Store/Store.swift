/// The store as the domain sees it: transactions over the repositories below, implemented by SQLite and
/// by PostgreSQL over the same queries.
///
/// A store is deliberately not `Sendable`, and neither are the services over it (`AccountService`,
/// `OpenIDProvider`, …): each holds one database connection, which one thread uses at a time. Concurrency
/// comes from more connections, not from sharing one: a `minid` process opens one store; `minid serve`
/// opens one per worker thread on its first request and keeps it for the thread's life
/// (`HTTPWorkerContext`), at most `--workers` + 2. Writers on those connections are serialised by the
/// store's own write transactions, across threads exactly as across processes (decisions §5).
public protocol Store: AnyObject, Sendable {
  /// The store's settings and secrets, read once when it was opened.
  var settings: StoreSettings { get }
  var secrets: StoreSecrets { get }

  /// Runs `body` in one write transaction (serialised with every other writer) and ends it as `body`
  /// says: `.commit` keeps its writes, `.rollback` undoes them and still returns the result (a dry run).
  /// A throw rolls back. The body may run more than once when the store is busy, so it must not have
  /// effects outside the transaction.
  func inTransaction<T>(_ body: (any StoreTransaction) throws -> (T, TransactionCompletion)) throws -> T

  /// Runs `body` against one consistent snapshot.
  func read<T>(_ body: (any StoreTransaction) throws -> T) throws -> T

  /// Makes the store drop the old versions of rows changed so far, so erased personal data survives in no
  /// log or page: SQLite checkpoints its write-ahead log and truncates it (deleted content is already
  /// zeroed by `secure_delete`); PostgreSQL leaves dead row versions to VACUUM, which is the server's.
  /// Best effort while other connections read: their snapshot keeps the log until they finish.
  func discardOldRowVersions() throws
}

extension Store {
  /// Runs `body` in one write transaction that commits when it returns and rolls back when it throws
  /// (`inTransaction` with `.commit`).
  @discardableResult
  public func write<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
    try inTransaction { (try body($0), .commit) }
  }
}

/// Everything one transaction can reach.
public protocol StoreTransaction:
  AccountRepository, LetterRepository, OutboxRepository, AuditRepository, ServiceRepository, KeyRepository,
  LoginRepository, SettingsRepository, OpenIDRepository, SessionRepository, SecondFactorRepository
{}

/// Single sign-on sessions (`minid serve`): kept with the keyed hash of the browser's cookie; every end is
/// a conditional update, so of two racing ends one reports it.
public protocol SessionRepository {
  func insertSession(_ session: SSOSession, cookieHash: [UInt8]) throws
  /// The session a cookie hash names, live or not, with its clients.
  func session(cookieHash: [UInt8]) throws -> SSOSession?
  /// Every session of an identity number, newest first, with their clients.
  func sessions(pid: String) throws -> [SSOSession]
  /// Records that the session answered an authentication request at `at` (its idle time starts again).
  func touchSession(id: String, at: Timestamp) throws
  /// Ends a session; false when it had ended already or does not exist.
  func endSession(id: String, at: Timestamp, reason: String) throws -> Bool
  /// Ends every session of an identity number that has not ended; returns the ids ended.
  func endSessions(pid: String, at: Timestamp, reason: String) throws -> [String]
  /// The grants issued in a session.
  func grants(sessionID: String) throws -> [OAuthGrant]
  /// Deletes sessions that ended, or expired (idle or at their maximum), before `before`.
  func pruneSessions(before: Timestamp) throws
  /// Deletes every session naming an identity number: a purge's part.
  func deleteSessions(pid: String) throws
}

/// What `minid serve` keeps: client registrations, grants, codes, refresh tokens and authorization
/// requests. Codes and tokens are kept only as hashes; every "used" mark is a conditional update, so
/// only one of several racing requests wins.
public protocol OpenIDRepository {
  func client(clientID: String) throws -> ClientRegistration?
  /// Inserts or replaces the registration of an existing service.
  func saveClient(_ client: ClientRegistration) throws
  func insertGrant(_ grant: OAuthGrant) throws
  func grant(id: String) throws -> OAuthGrant?
  /// Revokes a grant; false when it was revoked already or does not exist.
  func revokeGrant(id: String, at: Timestamp) throws -> Bool
  func insertAuthorizationCode(_ code: AuthorizationCodeRecord) throws
  func authorizationCode(hash: [UInt8]) throws -> AuthorizationCodeRecord?
  /// Marks a code used; false when another request used it first.
  func markAuthorizationCodeUsed(hash: [UInt8], at: Timestamp) throws -> Bool
  func insertRefreshToken(_ token: RefreshTokenRecord) throws
  func refreshToken(hash: [UInt8]) throws -> RefreshTokenRecord?
  /// Marks a refresh token used; false when another request used it first.
  func markRefreshTokenUsed(hash: [UInt8], at: Timestamp) throws -> Bool
  func insertAuthorizationRequest(_ request: StoredAuthorizationRequest) throws
  func authorizationRequest(id: String) throws -> StoredAuthorizationRequest?
  /// Marks a stored request used; false when it was used already.
  func markAuthorizationRequestUsed(id: String, at: Timestamp) throws -> Bool
  /// Removes every grant (with its codes and refresh tokens) naming an identity number: a purge's part.
  func deleteGrants(pid: String) throws
  /// Records a client assertion's `jti` as used until `expiresAt`, first pruning every record expired at
  /// `now`; false when the client used that `jti` already (a replay, RFC 7523 §3 item 7).
  func useClientAssertion(clientID: String, jti: String, expiresAt: Timestamp, now: Timestamp) throws -> Bool
}

/// The settings rows as they are now: `Store.settings` was read when the store was opened, and the audit
/// trail's settings record is compared with what the rows hold in the same snapshot as the trail.
public protocol SettingsRepository {
  /// - Throws: `StoreError.notAStore` when a setting is missing or unreadable.
  func storeSettings() throws -> StoreSettings
}

/// The services (OpenID Connect clients) people log in to.
public protocol ServiceRepository {
  func service(clientID: String) throws -> Service?
  func services() throws -> [Service]
  func insertService(_ service: Service) throws
  /// Removes a service; false when there was none.
  func deleteService(clientID: String) throws -> Bool
}

/// Token signing keys.
public protocol KeyRepository {
  /// Every key with its private half, newest first: for signing and key management only.
  func signingKeys() throws -> [SigningKey]
  /// Every key without its private half (the `private_der` column is never read), newest first: for the
  /// JWKS, discovery and token verification.
  func publicSigningKeys() throws -> [PublicSigningKey]
  func insertSigningKey(_ key: SigningKey) throws
  /// Makes `kid` the one active key.
  func activateSigningKey(kid: String) throws
  /// Sets the time from which `kid` signs (`SigningKeySchedule`); the `active` flag is left alone.
  func scheduleSigningKey(kid: String, at: Timestamp) throws
  func retireSigningKey(kid: String, at: Timestamp) throws
}

/// Login attempts (password checked, SMS code sent) and password recoveries.
public protocol LoginRepository {
  func insertLoginAttempt(_ attempt: LoginAttempt) throws
  func loginAttempt(id: String) throws -> LoginAttempt?
  /// Marks the attempt used if it still is unused; false when another process used it first.
  func markLoginAttemptUsed(id: String, at: Timestamp) throws -> Bool
  func insertRecovery(_ recovery: RecoveryAttempt) throws -> Int64
  /// The newest recovery of an account.
  func latestRecovery(accountID: Int64) throws -> RecoveryAttempt?
  func markRecoveryUsed(id: Int64, at: Timestamp) throws -> Bool
}

/// Accounts by identity number or id.
public protocol AccountRepository {
  func account(pid: String) throws -> Account?
  func account(id: Int64) throws -> Account?
  /// Inserts and returns the new account's id.
  func insertAccount(_ account: Account) throws -> Int64
  /// Inserts each account unless one has the same identity number (stored already, or earlier in the
  /// list); returns the new ids in order, nil for those left out. One statement for many rows: bulk
  /// import's writer spends less on statements than on rows.
  func insertAccountsIfAbsent(_ accounts: [Account]) throws -> [Int64?]
  func updateAccount(_ account: Account) throws
  /// Accounts in `state` (stored state; nil for all), ordered by id.
  func accounts(storedState: AccountState?, limit: Int?) throws -> [Account]
  /// Every account with this phone number, e-mail address or case reference (exact).
  func accounts(matching key: AccountLookup) throws -> [Account]
  /// Streams accounts in id order without holding them all; `body` returns false to stop.
  func forEachAccount(storedState: AccountState?, _ body: (Account) throws -> Bool) throws
  func addCaseReference(accountID: Int64, reference: String, at: Timestamp) throws
  func caseReferences(accountID: Int64) throws -> [String]
  /// Makes every pending letter, login code and recovery code of the account unusable.
  func invalidatePendingCodes(accountID: Int64, at: Timestamp) throws
  /// Erases what the outbox and the code tables hold about the account (bodies, recipients, code rows).
  func erasePersonalData(accountID: Int64) throws
  /// Counts for `db stats`.
  func statistics() throws -> StoreStatistics
}

/// How `account find` looks accounts up.
public enum AccountLookup: Sendable, Equatable {
  case phone(String)
  case email(String)
  case caseReference(String)
}

/// What `db stats` shows.
public struct StoreStatistics: Sendable, Equatable, Encodable {
  /// Accounts by stored state.
  public var accountsByState: [String: Int64]
  /// Messages not yet drained.
  public var outboxPending: Int64
  /// Messages in the outbox.
  public var outboxTotal: Int64
  /// Entries in the audit trail.
  public var auditEntries: Int64
  /// Registered services.
  public var services: Int64
  /// Signing keys, retired ones included.
  public var signingKeys: Int64
}

/// Activation letters.
public protocol LetterRepository {
  /// Sends letters, at most one per account: for each, an outbox message that keeps the letter's address
  /// and code (its text is composed when the message is read) and a letter row that keeps the code's hash
  /// and points at the message. Returns the new ids in the order given. Two statements for many letters:
  /// bulk import sends one per imported person.
  /// - Throws: `StoreError.invalidSetting` when an account comes twice or a row was not added.
  func insertLetters(_ letters: [LetterDraft], at: Timestamp) throws -> [(letterID: Int64, outboxID: Int64)]
  /// The account's letters, newest first.
  func letters(accountID: Int64) throws -> [ActivationLetter]
  /// Marks a letter used if it still is unused; false when another process used it first.
  func markLetterUsed(id: Int64, at: Timestamp) throws -> Bool
  func revokeLetters(accountID: Int64, at: Timestamp) throws
}

/// Letters, SMS and e-mails.
public protocol OutboxRepository {
  @discardableResult
  func insertMessage(_ draft: OutboxDraft, at: Timestamp) throws -> Int64
  func message(id: Int64) throws -> OutboxMessage?
  func messages(_ filter: OutboxFilter) throws -> [OutboxMessage]
  /// Forgets a message's body once it has been handed on.
  func markDrained(id: Int64, to destination: String, at: Timestamp) throws
}

/// The append-only, hash-chained audit trail.
public protocol AuditRepository {
  /// The last entry's sequence number and hash.
  func auditHead() throws -> (sequence: Int64, hash: [UInt8])?
  func insertAudit(_ entry: AuditEntry) throws
  /// Inserts consecutive entries, in as few statements as the backend needs (`SQLConnection.appendRows`).
  func insertAudit(_ entries: [AuditEntry]) throws
  /// Entries in sequence order (or, with `descending`, from the newest back) that match every part of
  /// `filter`: about one person (their identity number and its pseudonym), from a time, with an action,
  /// with a case reference; at most `limit` of them.
  func auditEntries(_ filter: AuditFilter) throws -> [AuditEntry]
  /// The times, oldest first, of the entries with `action` since `since` that were not refusals, about the
  /// account row `accountID` or filed under no row with `pseudonym`: how often a person asked for codes.
  func auditTimes(accountID: Int64?, pseudonym: String, action: AuditAction, since: Timestamp) throws
    -> [Timestamp]
  /// The first entry filed under an account row whose pseudonym is not the one the entry names.
  func firstMisfiledAuditEntry() throws -> Int64?
  /// Every entry in order, for verification; `body` returns false to stop.
  func forEachAuditEntry(_ body: (Result<AuditEntry, AuditBreak>) throws -> Bool) throws
}

/// Appends many entries in one transaction, reading the chain's head once instead of per entry.
public struct AuditAppender {
  let transaction: any StoreTransaction
  private var head: (sequence: Int64, hash: [UInt8])?

  /// An appender after the chain's current head in `transaction`.
  /// - Throws: the store's error when the head cannot be read.
  public init(_ transaction: any StoreTransaction) throws {
    self.transaction = transaction
    head = try transaction.auditHead()
  }

  /// Appends `draft` as the next entry at `at` and returns it.
  /// - Throws: the store's error when the entry cannot be inserted.
  @discardableResult
  public mutating func append(_ draft: AuditDraft, at: Timestamp) throws -> AuditEntry {
    let entry = AuditChain.next(after: head, draft: draft, at: at)
    try transaction.insertAudit(entry)
    head = (entry.sequence, entry.hash)
    return entry
  }

  /// Appends several entries, chained in order, inserted together (`insertAudit`).
  public mutating func append(contentsOf drafts: [AuditDraft], at: Timestamp) throws {
    guard !drafts.isEmpty else { return }
    var entries: [AuditEntry] = []
    entries.reserveCapacity(drafts.count)
    for draft in drafts {
      let entry = AuditChain.next(after: head, draft: draft, at: at)
      entries.append(entry)
      head = (entry.sequence, entry.hash)
    }
    try transaction.insertAudit(entries)
  }
}

extension StoreTransaction {
  /// Appends an entry to the chain, in this transaction.
  @discardableResult
  public func audit(_ draft: AuditDraft, at: Timestamp) throws -> AuditEntry {
    let entry = AuditChain.next(after: try auditHead(), draft: draft, at: at)
    try insertAudit(entry)
    return entry
  }
}
