#if canImport(Glibc)
  import Glibc
#endif

/// Whether a file is a minid store, told without writing to it: an empty file or another program's
/// database must be refused as it is, not switched to WAL, migrated or answered with "internal error".
enum StoreFileIdentity {
  /// The 16 bytes every SQLite 3 database file begins with.
  static let sqliteMagic = Array("SQLite format 3\u{0}".utf8)

  /// Reads the file's first bytes.
  /// - Throws: `StoreError.emptyFile` or `.notSQLite`; `StoreError.cannotRead` when it cannot be read.
  /// - Parameters:
  ///   - path: the file to read.
  ///   - name: the path as the user gave it, for messages.
  static func check(_ path: String, name: String) throws {
    let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw StoreError.cannotRead(path: name, reason: String(cString: strerror(errno)))
    }
    defer { close(descriptor) }
    var header = [UInt8](repeating: 0, count: sqliteMagic.count)
    let count = header.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
    guard count >= 0 else {
      throw StoreError.cannotRead(path: name, reason: String(cString: strerror(errno)))
    }
    if count == 0 { throw StoreError.emptyFile(path: name) }
    guard count == sqliteMagic.count, header == sqliteMagic else { throw StoreError.notSQLite(path: name) }
  }

  /// Whether a SQLite database has minid's tables and a schema version, read before anything is written.
  static func isMinIDStore(_ connection: SQLiteConnection) throws -> Bool {
    let tables = try connection.scalarInt(
      "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name IN ('store_info', 'store_secret')")
    guard tables == 2 else { return false }
    return try connection.userVersion >= 1
  }
}
