/// The repositories over one connection inside a transaction, written once for every SQL backend.
struct SQLStoreTransaction<Connection: SQLConnection>: StoreTransaction {
  let connection: Connection

  // MARK: accounts

  static func account(_ row: Connection.Row) -> Account {
    typealias C = AccountColumn
    return Account(
      id: row.int64(C.id), pid: row.optionalText(C.pid), pseudonym: row.text(C.pseudonym),
      kind: row.optionalText(C.kind).flatMap(IdentityNumberKind.init(rawValue:)),
      phone: row.optionalText(C.phone).map(PhoneNumber.init(stored:)),
      email: row.optionalText(C.email).map(EmailAddress.init(stored:)),
      address: row.optionalText(C.address), storedState: AccountState(rawValue: row.text(C.state)) ?? .closed,
      blockReason: row.optionalText(C.blockReason), passwordHash: row.optionalText(C.passwordHash),
      failedAttempts: Int(row.int64(C.failedAttempts)),
      lockedUntil: row.optionalInt64(C.lockedUntil).map(Timestamp.init(seconds:)),
      createdAt: Timestamp(seconds: row.int64(C.createdAt)),
      updatedAt: Timestamp(seconds: row.int64(C.updatedAt)),
      activatedAt: row.optionalInt64(C.activatedAt).map(Timestamp.init(seconds:)))
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
    var inserted: [String: Int64] = [:]
    inserted.reserveCapacity(accounts.count)
    if connection.stagesBulkInserts {
      try insertStaged(accounts) { inserted[$0] = $1 }
    } else {
      var start = 0
      while start < accounts.count {
        let group = accounts[start..<min(start + ImportDefaults.rowsPerStatement, accounts.count)]
        start = group.endIndex
        var values: [SQLValue] = []
        values.reserveCapacity(group.count * 14)
        for account in group { values += Self.values(account) }
        try connection.query(
          """
          INSERT INTO account (\(SQLColumns.accountValues))
          VALUES \(SQLColumns.placeholders(columns: 14, rows: group.count))
          ON CONFLICT (pid) DO NOTHING RETURNING id, pid
          """, values
        ) { inserted[$0.text(1)] = $0.int64(0) }
      }
    }
    // RETURNING names only the rows inserted, in no promised order; when a number comes twice, the first
    // row is the one stored.
    return accounts.map { account in account.pid.flatMap { inserted.removeValue(forKey: $0) } }
  }

  /// Inserts through a temporary table, filled with `appendRows` and emptied again; the rows go in in
  /// their order, so when a number comes twice the first is stored.
  private func insertStaged(_ accounts: [Account], _ inserted: (String, Int64) -> Void) throws {
    try connection.execute(
      """
      CREATE TEMPORARY TABLE IF NOT EXISTS minid_import_account (
        ord BIGINT NOT NULL, pid TEXT, pseudonym TEXT NOT NULL, kind TEXT, phone TEXT, email TEXT, address TEXT,
        state TEXT NOT NULL, block_reason TEXT, password_hash TEXT, failed_attempts BIGINT NOT NULL,
        locked_until BIGINT, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, activated_at BIGINT
      ) ON COMMIT DELETE ROWS
      """)
    var values: [SQLValue] = []
    values.reserveCapacity(accounts.count * 15)
    for (index, account) in accounts.enumerated() {
      values += [.integer(Int64(index))] + Self.values(account)
    }
    try connection.appendRows(
      into: "minid_import_account", columns: ["ord"] + SQLColumns.accountValueNames, values)
    try connection.query(
      """
      INSERT INTO account (\(SQLColumns.accountValues))
      SELECT \(SQLColumns.accountValues) FROM minid_import_account ORDER BY ord
      ON CONFLICT (pid) DO NOTHING RETURNING id, pid
      """
    ) { inserted($0.text(1), $0.int64(0)) }
    try connection.run("DELETE FROM minid_import_account")
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

  func insertLetters(_ letters: [LetterDraft], at: Timestamp) throws -> [(letterID: Int64, outboxID: Int64)] {
    guard !letters.isEmpty else { return [] }
    // The ids are taken first, so each letter names its message without a query per letter.
    let outboxIDs = try connection.reserveIDs(in: "outbox", count: letters.count)
    let letterIDs = try connection.reserveIDs(in: "activation_letter", count: letters.count)
    var values: [SQLValue] = []
    values.reserveCapacity(letters.count * 8)
    for (index, letter) in letters.enumerated() {
      values += [
        .integer(outboxIDs[index]), .integer(letter.accountID), .text(OutboxMessage.Kind.letter.rawValue),
        .text(letter.recipient), .text(LetterComposer.subject), .text(letter.address), .integer(at.seconds),
        .text(letter.code.characters),
      ]
    }
    try connection.appendRows(
      into: "outbox",
      columns: ["id", "account_id", "kind", "recipient", "subject", "body", "created_at", "letter_code"],
      values)
    values.removeAll(keepingCapacity: true)
    for (index, letter) in letters.enumerated() {
      values += [
        .integer(letterIDs[index]), .integer(letter.accountID), .blob(letter.codeHash), .integer(at.seconds),
        .integer(letter.expiresAt.seconds), .integer(outboxIDs[index]),
      ]
    }
    try connection.appendRows(
      into: "activation_letter",
      columns: ["id", "account_id", "code_hash", "created_at", "expires_at", "outbox_id"], values)
    return Array(zip(letterIDs, outboxIDs))
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
    typealias C = OutboxColumn
    let createdAt = Timestamp(seconds: row.int64(C.createdAt))
    var content: OutboxContent?
    if let body = row.optionalText(C.body) {
      content = .text(body)
      // A letter written since schema 6: `body` is its address, the code and the expiry are beside it.
      if let characters = row.optionalText(C.letterCode) {
        content =
          if let code = try? ActivationCode(typed: characters),
            let expiresAt = row.optionalInt64(C.letterExpiresAt)
          {
            .letter(
              LetterContent(
                address: body, code: code, sentAt: createdAt, expiresAt: Timestamp(seconds: expiresAt)))
          } else {
            nil
          }
      }
    }
    return OutboxMessage(
      id: row.int64(C.id), accountID: row.optionalInt64(C.accountID),
      kind: OutboxMessage.Kind(rawValue: row.text(C.kind)) ?? .letter,
      recipient: row.text(C.recipient), subject: row.text(C.subject), content: content, createdAt: createdAt,
      drainedAt: row.optionalInt64(C.drainedAt).map(Timestamp.init(seconds:)),
      drainedTo: row.optionalText(C.drainedTo))
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
      "UPDATE outbox SET body = NULL, letter_code = NULL, drained_at = ?, drained_to = ? WHERE id = ?",
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
    try connection.appendRows(into: "audit", columns: SQLColumns.auditNames, values)
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
    typealias C = AuditColumn
    guard let outcome = AuditOutcome(rawValue: row.text(C.outcome)) else {
      return .failure(.unreadable(sequence: row.int64(C.seq)))
    }
    return .success(
      AuditEntry(
        sequence: row.int64(C.seq), at: Timestamp(seconds: row.int64(C.at)), actor: row.text(C.actor),
        action: row.text(C.action), account: row.optionalText(C.account),
        caseReference: row.optionalText(C.caseRef),
        outcome: outcome, detail: row.text(C.detail), previousHash: row.blob(C.prevHash),
        hash: row.blob(C.hash),
        accountID: row.optionalInt64(C.accountID)))
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

  func auditTimes(accountID: Int64?, pseudonym: String, action: AuditAction, since: Timestamp) throws
    -> [Timestamp]
  {
    try connection.rows(
      """
      SELECT at FROM audit WHERE action = ? AND outcome <> 'refused' AND at >= ? AND seq IN (
        SELECT seq FROM audit WHERE account_id = ?
        UNION ALL SELECT seq FROM audit WHERE account_id IS NULL AND account = ?)
      ORDER BY seq
      """, [.text(action.rawValue), .integer(since.seconds), .integer(accountID ?? -1), .text(pseudonym)]
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
  static let account = AccountColumn.selectList
  static let outbox = OutboxColumn.selectList
  static let audit = AuditColumn.selectList
  static let auditNames = AuditColumn.allCases.map(\.name)
  /// An account's columns but its id, in the order of its values.
  static let accountValueNames = AccountColumn.allCases.filter { $0 != .id }.map(\.name)
  static let accountValues = accountValueNames.joined(separator: ", ")

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
