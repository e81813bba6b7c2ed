import CSQLite
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// One connection to a store file, set up the way decisions §5 asks: WAL, `synchronous=FULL`,
/// `foreign_keys=ON`, a busy timeout, extended result codes, and every write in `BEGIN IMMEDIATE` with a
/// bounded retry of the whole transaction. In the style of GRDB's `DatabaseQueue`: one serial connection
/// per process.
public final class SQLiteConnection: SQLConnection, @unchecked Sendable {
  /// Serializes every use of the connection: each statement, and each transaction from its BEGIN to its
  /// end (recursive, so the statements inside a transaction take it again). So a store may be shared
  /// between threads, its transactions then running one after another; `minid serve` still gives each
  /// worker thread a connection of its own, so they run side by side. This lock is what makes the
  /// `@unchecked Sendable` true: no other member changes after `init` except under it.
  let serial = NSRecursiveLock()

  let handle: OpaquePointer
  /// The store file's path.
  public let path: String
  private var statements: [String: SQLiteStatement] = [:]
  /// How long SQLite waits for another process's lock before returning BUSY.
  public static let busyTimeoutMilliseconds: Int32 = 5000
  /// How often a whole write transaction is tried when SQLite still reports BUSY.
  public static let writeAttempts = 5

  /// Opens an existing store, or creates one when `create` is true.
  /// - Parameter configure: false leaves the connection as SQLite opened it, having written nothing, so
  ///   the caller can check what the file is before `configure()` switches it to WAL.
  public init(path: String, create: Bool = false, readOnly: Bool = false, configure: Bool = true)
    throws(SQLiteError)
  {
    var handle: OpaquePointer?
    var flags = SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
    flags |= readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE
    if create { flags |= SQLITE_OPEN_CREATE }
    let status = sqlite3_open_v2(path, &handle, flags, nil)
    guard status == SQLITE_OK, let handle else {
      let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
      if let handle { sqlite3_close_v2(handle) }
      throw SQLiteError(extendedCode: status, sqliteMessage: message, operation: "opening \(path)")
    }
    self.handle = handle
    self.path = path
    self.writers = SQLiteWriterQueue.forFile(path)
    sqlite3_extended_result_codes(handle, 1)
    sqlite3_busy_timeout(handle, Self.busyTimeoutMilliseconds)
    self.readOnly = readOnly
    if configure { try self.configure() }
  }

  private let readOnly: Bool

  /// Sets the connection up as decisions §5 asks; the first statement that may write to the file.
  /// - Throws: `SQLiteError`; the connection is closed then.
  public func configure() throws(SQLiteError) {
    do throws(SQLiteError) {
      // Outside any transaction: foreign_keys is a no-op inside one.
      try execute("PRAGMA foreign_keys = ON")
      if !readOnly {
        let mode = try scalarText("PRAGMA journal_mode = WAL")
        guard mode.lowercased() == "wal" else {
          throw SQLiteError(
            extendedCode: SQLITE_ERROR, sqliteMessage: "journal mode is \(mode)", operation: "enabling WAL")
        }
      }
      try execute("PRAGMA synchronous = FULL")
      // Deleted and overwritten content is zeroed, so erased codes and personal data do not linger in
      // free pages of the file.
      try execute("PRAGMA secure_delete = ON")
      // 32 MiB of page cache (SQLite's default is 2 MiB): index pages of a large store stay in memory during
      // bulk work, within the 100 MB a process may use.
      try execute("PRAGMA cache_size = -32768")
      // Statement journals (a multi-row INSERT keeps one, to undo itself alone) and temporary tables stay in
      // memory rather than in files the kernel writes out: they are small and live for one statement.
      try execute("PRAGMA temp_store = MEMORY")
      // Checkpoint after 10,000 pages (40 MiB) of WAL rather than 1,000: a bulk import's batch rewrites
      // the pages of its random-keyed indexes at every commit, and a larger WAL copies each of them back
      // into the database once instead of after every batch. The file is cut back to 64 MiB afterwards.
      try execute("PRAGMA wal_autocheckpoint = 10000")
      try execute("PRAGMA journal_size_limit = 67108864")
    } catch {
      statements.removeAll()
      throw error
    }
  }

  deinit {
    statements.removeAll()
    sqlite3_close_v2(handle)
  }

  func error(_ status: Int32, _ operation: String) -> SQLiteError {
    SQLiteError(
      extendedCode: sqlite3_extended_errcode(handle) != 0 ? sqlite3_extended_errcode(handle) : status,
      sqliteMessage: String(cString: sqlite3_errmsg(handle)), operation: operation)
  }

  /// Runs SQL without results (several statements allowed, no bound values).
  public func execute(_ sql: String) throws(SQLiteError) {
    serial.lock()
    defer { serial.unlock() }
    let status = sqlite3_exec(handle, sql, nil, nil, nil)
    guard status == SQLITE_OK else { throw error(status, "running \(sql.prefix(40))") }
  }

  /// A cached prepared statement for `sql`.
  func statement(_ sql: String) throws(SQLiteError) -> SQLiteStatement {
    if let cached = statements[sql] { return cached }
    let statement = try SQLiteStatement(connection: self, sql: sql)
    statements[sql] = statement
    return statement
  }

  /// Runs a statement that returns no rows; returns the number of rows changed.
  @discardableResult
  public func run(_ sql: String, _ values: [SQLValue] = []) throws(SQLiteError) -> Int {
    serial.lock()
    defer { serial.unlock() }
    let statement = try statement(sql)
    try statement.bind(values)
    defer { statement.reset() }
    while try statement.step() {}
    return Int(sqlite3_changes(handle))
  }

  /// Runs `sql` with `values` bound and calls `body` for each row until it returns false
  /// (`SQLConnection.forEachRow`).
  public func forEachRow(_ sql: String, _ values: [SQLValue], _ body: (SQLiteRow) throws -> Bool) throws {
    serial.lock()
    defer { serial.unlock() }
    let statement = try statement(sql)
    try statement.bind(values)
    defer { statement.reset() }
    while try statement.step() {
      guard try body(SQLiteRow(statement: statement.handle)) else { return }
    }
  }

  /// Runs an INSERT and returns the new row's id (`SQLConnection.insert`).
  public func insert(_ sql: String, _ values: [SQLValue]) throws -> Int64? {
    serial.lock()
    defer { serial.unlock() }
    return try run(sql, values) == 1 ? lastInsertedRowID : nil
  }

  /// Where the store is, for messages (`SQLConnection.location`).
  public var location: String { path }

  func scalarText(_ sql: String) throws(SQLiteError) -> String {
    let statement = try statement(sql)
    try statement.bind([])
    defer { statement.reset() }
    guard try statement.step() else { return "" }
    return SQLiteRow(statement: statement.handle).text(0)
  }

  /// The rowid of the row the last INSERT on this connection added.
  public var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(handle) }

  /// Runs `body` in a `BEGIN IMMEDIATE` transaction, ending it as `body` says and rolling back when it
  /// throws. When SQLite reports BUSY (after its own timeout) the whole transaction is tried again, a
  /// bounded number of times with a growing pause, so a transaction never acts on a stale read. Writers of
  /// this process on the same file take turns first (`SQLiteWriterQueue`), so only other processes' writers
  /// meet SQLite's busy handler.
  public func inWriteTransaction<T>(_ body: () throws -> (T, TransactionCompletion)) throws -> T {
    serial.lock()
    defer { serial.unlock() }
    return try writers.run {
      try retriedTransaction(
        begin: "BEGIN IMMEDIATE", attempts: Self.writeAttempts,
        isRetryable: { ($0 as? SQLiteError)?.isBusy == true }, body)
    }
  }

  /// This process's writers on this file.
  let writers: SQLiteWriterQueue

  /// Runs `body` in a read transaction (a consistent snapshot).
  public func readTransaction<T>(_ body: () throws -> T) throws -> T {
    serial.lock()
    defer { serial.unlock() }
    try execute("BEGIN DEFERRED")
    defer { try? execute("COMMIT") }
    return try body()
  }

  /// Adds rows with multi-row INSERTs (`SQLConnection.appendRows`).
  public func appendRows(into table: String, columns: [String], _ values: [SQLValue]) throws {
    serial.lock()
    defer { serial.unlock() }
    try insertRows(into: table, columns: columns, values)
  }

  /// The ids after the largest one stored: what SQLite itself would give the next rows of a rowid table,
  /// safe because the write transaction keeps every other writer out.
  public func reserveIDs(in table: String, count: Int) throws -> [Int64] {
    serial.lock()
    defer { serial.unlock() }
    let last = try scalarInt("SELECT coalesce(max(id), 0) FROM \(table)")
    return (0..<Int64(count)).map { last + 1 + $0 }
  }

  /// See `SQLConnection.stagesBulkInserts`.
  public var stagesBulkInserts: Bool { false }

  /// `PRAGMA user_version`.
  public var userVersion: Int {
    get throws { Int(try scalarInt("PRAGMA user_version")) }
  }
}
