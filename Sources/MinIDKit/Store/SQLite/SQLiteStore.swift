import CSQLite

#if canImport(Glibc)
  import Glibc
#endif

/// The embedded default store: one SQLite file (plus its `-wal` and `-shm`) in a 0700 directory.
public final class SQLiteStore: Store {
  public let connection: SQLiteConnection
  public let settings: StoreSettings
  public let secrets: StoreSecrets

  private init(connection: SQLiteConnection, settings: StoreSettings, secrets: StoreSecrets) {
    self.connection = connection
    self.settings = settings
    self.secrets = secrets
  }

  @discardableResult
  public func write<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
    try connection.writeTransaction { try body(SQLiteStoreTransaction(connection: connection)) }
  }

  public func read<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
    try connection.readTransaction { try body(SQLiteStoreTransaction(connection: connection)) }
  }

  /// Opens an existing store, upgrading its schema if it is older than this minid.
  /// - Throws: `StoreError.missing` with the command that creates one, `.newerSchema`, `.notAStore`.
  public static func open(path: String) throws -> SQLiteStore {
    guard access(path, F_OK) == 0 else { throw StoreError.missing(path: path) }
    var status = stat()
    if stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
      throw StoreError.isDirectory(path: path)
    }
    let connection: SQLiteConnection
    do {
      connection = try SQLiteConnection(path: path)
      let version = try connection.userVersion
      if version == 0 { throw StoreError.notAStore(path: path) }
      if version != SQLiteSchema.latestVersion { try SQLiteSchema.migrate(connection) }
    } catch let error as SQLiteError where error.primaryCode == SQLITE_NOTADB {
      throw StoreError.notAStore(path: path)
    }
    let (settings, secrets) = try loadConfiguration(connection)
    return SQLiteStore(connection: connection, settings: settings, secrets: secrets)
  }

  /// Creates a new store: the directory (0700) if needed, the file (0600), the schema, the settings and
  /// fresh secrets, and the first audit entry, all or nothing.
  /// - Throws: `StoreError.alreadyInitialized` when a file is already there.
  public static func create(
    path: String, settings: StoreSettings, secrets: StoreSecrets, actor: String, signingKey: SigningKey? = nil
  ) throws -> SQLiteStore {
    let location = StoreLocation(path: path, source: .option)
    try makeDirectory(location.directory)
    guard access(path, F_OK) != 0 else { throw StoreError.alreadyInitialized(path: path) }
    let previousMask = umask(0o077)
    defer { umask(previousMask) }
    var created = false
    do {
      let connection = try SQLiteConnection(path: path, create: true)
      created = true
      chmod(path, 0o600)
      try SQLiteSchema.migrate(connection)
      try connection.writeTransaction {
        let rows: [(String, String)] = [
          ("environment", settings.environment.rawValue), ("issuer", settings.issuer),
          ("letter_validity_days", String(settings.letterValidityDays)),
          ("reset_letter_validity_days", String(settings.resetLetterValidityDays)),
          ("lockout_threshold", String(settings.lockoutThreshold)),
          ("lockout_minutes", String(settings.lockoutMinutes)), ("scrypt", settings.scrypt.description),
          ("created_at", String(settings.createdAt.seconds)),
        ]
        for (key, value) in rows {
          try connection.run("INSERT INTO store_info (key, value) VALUES (?, ?)", [.text(key), .text(value)])
        }
        for (name, value) in [
          ("pseudonym_key", secrets.pseudonymKey), ("code_key", secrets.codeKey),
          ("subject_key", secrets.subjectKey),
        ] {
          try connection.run(
            "INSERT INTO store_secret (name, value) VALUES (?, ?)", [.text(name), .blob(value)])
        }
        let transaction = SQLiteStoreTransaction(connection: connection)
        try transaction.audit(
          AuditDraft(
            actor: actor, action: "store.init",
            detail: "environment \(settings.environment.rawValue), issuer \(settings.issuer)"),
          at: settings.createdAt)
        if let signingKey {
          try transaction.insertSigningKey(signingKey)
          try transaction.activateSigningKey(kid: signingKey.kid)
          try transaction.audit(
            AuditDraft(
              actor: actor, action: "key.create",
              detail: "\(signingKey.algorithm.rawValue) \(signingKey.kid); active"),
            at: settings.createdAt)
        }
      }
      return SQLiteStore(connection: connection, settings: settings, secrets: secrets)
    } catch {
      // Leave nothing half made behind: a failed init can simply be run again.
      if created {
        for suffix in ["", "-wal", "-shm", "-journal"] { unlink(path + suffix) }
      }
      throw error
    }
  }

  private static func makeDirectory(_ directory: String) throws {
    var current = directory.hasPrefix("/") ? "" : "."
    for component in directory.split(separator: "/") {
      current += "/" + component
      if access(current, F_OK) == 0 { continue }
      guard mkdir(current, 0o700) == 0 || errno == EEXIST else {
        throw StoreError.cannotCreate(path: current, reason: String(cString: strerror(errno)))
      }
    }
  }

  private static func loadConfiguration(_ connection: SQLiteConnection) throws -> (
    StoreSettings, StoreSecrets
  ) {
    var info: [String: String] = [:]
    try connection.query("SELECT key, value FROM store_info") { info[$0.text(0)] = $0.text(1) }
    var keys: [String: [UInt8]] = [:]
    try connection.query("SELECT name, value FROM store_secret") { keys[$0.text(0)] = $0.blob(1) }
    func number(_ key: String) throws -> Int {
      guard let value = info[key].flatMap(Int.init) else { throw StoreError.notAStore(path: connection.path) }
      return value
    }
    guard let environment = info["environment"].flatMap(StoreEnvironment.init(rawValue:)),
      let issuer = info["issuer"], let scryptText = info["scrypt"],
      let scrypt = Self.parseScrypt(scryptText),
      let pseudonymKey = keys["pseudonym_key"], let codeKey = keys["code_key"],
      let subjectKey = keys["subject_key"]
    else { throw StoreError.notAStore(path: connection.path) }
    let settings = StoreSettings(
      environment: environment, issuer: issuer, letterValidityDays: try number("letter_validity_days"),
      resetLetterValidityDays: try number("reset_letter_validity_days"),
      lockoutThreshold: try number("lockout_threshold"), lockoutMinutes: try number("lockout_minutes"),
      scrypt: scrypt, createdAt: Timestamp(seconds: Int64(try number("created_at"))))
    return (settings, StoreSecrets(pseudonymKey: pseudonymKey, codeKey: codeKey, subjectKey: subjectKey))
  }

  static func parseScrypt(_ text: String) -> ScryptParameters? {
    let values = text.split(separator: ",").compactMap { $0.split(separator: "=").last.flatMap { Int($0) } }
    guard values.count == 3 else { return nil }
    return ScryptParameters(ln: values[0], r: values[1], p: values[2])
  }
}

/// The repositories over one SQLite connection inside a transaction.
struct SQLiteStoreTransaction: StoreTransaction {
  let connection: SQLiteConnection

  // MARK: accounts

  static let accountColumns = """
    id, pid, pseudonym, kind, phone, email, address, state, block_reason, password_hash, failed_attempts,
    locked_until, created_at, updated_at, activated_at
    """

  static func account(_ row: SQLiteRow) -> Account {
    Account(
      id: row.int64(0), pid: row.optionalText(1), pseudonym: row.text(2),
      kind: row.optionalText(3).flatMap(IdentityNumberKind.init(rawValue:)),
      phone: row.optionalText(4).map(PhoneNumber.init(stored:)),
      email: row.optionalText(5).map(EmailAddress.init(stored:)),
      address: row.optionalText(6), storedState: AccountState(rawValue: row.text(7)) ?? .closed,
      blockReason: row.optionalText(8), passwordHash: row.optionalText(9), failedAttempts: Int(row.int64(10)),
      lockedUntil: row.optionalInt64(11).map(Timestamp.init(seconds:)),
      createdAt: Timestamp(seconds: row.int64(12)),
      updatedAt: Timestamp(seconds: row.int64(13)),
      activatedAt: row.optionalInt64(14).map(Timestamp.init(seconds:)))
  }

  private static func values(_ account: Account) -> [SQLiteValue] {
    [
      .optional(account.pid), .text(account.pseudonym), .optional(account.kind?.rawValue),
      .optional(account.phone?.e164),
      .optional(account.email?.address), .optional(account.address), .text(account.storedState.rawValue),
      .optional(account.blockReason), .optional(account.passwordHash),
      .integer(Int64(account.failedAttempts)),
      .optional(account.lockedUntil?.seconds), .integer(account.createdAt.seconds),
      .integer(account.updatedAt.seconds),
      .optional(account.activatedAt?.seconds),
    ]
  }

  func account(pid: String) throws -> Account? {
    try connection.first(
      "SELECT \(Self.accountColumns) FROM account WHERE pid = ?", [.text(pid)], Self.account)
  }

  func account(id: Int64) throws -> Account? {
    try connection.first(
      "SELECT \(Self.accountColumns) FROM account WHERE id = ?", [.integer(id)], Self.account)
  }

  func insertAccount(_ account: Account) throws -> Int64 {
    try connection.run(
      """
      INSERT INTO account (pid, pseudonym, kind, phone, email, address, state, block_reason, password_hash,
        failed_attempts, locked_until, created_at, updated_at, activated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """, Self.values(account))
    return connection.lastInsertedRowID
  }

  func insertAccountIfAbsent(_ account: Account) throws -> Int64? {
    let changed = try connection.run(
      """
      INSERT INTO account (pid, pseudonym, kind, phone, email, address, state, block_reason, password_hash,
        failed_attempts, locked_until, created_at, updated_at, activated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (pid) DO NOTHING
      """, Self.values(account))
    return changed == 1 ? connection.lastInsertedRowID : nil
  }

  func updateAccount(_ account: Account) throws {
    try connection.run(
      """
      UPDATE account SET pid = ?, pseudonym = ?, kind = ?, phone = ?, email = ?, address = ?, state = ?,
        block_reason = ?, password_hash = ?, failed_attempts = ?, locked_until = ?, created_at = ?, updated_at = ?,
        activated_at = ?
      WHERE id = ?
      """, Self.values(account) + [.integer(account.id)])
  }

  func accounts(storedState: AccountState?, limit: Int?) throws -> [Account] {
    var sql = "SELECT \(Self.accountColumns) FROM account"
    var values: [SQLiteValue] = []
    if let storedState {
      sql += " WHERE state = ?"
      values.append(.text(storedState.rawValue))
    }
    sql += " ORDER BY id"
    if let limit { sql += " LIMIT \(limit)" }
    return try connection.rows(sql, values, Self.account)
  }

  // MARK: letters

  func insertLetter(
    accountID: Int64, codeHash: [UInt8], createdAt: Timestamp, expiresAt: Timestamp, outboxID: Int64?
  )
    throws -> Int64
  {
    try connection.run(
      "INSERT INTO activation_letter (account_id, code_hash, created_at, expires_at, outbox_id) VALUES (?, ?, ?, ?, ?)",
      [
        .integer(accountID), .blob(codeHash), .integer(createdAt.seconds), .integer(expiresAt.seconds),
        .optional(outboxID),
      ])
    return connection.lastInsertedRowID
  }

  func letters(accountID: Int64) throws -> [ActivationLetter] {
    try connection.rows(
      """
      SELECT id, account_id, code_hash, created_at, expires_at, used_at, revoked_at, outbox_id
      FROM activation_letter WHERE account_id = ? ORDER BY id DESC
      """, [.integer(accountID)]
    ) { row in
      ActivationLetter(
        id: row.int64(0), accountID: row.int64(1), codeHash: row.blob(2),
        createdAt: Timestamp(seconds: row.int64(3)),
        expiresAt: Timestamp(seconds: row.int64(4)),
        usedAt: row.optionalInt64(5).map(Timestamp.init(seconds:)),
        revokedAt: row.optionalInt64(6).map(Timestamp.init(seconds:)), outboxID: row.optionalInt64(7))
    }
  }

  func markLetterUsed(id: Int64, at: Timestamp) throws -> Bool {
    try connection.run(
      "UPDATE activation_letter SET used_at = ? WHERE id = ? AND used_at IS NULL AND revoked_at IS NULL",
      [.integer(at.seconds), .integer(id)]) == 1
  }

  func revokeLetters(accountID: Int64, at: Timestamp) throws {
    try connection.run(
      "UPDATE activation_letter SET revoked_at = ? WHERE account_id = ? AND used_at IS NULL AND revoked_at IS NULL",
      [.integer(at.seconds), .integer(accountID)])
  }

  // MARK: outbox

  private static let outboxColumns =
    "id, account_id, kind, recipient, subject, body, created_at, drained_at, drained_to"

  private static func message(_ row: SQLiteRow) -> OutboxMessage {
    OutboxMessage(
      id: row.int64(0), accountID: row.optionalInt64(1),
      kind: OutboxMessage.Kind(rawValue: row.text(2)) ?? .letter,
      recipient: row.text(3), subject: row.text(4), body: row.optionalText(5),
      createdAt: Timestamp(seconds: row.int64(6)),
      drainedAt: row.optionalInt64(7).map(Timestamp.init(seconds:)), drainedTo: row.optionalText(8))
  }

  func insertMessage(_ draft: OutboxDraft, at: Timestamp) throws -> Int64 {
    try connection.run(
      "INSERT INTO outbox (account_id, kind, recipient, subject, body, created_at) VALUES (?, ?, ?, ?, ?, ?)",
      [
        .optional(draft.accountID), .text(draft.kind.rawValue), .text(draft.recipient), .text(draft.subject),
        .text(draft.body), .integer(at.seconds),
      ])
    return connection.lastInsertedRowID
  }

  func message(id: Int64) throws -> OutboxMessage? {
    try connection.first(
      "SELECT \(Self.outboxColumns) FROM outbox WHERE id = ?", [.integer(id)], Self.message)
  }

  func messages(_ filter: OutboxFilter) throws -> [OutboxMessage] {
    var conditions: [String] = []
    var values: [SQLiteValue] = []
    if let accountID = filter.accountID {
      conditions.append("account_id = ?")
      values.append(.integer(accountID))
    }
    if let kind = filter.kind {
      conditions.append("kind = ?")
      values.append(.text(kind.rawValue))
    }
    if filter.undrainedOnly { conditions.append("drained_at IS NULL") }
    let whereClause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
    return try connection.rows(
      "SELECT \(Self.outboxColumns) FROM outbox\(whereClause) ORDER BY id", values, Self.message)
  }

  func markDrained(id: Int64, to destination: String, at: Timestamp) throws {
    try connection.run(
      "UPDATE outbox SET body = NULL, drained_at = ?, drained_to = ? WHERE id = ?",
      [.integer(at.seconds), .text(destination), .integer(id)])
  }

  // MARK: audit

  func auditHead() throws -> (sequence: Int64, hash: [UInt8])? {
    try connection.first("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1") {
      ($0.int64(0), $0.blob(1))
    }
  }

  func insertAudit(_ entry: AuditEntry) throws {
    try connection.run(
      """
      INSERT INTO audit (seq, at, actor, action, account, case_ref, outcome, detail, prev_hash, hash)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """,
      [
        .integer(entry.sequence), .integer(entry.at.seconds), .text(entry.actor), .text(entry.action),
        .optional(entry.account), .optional(entry.caseReference), .text(entry.outcome.rawValue),
        .text(entry.detail),
        .blob(entry.previousHash), .blob(entry.hash),
      ])
  }

  private static let auditColumns =
    "seq, at, actor, action, account, case_ref, outcome, detail, prev_hash, hash"

  private static func auditEntry(_ row: SQLiteRow) -> Result<AuditEntry, AuditBreak> {
    guard let outcome = AuditOutcome(rawValue: row.text(6)) else {
      return .failure(.unreadable(sequence: row.int64(0)))
    }
    return .success(
      AuditEntry(
        sequence: row.int64(0), at: Timestamp(seconds: row.int64(1)), actor: row.text(2), action: row.text(3),
        account: row.optionalText(4), caseReference: row.optionalText(5), outcome: outcome,
        detail: row.text(7),
        previousHash: row.blob(8), hash: row.blob(9)))
  }

  func auditEntries(account: String?, since: Timestamp?, limit: Int?) throws -> [AuditEntry] {
    var conditions: [String] = []
    var values: [SQLiteValue] = []
    if let account {
      conditions.append("account = ?")
      values.append(.text(account))
    }
    if let since {
      conditions.append("at >= ?")
      values.append(.integer(since.seconds))
    }
    let whereClause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
    var sql = "SELECT \(Self.auditColumns) FROM audit\(whereClause) ORDER BY seq"
    if let limit { sql += " LIMIT \(limit)" }
    return try connection.rows(sql, values) { try Self.auditEntry($0).get() }
  }

  func forEachAuditEntry(_ body: (Result<AuditEntry, AuditBreak>) throws -> Bool) throws {
    let statement = try connection.statement("SELECT \(Self.auditColumns) FROM audit ORDER BY seq")
    try statement.bind([])
    defer { statement.reset() }
    while try statement.step() {
      guard try body(Self.auditEntry(SQLiteRow(statement: statement.handle))) else { return }
    }
  }
}
