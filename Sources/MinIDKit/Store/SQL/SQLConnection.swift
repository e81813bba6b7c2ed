#if canImport(Glibc)
  import Glibc
#endif

/// A value bound to a statement parameter, the same for every SQL backend.
public enum SQLValue: Sendable, Equatable {
  case integer(Int64)
  case text(String)
  case blob([UInt8])
  case null

  /// `text`, or NULL when nil.
  public static func optional(_ text: String?) -> SQLValue { text.map(SQLValue.text) ?? .null }
  /// `number`, or NULL when nil.
  public static func optional(_ number: Int64?) -> SQLValue { number.map(SQLValue.integer) ?? .null }
  /// `bytes`, or NULL when nil.
  public static func optional(_ bytes: [UInt8]?) -> SQLValue { bytes.map(SQLValue.blob) ?? .null }
}

/// One result row, read by column index (from 0).
public protocol SQLRow {
  func isNull(_ column: Int32) -> Bool
  func int64(_ column: Int32) -> Int64
  func text(_ column: Int32) -> String
  func blob(_ column: Int32) -> [UInt8]
}

extension SQLRow {
  /// The integer in `column` (from 0), or nil for NULL.
  public func optionalInt64(_ column: Int32) -> Int64? { isNull(column) ? nil : int64(column) }
  /// The text in `column` (from 0), or nil for NULL.
  public func optionalText(_ column: Int32) -> String? { isNull(column) ? nil : text(column) }
  /// The bytes in `column` (from 0), or nil for NULL.
  public func optionalBlob(_ column: Int32) -> [UInt8]? { isNull(column) ? nil : blob(column) }
}

/// What the store's repositories need from a database connection: statements written once, with `?`
/// placeholders, in the SQL that SQLite and PostgreSQL share. Each backend binds, runs and reads rows its
/// own way; `SQLStoreTransaction` holds every query.
public protocol SQLConnection: AnyObject {
  associatedtype Row: SQLRow

  /// Where the store is, for messages: a file path or a connection URI without its password.
  var location: String { get }

  /// Runs a statement that returns no rows; returns the number of rows changed.
  @discardableResult
  func run(_ sql: String, _ values: [SQLValue]) throws -> Int

  /// Runs an `INSERT` into a table whose key is `id`; returns the new id, or nil when an
  /// `ON CONFLICT … DO NOTHING` clause skipped the row.
  func insert(_ sql: String, _ values: [SQLValue]) throws -> Int64?

  /// Calls `body` for each row until it returns false; rows are streamed, never all held at once.
  func forEachRow(_ sql: String, _ values: [SQLValue], _ body: (Row) throws -> Bool) throws

  /// Runs SQL without bound values (several statements allowed).
  func execute(_ sql: String) throws

  /// Runs `body` in a write transaction, serialised with every other writer of the store and retried as a
  /// whole when the backend reports a conflict; the transaction ends as `body` says, or rolls back when it
  /// throws.
  func inWriteTransaction<T>(_ body: () throws -> (T, TransactionCompletion)) throws -> T

  /// Runs `body` against one consistent snapshot.
  func readTransaction<T>(_ body: () throws -> T) throws -> T

  /// Adds rows to `table`: `values` holds `columns.count` values per row, row after row. The way each
  /// backend takes many rows fastest: SQLite multi-row INSERTs, PostgreSQL `COPY … FROM STDIN`.
  func appendRows(into table: String, columns: [String], _ values: [SQLValue]) throws

  /// `count` new, unused values of `table`'s `id` key, in the caller's write transaction (whose lock keeps
  /// other writers out until it ends), for rows that are then added with `appendRows` and referred to
  /// before they are: a bulk import's letters and their outbox messages.
  func reserveIDs(in table: String, count: Int) throws -> [Int64]

  /// Whether a multi-row INSERT with RETURNING should read its rows from a temporary table filled with
  /// `appendRows` rather than from bound values: true where `appendRows` streams (PostgreSQL), so the
  /// statement is short and planned once per batch rather than per few dozen rows.
  var stagesBulkInserts: Bool { get }
}

/// A store kept in an SQL database: `Store`'s transactions are its connection's, over the shared queries.
protocol SQLBackedStore: Store {
  associatedtype Connection: SQLConnection
  var connection: Connection { get }
}

extension SQLBackedStore {
  /// See `Store.inTransaction`: a write transaction on the store's connection.
  public func inTransaction<T>(_ body: (any StoreTransaction) throws -> (T, TransactionCompletion)) throws
    -> T
  {
    try connection.inWriteTransaction { try body(SQLStoreTransaction(connection: connection)) }
  }

  /// See `Store.read`: a read transaction on the store's connection.
  public func read<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
    try connection.readTransaction { try body(SQLStoreTransaction(connection: connection)) }
  }
}

extension SQLConnection {
  /// Runs `body` in a write transaction that commits when it returns (see `inWriteTransaction`).
  func writeTransaction<T>(_ body: () throws -> T) throws -> T {
    try inWriteTransaction { (try body(), .commit) }
  }

  /// Runs `body` between `begin` and COMMIT (or ROLLBACK, when it returns `.rollback`), rolling back when
  /// it throws. When the failure is one
  /// `isRetryable` accepts (another writer held on), the whole transaction is tried again, up to `attempts`
  /// times with a growing, jittered pause, so a transaction never acts on a stale read.
  func retriedTransaction<T>(
    begin: String, attempts: Int, isRetryable: (any Error) -> Bool,
    _ body: () throws -> (T, TransactionCompletion)
  ) throws -> T {
    var attempt = 0
    while true {
      attempt += 1
      do {
        try execute(begin)
        do {
          let (result, completion) = try body()
          try execute(completion == .commit ? "COMMIT" : "ROLLBACK")
          return result
        } catch {
          try? execute("ROLLBACK")
          throw error
        }
      } catch  where isRetryable(error) && attempt < attempts {
        usleep(UInt32(20_000 * attempt + Int.random(in: 0..<20_000)))
      }
    }
  }

  /// Runs a statement without bound values.
  @discardableResult
  public func run(_ sql: String) throws -> Int { try run(sql, []) }

  /// Calls `body` for each row.
  public func query(_ sql: String, _ values: [SQLValue] = [], _ body: (Row) throws -> Void) throws {
    try forEachRow(sql, values) { row in
      try body(row)
      return true
    }
  }

  /// The rows mapped by `transform`.
  public func rows<T>(_ sql: String, _ values: [SQLValue] = [], _ transform: (Row) throws -> T) throws -> [T]
  {
    var result: [T] = []
    try query(sql, values) { result.append(try transform($0)) }
    return result
  }

  /// The first row mapped by `transform`, if any.
  public func first<T>(_ sql: String, _ values: [SQLValue] = [], _ transform: (Row) throws -> T) throws -> T?
  {
    var result: T?
    try forEachRow(sql, values) { row in
      result = try transform(row)
      return false
    }
    return result
  }

  /// Runs an `INSERT` that must add its row; returns the new id.
  public func insertingRow(_ sql: String, _ values: [SQLValue]) throws -> Int64 {
    guard let id = try insert(sql, values) else {
      throw StoreError.invalidSetting("store: an insert added no row (\(sql.prefix(40)))")
    }
    return id
  }

  /// `appendRows` as multi-row INSERT statements of at most `rowsPerStatement` rows each.
  func insertRows(
    into table: String, columns: [String], _ values: [SQLValue],
    rowsPerStatement: Int = ImportDefaults.rowsPerStatement
  ) throws {
    let width = columns.count
    precondition(width > 0 && values.count % width == 0, "values must fill whole rows")
    let names = columns.joined(separator: ", ")
    func statement(rows: Int) -> String {
      "INSERT INTO \(table) (\(names)) VALUES \(SQLColumns.placeholders(columns: width, rows: rows))"
    }
    // Built once: all statements but the last have the same text.
    let full = statement(rows: rowsPerStatement)
    var start = 0
    while start < values.count {
      let end = min(start + rowsPerStatement * width, values.count)
      let rows = (end - start) / width
      try run(rows == rowsPerStatement ? full : statement(rows: rows), Array(values[start..<end]))
      start = end
    }
  }

  /// The integer in the first column of the first row of `sql`, or 0 when there is no row.
  public func scalarInt(_ sql: String, _ values: [SQLValue] = []) throws -> Int64 {
    try first(sql, values) { $0.int64(0) } ?? 0
  }
}
