import CSQLite

#if canImport(Glibc)
  import Glibc
#endif

/// The embedded default store: one SQLite file (plus its `-wal` and `-shm`) in a 0700 directory.
public final class SQLiteStore: SQLBackedStore {
  public let connection: SQLiteConnection
  public let settings: StoreSettings
  public let secrets: StoreSecrets

  private init(connection: SQLiteConnection, settings: StoreSettings, secrets: StoreSecrets) {
    self.connection = connection
    self.settings = settings
    self.secrets = secrets
  }

  /// Opens an existing store, upgrading its schema if it is older than this minid.
  /// - Throws: `StoreError.missing` with the command that creates one, `.newerSchema`, `.notAStore`.
  public static func open(path: String) throws -> SQLiteStore {
    guard access(path, F_OK) == 0 else { throw StoreError.missing(path: path) }
    var status = stat()
    if stat(path, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
      throw StoreError.isDirectory(path: path)
    }
    let connection: SQLiteConnection
    do {
      connection = try SQLiteConnection(path: path)
      let version = try connection.userVersion
      if version == 0 { throw StoreError.notAStore(path: path) }
      if version != SQLiteSchema.latestVersion { try SQLiteSchema.migrate(connection) }
    } catch let error as SQLiteError where error.primaryCode == SQLITE_NOTADB {
      throw StoreError.notAStore(path: path)
    }
    let (settings, secrets) = try SQLStoreSetup.loadConfiguration(connection)
    return SQLiteStore(connection: connection, settings: settings, secrets: secrets)
  }

  /// Creates a new store: the directory (0700) if needed, the file (0600), the schema, the settings and
  /// fresh secrets, and the first audit entry, all or nothing.
  /// - Throws: `StoreError.alreadyInitialized` when a file is already there.
  public static func create(
    path: String, settings: StoreSettings, secrets: StoreSecrets, actor: AuditActor,
    signingKey: SigningKey? = nil
  ) throws -> SQLiteStore {
    let location = StoreLocation(path: path, source: .option)
    try makeDirectory(location.directory)
    guard access(path, F_OK) != 0 else { throw StoreError.alreadyInitialized(path: path) }
    let previousMask = umask(0o077)
    defer { umask(previousMask) }
    var created = false
    do {
      let connection = try SQLiteConnection(path: path, create: true)
      created = true
      chmod(path, 0o600)
      try SQLiteSchema.migrate(connection)
      try connection.writeTransaction {
        try SQLStoreSetup.writeInitialRows(
          connection, settings: settings, secrets: secrets, actor: actor, signingKey: signingKey)
      }
      return SQLiteStore(connection: connection, settings: settings, secrets: secrets)
    } catch {
      // Leave nothing half made behind: a failed init can simply be run again.
      if created {
        for suffix in ["", "-wal", "-shm", "-journal"] { unlink(path + suffix) }
      }
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
