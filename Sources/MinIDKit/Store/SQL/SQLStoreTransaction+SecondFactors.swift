import Foundation

extension SQLStoreTransaction {
  // MARK: app devices

  private static func device(_ row: Connection.Row) throws -> AppDevice {
    typealias C = AppDeviceColumn
    guard let jwk = try? JSONDecoder().decode(JSONWebKey.self, from: Data(row.text(C.publicJwk).utf8)) else {
      throw StoreError.invalidSetting("app_device: a stored public key is not a JWK")
    }
    return AppDevice(
      accountID: row.int64(C.accountID), deviceID: row.text(C.deviceID), publicKey: jwk,
      enrolledAt: row.timestamp(C.enrolledAt), lastUsedAt: row.optionalTimestamp(C.lastUsedAt))
  }

  private static var deviceColumns: String { AppDeviceColumn.selectList }

  func appDevice(accountID: Int64) throws -> AppDevice? {
    try connection.first(
      "SELECT \(Self.deviceColumns) FROM app_device WHERE account_id = ?", [.integer(accountID)], Self.device)
  }

  func appDevice(deviceID: String) throws -> AppDevice? {
    try connection.first(
      "SELECT \(Self.deviceColumns) FROM app_device WHERE device_id = ?", [.text(deviceID)], Self.device)
  }

  func replaceAppDevice(_ device: AppDevice) throws -> AppDevice? {
    let previous = try appDevice(accountID: device.accountID)
    try connection.run("DELETE FROM app_device WHERE account_id = ?", [.integer(device.accountID)])
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    try connection.run(
      "INSERT INTO app_device (\(Self.deviceColumns)) VALUES (?, ?, ?, ?, ?)",
      [
        .integer(device.accountID), .text(device.deviceID),
        .text(String(decoding: try encoder.encode(device.publicKey), as: UTF8.self)),
        .integer(device.enrolledAt.seconds), .optional(device.lastUsedAt?.seconds),
      ])
    return previous
  }

  func deleteAppDevice(accountID: Int64) throws -> Bool {
    try connection.run("DELETE FROM app_device WHERE account_id = ?", [.integer(accountID)]) == 1
  }

  func markAppDeviceUsed(accountID: Int64, at: Timestamp) throws {
    try connection.run(
      "UPDATE app_device SET last_used_at = ? WHERE account_id = ?",
      [.integer(at.seconds), .integer(accountID)])
  }

  // MARK: TOTP

  func totpCredential(accountID: Int64) throws -> TOTPCredential? {
    try connection.first(
      "SELECT \(TOTPCredentialColumn.selectList) FROM totp_credential WHERE account_id = ?",
      [.integer(accountID)]
    ) { row in
      typealias C = TOTPCredentialColumn
      return TOTPCredential(
        accountID: row.int64(C.accountID), sealedSecret: row.blob(C.sealedSecret),
        enrolledAt: row.timestamp(C.enrolledAt), lastStep: row.optionalInt64(C.lastStep),
        lastUsedAt: row.optionalTimestamp(C.lastUsedAt))
    }
  }

  func replaceTOTPCredential(_ credential: TOTPCredential) throws -> Bool {
    let replaced =
      try connection.run("DELETE FROM totp_credential WHERE account_id = ?", [.integer(credential.accountID)])
      == 1
    try connection.run(
      "INSERT INTO totp_credential (\(TOTPCredentialColumn.selectList)) VALUES (?, ?, ?, ?, ?)",
      [
        .integer(credential.accountID), .blob(credential.sealedSecret),
        .integer(credential.enrolledAt.seconds),
        .optional(credential.lastStep), .optional(credential.lastUsedAt?.seconds),
      ])
    return replaced
  }

  func useTOTPStep(accountID: Int64, step: Int64, at: Timestamp) throws -> Bool {
    try connection.run(
      "UPDATE totp_credential SET last_step = ?, last_used_at = ? WHERE account_id = ? AND (last_step IS NULL OR last_step < ?)",
      [.integer(step), .integer(at.seconds), .integer(accountID), .integer(step)]) == 1
  }

  // MARK: login factors

  private static var factorColumns: String { LoginFactorColumn.selectList }

  private static func factor<Row: SQLRow>(_ row: Row) throws -> LoginFactor {
    typealias C = LoginFactorColumn
    guard let method = LoginFactor.Method(rawValue: row.text(C.method)) else {
      throw StoreError.invalidSetting("login_factor: unknown method")
    }
    return LoginFactor(
      attemptID: row.text(C.attemptID), method: method, nonce: row.optionalText(C.nonce),
      serviceName: row.optionalText(C.serviceName),
      approvalExpiresAt: row.optionalTimestamp(C.approvalExpiresAt),
      decision: row.optionalText(C.decision).flatMap(LoginFactor.Decision.init(rawValue:)),
      decidedAt: row.optionalTimestamp(C.decidedAt), smsFallbackAt: row.optionalTimestamp(C.smsFallbackAt))
  }

  func insertLoginFactor(_ factor: LoginFactor) throws {
    try connection.run(
      "INSERT INTO login_factor (\(Self.factorColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      [
        .text(factor.attemptID), .text(factor.method.rawValue), .optional(factor.nonce),
        .optional(factor.serviceName), .optional(factor.approvalExpiresAt?.seconds),
        .optional(factor.decision?.rawValue), .optional(factor.decidedAt?.seconds),
        .optional(factor.smsFallbackAt?.seconds),
      ])
  }

  func loginFactor(attemptID: String) throws -> LoginFactor? {
    try connection.first(
      "SELECT \(Self.factorColumns) FROM login_factor WHERE attempt_id = ?", [.text(attemptID)]
    ) { try Self.factor($0) }
  }

  func pendingApprovals(accountID: Int64, now: Timestamp) throws -> [(LoginFactor, LoginAttempt)] {
    try connection.rows(
      """
      SELECT \(LoginFactorColumn.selectList(qualifiedBy: "f")), \(LoginAttemptColumn.selectList(qualifiedBy: "a"))
      FROM login_factor f JOIN login_attempt a ON a.id = f.attempt_id
      WHERE a.account_id = ? AND f.method = 'app' AND f.decision IS NULL AND f.sms_fallback_at IS NULL
        AND f.approval_expires_at > ? AND a.used_at IS NULL
      ORDER BY a.created_at, a.id
      """, [.integer(accountID), .integer(now.seconds)]
    ) { row in
      (try Self.factor(row), Self.loginAttempt(row.suffix(after: LoginFactorColumn.width)))
    }
  }

  func decideApproval(attemptID: String, decision: LoginFactor.Decision, at: Timestamp) throws -> Bool {
    try connection.run(
      """
      UPDATE login_factor SET decision = ?, decided_at = ?
      WHERE attempt_id = ? AND method = 'app' AND decision IS NULL AND sms_fallback_at IS NULL
      """, [.text(decision.rawValue), .integer(at.seconds), .text(attemptID)]) == 1
  }

  func fallBackToSMS(
    attemptID: String, codeHash: [UInt8], expiresAt: Timestamp, outboxID: Int64, at: Timestamp
  ) throws -> Bool {
    guard
      try connection.run(
        "UPDATE login_factor SET sms_fallback_at = ? WHERE attempt_id = ? AND sms_fallback_at IS NULL",
        [.integer(at.seconds), .text(attemptID)]) == 1
    else { return false }
    return try connection.run(
      "UPDATE login_attempt SET code_hash = ?, expires_at = ?, outbox_id = ? WHERE id = ? AND used_at IS NULL",
      [.blob(codeHash), .integer(expiresAt.seconds), .integer(outboxID), .text(attemptID)]) == 1
  }
}
