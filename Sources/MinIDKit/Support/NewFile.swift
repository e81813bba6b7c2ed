#if canImport(Glibc)
  import Glibc
#endif

/// The one way minid makes a file outside the store (`outbox drain`, `discovery --write-dir`,
/// `account import --errors`, `db backup`): created new with `O_CREAT | O_EXCL | O_NOFOLLOW`, or refused
/// naming the path. A link planted in a shared folder is never followed and an existing file is never
/// reused or truncated, so another local user can neither redirect a letter's activation code into a file
/// of theirs nor make minid overwrite a file it may write and they may not.
public enum NewFile {
  /// The mode for anything that holds a code or personal data: the owner alone may read it.
  public static let privateMode: mode_t = 0o600

  /// Creates `path` new, open for writing, with exactly `mode` (whatever the umask). `O_NOFOLLOW` guards
  /// only the file's own name, so the directories leading to it must first pass the rule of the way to
  /// `checkDirectory` (minid's user's or root's, writable by others only when sticky, no other user's link).
  /// - Returns: the open descriptor; the caller closes it.
  /// - Throws: `NewFileError.exists`, `.symbolicLink`, `.notOwnDirectory`, `.directoryWritableByOthers` or
  ///   `.cannotCreate`, naming the path.
  public static func create(_ path: String, mode: mode_t = privateMode) throws(NewFileError) -> Int32 {
    let components = path.split(separator: "/").map(String.init)
    if components.count > 1 { _ = try checkWay(components.dropLast(), absolute: path.hasPrefix("/")) }
    let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
    guard descriptor >= 0 else {
      let error = errno
      var info = stat()
      if error == EEXIST || error == ELOOP {
        if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK { throw .symbolicLink(path: path) }
        throw .exists(path: path)
      }
      throw .cannotCreate(path: path, reason: String(cString: strerror(error)))
    }
    // The umask may only have narrowed the mode; files served to others (discovery) ask for 0644.
    fchmod(descriptor, mode)
    return descriptor
  }

  /// Creates `path` new, writes `bytes` and syncs them to disk.
  /// - Throws: `NewFileError`; a file that could not be written whole is removed again.
  public static func write(_ bytes: [UInt8], to path: String, mode: mode_t = privateMode)
    throws(NewFileError)
  {
    let descriptor = try create(path, mode: mode)
    defer { close(descriptor) }
    var offset = 0
    while offset < bytes.count {
      let count = bytes[offset...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
      if count < 0, errno == EINTR { continue }
      guard count > 0 else {
        let reason = String(cString: strerror(errno))
        unlink(path)
        throw .cannotWrite(path: path, reason: reason)
      }
      offset += count
    }
    guard fsync(descriptor) == 0 else {
      let reason = String(cString: strerror(errno))
      unlink(path)
      throw .cannotWrite(path: path, reason: reason)
    }
  }

  /// Like `write`, except that a file already there counts as written when it is the one an earlier run
  /// left: a regular file (not a link) of minid's own user with exactly `mode` and exactly `bytes`. So a
  /// run that crashed after writing and before recording it can simply be repeated; anything else at the
  /// path is refused as `write` refuses it, and never changed.
  /// - Throws: `NewFileError`.
  public static func writeOrConfirm(_ bytes: [UInt8], to path: String, mode: mode_t = privateMode)
    throws(NewFileError)
  {
    do {
      try write(bytes, to: path, mode: mode)
    } catch .exists(let path) {
      guard holds(bytes, at: path, mode: mode) else { throw .exists(path: path) }
    }
  }

  private static func holds(_ bytes: [UInt8], at path: String, mode: mode_t) -> Bool {
    let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
    guard descriptor >= 0 else { return false }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG, info.st_uid == geteuid(),
      info.st_mode & 0o7777 == mode, info.st_size == bytes.count
    else { return false }
    return readAll(descriptor, atMost: bytes.count + 1) == bytes
  }

  /// Reads from `descriptor` until its end or `limit` bytes, retrying interrupted reads.
  static func readAll(_ descriptor: Int32, atMost limit: Int) -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: limit)
    var filled = 0
    while filled < bytes.count {
      let count = bytes[filled...].withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count < 0, errno == EINTR { continue }
      guard count > 0 else { break }
      filled += count
    }
    return Array(bytes.prefix(filled))
  }

  /// Makes a directory for new files, or accepts an existing one that `checkDirectory` accepts, so files
  /// made in it cannot be redirected through a planted link or swapped by another user.
  /// - Throws: what `checkDirectory` throws, or `.cannotCreate`.
  public static func makeDirectory(_ path: String, mode: mode_t) throws(NewFileError) {
    if mkdir(path, mode) != 0, errno != EEXIST {
      throw .cannotCreate(path: path, reason: String(cString: strerror(errno)))
    }
    try checkDirectory(path)
  }

  /// Accepts an existing directory to put new files in: a real directory (not a link, which whoever
  /// planted it could point anywhere), owned by the user minid runs as (the owner of a directory may rename
  /// and replace the files in it), and writable by group or others only when sticky, so nobody else can
  /// swap a file minid wrote there for one of theirs. The directories on the way must be minid's user's
  /// or root's and writable by others only when sticky (else the directory could be swapped), and a link
  /// on the way must be minid's user's or root's (`/var/run` → `/run`).
  ///
  /// The path is walked as written, a component at a time: `lstat` of `out/`, `out/.` or `out/x/..`
  /// follows a link at `out`, so checking the whole path at once would let a planted link through.
  /// - Throws: `NewFileError.symbolicLink`, `.exists` (not a directory), `.notOwnDirectory`,
  ///   `.directoryWritableByOthers` or `.cannotCreate`.
  public static func checkDirectory(_ path: String) throws(NewFileError) {
    let components = path.split(separator: "/").map(String.init)
    guard let last = components.last else {
      return try checkOwnDirectory(path, status: try status(path, follow: false))
    }
    let current =
      try checkWay(components.dropLast(), absolute: path.hasPrefix("/")).map { $0 + "/" + last } ?? last
    try checkOwnDirectory(current, status: try status(current, follow: false))
  }

  /// Walks the directories leading to a path, as written: each minid's user's or root's, writable by
  /// others only when sticky, and a link among them only minid's user's or root's.
  /// - Returns: the path walked (nil for none, relative to the working directory).
  private static func checkWay(_ components: ArraySlice<String>, absolute: Bool) throws(NewFileError)
    -> String?
  {
    let me = geteuid()
    var prefix: String? = absolute ? "" : nil
    for component in components {
      let current = prefix.map { $0 + "/" + component } ?? component
      prefix = current
      var info = try status(current, follow: false)
      if info.st_mode & S_IFMT == S_IFLNK {
        guard info.st_uid == me || info.st_uid == 0 else { throw .symbolicLink(path: current) }
        info = try status(current, follow: true)
      }
      guard info.st_mode & S_IFMT == S_IFDIR else { throw .exists(path: current) }
      guard info.st_uid == me || info.st_uid == 0 else {
        throw .notOwnDirectory(path: current, owner: info.st_uid)
      }
      guard info.st_mode & 0o022 == 0 || info.st_mode & mode_t(S_ISVTX) != 0 else {
        throw .directoryWritableByOthers(path: current)
      }
    }
    return prefix
  }

  private static func status(_ path: String, follow: Bool) throws(NewFileError) -> stat {
    var info = stat()
    guard (follow ? stat(path, &info) : lstat(path, &info)) == 0 else {
      throw .cannotCreate(path: path, reason: String(cString: strerror(errno)))
    }
    return info
  }

  /// The directory files go into: not a link, minid's user's own, not writable by others unless sticky.
  private static func checkOwnDirectory(_ path: String, status info: stat) throws(NewFileError) {
    switch info.st_mode & S_IFMT {
    case S_IFDIR: break
    case S_IFLNK: throw .symbolicLink(path: path)
    default: throw .exists(path: path)
    }
    guard info.st_uid == geteuid() else { throw .notOwnDirectory(path: path, owner: info.st_uid) }
    guard info.st_mode & 0o022 == 0 || info.st_mode & mode_t(S_ISVTX) != 0 else {
      throw .directoryWritableByOthers(path: path)
    }
  }
}

/// A file minid was to create outside the store, refused or failed.
public enum NewFileError: MinIDError, Equatable {
  /// Something is already at the path.
  case exists(path: String)
  /// A symbolic link is at the path: never followed.
  case symbolicLink(path: String)
  /// A directory to put new files in belongs to someone else.
  case notOwnDirectory(path: String, owner: uid_t)
  /// A directory to put new files in can be written by others and is not sticky.
  case directoryWritableByOthers(path: String)
  case cannotCreate(path: String, reason: String)
  case cannotWrite(path: String, reason: String)

  /// The stable snake_case code scripts match on (`MinIDError.code`).
  public var code: String {
    switch self {
    case .exists: "file_exists"
    case .symbolicLink: "file_is_symlink"
    case .notOwnDirectory: "directory_not_owned"
    case .directoryWritableByOthers: "directory_writable_by_others"
    case .cannotCreate: "cannot_create"
    case .cannotWrite: "cannot_write"
    }
  }

  /// What kind of failure this is; the command line chooses the exit status from it.
  public var category: ErrorCategory {
    switch self {
    case .exists, .cannotCreate, .cannotWrite: .cannotCreate
    case .symbolicLink, .notOwnDirectory, .directoryWritableByOthers: .permission
    }
  }

  /// The sentence shown: it names the field and the rule, never a secret or a full identity number.
  public var message: String {
    switch self {
    case .exists(let path):
      "\(path) already exists; minid writes only new files and never overwrites one: move it away or "
        + "choose another path"
    case .symbolicLink(let path):
      "\(path) is a symbolic link; minid never writes through a link (someone may have planted it): remove "
        + "it, or choose another path"
    case .notOwnDirectory(let path, let owner):
      "\(path) belongs to uid \(owner), not to uid \(geteuid()) that runs minid; minid writes files only "
        + "into its own directories: remove it or choose another path"
    case .directoryWritableByOthers(let path):
      "\(path) can be written by its group or by others and is not sticky, so they could replace the files "
        + "minid writes there: run 'chmod go-w \(path)' (or 'chmod +t'), or choose another directory"
    case .cannotCreate(let path, let reason): "cannot create \(path): \(reason)"
    case .cannotWrite(let path, let reason): "cannot write \(path): \(reason)"
    }
  }
}
