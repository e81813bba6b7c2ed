/// Problems with the store itself: missing, already there, too new, misconfigured.
public enum StoreError: MinIDError, Equatable {
  case missing(path: String)
  /// `--database` names a directory, not the store file in it.
  case isDirectory(path: String)
  case alreadyInitialized(path: String)
  case newerSchema(found: Int, supported: Int)
  case notAStore(path: String)
  case invalidSetting(String)
  case cannotCreate(path: String, reason: String)
  /// The store path names an empty file: never a minid store (init writes its first page at once).
  case emptyFile(path: String)
  /// The file does not begin with SQLite's header.
  case notSQLite(path: String)
  /// A SQLite database without minid's tables: another program's.
  case foreignDatabase(path: String)
  case cannotRead(path: String, reason: String)

  /// The stable snake_case code scripts match on (`MinIDError.code`).
  public var code: String {
    switch self {
    case .missing: "store_missing"
    case .isDirectory: "store_is_directory"
    case .alreadyInitialized: "store_exists"
    case .newerSchema: "store_too_new"
    case .notAStore: "not_a_store"
    case .invalidSetting: "invalid_setting"
    case .cannotCreate: "store_cannot_create"
    case .emptyFile: "store_empty_file"
    case .notSQLite: "store_not_sqlite"
    case .foreignDatabase: "store_foreign_database"
    case .cannotRead: "store_unreadable"
    }
  }

  /// What kind of failure this is; the command line chooses the exit status from it.
  public var category: ErrorCategory {
    switch self {
    case .missing, .isDirectory: .missingInput
    case .alreadyInitialized: .conflict
    case .newerSchema, .notAStore, .emptyFile, .notSQLite, .foreignDatabase: .configuration
    case .cannotRead: .missingInput
    case .invalidSetting: .invalidInput
    case .cannotCreate: .cannotCreate
    }
  }

  /// The sentence shown: it names the field and the rule, never a secret or a full identity number.
  public var message: String {
    switch self {
    case .missing(let path):
      "no store at \(path)"
    case .isDirectory(let path):
      "\(path) is a directory"
    case .alreadyInitialized(let path):
      "a store already exists at \(path); init and db migrate-to make a store only where there is none"
    case .newerSchema(let found, let supported):
      "the store has schema version \(found), but this minid knows only up to \(supported); use a newer minid"
    case .notAStore(let path): "\(path) is not a minid store"
    case .invalidSetting(let why): why
    case .cannotCreate(let path, let reason): "cannot create the store at \(path): \(reason)"
    case .emptyFile(let path):
      "\(path) is an empty file, not a minid store; minid leaves it alone"
    case .notSQLite(let path):
      "\(path) is not a minid store: it is not a SQLite database at all; minid leaves it alone"
    case .foreignDatabase(let path):
      "\(path) is a SQLite database of another program, not a minid store; minid leaves it alone"
    case .cannotRead(let path, let reason): "cannot read the store at \(path): \(reason)"
    }
  }
}
