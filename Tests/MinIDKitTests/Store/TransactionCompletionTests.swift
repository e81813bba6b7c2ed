import Testing

@testable import MinIDKit

/// A transaction ends as its body says: a dry run's result comes back as a value and its writes are gone
/// (SupportTests.dryRunChecksEverythingAndChangesNothing covers the support actions built on it).
@Suite struct TransactionCompletionTests {
  @Test(arguments: [TransactionCompletion.commit, .rollback])
  func theBodyDecidesHowTheTransactionEnds(_ completion: TransactionCompletion) throws {
    let test = try TestStore()
    defer { test.remove() }
    let before = try test.store.read { try $0.auditEntries(AuditFilter()).count }
    let draft = AuditDraft(actor: "t", action: .serviceAdd)
    let entry = try test.store.inTransaction { transaction in
      (try transaction.audit(draft, at: test.clock.timestamp), completion)
    }
    #expect(entry.action == "service.add")
    let after = try test.store.read { try $0.auditEntries(AuditFilter()).count }
    #expect(after == before + (completion == .commit ? 1 : 0))
  }

}
