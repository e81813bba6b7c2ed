/// The repositories over one connection inside a transaction, written once for every SQL backend.
struct SQLStoreTransaction<Connection: SQLConnection>: StoreTransaction {
  let connection: Connection

  // MARK: accounts

  static func account(_ row: Connection.Row) -> Account {
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

  private static func values(_ account: Account) -> [SQLValue] {
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
      "SELECT \(SQLColumns.account) FROM account WHERE pid = ?", [.text(pid)], Self.account)
  }

  func account(id: Int64) throws -> Account? {
    try connection.first(
      "SELECT \(SQLColumns.account) FROM account WHERE id = ?", [.integer(id)], Self.account)
  }

  func insertAccount(_ account: Account) throws -> Int64 {
    return try connection.insertingRow(
      """
      INSERT INTO account (pid, pseudonym, kind, phone, email, address, state, block_reason, password_hash,
        failed_attempts, locked_until, created_at, updated_at, activated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """, Self.values(account))
  }

  func insertAccountsIfAbsent(_ accounts: [Account]) throws -> [Int64?] {
    guard !accounts.isEmpty else { return [] }
    var values: [SQLValue] = []
    values.reserveCapacity(accounts.count * 14)
    for account in accounts { values += Self.values(account) }
    var inserted: [String: Int64] = [:]
    try connection.query(
      """
      INSERT INTO account (pid, pseudonym, kind, phone, email, address, state, block_reason, password_hash,
        failed_attempts, locked_until, created_at, updated_at, activated_at)
      VALUES \(SQLColumns.placeholders(columns: 14, rows: accounts.count))
      ON CONFLICT (pid) DO NOTHING RETURNING id, pid
      """, values
    ) { inserted[$0.text(1)] = $0.int64(0) }
    // RETURNING names only the rows inserted, in no promised order; when a number comes twice, the first
    // row is the one stored.
    return accounts.map { account in account.pid.flatMap { inserted.removeValue(forKey: $0) } }
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
    var sql = "SELECT \(SQLColumns.account) FROM account"
    var values: [SQLValue] = []
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
    return try connection.insertingRow(
      "INSERT INTO activation_letter (account_id, code_hash, created_at, expires_at, outbox_id) VALUES (?, ?, ?, ?, ?)",
      [
        .integer(accountID), .blob(codeHash), .integer(createdAt.seconds), .integer(expiresAt.seconds),
        .optional(outboxID),
      ])
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

  private static func message(_ row: Connection.Row) -> OutboxMessage {
    OutboxMessage(
      id: row.int64(0), accountID: row.optionalInt64(1),
      kind: OutboxMessage.Kind(rawValue: row.text(2)) ?? .letter,
      recipient: row.text(3), subject: row.text(4), body: row.optionalText(5),
      createdAt: Timestamp(seconds: row.int64(6)),
      drainedAt: row.optionalInt64(7).map(Timestamp.init(seconds:)), drainedTo: row.optionalText(8))
  }

  func insertMessage(_ draft: OutboxDraft, at: Timestamp) throws -> Int64 {
    return try connection.insertingRow(
      "INSERT INTO outbox (account_id, kind, recipient, subject, body, created_at) VALUES (?, ?, ?, ?, ?, ?)",
      [
        .optional(draft.accountID), .text(draft.kind.rawValue), .text(draft.recipient), .text(draft.subject),
        .text(draft.body), .integer(at.seconds),
      ])
  }

  func message(id: Int64) throws -> OutboxMessage? {
    try connection.first(
      "SELECT \(SQLColumns.outbox) FROM outbox WHERE id = ?", [.integer(id)], Self.message)
  }

  func messages(_ filter: OutboxFilter) throws -> [OutboxMessage] {
    var conditions: [String] = []
    var values: [SQLValue] = []
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
      "SELECT \(SQLColumns.outbox) FROM outbox\(whereClause) ORDER BY id", values, Self.message)
  }

  func markDrained(id: Int64, to destination: String, at: Timestamp) throws {
    try connection.run(
      "UPDATE outbox SET body = NULL, drained_at = ?, drained_to = ? WHERE id = ?",
      [.integer(at.seconds), .text(destination), .integer(id)])
  }

  // MARK: settings

  func storeSettings() throws -> StoreSettings { try SQLStoreSetup.loadConfiguration(connection).0 }

  // MARK: audit

  func auditHead() throws -> (sequence: Int64, hash: [UInt8])? {
    try connection.first("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1") {
      ($0.int64(0), $0.blob(1))
    }
  }

  func insertAudit(_ entry: AuditEntry) throws { try insertAudit([entry]) }

  func insertAudit(_ entries: [AuditEntry]) throws {
    guard !entries.isEmpty else { return }
    var values: [SQLValue] = []
    values.reserveCapacity(entries.count * 11)
    for entry in entries { values += Self.values(entry) }
    try connection.run(
      """
      INSERT INTO audit (\(SQLColumns.audit))
      VALUES \(SQLColumns.placeholders(columns: 11, rows: entries.count))
      """, values)
  }

  /// An entry's values in `SQLColumns.audit` order.
  private static func values(_ entry: AuditEntry) -> [SQLValue] {
    [
      .integer(entry.sequence), .integer(entry.at.seconds), .text(entry.actor), .text(entry.action),
      .optional(entry.account), .optional(entry.caseReference), .text(entry.outcome.rawValue),
      .text(entry.detail), .blob(entry.previousHash), .blob(entry.hash), .optional(entry.accountID),
    ]
  }

  private static func auditEntry(_ row: Connection.Row) -> Result<AuditEntry, AuditBreak> {
    guard let outcome = AuditOutcome(rawValue: row.text(6)) else {
      return .failure(.unreadable(sequence: row.int64(0)))
    }
    return .success(
      AuditEntry(
        sequence: row.int64(0), at: Timestamp(seconds: row.int64(1)), actor: row.text(2), action: row.text(3),
        account: row.optionalText(4), caseReference: row.optionalText(5), outcome: outcome,
        detail: row.text(7),
        previousHash: row.blob(8), hash: row.blob(9), accountID: row.optionalInt64(10)))
  }

  func auditEntries(_ filter: AuditFilter) throws -> [AuditEntry] {
    var conditions: [String] = []
    var values: [SQLValue] = []
    if let person = filter.person {
      conditions.append(SQLConditions.personsAuditEntries)
      values += [.text(person.pid), .text(person.pseudonym)]
    }
    if let since = filter.since {
      conditions.append("at >= ?")
      values.append(.integer(since.seconds))
    }
    if let action = filter.action {
      conditions.append("action = ?")
      values.append(.text(action))
    }
    if let reference = filter.caseReference {
      conditions.append("case_ref = ?")
      values.append(.text(reference))
    }
    let whereClause = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
    var sql = "SELECT \(SQLColumns.audit) FROM audit\(whereClause) ORDER BY seq"
    if filter.descending { sql += " DESC" }
    if let limit = filter.limit { sql += " LIMIT \(limit)" }
    return try connection.rows(sql, values) { try Self.auditEntry($0).get() }
  }

  func auditTimes(accountID: Int64?, pseudonym: String, action: String, since: Timestamp) throws
    -> [Timestamp]
  {
    try connection.rows(
      """
      SELECT at FROM audit WHERE action = ? AND outcome <> 'refused' AND at >= ? AND seq IN (
        SELECT seq FROM audit WHERE account_id = ?
        UNION ALL SELECT seq FROM audit WHERE account_id IS NULL AND account = ?)
      ORDER BY seq
      """, [.text(action), .integer(since.seconds), .integer(accountID ?? -1), .text(pseudonym)]
    ) { Timestamp(seconds: $0.int64(0)) }
  }

  func firstMisfiledAuditEntry() throws -> Int64? {
    try connection.first(
      """
      SELECT audit.seq FROM audit LEFT JOIN account ON account.id = audit.account_id
      WHERE audit.account_id IS NOT NULL AND (account.id IS NULL OR audit.account IS NULL
        OR account.pseudonym <> audit.account)
      ORDER BY audit.seq LIMIT 1
      """
    ) { $0.int64(0) }
  }

  func forEachAuditEntry(_ body: (Result<AuditEntry, AuditBreak>) throws -> Bool) throws {
    try connection.forEachRow("SELECT \(SQLColumns.audit) FROM audit ORDER BY seq", []) { row in
      try body(Self.auditEntry(row))
    }
  }
}

/// The column lists the queries read, in the order the row mappers expect.
enum SQLColumns {
  static let account = """
    id, pid, pseudonym, kind, phone, email, address, state, block_reason, password_hash, failed_attempts,
    locked_until, created_at, updated_at, activated_at
    """
  static let outbox = "id, account_id, kind, recipient, subject, body, created_at, drained_at, drained_to"
  static let audit = "seq, at, actor, action, account, case_ref, outcome, detail, prev_hash, hash, account_id"

  /// `(?, …), (?, …)`: `rows` rows of `columns` placeholders, for one INSERT of many rows.
  static func placeholders(columns: Int, rows: Int = 1) -> String {
    let row = "(" + Array(repeating: "?", count: columns).joined(separator: ", ") + ")"
    return Array(repeating: row, count: rows).joined(separator: ", ")
  }
}

/// WHERE conditions with a plan worth a test of its own.
enum SQLConditions {
  /// Entries about one person (bound: identity number, pseudonym of the number): those filed under the
  /// account that has the number (open or closed), and those filed under no row (older than schema 5, or
  /// about a number without an account, under its keyed pseudonym). A purged account has no number left,
  /// and its pseudonym is random, so its entries are not found by the number. Every branch is an index
  /// search; a test holds SQLite's plan to that.
  static let personsAuditEntries = """
    seq IN (
      SELECT seq FROM audit WHERE account_id IN (SELECT id FROM account WHERE pid = ?)
      UNION ALL SELECT seq FROM audit WHERE account_id IS NULL AND account = ?)
    """
}
