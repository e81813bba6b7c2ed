extension SQLStoreTransaction {
  private static var sessionColumns: String { SSOSessionColumn.selectList }

  func insertSession(_ session: SSOSession, cookieHash: [UInt8]) throws {
    try connection.run(
      """
      INSERT INTO sso_session (id, cookie_hash, pid, account_id, acr, amr, auth_time, created_at, last_used_at,
        idle_seconds, expires_at)
      VALUES \(SQLColumns.placeholders(columns: 11))
      """,
      [
        .text(session.id), .blob(cookieHash), .text(session.pid), .optional(session.accountID),
        .text(session.acr.rawValue), .text(session.amr.joined(separator: " ")),
        .integer(session.authTime.seconds), .integer(session.createdAt.seconds),
        .integer(session.lastUsedAt.seconds), .integer(session.idleSeconds),
        .integer(session.expiresAt.seconds),
      ])
  }

  func session(cookieHash: [UInt8]) throws -> SSOSession? {
    guard
      let id = try connection.first(
        "SELECT id FROM sso_session WHERE cookie_hash = ?", [.blob(cookieHash)], { $0.text(0) })
    else { return nil }
    return try sessionRow(id: id)
  }

  func sessions(pid: String) throws -> [SSOSession] {
    let ids = try connection.rows(
      "SELECT id FROM sso_session WHERE pid = ? ORDER BY created_at DESC, id", [.text(pid)]
    ) { $0.text(0) }
    // Each session's clients are read after the list, so no query runs while another's rows are open.
    return try ids.compactMap { try sessionRow(id: $0) }
  }

  private func sessionRow(id: String) throws -> SSOSession? {
    let fields = try connection.first(
      "SELECT \(Self.sessionColumns) FROM sso_session WHERE id = ?", [.text(id)]
    ) { row in
      typealias C = SSOSessionColumn
      return SSOSession(
        id: row.text(C.id), pid: row.text(C.pid), accountID: row.optionalInt64(C.accountID),
        acr: SecurityLevel(rawValue: row.text(C.acr)) ?? .substantial,
        amr: row.text(C.amr).split(separator: " ").map(String.init), authTime: row.timestamp(C.authTime),
        createdAt: row.timestamp(C.createdAt), lastUsedAt: row.timestamp(C.lastUsedAt),
        idleSeconds: row.int64(C.idleSeconds), expiresAt: row.timestamp(C.expiresAt),
        endedAt: row.optionalTimestamp(C.endedAt), endReason: row.optionalText(C.endReason))
    }
    guard let fields else { return nil }
    let clients = try connection.rows(
      """
      SELECT client_id, min(created_at) AS first FROM oauth_grant WHERE session_id = ?
      GROUP BY client_id ORDER BY first, client_id
      """, [.text(id)]
    ) { $0.text(0) }
    return SSOSession(
      id: fields.id, pid: fields.pid, accountID: fields.accountID, acr: fields.acr, amr: fields.amr,
      authTime: fields.authTime, createdAt: fields.createdAt, lastUsedAt: fields.lastUsedAt,
      idleSeconds: fields.idleSeconds, expiresAt: fields.expiresAt, endedAt: fields.endedAt,
      endReason: fields.endReason, clients: clients)
  }

  func touchSession(id: String, at: Timestamp) throws {
    try connection.run(
      "UPDATE sso_session SET last_used_at = ? WHERE id = ? AND last_used_at < ?",
      [.integer(at.seconds), .text(id), .integer(at.seconds)])
  }

  func endSession(id: String, at: Timestamp, reason: String) throws -> Bool {
    try connection.run(
      "UPDATE sso_session SET ended_at = ?, end_reason = ? WHERE id = ? AND ended_at IS NULL",
      [.integer(at.seconds), .text(reason), .text(id)]) == 1
  }

  func endSessions(pid: String, at: Timestamp, reason: String) throws -> [String] {
    let ids = try connection.rows(
      "SELECT id FROM sso_session WHERE pid = ? AND ended_at IS NULL", [.text(pid)]
    ) { $0.text(0) }
    return try ids.filter { try endSession(id: $0, at: at, reason: reason) }
  }

  func grants(sessionID: String) throws -> [OAuthGrant] {
    try connection.rows(
      "SELECT \(Self.grantColumns) FROM oauth_grant WHERE session_id = ? ORDER BY created_at, id",
      [.text(sessionID)], Self.grant)
  }

  func pruneSessions(before: Timestamp) throws {
    try connection.run(
      """
      DELETE FROM sso_session
      WHERE ended_at < ? OR expires_at < ? OR last_used_at + idle_seconds < ?
      """, [.integer(before.seconds), .integer(before.seconds), .integer(before.seconds)])
  }

  func deleteSessions(pid: String) throws {
    try connection.run("DELETE FROM sso_session WHERE pid = ?", [.text(pid)])
  }
}
