import CSQLite

#if canImport(Glibc)
  import Glibc
#endif

/// The embedded default store: one SQLite file (plus its `-wal` and `-shm`) in a 0700 directory.
public final class SQLiteStore: Store {
  public let connection: SQLiteConnection
  public let settings: StoreSettings
  public let secrets: StoreSecrets

  private init(connection: SQLiteConnection, settings: StoreSettings, secrets: StoreSecrets) {
    self.connection = connection
    self.settings = settings
    self.secrets = secrets
  }

  @discardableResult
  public func write<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
    try connection.writeTransaction { try body(SQLStoreTransaction(connection: connection)) }
  }

  public func read<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
    try connection.readTransaction { try body(SQLStoreTransaction(connection: connection)) }
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
    let (settings, secrets) = try loadConfiguration(connection)
    return SQLiteStore(connection: connection, settings: settings, secrets: secrets)
  }

  /// Creates a new store: the directory (0700) if needed, the file (0600), the schema, the settings and
  /// fresh secrets, and the first audit entry, all or nothing.
  /// - Throws: `StoreError.alreadyInitialized` when a file is already there.
  public static func create(
    path: String, settings: StoreSettings, secrets: StoreSecrets, actor: String, signingKey: SigningKey? = nil
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
        let rows: [(String, String)] = [
          ("environment", settings.environment.rawValue), ("issuer", settings.issuer),
          ("letter_validity_days", String(settings.letterValidityDays)),
          ("reset_letter_validity_days", String(settings.resetLetterValidityDays)),
          ("lockout_threshold", String(settings.lockoutThreshold)),
          ("lockout_minutes", String(settings.lockoutMinutes)), ("scrypt", settings.scrypt.description),
          ("created_at", String(settings.createdAt.seconds)),
        ]
        for (key, value) in rows {
          try connection.run("INSERT INTO store_info (key, value) VALUES (?, ?)", [.text(key), .text(value)])
        }
        for (name, value) in [
          ("pseudonym_key", secrets.pseudonymKey), ("code_key", secrets.codeKey),
          ("subject_key", secrets.subjectKey),
        ] {
          try connection.run(
            "INSERT INTO store_secret (name, value) VALUES (?, ?)", [.text(name), .blob(value)])
        }
        let transaction = SQLStoreTransaction(connection: connection)
        try transaction.audit(
          AuditDraft(
            actor: actor, action: "store.init",
            detail: "environment \(settings.environment.rawValue), issuer \(settings.issuer)"),
          at: settings.createdAt)
        if let signingKey {
          try transaction.insertSigningKey(signingKey)
          try transaction.activateSigningKey(kid: signingKey.kid)
          try transaction.audit(
            AuditDraft(
              actor: actor, action: "key.create",
              detail: "\(signingKey.algorithm.rawValue) \(signingKey.kid); active"),
            at: settings.createdAt)
        }
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

  private static func loadConfiguration(_ connection: SQLiteConnection) throws -> (
    StoreSettings, StoreSecrets
  ) {
    var info: [String: String] = [:]
    try connection.query("SELECT key, value FROM store_info") { info[$0.text(0)] = $0.text(1) }
    var keys: [String: [UInt8]] = [:]
    try connection.query("SELECT name, value FROM store_secret") { keys[$0.text(0)] = $0.blob(1) }
    func number(_ key: String) throws -> Int {
      guard let value = info[key].flatMap(Int.init) else { throw StoreError.notAStore(path: connection.path) }
      return value
    }
    guard let environment = info["environment"].flatMap(StoreEnvironment.init(rawValue:)),
      let issuer = info["issuer"], let scryptText = info["scrypt"],
      let scrypt = Self.parseScrypt(scryptText),
      let pseudonymKey = keys["pseudonym_key"], let codeKey = keys["code_key"],
      let subjectKey = keys["subject_key"]
    else { throw StoreError.notAStore(path: connection.path) }
    let settings = StoreSettings(
      environment: environment, issuer: issuer, letterValidityDays: try number("letter_validity_days"),
      resetLetterValidityDays: try number("reset_letter_validity_days"),
      lockoutThreshold: try number("lockout_threshold"), lockoutMinutes: try number("lockout_minutes"),
      scrypt: scrypt, createdAt: Timestamp(seconds: Int64(try number("created_at"))))
    return (settings, StoreSecrets(pseudonymKey: pseudonymKey, codeKey: codeKey, subjectKey: subjectKey))
  }

  static func parseScrypt(_ text: String) -> ScryptParameters? {
    let values = text.split(separator: ",").compactMap { $0.split(separator: "=").last.flatMap { Int($0) } }
    guard values.count == 3 else { return nil }
    return ScryptParameters(ln: values[0], r: values[1], p: values[2])
  }
}
