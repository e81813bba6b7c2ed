/// The store's schema as one append-only list of named migrations for both backends, applied by name
/// (GRDB's `DatabaseMigrator` is the model; decisions §5).
///
/// A store records the identifier of every migration it has run in `minid_migration`, and also their
/// number (SQLite's `user_version`, PostgreSQL's `minid_schema_version`), which is what minid versions
/// before the names read, so they still refuse a store they do not know. A store made before the names
/// were kept has only the number; it has run the first that many migrations of this list, and is given
/// their names when it is next migrated.
enum StoreMigrations {
  /// Every migration, in the order they run; the position is the schema version a migration brings.
  static let all: [Migration] = [
    .accounts,
    .servicesKeysLogins,
    .accountCases,
    .dropAccountPseudonymIndex,
    .auditAccountID,
    .openIDConnect,
    .signingKeyActivation,
    .letterPartsInOutbox,
    .clientAssertionJTI,
    .singleSignOnSessions,
    .secondFactors,
    .accessTokenAudience,
  ]

  /// The schema version this minid makes: the number of migrations.
  static var latestVersion: Int { all.count }

  /// The table of applied identifiers.
  static let table = "minid_migration"

  /// Whether the store lacks a migration of this list, or records one this list does not have, and so
  /// must be migrated (or refused) before use. `namesTableExists` says whether the store has the table of
  /// identifiers yet; only then are they read. Cheap enough for every open: one small query.
  static func needsMigration<Connection: SQLConnection>(
    _ connection: Connection, recordedVersion version: Int, namesTableExists: Bool
  ) throws -> Bool {
    guard version == latestVersion, namesTableExists else { return true }
    let applied = Set(try connection.rows("SELECT identifier FROM \(table)") { $0.text(0) })
    return applied != Set(all.map(\.identifier))
  }

  /// Runs, in the caller's write transaction, every migration the store has not run, in list order, and
  /// records each by identifier. `version` is the number the store recorded. Returns the version to
  /// record now: `latestVersion`.
  /// - Throws: `StoreError.newerSchema` when the store records a higher version or a migration this minid
  ///   does not know (a newer minid's store, never modified); the backend's error when a statement fails.
  static func migrate<Connection: SQLConnection>(
    _ connection: Connection, recordedVersion version: Int, sql: (Migration) -> String
  ) throws -> Int {
    guard version <= latestVersion else {
      throw StoreError.newerSchema(found: version, supported: latestVersion)
    }
    try connection.execute("CREATE TABLE IF NOT EXISTS \(table) (identifier TEXT PRIMARY KEY NOT NULL)")
    var applied = Set(try connection.rows("SELECT identifier FROM \(table)") { $0.text(0) })
    if applied.isEmpty {
      for migration in all.prefix(version) { try record(migration, connection, &applied) }
    }
    guard applied.isSubset(of: all.map(\.identifier)) else {
      throw StoreError.newerSchema(found: max(version, applied.count), supported: latestVersion)
    }
    for migration in all where !applied.contains(migration.identifier) {
      try connection.execute(sql(migration))
      try record(migration, connection, &applied)
    }
    return latestVersion
  }

  private static func record<Connection: SQLConnection>(
    _ migration: Migration, _ connection: Connection, _ applied: inout Set<String>
  ) throws {
    _ = try connection.run("INSERT INTO \(table) (identifier) VALUES (?)", [.text(migration.identifier)])
    applied.insert(migration.identifier)
  }
}
