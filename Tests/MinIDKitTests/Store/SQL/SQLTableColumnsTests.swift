import Testing

@testable import MinIDKit

/// Rows are read by the column declarations; each declaration must name the table's real columns, in a
/// SELECT both backends accept.
@Suite struct SQLTableColumnsTests {
  @Test func everyDeclaredColumnIsInItsTable() throws {
    let test = try TestStore()
    defer { test.remove() }
    for (table, list) in [
      ("account", AccountColumn.selectList), ("outbox", OutboxColumn.selectList),
      ("audit", AuditColumn.selectList), ("service", ServiceColumn.selectList),
      ("signing_key", SigningKeyColumn.selectList), ("signing_key", PublicSigningKeyColumn.selectList),
      ("recovery_attempt", RecoveryAttemptColumn.selectList),
    ] {
      #expect(throws: Never.self, "\(table)") {
        _ = try test.connection.scalarInt("SELECT count(*) FROM (SELECT \(list) FROM \(table)) AS t")
      }
    }
  }

  @Test func aRunOfCapitalsIsOneWordOfTheName() {
    #expect(AuditColumn.accountID.name == "account_id")
    #expect(AccountColumn.failedAttempts.name == "failed_attempts")
    #expect(AuditColumn.caseRef.name == "case_ref")
  }
}
