#if canImport(Glibc)
  import Glibc
#endif

/// A store the `db` commands can check, copy and measure; every backend implements it.
public protocol AdministeredStore: Store {
  /// Where the store is, for messages: a file path, or a URI without its password.
  var location: String { get }
  /// Integrity, constraints and the audit chain.
  func check() throws -> StoreCheck
  /// A consistent copy at `path` while others go on working.
  func backup(to path: String) throws
  func size() throws -> StoreSize
}

/// What `db stats` shows about the store's size.
public struct StoreSize: Sendable, Equatable {
  /// The schema version (`StoreMigrations.latestVersion` once migrated).
  public let schemaVersion: Int
  /// The store's size in bytes.
  public let bytes: Int64
  /// Space the store holds but does not use (SQLite's free pages); 0 where the server manages it.
  public let freeBytes: Int64
}

extension AdministeredStore {
  /// Verifies the audit chain, and the settings and keys against what it recorded, for `check()`: the
  /// entries checked, and the first problem if any.
  func verifiedAuditChain() throws -> (entries: Int64, problem: String?) {
    do {
      return (try AuditService(store: self).verify(), nil)
    } catch let error as AuditChainError {
      return (error.checked, error.message)
    } catch let error as AuditRecordError {
      return (try read { try $0.auditHead()?.sequence ?? 0 }, error.message)
    }
  }
}
