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

  public let path: String
  public let source: Source

  public init(path: String, source: Source) {
    self.path = path
    self.source = source
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

  public var code: String {
    switch self {
    case .empty: "empty_database_path"
    case .noHome: "no_database_location"
    }
  }

  public var category: ErrorCategory { .configuration }

  public var message: String {
    switch self {
    case .empty(let name):
      "\(name) is empty; give the path of the store file"
    case .noHome:
      "cannot choose where the store lives: neither XDG_DATA_HOME nor HOME is an absolute path; "
        + "pass --database PATH or set MINID_DATABASE"
    }
  }
}
