/// A failure reported by PostgreSQL or libpq, with its SQLSTATE; only the primary message, never the
/// DETAIL line, which for a unique violation quotes the row's values (identity numbers, contact data).
public struct PostgresError: MinIDError, Equatable {
  /// The five-character SQLSTATE (`40001`, `23505`, …); `08006` when the connection itself failed.
  public let sqlState: String
  /// The server's primary message; never its DETAIL.
  public let serverMessage: String
  /// What minid was doing.
  public let operation: String

  /// An error from these parts.
  public init(sqlState: String, serverMessage: String, operation: String) {
    self.sqlState = sqlState
    self.serverMessage = serverMessage
    self.operation = operation
  }

  /// Serialization failure and deadlock: the whole transaction is tried again, like SQLite's busy.
  public var isRetryable: Bool { sqlState == "40001" || sqlState == "40P01" }

  /// The stable snake_case code scripts match on (`MinIDError.code`).
  public var code: String {
    switch category {
    case .busy: "store_busy"
    case .conflict: "store_constraint"
    case .permission: "store_permission"
    case .missingInput: "store_missing"
    case .io where sqlState.hasPrefix("08"): "store_unreachable"
    case .io where sqlState.hasPrefix("53"): "store_full"
    default: "store_error"
    }
  }

  /// By SQLSTATE class (the first two characters), with the few single states that need their own.
  public var category: ErrorCategory {
    switch sqlState {
    case "42501": return .permission  // insufficient_privilege
    case "3D000": return .missingInput  // invalid_catalog_name: the database does not exist
    default: break
    }
    switch sqlState.prefix(2) {
    case "40": return .busy
    case "23": return .conflict
    case "08", "53", "58", "XX": return .io
    case "28": return .permission
    default: return .internal
    }
  }

  /// The sentence shown: it names the field and the rule, never a secret or a full identity number.
  public var message: String {
    var text = "store: \(operation) failed: \(serverMessage) (PostgreSQL \(sqlState))"
    if isRetryable { text += "; other minid processes kept conflicting for longer than every retry allowed" }
    if sqlState.hasPrefix("08") { text += "; is the server running, and does the URI name it?" }
    return text
  }
}
