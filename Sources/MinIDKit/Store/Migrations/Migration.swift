/// One change to the store's schema, written once for each backend: the same tables, columns and
/// constraints in SQLite's dialect and in PostgreSQL's (BIGINT identities for SQLite's rowids, BYTEA for
/// BLOB, a trigger function for the append-only audit trail). A shipped migration is never edited; a
/// change is a new migration, added to `StoreMigrations.all`.
struct Migration: Sendable {
  /// The name the store records once the migration has run (`minid_migration.identifier`); never reused.
  let identifier: String
  /// The statements for SQLite.
  let sqlite: String
  /// The statements for PostgreSQL.
  let postgres: String

  init(_ identifier: String, sqlite: String, postgres: String) {
    self.identifier = identifier
    self.sqlite = sqlite
    self.postgres = postgres
  }
}
