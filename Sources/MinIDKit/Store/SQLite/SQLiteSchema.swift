/// The schema in a SQLite store: `StoreMigrations` run on SQLite, the version kept in `user_version`.
enum SQLiteSchema {
  static var latestVersion: Int { StoreMigrations.latestVersion }

  /// Whether the store must be migrated (see `StoreMigrations.needsMigration`).
  static func needsMigration(_ connection: SQLiteConnection) throws -> Bool {
    let names = try connection.scalarInt(
      "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?", [.text(StoreMigrations.table)])
    return try StoreMigrations.needsMigration(
      connection, recordedVersion: try connection.userVersion, namesTableExists: names > 0)
  }

  /// Brings the store up to the latest version; refuses a store made by a newer minid.
  static func migrate(_ connection: SQLiteConnection) throws {
    try connection.writeTransaction {
      let version = try StoreMigrations.migrate(connection, recordedVersion: try connection.userVersion) {
        $0.sqlite
      }
      try connection.execute("PRAGMA user_version = \(version)")
      let violations = try connection.scalarInt("SELECT count(*) FROM pragma_foreign_key_check")
      guard violations == 0 else {
        throw SQLiteError(
          extendedCode: 787, sqliteMessage: "foreign key check failed after migration", operation: "migrating"
        )
      }
    }
  }
}
