import CSQLite

/// A failure reported by SQLite, with its extended result code; never the values bound to the statement,
/// which may be identity numbers or contact data.
public struct SQLiteError: MinIDError, Equatable {
  /// The extended result code (`SQLITE_BUSY_SNAPSHOT`, `SQLITE_CONSTRAINT_UNIQUE`, …).
  public let extendedCode: Int32
  /// SQLite's own message (`sqlite3_errmsg`), which names tables and columns but not bound values.
  public let sqliteMessage: String
  /// What minid was doing.
  public let operation: String

  /// An error from these parts.
  public init(extendedCode: Int32, sqliteMessage: String, operation: String) {
    self.extendedCode = extendedCode
    self.sqliteMessage = sqliteMessage
    self.operation = operation
  }

  /// The primary result code.
  public var primaryCode: Int32 { extendedCode & 0xFF }

  /// Whether another connection held the lock (BUSY or LOCKED): worth retrying.
  public var isBusy: Bool { primaryCode == SQLITE_BUSY || primaryCode == SQLITE_LOCKED }

  /// The stable snake_case code scripts match on (`MinIDError.code`).
  public var code: String {
    switch primaryCode {
    case SQLITE_BUSY, SQLITE_LOCKED: "store_busy"
    case SQLITE_CONSTRAINT: "store_constraint"
    case SQLITE_CORRUPT, SQLITE_NOTADB: "store_corrupt"
    case SQLITE_FULL: "store_full"
    case SQLITE_IOERR: "store_io"
    case SQLITE_CANTOPEN: "store_cannot_open"
    case SQLITE_READONLY, SQLITE_PERM, SQLITE_AUTH: "store_permission"
    default: "store_error"
    }
  }

  /// What kind of failure this is; the command line chooses the exit status from it.
  public var category: ErrorCategory {
    switch primaryCode {
    case SQLITE_BUSY, SQLITE_LOCKED: .busy
    case SQLITE_CONSTRAINT: .conflict
    case SQLITE_CORRUPT, SQLITE_NOTADB, SQLITE_IOERR, SQLITE_FULL, SQLITE_PROTOCOL: .io
    case SQLITE_CANTOPEN: .cannotCreate
    case SQLITE_READONLY, SQLITE_PERM, SQLITE_AUTH: .permission
    default: .internal
    }
  }

  /// The sentence shown: it names the field and the rule, never a secret or a full identity number.
  public var message: String {
    let name = String(cString: sqlite3_errstr(extendedCode))
    var text = "store: \(operation) failed: \(sqliteMessage) (SQLite \(extendedCode), \(name))"
    if isBusy { text += "; another minid process held the store for longer than every retry allowed" }
    if primaryCode == SQLITE_FULL { text += "; the disk is full" }
    // A full disk under a file-size limit, or a quota, reaches SQLite as a write error, not SQLITE_FULL.
    if primaryCode == SQLITE_IOERR {
      text += "; is the disk full or a file-size limit (ulimit -f) reached? The transaction was rolled back"
    }
    return text
  }
}
