#if canImport(Glibc)
  import Glibc
#endif

/// Which files and folders a SQLite store may live in, in the spirit of OpenSSH's `StrictModes`: a store
/// holds every HMAC key and the private signing keys, so minid refuses to read or write one that another
/// local user could replace or read through a file of theirs.
///
/// The rules, checked before SQLite opens anything:
/// - the store file and its `-wal`, `-shm` and `-journal` files, where they exist, are regular files (not
///   symbolic links), owned by the user minid runs as (`geteuid()`), and writable by no group or other;
/// - the store's directory is owned by that user and writable by no group or other;
/// - every directory above it up to `/` (after resolving symbolic links, as OpenSSH's `secure_path` does)
///   is owned by that user or root, and writable by group or others only when it is sticky and the next
///   directory down is that user's own (as in `/tmp/<own directory>`);
/// - every symbolic link on the path as written is that user's or root's.
public enum StorePathPolicy {
  /// The files SQLite keeps next to a store file.
  public static let sidecarSuffixes = ["-wal", "-shm", "-journal"]

  /// Checks an existing store's directory chain, the store file and its sidecar files.
  /// - Parameter path: the store file, as `--database` gave it.
  /// - Returns: the path to open: the file's name in the directory with every link resolved, the
  ///   directory the checks were made on, so a link swapped after the check cannot redirect SQLite.
  /// - Throws: `StorePathError` naming the first path that breaks a rule and the command that fixes it.
  @discardableResult
  public static func checkExistingStore(_ path: String) throws(StorePathError) -> String {
    let resolved = try checkDirectoryChain(directory(of: path)) + "/" + fileName(of: path)
    try checkFile(path)
    for suffix in sidecarSuffixes { try checkFileIfPresent(path + suffix) }
    return resolved
  }

  /// Checks where a new store would go: its directory chain, and any sidecar files already there.
  /// - Returns: the path to create, in the directory the checks were made on (see `checkExistingStore`).
  /// - Throws: `StorePathError`.
  @discardableResult
  public static func checkNewStore(_ path: String) throws(StorePathError) -> String {
    let resolved = try checkDirectoryChain(directory(of: path)) + "/" + fileName(of: path)
    for suffix in sidecarSuffixes { try checkFileIfPresent(path + suffix) }
    return resolved
  }

  static func fileName(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return path }
    return String(path[path.index(after: slash)...])
  }

  /// Checks the deepest existing directory of `directory` as the parent of directories minid is about to
  /// create (so a sticky, world-writable one such as `/tmp` passes), before anything is made.
  /// - Throws: `StorePathError`.
  public static func checkAncestorsBeforeCreating(_ directory: String) throws(StorePathError) {
    try checkLinksOnTheWay(directory)
    var existing = directory
    while !existing.isEmpty, existing != "/", !exists(existing) {
      existing = Self.directory(of: existing)
    }
    if existing == directory {
      _ = try checkDirectoryChain(directory)
      return
    }
    let resolved = try resolvedDirectory(existing)
    try checkParents(startingAt: resolved, childOwner: geteuid())
  }

  /// The directory part of `path` (`.` for a bare name).
  static func directory(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }

  private static func exists(_ path: String) -> Bool {
    var info = stat()
    return lstat(path, &info) == 0
  }

  /// `realpath(3)` of a directory.
  private static func resolvedDirectory(_ directory: String) throws(StorePathError) -> String {
    guard let resolved = realpath(directory, nil) else {
      throw .unreadable(path: directory, reason: String(cString: strerror(errno)))
    }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  private static func status(_ path: String) throws(StorePathError) -> stat {
    var info = stat()
    guard lstat(path, &info) == 0 else {
      throw .unreadable(path: path, reason: String(cString: strerror(errno)))
    }
    return info
  }

  /// The store's directory itself, then every directory above it.
  /// - Returns: the directory with every link resolved (`/` alone for the root).
  static func checkDirectoryChain(_ directory: String) throws(StorePathError) -> String {
    try checkLinksOnTheWay(directory)
    let resolved = try resolvedDirectory(directory)
    let info = try status(resolved)
    let me = geteuid()
    guard info.st_uid == me else { throw .notOwned(path: resolved, owner: info.st_uid, user: me) }
    guard info.st_mode & 0o022 == 0 else { throw .writableByOthers(path: resolved, isDirectory: true) }
    try checkParents(startingAt: Self.directory(of: resolved), childOwner: info.st_uid, below: resolved)
    return resolved == "/" ? "" : resolved
  }

  /// Every symbolic link in `directory` as written must be the user's or root's (`/var/run` → `/run`):
  /// resolving the path checks where a link leads, not who may point it elsewhere, and another user's link
  /// in a shared folder could lead minid to any store of the user's (production for test) or make it
  /// create one where they choose.
  private static func checkLinksOnTheWay(_ directory: String) throws(StorePathError) {
    let me = geteuid()
    var prefix: String? = directory.hasPrefix("/") ? "" : nil
    for component in directory.split(separator: "/") {
      let current = prefix.map { $0 + "/" + component } ?? String(component)
      prefix = current
      var info = stat()
      guard lstat(current, &info) == 0 else { return }
      if info.st_mode & S_IFMT == S_IFLNK, info.st_uid != me, info.st_uid != 0 {
        throw .unsafeDirectory(
          path: current, reason: "it is a symbolic link of uid \(info.st_uid), who could point it elsewhere",
          fix: "rm \(current)")
      }
    }
  }

  /// Walks from `start` up to `/`: each directory owned by root or the user, and writable by others only
  /// when sticky with the user's own directory below it.
  private static func checkParents(startingAt start: String, childOwner: uid_t, below: String? = nil)
    throws(StorePathError)
  {
    let me = geteuid()
    var current = start
    var childOwner = childOwner
    var child = below
    while true {
      let info = try status(current)
      guard info.st_uid == me || info.st_uid == 0 else {
        throw .unsafeDirectory(
          path: current, reason: "it belongs to uid \(info.st_uid)", fix: "chown root \(current)")
      }
      if info.st_mode & 0o022 != 0 {
        let sticky = info.st_mode & mode_t(S_ISVTX) != 0
        guard sticky, childOwner == me else {
          let reason =
            sticky
            ? "others can write it, and \(child ?? "the store's directory") in it is not yours"
            : "others can write it, and it is not sticky"
          throw .unsafeDirectory(path: current, reason: reason, fix: "chmod go-w \(current)")
        }
      }
      if current == "/" { return }
      childOwner = info.st_uid
      child = current
      current = Self.directory(of: current)
      if current.isEmpty { current = "/" }
    }
  }

  /// The store file itself: it must exist (the caller checked) and pass every file rule.
  private static func checkFile(_ path: String) throws(StorePathError) {
    try checkFile(path, status: try status(path))
  }

  private static func checkFileIfPresent(_ path: String) throws(StorePathError) {
    var info = stat()
    guard lstat(path, &info) == 0 else {
      if errno == ENOENT { return }
      throw .unreadable(path: path, reason: String(cString: strerror(errno)))
    }
    try checkFile(path, status: info)
  }

  private static func checkFile(_ path: String, status info: stat) throws(StorePathError) {
    switch info.st_mode & S_IFMT {
    case S_IFREG: break
    case S_IFLNK: throw .symbolicLink(path: path)
    default: throw .notRegularFile(path: path)
    }
    let me = geteuid()
    guard info.st_uid == me else { throw .notOwned(path: path, owner: info.st_uid, user: me) }
    guard info.st_mode & 0o022 == 0 else { throw .writableByOthers(path: path, isDirectory: false) }
  }
}

/// A store file or folder another local user could replace, read through, or write.
public enum StorePathError: MinIDError, Equatable {
  /// Owned by another user than the one minid runs as.
  case notOwned(path: String, owner: uid_t, user: uid_t)
  /// Group or others may write it.
  case writableByOthers(path: String, isDirectory: Bool)
  /// The store path, or one of its sidecar files, is a symbolic link.
  case symbolicLink(path: String)
  /// A device, pipe or socket where a file belongs.
  case notRegularFile(path: String)
  /// A directory above the store that someone else could use to swap the store's directory.
  case unsafeDirectory(path: String, reason: String, fix: String)
  /// `stat` or `realpath` failed for another reason than a missing file.
  case unreadable(path: String, reason: String)

  /// The stable snake_case code scripts match on (`MinIDError.code`).
  public var code: String {
    switch self {
    case .notOwned: "store_not_owned"
    case .writableByOthers: "store_writable_by_others"
    case .symbolicLink: "store_symlink"
    case .notRegularFile: "store_not_regular_file"
    case .unsafeDirectory: "store_path_unsafe"
    case .unreadable: "store_path_unreadable"
    }
  }

  /// What kind of failure this is; the command line chooses the exit status from it.
  public var category: ErrorCategory { .permission }

  /// The sentence shown: it names the field and the rule, never a secret or a full identity number.
  public var message: String {
    let prefix = "refusing to use the store: "
    switch self {
    case .notOwned(let path, let owner, let user):
      return prefix
        + "\(path) belongs to uid \(owner), not to uid \(user) that runs minid; another user could read the "
        + "store's keys or change it through it. If the file is yours, 'chown \(user) \(path)'; if not, remove it"
    case .writableByOthers(let path, let isDirectory):
      return prefix
        + "\(path) can be written by its group or by others, who could \(isDirectory ? "swap the store" : "change it"); "
        + "run 'chmod go-w \(path)'"
    case .symbolicLink(let path):
      return prefix + "\(path) is a symbolic link"
    case .notRegularFile(let path):
      return prefix + "\(path) is not a regular file"
    case .unsafeDirectory(let path, let reason, let fix):
      return prefix
        + "the directory \(path) above the store is unsafe: \(reason), so another user could swap the store; "
        + "run '\(fix)', or keep the store in a directory only you and root can write"
    case .unreadable(let path, let reason):
      return prefix + "cannot inspect \(path): \(reason)"
    }
  }
}
