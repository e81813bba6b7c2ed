/// A failure reported by PostgreSQL or libpq, with its SQLSTATE; only the primary message, never the
/// DETAIL line, which for a unique violation quotes the row's values (identity numbers, contact data).
public struct PostgresError: MinIDError, Equatable {
  /// The five-character SQLSTATE (`40001`, `23505`, …); `08006` when the connection itself failed.
  public let sqlState: String
  public let serverMessage: String
  /// What minid was doing.
  public let operation: String

  public init(sqlState: String, serverMessage: String, operation: String) {
    self.sqlState = sqlState
    self.serverMessage = serverMessage
    self.operation = operation
  }

  /// Serialization failure and deadlock: the whole transaction is tried again, like SQLite's busy.
  public var isRetryable: Bool { sqlState == "40001" || sqlState == "40P01" }

  public var code: String {
    switch sqlState.prefix(2) {
    case "40": "store_busy"
    case "23": "store_constraint"
    case "08": "store_unreachable"
    case "28": "store_permission"
    case "53": "store_full"
    default: sqlState == "42501" ? "store_permission" : sqlState == "3D000" ? "store_missing" : "store_error"
    }
  }

  public var category: ErrorCategory {
    switch sqlState.prefix(2) {
    case "40": .busy
    case "23": .conflict
    case "08", "53", "58", "XX": .io
    case "28": .permission
    default: sqlState == "42501" ? .permission : sqlState == "3D000" ? .missingInput : .internal
    }
  }

  public var message: String {
    var text = "store: \(operation) failed: \(serverMessage) (PostgreSQL \(sqlState))"
    if isRetryable { text += "; other minid processes kept conflicting for longer than every retry allowed" }
    if sqlState.hasPrefix("08") { text += "; is the server running, and does the URI name it?" }
    return text
  }
}
