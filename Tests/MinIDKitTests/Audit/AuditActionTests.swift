import Testing

@testable import MinIDKit

/// The actions in the trail are one list; a stored value never changes, so two cases may never share one.
@Suite struct AuditActionTests {
  @Test func everyActionHasItsOwnStoredValue() {
    let values = AuditAction.allCases.map(\.rawValue)
    #expect(Set(values).count == values.count)
    for value in values {
      #expect(value.split(separator: ".").count >= 2, "\(value) is not noun.verb")
      #expect(value.allSatisfy { $0.isLowercase || $0 == "." || $0 == "_" }, "\(value)")
    }
  }

  @Test func aStoredEntryReadsBackAsTheActionWritten() throws {
    let test = try TestStore()
    defer { test.remove() }
    let entry = try test.store.write {
      try $0.audit(AuditDraft(actor: "t", action: .accountBlock), at: test.clock.timestamp)
    }
    #expect(entry.action == "account.block")
    #expect(AuditAction(rawValue: entry.action) == .accountBlock)
  }
}
