import Foundation

/// Opens and creates stores by location: a `postgresql://` URI is a PostgreSQL store, anything else a
/// SQLite file. The only place that knows which backends exist.
public enum StoreBackend {
  /// Opens the store at `location`, upgrading its schema if it is older.
  /// - Throws: `StoreError` (missing, newer schema, not a store, …), `StorePathError`, or the backend's
  ///   error.
  public static func open(_ location: StoreLocation) throws -> any AdministeredStore {
    location.isPostgreSQL
      ? try PostgresStore.open(uri: location.path) : try SQLiteStore.open(path: location.path)
  }

  /// Creates a new store at `location` with these settings, secrets and first signing key.
  /// - Throws: `StoreError.invalidSetting` for lockout settings out of bounds (`StoreSettings.checkLockout`),
  ///   and the backend's errors for a location that cannot be created or holds a store already.
  public static func create(
    _ location: StoreLocation, settings: StoreSettings, secrets: StoreSecrets, actor: AuditActor,
    signingKey: SigningKey?
  ) throws -> any AdministeredStore {
    try settings.checkLockout()
    if location.isPostgreSQL {
      return try PostgresStore.create(
        uri: location.path, settings: settings, secrets: secrets, actor: actor, signingKey: signingKey)
    }
    return try SQLiteStore.create(
      path: location.path, settings: settings, secrets: secrets, actor: actor, signingKey: signingKey)
  }

  /// Copies `store` into an empty PostgreSQL database (`db migrate-to`) from one consistent snapshot, and
  /// verifies the copy: row counts of every table, and the audit chain with the copy's own entry.
  public static func migrate(
    _ store: any AdministeredStore, to location: StoreLocation, actor: AuditActor, at time: Timestamp
  ) throws -> StoreCopier.Report {
    guard location.isPostgreSQL else { throw StoreCopyError.notPostgreSQL }
    let copied: [String: Int64]
    if let sqlite = store as? SQLiteStore {
      copied = try sqlite.connection.readTransaction {
        try StoreCopier.copy(from: sqlite.connection, to: location.path, actor: actor, at: time)
      }
    } else {
      let postgres = store as! PostgresStore
      copied = try postgres.connection.readTransaction {
        try StoreCopier.copy(from: postgres.connection, to: location.path, actor: actor, at: time)
      }
    }
    return try StoreCopier.verify(copied, uri: location.path)
  }

  /// Whether a store is there (for `db path`).
  public static func exists(_ location: StoreLocation) -> Bool {
    location.isPostgreSQL ? PostgresStore.exists(uri: location.path) : access(location.path, F_OK) == 0
  }
}
