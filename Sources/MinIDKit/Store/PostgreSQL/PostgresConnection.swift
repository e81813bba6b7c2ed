import CPostgres
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// One libpq connection, used the way the store needs it: statements with `?` placeholders turned into
/// `$1…`, text results (bytea as hex), rows streamed in single-row mode, and write transactions serialised
/// per store on a transaction-scoped advisory lock with a bounded retry, as SQLite's `BEGIN IMMEDIATE`.
public final class PostgresConnection: SQLConnection, @unchecked Sendable {
  /// Serializes every use of the connection: each statement, and each transaction from its BEGIN to its
  /// end (recursive, so the statements inside a transaction take it again). So a store may be shared
  /// between threads, its transactions then running one after another; `minid serve` still gives each
  /// worker thread a connection of its own, so they run side by side. This lock is what makes the
  /// `@unchecked Sendable` true: no other member changes after `init` except under it.
  let serial = NSRecursiveLock()

  let handle: OpaquePointer
  /// The URI with any password replaced, for messages.
  public let location: String
  private var converted: [String: String] = [:]
  /// How often a whole write transaction is tried on a serialization failure or deadlock.
  public static let writeAttempts = 5

  /// Connects with a libpq URI (`postgresql://…`); the password comes from the URI, `PGPASSWORD` or
  /// `PGPASSFILE`, as libpq's own rules say. TLS is `verify-full` unless the URI asks for less for a local
  /// server (`PostgresConnectionString`).
  /// - Parameter environment: where `PGHOST` and `PGHOSTADDR` are read when the URI names no host.
  /// - Throws: `PostgresConnectionError` for a malformed URI or a weak `sslmode` for a remote server;
  ///   `PostgresError` (08006) when the server cannot be reached. No message holds the password.
  public init(uri: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
    location = StoreLocation.redacted(uri)
    let connectionString = try PostgresConnectionString(uri)
    let sslMode = try connectionString.sslMode(environment: environment)
    // Later keywords win over what the expanded URI set, so the mode decided above is the one used.
    let keywords = ["dbname", "sslmode"]
    let values = [uri, sslMode]
    let handle = Self.withCStrings(keywords) { keywords in
      Self.withCStrings(values) { values in PQconnectdbParams(keywords, values, 1) }
    }
    guard let handle else {
      throw PostgresError(sqlState: "08006", serverMessage: "out of memory", operation: "connecting")
    }
    guard PQstatus(handle) == CONNECTION_OK else {
      let message = connectionString.scrub(Self.firstLine(PQerrorMessage(handle)))
      PQfinish(handle)
      throw PostgresError(sqlState: "08006", serverMessage: message, operation: "connecting to \(location)")
    }
    self.handle = handle
    // Server notices ("relation already exists, skipping") would otherwise go to standard error.
    PQsetNoticeProcessor(handle, { _, _ in }, nil)
  }

  /// A NULL-terminated array of C strings, valid during `body`.
  private static func withCStrings<T>(
    _ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> T
  )
    -> T
  {
    let copies = strings.map { strdup($0) }
    defer { copies.forEach { free($0) } }
    let pointers = copies.map { UnsafePointer($0) } + [nil]
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
  }

  deinit { PQfinish(handle) }

  private static func firstLine(_ text: UnsafePointer<CChar>?) -> String {
    guard let text else { return "unknown error" }
    return String(cString: text).split(separator: "\n").first.map(String.init) ?? "unknown error"
  }

  private func error(_ result: OpaquePointer?, _ operation: String) -> PostgresError {
    let state = result.flatMap { PQresultErrorField($0, Int32(UInt8(ascii: "C"))) }.map {
      String(cString: $0)
    }
    let primary = result.flatMap { PQresultErrorField($0, Int32(UInt8(ascii: "M"))) }.map {
      String(cString: $0)
    }
    // Without a SQLSTATE: a lost connection, or a failure libpq itself reports.
    let fallback = PQstatus(handle) != CONNECTION_OK ? "08006" : "XX000"
    return PostgresError(
      sqlState: state ?? fallback, serverMessage: primary ?? Self.firstLine(PQerrorMessage(handle)),
      operation: operation)
  }

  /// Runs SQL without bound values (several statements allowed).
  public func execute(_ sql: String) throws(PostgresError) {
    serial.lock()
    defer { serial.unlock() }
    let result = PQexec(handle, sql)
    defer { PQclear(result) }
    let status = PQresultStatus(result)
    guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else {
      throw error(result, "running \(sql.prefix(40))")
    }
  }

  /// `numberedPlaceholders` of `sql`, cached: the same statements run once per row in bulk work.
  func numbered(_ sql: String) -> String {
    if let cached = converted[sql] { return cached }
    let output = Self.numberedPlaceholders(sql)
    converted[sql] = output
    return output
  }

  /// `?` placeholders as PostgreSQL's `$1`, `$2`, …; quoted text is left alone.
  static func numberedPlaceholders(_ sql: String) -> String {
    var output = ""
    output.reserveCapacity(sql.utf8.count + 16)
    var number = 0
    var quoted = false
    for character in sql {
      if character == "'" { quoted.toggle() }
      if character == "?" && !quoted {
        number += 1
        output += "$\(number)"
      } else {
        output.append(character)
      }
    }
    return output
  }

  /// Calls libpq with the values bound: text for numbers and strings, binary for bytea.
  private func withParameters<T>(
    _ values: [SQLValue],
    _ body: (
      Int32, UnsafePointer<Oid>?, UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Int32>?,
      UnsafePointer<Int32>?
    ) -> T
  ) -> T {
    var types: [Oid] = []
    var pointers: [UnsafeMutablePointer<CChar>?] = []
    var lengths: [Int32] = []
    var formats: [Int32] = []
    for value in values {
      switch value {
      case .integer(let number):
        types.append(0)
        pointers.append(strdup(String(number)))
        lengths.append(0)
        formats.append(0)
      case .text(let text):
        types.append(0)
        pointers.append(strdup(text))
        lengths.append(0)
        formats.append(0)
      case .blob(let bytes):
        types.append(17)  // bytea
        let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: max(bytes.count, 1))
        bytes.withUnsafeBytes { raw in
          if let base = raw.baseAddress {
            UnsafeMutableRawPointer(buffer).copyMemory(from: base, byteCount: bytes.count)
          }
        }
        pointers.append(buffer)
        lengths.append(Int32(bytes.count))
        formats.append(1)
      case .null:
        types.append(0)
        pointers.append(nil)
        lengths.append(0)
        formats.append(0)
      }
    }
    defer {
      for (index, pointer) in pointers.enumerated() {
        if formats[index] == 1 { pointer?.deallocate() } else { free(pointer) }
      }
    }
    let constant = pointers.map { UnsafePointer($0) }
    return types.withUnsafeBufferPointer { types in
      constant.withUnsafeBufferPointer { values in
        lengths.withUnsafeBufferPointer { lengths in
          formats.withUnsafeBufferPointer { formats in
            body(
              Int32(values.count), types.baseAddress, values.baseAddress, lengths.baseAddress,
              formats.baseAddress)
          }
        }
      }
    }
  }

  /// Runs one statement with values; the result is the caller's to clear.
  private func execute(_ sql: String, _ values: [SQLValue]) throws(PostgresError) -> OpaquePointer? {
    let text = numbered(sql)
    let result = withParameters(values) { count, types, values, lengths, formats in
      PQexecParams(handle, text, count, types, values, lengths, formats, 0)
    }
    let status = PQresultStatus(result)
    guard status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK else {
      defer { PQclear(result) }
      throw error(result, "running a statement")
    }
    return result
  }

  /// Runs `sql` with `values` bound and returns the rows it changed (`SQLConnection.run`).
  @discardableResult
  public func run(_ sql: String, _ values: [SQLValue]) throws -> Int {
    serial.lock()
    defer { serial.unlock() }
    let result = try execute(sql, values)
    defer { PQclear(result) }
    return PQcmdTuples(result).flatMap { Int(String(cString: $0)) } ?? 0
  }

  /// Runs an INSERT and returns the new row's id (`SQLConnection.insert`).
  public func insert(_ sql: String, _ values: [SQLValue]) throws -> Int64? {
    serial.lock()
    defer { serial.unlock() }
    let result = try execute(sql + " RETURNING id", values)
    defer { PQclear(result) }
    guard PQntuples(result) == 1 else { return nil }
    return PostgresRow(result: result!, row: 0).int64(0)
  }

  /// Runs `sql` with `values` bound and calls `body` for each row until it returns false
  /// (`SQLConnection.forEachRow`).
  public func forEachRow(_ sql: String, _ values: [SQLValue], _ body: (PostgresRow) throws -> Bool) throws {
    serial.lock()
    defer { serial.unlock() }
    let text = numbered(sql)
    let sent = withParameters(values) { count, types, values, lengths, formats in
      PQsendQueryParams(handle, text, count, types, values, lengths, formats, 0)
    }
    guard sent == 1 else { throw error(nil, "sending a query") }
    PQsetSingleRowMode(handle)
    var wanted = true
    var failure: (any Error)?
    // Every result is read to the end, even after the body stops or throws, so the connection is ready for
    // the next statement.
    while let result = PQgetResult(handle) {
      defer { PQclear(result) }
      switch PQresultStatus(result) {
      case PGRES_SINGLE_TUPLE:
        guard wanted, failure == nil else { continue }
        do {
          wanted = try body(PostgresRow(result: result, row: 0))
        } catch {
          failure = error
        }
      case PGRES_TUPLES_OK, PGRES_COMMAND_OK:
        continue
      default:
        if failure == nil { failure = error(result, "running a query") }
      }
    }
    if let failure { throw failure }
  }

  /// Streams the rows with `COPY … FROM STDIN` in text format: one round trip for any number of rows,
  /// with nothing to parse or plan per row.
  public func appendRows(into table: String, columns: [String], _ values: [SQLValue]) throws {
    serial.lock()
    defer { serial.unlock() }
    let width = columns.count
    precondition(width > 0 && values.count % width == 0, "values must fill whole rows")
    guard !values.isEmpty else { return }
    let result = PQexec(handle, "COPY \(table) (\(columns.joined(separator: ", "))) FROM STDIN")
    guard PQresultStatus(result) == PGRES_COPY_IN else {
      defer { PQclear(result) }
      throw error(result, "starting to copy rows into \(table)")
    }
    PQclear(result)
    var data = PostgresCopyText()
    data.reserve(values.count * 16)
    for (index, value) in values.enumerated() {
      data.append(value)
      data.end(field: index % width == width - 1)
    }
    let sent = data.bytes.withUnsafeBytes { raw in
      PQputCopyData(handle, raw.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(raw.count))
    }
    guard sent == 1, PQputCopyEnd(handle, nil) == 1 else { throw error(nil, "copying rows into \(table)") }
    var failure: PostgresError?
    while let result = PQgetResult(handle) {
      defer { PQclear(result) }
      if PQresultStatus(result) != PGRES_COMMAND_OK, failure == nil {
        failure = error(result, "copying rows into \(table)")
      }
    }
    if let failure { throw failure }
  }

  /// A run of values from the table's identity sequence, moved past them in one step (one `nextval` per
  /// id costs a round of sequence work each). Only writers insert, and they hold the store's write lock,
  /// so no other transaction draws from the sequence in between.
  public func reserveIDs(in table: String, count: Int) throws -> [Int64] {
    serial.lock()
    defer { serial.unlock() }
    guard count > 0 else { return [] }
    let last = try first(
      "SELECT setval(pg_get_serial_sequence(?, 'id'), nextval(pg_get_serial_sequence(?, 'id')) + ? - 1)",
      [.text(table), .text(table), .integer(Int64(count))]
    ) { $0.int64(0) }
    guard let last else { throw StoreError.invalidSetting("store: \(table): ids could not be reserved") }
    return (0..<Int64(count)).map { last - Int64(count) + 1 + $0 }
  }

  /// See `SQLConnection.stagesBulkInserts`.
  public var stagesBulkInserts: Bool { true }

  /// Runs `body` in a write transaction, ending it as `body` says. Writers of one store take the same transaction-scoped advisory
  /// lock first, so they run one at a time as on SQLite: every write appends to the one audit chain, whose
  /// head must be read and extended without another writer in between. Under READ COMMITTED each statement
  /// after the lock sees everything committed before it. Serialization failures and deadlocks are retried.
  public func inWriteTransaction<T>(_ body: () throws -> (T, TransactionCompletion)) throws -> T {
    serial.lock()
    defer { serial.unlock() }
    return try retriedTransaction(
      begin:
        "BEGIN ISOLATION LEVEL READ COMMITTED; SELECT pg_advisory_xact_lock(hashtext('minid-write:' || current_schema()))",
      attempts: Self.writeAttempts, isRetryable: { ($0 as? PostgresError)?.isRetryable == true }, body)
  }

  /// Runs `body` against one snapshot (REPEATABLE READ, read only).
  public func readTransaction<T>(_ body: () throws -> T) throws -> T {
    serial.lock()
    defer { serial.unlock() }
    try execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
    defer { try? execute("COMMIT") }
    return try body()
  }
}

/// One row of a text-format result.
public struct PostgresRow: SQLRow {
  let result: OpaquePointer
  let row: Int32

  /// Whether the value in `column` (from 0) is NULL.
  public func isNull(_ column: Int32) -> Bool { PQgetisnull(result, row, column) == 1 }

  /// The text in `column` (from 0).
  public func text(_ column: Int32) -> String { String(cString: PQgetvalue(result, row, column)) }

  /// The integer in `column` (from 0).
  public func int64(_ column: Int32) -> Int64 {
    Int64(String(cString: PQgetvalue(result, row, column))) ?? 0
  }

  /// bytea in text results is `\x` and hex digits.
  public func blob(_ column: Int32) -> [UInt8] {
    let length = Int(PQgetlength(result, row, column))
    guard length >= 2, let value = PQgetvalue(result, row, column) else { return [] }
    let text = UnsafeRawBufferPointer(start: value, count: length)
    func nibble(_ byte: UInt8) -> UInt8 {
      switch byte {
      case 48...57: byte - 48
      case 97...102: byte - 87
      case 65...70: byte - 55
      default: 0
      }
    }
    var bytes: [UInt8] = []
    bytes.reserveCapacity((length - 2) / 2)
    var index = 2
    while index + 1 < length {
      bytes.append(nibble(text[index]) << 4 | nibble(text[index + 1]))
      index += 2
    }
    return bytes
  }
}
