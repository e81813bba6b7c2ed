import CSQLite

/// A prepared statement; finalized when the last reference goes.
public final class SQLiteStatement {
  let handle: OpaquePointer
  unowned let connection: SQLiteConnection
  let sql: String

  init(connection: SQLiteConnection, sql: String) throws(SQLiteError) {
    var handle: OpaquePointer?
    let status = sqlite3_prepare_v3(
      connection.handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &handle, nil)
    guard status == SQLITE_OK, let handle else { throw connection.error(status, "preparing a statement") }
    self.handle = handle
    self.connection = connection
    self.sql = sql
  }

  deinit { sqlite3_finalize(handle) }

  /// SQLite copies strings and blobs at bind time (`SQLITE_TRANSIENT`), so the Swift values may go.
  private static let transient = unsafeBitCast(
    OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

  /// The number of `?` placeholders.
  private lazy var parameterCount = Int(sqlite3_bind_parameter_count(handle))

  func bind(_ values: [SQLValue]) throws(SQLiteError) {
    sqlite3_reset(handle)
    // Clearing walks every parameter (hundreds in a multi-row INSERT); when every one is bound below it
    // is work for nothing.
    if values.count != parameterCount { sqlite3_clear_bindings(handle) }
    for (offset, value) in values.enumerated() {
      let index = Int32(offset + 1)
      let status: Int32
      switch value {
      case .integer(let number): status = sqlite3_bind_int64(handle, index, number)
      case .text(var text):
        // The string's own UTF-8 bytes and their length, rather than a NUL-terminated copy made for the call.
        status = text.withUTF8 { bytes in
          bytes.withMemoryRebound(to: CChar.self) { chars in
            // SQLite reads a null pointer as NULL, so "" needs an address of its own.
            guard let start = chars.baseAddress else { return sqlite3_bind_text(handle, index, "", 0, nil) }
            return sqlite3_bind_text(handle, index, start, Int32(chars.count), Self.transient)
          }
        }
      case .blob(let bytes):
        status = bytes.withUnsafeBytes {
          sqlite3_bind_blob(
            handle, index, $0.baseAddress ?? UnsafeRawPointer(bitPattern: 1), Int32(bytes.count),
            Self.transient)
        }
      case .null: status = sqlite3_bind_null(handle, index)
      }
      guard status == SQLITE_OK else { throw connection.error(status, "binding a value") }
    }
  }

  /// Steps once: true when a row is available.
  func step() throws(SQLiteError) -> Bool {
    let status = sqlite3_step(handle)
    switch status {
    case SQLITE_ROW: return true
    case SQLITE_DONE: return false
    default:
      sqlite3_reset(handle)
      throw connection.error(status, "running a statement")
    }
  }

  func reset() { sqlite3_reset(handle) }
}

/// One result row, read by column index.
public struct SQLiteRow: SQLRow {
  let statement: OpaquePointer

  /// Whether the value in `column` (from 0) is NULL.
  public func isNull(_ column: Int32) -> Bool { sqlite3_column_type(statement, column) == SQLITE_NULL }

  /// The integer in `column` (from 0).
  public func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(statement, column) }

  /// The text in `column` (from 0).
  public func text(_ column: Int32) -> String {
    guard let pointer = sqlite3_column_text(statement, column) else { return "" }
    let count = Int(sqlite3_column_bytes(statement, column))
    return String(decoding: UnsafeBufferPointer(start: pointer, count: count), as: UTF8.self)
  }

  /// The bytes in `column` (from 0).
  public func blob(_ column: Int32) -> [UInt8] {
    let count = Int(sqlite3_column_bytes(statement, column))
    guard count > 0, let pointer = sqlite3_column_blob(statement, column) else { return [] }
    return Array(UnsafeRawBufferPointer(start: pointer, count: count))
  }
}
