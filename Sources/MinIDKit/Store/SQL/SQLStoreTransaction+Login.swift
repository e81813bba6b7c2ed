import Foundation

extension SQLStoreTransaction {
  // MARK: services

  private static func service(_ row: Connection.Row) -> Service {
    typealias C = ServiceColumn
    return Service(
      clientID: row.text(C.clientID), name: row.text(C.name),
      level: SecurityLevel(rawValue: row.text(C.level)) ?? .high,
      createdAt: Timestamp(seconds: row.int64(C.createdAt)))
  }

  func service(clientID: String) throws -> Service? {
    try connection.first(
      "SELECT \(ServiceColumn.selectList) FROM service WHERE client_id = ?", [.text(clientID)],
      Self.service)
  }

  func services() throws -> [Service] {
    try connection.rows(
      "SELECT \(ServiceColumn.selectList) FROM service ORDER BY client_id", [], Self.service)
  }

  func insertService(_ service: Service) throws {
    try connection.run(
      "INSERT INTO service (client_id, name, level, created_at) VALUES (?, ?, ?, ?)",
      [
        .text(service.clientID), .text(service.name), .text(service.level.rawValue),
        .integer(service.createdAt.seconds),
      ])
  }

  func deleteService(clientID: String) throws -> Bool {
    try connection.run("DELETE FROM service WHERE client_id = ?", [.text(clientID)]) == 1
  }

  // MARK: signing keys

  func signingKeys() throws -> [SigningKey] {
    try connection.rows(
      "SELECT \(SigningKeyColumn.selectList) FROM signing_key ORDER BY created_at DESC, active DESC, kid"
    ) { row in
      SigningKey(publicPart: try publicSigningKey(row), privateDER: row.blob(SigningKeyColumn.privateDer))
    }
  }

  func publicSigningKeys() throws -> [PublicSigningKey] {
    try connection.rows(
      "SELECT \(PublicSigningKeyColumn.selectList) FROM signing_key ORDER BY created_at DESC, active DESC, kid"
    ) { row in try publicSigningKey(row) }
  }

  /// A signing key's public part from a row whose first columns are `PublicSigningKeyColumn`'s.
  /// - Throws: `StoreError.notAStore` when the algorithm or the JWK cannot be read.
  private func publicSigningKey(_ row: some SQLRow) throws -> PublicSigningKey {
    typealias C = PublicSigningKeyColumn
    guard let algorithm = SigningAlgorithm(rawValue: row.text(C.alg)),
      let jwk = try? JSONDecoder().decode(JSONWebKey.self, from: Data(row.text(C.publicJwk).utf8))
    else { throw StoreError.notAStore(path: connection.location) }
    return PublicSigningKey(
      kid: row.text(C.kid), algorithm: algorithm, publicKey: jwk,
      createdAt: Timestamp(seconds: row.int64(C.createdAt)),
      retiredAt: row.optionalInt64(C.retiredAt).map(Timestamp.init(seconds:)),
      isActive: row.int64(C.active) == 1,
      activatesAt: row.optionalInt64(C.activatesAt).map(Timestamp.init(seconds:)))
  }

  func insertSigningKey(_ key: SigningKey) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    try connection.run(
      "INSERT INTO signing_key (kid, alg, private_der, public_jwk, created_at, active) VALUES (?, ?, ?, ?, ?, 0)",
      [
        .text(key.kid), .text(key.algorithm.rawValue), .blob(key.privateDER),
        .text(String(decoding: try encoder.encode(key.publicKey), as: UTF8.self)),
        .integer(key.createdAt.seconds),
      ])
  }

  func activateSigningKey(kid: String) throws {
    try connection.run("UPDATE signing_key SET active = 0 WHERE active = 1")
    try connection.run("UPDATE signing_key SET active = 1 WHERE kid = ?", [.text(kid)])
  }

  func scheduleSigningKey(kid: String, at: Timestamp) throws {
    try connection.run(
      "UPDATE signing_key SET activates_at = ? WHERE kid = ?", [.integer(at.seconds), .text(kid)])
  }

  func retireSigningKey(kid: String, at: Timestamp) throws {
    try connection.run(
      "UPDATE signing_key SET retired_at = ?, active = 0 WHERE kid = ?", [.integer(at.seconds), .text(kid)])
  }

  // MARK: login attempts and recovery

  func insertLoginAttempt(_ attempt: LoginAttempt) throws {
    try connection.run(
      """
      INSERT INTO login_attempt (id, account_id, client_id, code_hash, created_at, expires_at, outbox_id)
      VALUES (?, ?, ?, ?, ?, ?, ?)
      """,
      [
        .text(attempt.id), .integer(attempt.accountID), .text(attempt.clientID), .blob(attempt.codeHash),
        .integer(attempt.createdAt.seconds), .integer(attempt.expiresAt.seconds), .optional(attempt.outboxID),
      ])
  }

  func loginAttempt(id: String) throws -> LoginAttempt? {
    try connection.first(
      "SELECT \(LoginAttemptColumn.selectList) FROM login_attempt WHERE id = ?", [.text(id)],
      Self.loginAttempt)
  }

  static func loginAttempt<Row: SQLRow>(_ row: Row) -> LoginAttempt {
    typealias C = LoginAttemptColumn
    return LoginAttempt(
      id: row.text(C.id), accountID: row.int64(C.accountID), clientID: row.text(C.clientID),
      codeHash: row.blob(C.codeHash), createdAt: row.timestamp(C.createdAt),
      expiresAt: row.timestamp(C.expiresAt),
      usedAt: row.optionalTimestamp(C.usedAt), outboxID: row.optionalInt64(C.outboxID))
  }

  func markLoginAttemptUsed(id: String, at: Timestamp) throws -> Bool {
    try connection.run(
      "UPDATE login_attempt SET used_at = ? WHERE id = ? AND used_at IS NULL",
      [.integer(at.seconds), .text(id)]) == 1
  }

  func insertRecovery(_ recovery: RecoveryAttempt) throws -> Int64 {
    return try connection.insertingRow(
      "INSERT INTO recovery_attempt (account_id, sms_hash, email_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
      [
        .integer(recovery.accountID), .blob(recovery.smsHash), .blob(recovery.emailHash),
        .integer(recovery.createdAt.seconds), .integer(recovery.expiresAt.seconds),
      ])
  }

  func latestRecovery(accountID: Int64) throws -> RecoveryAttempt? {
    try connection.first(
      """
      SELECT \(RecoveryAttemptColumn.selectList) FROM recovery_attempt
      WHERE account_id = ? ORDER BY id DESC LIMIT 1
      """, [.integer(accountID)]
    ) { row in
      typealias C = RecoveryAttemptColumn
      return RecoveryAttempt(
        id: row.int64(C.id), accountID: row.int64(C.accountID), smsHash: row.blob(C.smsHash),
        emailHash: row.blob(C.emailHash), createdAt: Timestamp(seconds: row.int64(C.createdAt)),
        expiresAt: Timestamp(seconds: row.int64(C.expiresAt)),
        usedAt: row.optionalInt64(C.usedAt).map(Timestamp.init(seconds:)))
    }
  }

  func markRecoveryUsed(id: Int64, at: Timestamp) throws -> Bool {
    try connection.run(
      "UPDATE recovery_attempt SET used_at = ? WHERE id = ? AND used_at IS NULL",
      [.integer(at.seconds), .integer(id)]) == 1
  }
}
