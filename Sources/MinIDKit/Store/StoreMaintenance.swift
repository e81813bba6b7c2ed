#if canImport(Glibc)
  import Glibc
#endif

/// The result of `db check`.
public struct StoreCheck: Sendable, Encodable {
  /// What SQLite's `integrity_check` reported: `ok`, or each problem.
  public let integrity: [String]
  /// Rows `foreign_key_check` reported.
  public let foreignKeyViolations: Int64
  /// Audit entries verified.
  public let auditEntries: Int64
  /// The first break in the audit chain, if any.
  public let auditProblem: String?
  /// Whether every check passed.
  public let ok: Bool

  init(integrity: [String], foreignKeyViolations: Int64, auditEntries: Int64, auditProblem: String?) {
    self.integrity = integrity
    self.foreignKeyViolations = foreignKeyViolations
    self.auditEntries = auditEntries
    self.auditProblem = auditProblem
    ok = integrity == ["ok"] && foreignKeyViolations == 0 && auditProblem == nil
  }
}

/// A check found the store damaged.
public struct StoreCheckError: MinIDError {
  /// What the checks found.
  public let check: StoreCheck
  /// The error for a failed `check`.
  public init(check: StoreCheck) { self.check = check }
  /// The stable snake_case code scripts match on (`MinIDError.code`).
  public var code: String { "store_check_failed" }
  /// What kind of failure this is; the command line chooses the exit status from it.
  public var category: ErrorCategory { .io }
  /// The sentence shown: it names the field and the rule, never a secret or a full identity number.
  public var message: String {
    var problems: [String] = []
    if check.integrity != ["ok"] {
      problems.append("integrity_check: " + check.integrity.prefix(3).joined(separator: "; "))
    }
    if check.foreignKeyViolations > 0 {
      problems.append("\(check.foreignKeyViolations) foreign key violations")
    }
    if let audit = check.auditProblem { problems.append(audit) }
    return "store check failed: " + problems.joined(separator: "; ")
  }
}

/// `db check`, `db backup` and `db stats` for the SQLite store.
extension SQLiteStore: AdministeredStore {
  /// See `Store.discardOldRowVersions`: checkpoints and truncates the write-ahead log.
  public func discardOldRowVersions() throws {
    try connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
  }

  /// The store file's path.
  public var location: String { connection.path }

  /// `PRAGMA integrity_check`, `PRAGMA foreign_key_check` and the audit chain.
  public func check() throws -> StoreCheck {
    let integrity = try connection.rows("PRAGMA integrity_check") { $0.text(0) }
    let violations = try connection.scalarInt("SELECT count(*) FROM pragma_foreign_key_check")
    let (entries, problem) = try verifiedAuditChain()
    return StoreCheck(
      integrity: integrity, foreignKeyViolations: violations, auditEntries: entries, auditProblem: problem)
  }

  /// A consistent copy while other processes go on writing (`VACUUM INTO`), mode 0600, into a file
  /// `NewFile` creates new. SQLite writes it through `/proc/self/fd/N`, the very file just made, so
  /// nothing swapped in at the path between creating and writing can receive the store's keys.
  /// - Throws: `NewFileError` when something is at `path` already (a file or a link); a failed copy is
  ///   removed again.
  public func backup(to path: String) throws {
    let descriptor = try NewFile.create(path)
    defer { close(descriptor) }
    do {
      try connection.run("VACUUM INTO ?", [.text("/proc/self/fd/\(descriptor)")])
      guard fsync(descriptor) == 0 else {
        throw NewFileError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
      }
    } catch {
      unlink(path)
      throw error
    }
  }

  /// The schema version, the file's size and its free pages.
  public func size() throws -> StoreSize {
    let pageSize = try connection.scalarInt("PRAGMA page_size")
    return StoreSize(
      schemaVersion: try connection.userVersion,
      bytes: try connection.scalarInt("PRAGMA page_count") * pageSize,
      freeBytes: try connection.scalarInt("PRAGMA freelist_count") * pageSize)
  }
}
