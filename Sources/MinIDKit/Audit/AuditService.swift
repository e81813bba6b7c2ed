/// Reads and verifies the audit trail.
public struct AuditService {
  public let store: any Store

  public init(store: any Store) { self.store = store }

  /// Entries, optionally for one identity number (through its pseudonym) and from a time.
  public func entries(pid: String?, since: Timestamp?, limit: Int? = nil) throws -> [AuditEntry] {
    let person = pid.map { (pid: $0, pseudonym: store.secrets.pseudonym(of: $0)) }
    return try store.read { try $0.auditEntries(person: person, since: since, limit: limit) }
  }

  /// Walks the whole chain; returns how many entries hold.
  /// - Throws: `AuditChainError` at the first broken link.
  public func verify() throws -> Int64 {
    try store.read { transaction in
      var previous = AuditChain.genesis
      var expected: Int64 = 1
      var problem: AuditBreak?
      try transaction.forEachAuditEntry { result in
        switch result {
        case .failure(let error):
          problem = error
        case .success(let entry):
          problem = AuditChain.verify(entry, previous: previous, expectedSequence: expected)
          previous = entry.hash
        }
        if problem != nil { return false }
        expected += 1
        return true
      }
      if let problem { throw AuditChainError(problem: problem, checked: expected - 1) }
      if let misfiled = try transaction.firstMisfiledAuditEntry() {
        throw AuditChainError(problem: .misfiled(sequence: misfiled), checked: expected - 1)
      }
      return expected - 1
    }
  }
}
