import CSQLite

#if canImport(Glibc)
  import Glibc
#endif

/// The embedded default store: one SQLite file (plus its `-wal` and `-shm`) in a 0700 directory.
public final class SQLiteStore: SQLBackedStore {
  /// The store's one connection.
  public let connection: SQLiteConnection
  /// The settings, read when the store was opened.
  public let settings: StoreSettings
  /// The keys, read when the store was opened.
  public let secrets: StoreSecrets

  private init(connection: SQLiteConnection, settings: StoreSettings, secrets: StoreSecrets) {
    self.connection = connection
    self.settings = settings
    self.secrets = secrets
  }

  /// Opens an existing store, upgrading its schema if it is older than this minid.
  ///
  /// Before SQLite writes anything, the path must pass `StorePathPolicy` and the file must be a minid
  /// store: an empty file, a file of another kind or another program's SQLite database is refused as it
  /// is, never switched to WAL or migrated.
  /// - Throws: `StoreError.missing` with the command that creates one, `.isDirectory`, `.emptyFile`,
  ///   `.notSQLite`, `.foreignDatabase`, `.newerSchema`, `.notAStore`; `StorePathError` (exit 77).
  public static func open(path: String) throws -> SQLiteStore {
    var status = stat()
    guard lstat(path, &status) == 0 else { throw StoreError.missing(path: path) }
    if status.st_mode & S_IFMT == S_IFDIR { throw StoreError.isDirectory(path: path) }
    let checked = try StorePathPolicy.checkExistingStore(path)
    try StoreFileIdentity.check(checked, name: path)
    let connection: SQLiteConnection
    do {
      connection = try SQLiteConnection(path: checked, configure: false)
      guard try StoreFileIdentity.isMinIDStore(connection) else {
        throw StoreError.foreignDatabase(path: path)
      }
      try connection.configure()
      if try SQLiteSchema.needsMigration(connection) { try SQLiteSchema.migrate(connection) }
    } catch let error as SQLiteError where error.primaryCode == SQLITE_NOTADB {
      throw StoreError.notSQLite(path: path)
    }
    let (settings, secrets) = try SQLStoreSetup.loadConfiguration(connection)
    return SQLiteStore(connection: connection, settings: settings, secrets: secrets)
  }

  /// Creates a new store: the directory (0700) if needed, the file (0600, created new: `O_EXCL` and
  /// `O_NOFOLLOW`), the schema, the settings and fresh secrets, and the first audit entry, all or nothing.
  /// - Throws: `StoreError.alreadyInitialized` when a file (or a link) is already there; `StorePathError`
  ///   when the directory chain breaks `StorePathPolicy`, before anything is made.
  public static func create(
    path: String, settings: StoreSettings, secrets: StoreSecrets, actor: AuditActor,
    signingKey: SigningKey? = nil
  ) throws -> SQLiteStore {
    let location = StoreLocation(path: path, source: .option)
    var existing = stat()
    guard lstat(path, &existing) != 0 else { throw StoreError.alreadyInitialized(path: path) }
    try StorePathPolicy.checkAncestorsBeforeCreating(location.directory)
    try makeDirectory(location.directory)
    let checked = try StorePathPolicy.checkNewStore(path)
    let previousMask = umask(0o077)
    defer { umask(previousMask) }
    let descriptor = Glibc.open(checked, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else {
      if errno == EEXIST { throw StoreError.alreadyInitialized(path: path) }
      throw StoreError.cannotCreate(path: path, reason: String(cString: strerror(errno)))
    }
    close(descriptor)
    do {
      let connection = try SQLiteConnection(path: checked)
      try SQLiteSchema.migrate(connection)
      try connection.writeTransaction {
        try SQLStoreSetup.writeInitialRows(
          connection, settings: settings, secrets: secrets, actor: actor, signingKey: signingKey)
      }
      return SQLiteStore(connection: connection, settings: settings, secrets: secrets)
    } catch {
      // Leave nothing half made behind: a failed init can simply be run again.
      for suffix in [""] + StorePathPolicy.sidecarSuffixes { unlink(checked + suffix) }
      throw error
    }
  }

  private static func makeDirectory(_ directory: String) throws {
    var current = directory.hasPrefix("/") ? "" : "."
    for component in directory.split(separator: "/") {
      current += "/" + component
      if access(current, F_OK) == 0 { continue }
      guard mkdir(current, 0o700) == 0 || errno == EEXIST else {
        throw StoreError.cannotCreate(path: current, reason: String(cString: strerror(errno)))
      }
    }
  }

}
