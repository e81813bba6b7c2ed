/// Where the store lives, and which rule chose it (decisions §3).
///
/// Precedence: `--database PATH`, then `MINID_DATABASE`, then `$XDG_DATA_HOME/minid/minid.sqlite` (an
/// absolute XDG_DATA_HOME only, as the XDG spec says), then `$HOME/.local/share/minid/minid.sqlite`.
public struct StoreLocation: Sendable, Equatable {
  /// The rule that produced the path.
  public enum Source: String, Sendable {
    case option = "--database"
    case environment = "MINID_DATABASE"
    case xdgDataHome = "XDG_DATA_HOME"
    case home = "HOME"
  }

  /// A file path or a `postgresql://` URI.
  public let path: String
  /// Which rule chose it.
  public let source: Source

  /// A location chosen by `source`.
  public init(path: String, source: Source) {
    self.path = path
    self.source = source
  }

  /// A `postgresql://` (or `postgres://`) URI names a PostgreSQL store; anything else is a SQLite file.
  public var isPostgreSQL: Bool { path.hasPrefix("postgresql://") || path.hasPrefix("postgres://") }

  /// The location as messages and `db path` show it: a URI's password replaced by `***`.
  public var displayName: String { isPostgreSQL ? Self.redacted(path) : path }

  /// A libpq URI with any password in its user part or its query replaced by `***`; in a `key=value`
  /// string, the value of `password`.
  public static func redacted(_ uri: String) -> String {
    guard uri.contains("://") else {
      return PostgresConnectionString.scrub(uri, secrets: PostgresConnectionString.textualPasswords(uri))
    }
    var text = uri
    if let scheme = text.range(of: "://") {
      let authorityEnd = text[scheme.upperBound...].firstIndex(where: { "/?".contains($0) }) ?? text.endIndex
      if let at = text[scheme.upperBound..<authorityEnd].lastIndex(of: "@"),
        let colon = text[scheme.upperBound..<at].firstIndex(of: ":")
      {
        text.replaceSubrange(text.index(after: colon)..<at, with: "***")
      }
    }
    if let query = text.firstIndex(of: "?") {
      let parts = text[text.index(after: query)...].split(separator: "&").map { part in
        part.lowercased().hasPrefix("password=") ? "password=***" : String(part)
      }
      text = String(text[...query]) + parts.joined(separator: "&")
    }
    return text
  }

  /// The directory that holds the store and its `-wal` and `-shm` files.
  public var directory: String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }

  /// Applies the precedence rule.
  /// - Parameters:
  ///   - option: the value of `--database`, if given.
  ///   - environment: the process environment.
  /// - Throws: `StoreLocationError` when a given value is empty or no rule yields a path.
  public static func resolve(option: String?, environment: [String: String]) throws(StoreLocationError)
    -> StoreLocation
  {
    if let option {
      guard !option.isEmpty else { throw .empty(Source.option.rawValue) }
      return StoreLocation(path: option, source: .option)
    }
    if let value = environment["MINID_DATABASE"], !value.isEmpty {
      return StoreLocation(path: value, source: .environment)
    }
    if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
      return StoreLocation(path: join(xdg, "minid/minid.sqlite"), source: .xdgDataHome)
    }
    if let home = environment["HOME"], home.hasPrefix("/") {
      return StoreLocation(path: join(home, ".local/share/minid/minid.sqlite"), source: .home)
    }
    throw .noHome
  }

  private static func join(_ base: String, _ rest: String) -> String {
    base.hasSuffix("/") ? base + rest : base + "/" + rest
  }
}

/// Why no store location could be chosen.
public enum StoreLocationError: MinIDError, Equatable {
  case empty(String)
  case noHome

  /// The stable snake_case code scripts match on (`MinIDError.code`).
  public var code: String {
    switch self {
    case .empty: "empty_database_path"
    case .noHome: "no_database_location"
    }
  }

  /// What kind of failure this is; the command line chooses the exit status from it.
  public var category: ErrorCategory { .configuration }

  /// The sentence shown: it names the field and the rule, never a secret or a full identity number.
  public var message: String {
    switch self {
    case .empty(let name):
      "\(name) is empty; give the path of the store file"
    case .noHome:
      "cannot choose where the store lives: neither XDG_DATA_HOME nor HOME is an absolute path"
    }
  }
}
