/// The schema in a PostgreSQL store: `StoreMigrations` run on PostgreSQL, the version kept in a table.
enum PostgresSchema {
  static var latestVersion: Int { StoreMigrations.latestVersion }

  /// The version table: PostgreSQL has no `user_version`, so one row holds it.
  static let versionTable = "minid_schema_version"

  /// The store's schema version, or nil when this database (schema) holds no minid store.
  static func version(_ connection: PostgresConnection) throws -> Int? {
    let exists = try connection.scalarInt(
      "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?",
      [.text(versionTable)])
    guard exists > 0 else { return nil }
    return Int(try connection.scalarInt("SELECT version FROM \(versionTable)"))
  }

  /// Whether the store must be migrated (see `StoreMigrations.needsMigration`), for a store at `version`.
  static func needsMigration(_ connection: PostgresConnection, version: Int) throws -> Bool {
    let names = try connection.scalarInt(
      "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = ?",
      [.text(StoreMigrations.table)])
    return try StoreMigrations.needsMigration(
      connection, recordedVersion: version, namesTableExists: names > 0)
  }

  /// Takes the migration lock for the rest of the caller's transaction: two processes migrating or
  /// creating at once take turns, and the second finds the first one's work done.
  private static func lockMigrations(_ connection: PostgresConnection) throws {
    try connection.execute("SELECT pg_advisory_xact_lock(hashtext('minid-migrate:' || current_schema()))")
  }

  /// Creates the whole schema inside the caller's transaction, for `init` and `db migrate-to`.
  /// - Throws: `StoreError.alreadyInitialized` when the database (schema) already holds a minid store.
  static func createStore(_ connection: PostgresConnection) throws {
    try lockMigrations(connection)
    guard try version(connection) == nil else {
      throw StoreError.alreadyInitialized(path: connection.location)
    }
    try migrate(connection)
  }

  /// Brings the schema to the latest version inside the caller's transaction, under the migration lock, so
  /// two processes migrating at once apply each step once: the second waits, then finds nothing to do.
  static func migrate(_ connection: PostgresConnection) throws {
    try lockMigrations(connection)
    let found = try version(connection) ?? 0
    guard found <= latestVersion else {
      throw StoreError.newerSchema(found: found, supported: latestVersion)
    }
    if found == 0 {
      try connection.execute("CREATE TABLE \(versionTable) (version INTEGER NOT NULL)")
      try connection.run("INSERT INTO \(versionTable) (version) VALUES (0)")
    }
    let version = try StoreMigrations.migrate(connection, recordedVersion: found) { $0.postgres }
    try connection.run("UPDATE \(versionTable) SET version = ?", [.integer(Int64(version))])
  }
}
