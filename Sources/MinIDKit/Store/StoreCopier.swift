/// Copies a whole store into an empty PostgreSQL database (`db migrate-to`): every table, row for row and
/// byte for byte, in one transaction on the target, then verifies the copy.
public enum StoreCopier {
  /// What was copied and what the verification found.
  public struct Report: Sendable, Encodable {
    /// The PostgreSQL store copied to, without its password.
    public let target: String
    /// Rows per table, as copied (equal in source and target, or the copy is refused).
    public let rows: [String: Int64]
    /// Audit entries verified on the target, the copy's own `store.migrate` entry included.
    public let auditEntriesVerified: Int64
  }

  /// The tables in an order that satisfies their foreign keys, with each column's kind.
  enum Kind { case integer, text, blob }
  static let tables: [(name: String, columns: [(String, Kind)])] = [
    ("store_info", [("key", .text), ("value", .text)]),
    ("store_secret", [("name", .text), ("value", .blob)]),
    (
      "account",
      [
        ("id", .integer), ("pid", .text), ("pseudonym", .text), ("kind", .text), ("phone", .text),
        ("email", .text),
        ("address", .text), ("state", .text), ("block_reason", .text), ("password_hash", .text),
        ("failed_attempts", .integer), ("locked_until", .integer), ("created_at", .integer),
        ("updated_at", .integer),
        ("activated_at", .integer),
      ]
    ),
    (
      "outbox",
      [
        ("id", .integer), ("account_id", .integer), ("kind", .text), ("recipient", .text), ("subject", .text),
        ("body", .text), ("created_at", .integer), ("drained_at", .integer), ("drained_to", .text),
        ("letter_code", .text),
      ]
    ),
    (
      "activation_letter",
      [
        ("id", .integer), ("account_id", .integer), ("code_hash", .blob), ("created_at", .integer),
        ("expires_at", .integer), ("used_at", .integer), ("revoked_at", .integer), ("outbox_id", .integer),
      ]
    ),
    (
      "audit",
      [
        ("seq", .integer), ("at", .integer), ("actor", .text), ("action", .text), ("account", .text),
        ("case_ref", .text), ("outcome", .text), ("detail", .text), ("prev_hash", .blob), ("hash", .blob),
        ("account_id", .integer),
      ]
    ),
    ("service", [("client_id", .text), ("name", .text), ("level", .text), ("created_at", .integer)]),
    (
      "client",
      [
        ("client_id", .text), ("redirect_uris", .text), ("post_logout_redirect_uris", .text),
        ("auth_method", .text), ("secret_hash", .blob), ("jwks", .text), ("pkce_required", .integer),
        ("scopes", .text), ("access_token_lifetime", .integer), ("refresh_token_lifetime", .integer),
        ("authorization_lifetime", .integer), ("frontchannel_logout_uri", .text),
        ("backchannel_logout_uri", .text), ("organization_number", .text),
      ]
    ),
    (
      "signing_key",
      [
        ("kid", .text), ("alg", .text), ("private_der", .blob), ("public_jwk", .text),
        ("created_at", .integer),
        ("retired_at", .integer), ("active", .integer), ("activates_at", .integer),
      ]
    ),
    (
      "login_attempt",
      [
        ("id", .text), ("account_id", .integer), ("client_id", .text), ("code_hash", .blob),
        ("created_at", .integer),
        ("expires_at", .integer), ("used_at", .integer), ("outbox_id", .integer),
      ]
    ),
    (
      "recovery_attempt",
      [
        ("id", .integer), ("account_id", .integer), ("sms_hash", .blob), ("email_hash", .blob),
        ("created_at", .integer), ("expires_at", .integer), ("used_at", .integer),
      ]
    ),
    ("account_case", [("account_id", .integer), ("case_ref", .text), ("added_at", .integer)]),
    (
      "oauth_grant",
      [
        ("id", .text), ("client_id", .text), ("pid", .text), ("account_id", .integer), ("scope", .text),
        ("acr", .text), ("amr", .text), ("auth_time", .integer), ("locale", .text), ("created_at", .integer),
        ("expires_at", .integer), ("revoked_at", .integer), ("session_id", .text), ("resource", .text),
      ]
    ),
    (
      "authorization_code",
      [
        ("code_hash", .blob), ("grant_id", .text), ("redirect_uri", .text), ("code_challenge", .text),
        ("nonce", .text), ("created_at", .integer), ("expires_at", .integer), ("used_at", .integer),
      ]
    ),
    (
      "refresh_token",
      [
        ("token_hash", .blob), ("grant_id", .text), ("created_at", .integer), ("expires_at", .integer),
        ("used_at", .integer),
      ]
    ),
    (
      "authorization_request",
      [
        ("id", .text), ("client_id", .text), ("parameters", .text), ("browser_hash", .blob),
        ("pushed", .integer), ("created_at", .integer), ("expires_at", .integer), ("used_at", .integer),
      ]
    ),
    ("client_assertion", [("client_id", .text), ("jti", .text), ("expires_at", .integer)]),
    (
      "sso_session",
      [
        ("id", .text), ("cookie_hash", .blob), ("pid", .text), ("account_id", .integer), ("acr", .text),
        ("amr", .text), ("auth_time", .integer), ("created_at", .integer), ("last_used_at", .integer),
        ("idle_seconds", .integer), ("expires_at", .integer), ("ended_at", .integer), ("end_reason", .text),
      ]
    ),
    (
      "app_device",
      [
        ("account_id", .integer), ("device_id", .text), ("public_jwk", .text), ("enrolled_at", .integer),
        ("last_used_at", .integer),
      ]
    ),
    (
      "totp_credential",
      [
        ("account_id", .integer), ("sealed_secret", .blob), ("enrolled_at", .integer),
        ("last_step", .integer),
        ("last_used_at", .integer),
      ]
    ),
    (
      "login_factor",
      [
        ("attempt_id", .text), ("method", .text), ("nonce", .text), ("service_name", .text),
        ("approval_expires_at", .integer), ("decision", .text), ("decided_at", .integer),
        ("sms_fallback_at", .integer),
      ]
    ),
  ]

  /// Tables whose `id` PostgreSQL generates: their sequences continue after the copied ids.
  static let identityTables = ["account", "outbox", "activation_letter", "recovery_attempt"]

  /// Copies `source` (call inside a read transaction on it, for one consistent snapshot) into the
  /// PostgreSQL database at `uri`, which must not hold a minid store yet; returns the rows copied per table.
  /// - Throws: `StoreError.alreadyInitialized` for a target that has a store.
  static func copy<Source: SQLConnection>(
    from source: Source, to uri: String, actor: AuditActor, at time: Timestamp
  )
    throws -> [String: Int64]
  {
    let target = try PostgresConnection(uri: uri)
    var copied: [String: Int64] = [:]
    try target.writeTransaction {
      copied = [:]  // The body runs again if the transaction is retried.
      try PostgresSchema.createStore(target)
      for table in tables {
        let names = table.columns.map(\.0).joined(separator: ", ")
        let insert =
          "INSERT INTO \(table.name) (\(names)) VALUES \(SQLColumns.placeholders(columns: table.columns.count))"
        var count: Int64 = 0
        try source.forEachRow("SELECT \(names) FROM \(table.name)", []) { row in
          try target.run(insert, values(row, table.columns))
          count += 1
          return true
        }
        copied[table.name] = count
      }
      for table in identityTables {
        try target.execute(
          "SELECT setval(pg_get_serial_sequence('\(table)', 'id'), coalesce(max(id), 0) + 1, false) FROM \(table)"
        )
      }
      try SQLStoreTransaction(connection: target).audit(
        AuditDraft(
          actor: actor, action: .storeMigrate,
          detail:
            "copied from \(source.location): \(copied["account"] ?? 0) accounts, \(copied["audit"] ?? 0) audit entries"
        ),
        at: time)
    }
    return copied
  }

  /// Counts every table on the target again and verifies the audit chain through a freshly opened store.
  /// - Throws: `StoreCopyError` when a count differs, `AuditChainError` when the chain does not verify.
  static func verify(_ copied: [String: Int64], uri: String) throws -> Report {
    let target = try PostgresConnection(uri: uri)
    var differences: [String] = []
    for table in tables {
      let expected = (copied[table.name] ?? 0) + (table.name == "audit" ? 1 : 0)
      let found = try target.scalarInt("SELECT count(*) FROM \(table.name)")
      if found != expected { differences.append("\(table.name): \(expected) expected, \(found) found") }
    }
    guard differences.isEmpty else { throw StoreCopyError.differs(differences) }
    let verified = try AuditService(store: try PostgresStore.open(uri: uri)).verify()
    return Report(target: target.location, rows: copied, auditEntriesVerified: verified)
  }

  private static func values<Row: SQLRow>(_ row: Row, _ columns: [(String, Kind)]) -> [SQLValue] {
    columns.enumerated().map { index, column in
      let position = Int32(index)
      if row.isNull(position) { return .null }
      switch column.1 {
      case .integer: return .integer(row.int64(position))
      case .text: return .text(row.text(position))
      case .blob: return .blob(row.blob(position))
      }
    }
  }
}

/// The copy on the target does not match the source.
public enum StoreCopyError: MinIDError, Equatable {
  case differs([String])
  case notPostgreSQL

  /// The stable snake_case code scripts match on (`MinIDError.code`).
  public var code: String { "store_copy_failed" }
  /// What kind of failure this is; the command line chooses the exit status from it.
  public var category: ErrorCategory { self == .notPostgreSQL ? .invalidInput : .io }
  /// The sentence shown: it names the field and the rule, never a secret or a full identity number.
  public var message: String {
    switch self {
    case .differs(let tables): "the copy differs from the store: " + tables.joined(separator: "; ")
    case .notPostgreSQL: "the target must be a PostgreSQL URI: postgresql://user@host/database"
    }
  }
}
