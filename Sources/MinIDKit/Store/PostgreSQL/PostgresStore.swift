/// The shared store for many machines: a PostgreSQL database (or a schema in one, chosen with the URI's
/// `options=-csearch_path=…`), reached through libpq with a `postgresql://` URI.
public final class PostgresStore: SQLBackedStore {
  /// The store's one connection.
  public let connection: PostgresConnection
  /// The settings, read when the store was opened.
  public let settings: StoreSettings
  /// The keys, read when the store was opened.
  public let secrets: StoreSecrets

  private init(connection: PostgresConnection, settings: StoreSettings, secrets: StoreSecrets) {
    self.connection = connection
    self.settings = settings
    self.secrets = secrets
  }

  /// Opens an existing store, upgrading its schema if it is older than this minid.
  /// - Throws: `StoreError.missing` when the database holds no minid store, `.newerSchema`.
  public static func open(uri: String) throws -> PostgresStore {
    let connection = try PostgresConnection(uri: uri)
    guard let version = try connection.readTransaction({ try PostgresSchema.version(connection) }) else {
      throw StoreError.missing(path: connection.location)
    }
    if version > PostgresSchema.latestVersion {
      throw StoreError.newerSchema(found: version, supported: PostgresSchema.latestVersion)
    }
    if try connection.readTransaction({ try PostgresSchema.needsMigration(connection, version: version) }) {
      try connection.writeTransaction { try PostgresSchema.migrate(connection) }
    }
    let (settings, secrets) = try connection.readTransaction {
      try SQLStoreSetup.loadConfiguration(connection)
    }
    return PostgresStore(connection: connection, settings: settings, secrets: secrets)
  }

  /// Creates the schema and the store's first rows in one transaction; refuses when the database (schema)
  /// already holds a minid store.
  public static func create(
    uri: String, settings: StoreSettings, secrets: StoreSecrets, actor: AuditActor,
    signingKey: SigningKey? = nil
  ) throws -> PostgresStore {
    let connection = try PostgresConnection(uri: uri)
    try connection.writeTransaction {
      try PostgresSchema.createStore(connection)
      try SQLStoreSetup.writeInitialRows(
        connection, settings: settings, secrets: secrets, actor: actor, signingKey: signingKey)
    }
    return PostgresStore(connection: connection, settings: settings, secrets: secrets)
  }

  /// Whether the URI's database holds a minid store (for `db path`); false when it cannot be reached.
  public static func exists(uri: String) -> Bool {
    guard let connection = try? PostgresConnection(uri: uri) else { return false }
    return (try? connection.readTransaction { try PostgresSchema.version(connection) }) != nil
  }
}

extension PostgresStore: AdministeredStore {
  /// Nothing to do from a client: dead row versions are the server's to VACUUM (docs/store.md).
  public func discardOldRowVersions() throws {}

  /// The URI, without its password.
  public var location: String { connection.location }

  /// The audit chain, and that every constraint is validated: PostgreSQL enforces foreign keys and checks
  /// itself, so there is no file to scan; page-level checks belong to the server (`pg_amcheck`).
  public func check() throws -> StoreCheck {
    let unvalidated = try connection.readTransaction {
      try connection.scalarInt(
        """
        SELECT count(*) FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
        WHERE n.nspname = current_schema() AND NOT c.convalidated
        """)
    }
    let (entries, problem) = try verifiedAuditChain()
    return StoreCheck(
      integrity: ["ok"], foreignKeyViolations: unvalidated, auditEntries: entries, auditProblem: problem)
  }

  /// Refused: a PostgreSQL store is backed up with the server's own tools.
  /// - Throws: `StoreError.invalidSetting`, always.
  public func backup(to path: String) throws {
    throw StoreError.invalidSetting(
      "db backup copies a SQLite store; back a PostgreSQL store up with pg_dump or the server's own backups")
  }

  /// The schema version and the schema's size on the server.
  public func size() throws -> StoreSize {
    try connection.readTransaction {
      let bytes = try connection.scalarInt(
        """
        SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'r'
        """)
      return StoreSize(schemaVersion: try PostgresSchema.version(connection) ?? 0, bytes: bytes, freeBytes: 0)
    }
  }
}
