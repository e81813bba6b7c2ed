#if canImport(Glibc)
  import Glibc
#endif

/// Whether a file is a minid store, told without writing to it: an empty file or another program's
/// database must be refused as it is, not switched to WAL, migrated or answered with "internal error".
enum StoreFileIdentity {

  /// Refuses an empty file, by its size. Whether the bytes are SQLite's is left to SQLite (`SQLITE_NOTADB`
  /// on the first read): the file is never opened outside SQLite, because closing any descriptor of a file
  /// drops every POSIX lock this process holds on it, and with them the locks of the process's other
  /// SQLite connections to the store (a server's worker threads), which then let another process reset
  /// the write-ahead log under them.
  /// - Throws: `StoreError.emptyFile`; `StoreError.cannotRead` when it cannot be examined.
  /// - Parameters:
  ///   - path: the file to examine.
  ///   - name: the path as the user gave it, for messages.
  static func check(_ path: String, name: String) throws {
    var status = stat()
    guard lstat(path, &status) == 0 else {
      throw StoreError.cannotRead(path: name, reason: String(cString: strerror(errno)))
    }
    if status.st_size == 0 { throw StoreError.emptyFile(path: name) }
  }

  /// Whether a SQLite database has minid's tables and a schema version, read before anything is written.
  static func isMinIDStore(_ connection: SQLiteConnection) throws -> Bool {
    let tables = try connection.scalarInt(
      "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('store_info', 'store_secret')")
    guard tables == 2 else { return false }
    return try connection.userVersion >= 1
  }
}
