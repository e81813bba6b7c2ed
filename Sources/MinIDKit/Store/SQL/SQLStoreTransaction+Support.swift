import Foundation

extension SQLStoreTransaction {
  func accounts(matching key: AccountLookup) throws -> [Account] {
    switch key {
    case .phone(let phone):
      return try connection.rows(
        "SELECT \(SQLColumns.account) FROM account WHERE phone = ? ORDER BY id", [.text(phone)], Self.account
      )
    case .email(let email):
      return try connection.rows(
        "SELECT \(SQLColumns.account) FROM account WHERE email = ? ORDER BY id", [.text(email)], Self.account
      )
    case .caseReference(let reference):
      return try connection.rows(
        """
        SELECT \(SQLColumns.account.split(separator: ",").map { "a." + $0.trimmingCharacters(in: .whitespacesAndNewlines) }.joined(separator: ", "))
        FROM account a JOIN account_case c ON c.account_id = a.id WHERE c.case_ref = ? ORDER BY a.id
        """, [.text(reference)], Self.account)
    }
  }

  func forEachAccount(storedState: AccountState?, _ body: (Account) throws -> Bool) throws {
    var sql = "SELECT \(SQLColumns.account) FROM account"
    var values: [SQLValue] = []
    if let storedState {
      sql += " WHERE state = ?"
      values.append(.text(storedState.rawValue))
    }
    try connection.forEachRow(sql + " ORDER BY id", values) { row in try body(Self.account(row)) }
  }

  func addCaseReference(accountID: Int64, reference: String, at: Timestamp) throws {
    try connection.run(
      "INSERT INTO account_case (account_id, case_ref, added_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
      [.integer(accountID), .text(reference), .integer(at.seconds)])
  }

  func caseReferences(accountID: Int64) throws -> [String] {
    try connection.rows(
      "SELECT case_ref FROM account_case WHERE account_id = ? ORDER BY added_at, case_ref",
      [.integer(accountID)]
    ) {
      $0.text(0)
    }
  }

  func invalidatePendingCodes(accountID: Int64, at: Timestamp) throws {
    try revokeLetters(accountID: accountID, at: at)
    try connection.run(
      "UPDATE login_attempt SET used_at = ? WHERE account_id = ? AND used_at IS NULL",
      [.integer(at.seconds), .integer(accountID)])
    try connection.run(
      "UPDATE recovery_attempt SET used_at = ? WHERE account_id = ? AND used_at IS NULL",
      [.integer(at.seconds), .integer(accountID)])
  }

  func erasePersonalData(accountID: Int64) throws {
    try connection.run(
      "UPDATE outbox SET recipient = '', body = NULL, letter_code = NULL, drained_to = NULL WHERE account_id = ?",
      [.integer(accountID)])
    try connection.run("DELETE FROM activation_letter WHERE account_id = ?", [.integer(accountID)])
    try connection.run(
      "DELETE FROM login_factor WHERE attempt_id IN (SELECT id FROM login_attempt WHERE account_id = ?)",
      [.integer(accountID)])
    try connection.run("DELETE FROM login_attempt WHERE account_id = ?", [.integer(accountID)])
    try connection.run("DELETE FROM app_device WHERE account_id = ?", [.integer(accountID)])
    try connection.run("DELETE FROM totp_credential WHERE account_id = ?", [.integer(accountID)])
    try connection.run("DELETE FROM recovery_attempt WHERE account_id = ?", [.integer(accountID)])
  }

  func statistics() throws -> StoreStatistics {
    var states: [String: Int64] = [:]
    try connection.query("SELECT state, count(*) FROM account GROUP BY state") {
      states[$0.text(0)] = $0.int64(1)
    }
    return StoreStatistics(
      accountsByState: states,
      outboxPending: try connection.scalarInt("SELECT count(*) FROM outbox WHERE drained_at IS NULL"),
      outboxTotal: try connection.scalarInt("SELECT count(*) FROM outbox"),
      auditEntries: try connection.scalarInt("SELECT count(*) FROM audit"),
      services: try connection.scalarInt("SELECT count(*) FROM service"),
      signingKeys: try connection.scalarInt("SELECT count(*) FROM signing_key WHERE retired_at IS NULL"))
  }
}
