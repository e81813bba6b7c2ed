import Foundation
import MinIDKit
import Testing

@Suite struct SupportTests {
  func active(_ test: TestStore, seed: UInt64 = 1, phone: String = "91234567") throws -> String {
    let pid = People.adult(seed: seed)
    let receipt = try test.service.register(People.request(pid, phone: phone))
    _ = try test.service.activate(
      pid: pid, code: receipt.letter.code!.characters, password: Secret("Fjelltur i mai 2026!"))
    return pid
  }

  @Test func findByEveryKeyReturnsEveryMatch() throws {
    let test = try TestStore()
    defer { test.remove() }
    let first = try active(test, seed: 1)
    let second = try active(test, seed: 3)
    _ = try test.service.update(
      pid: first, phone: nil, email: nil, address: nil, caseReference: "CASE-7", dryRun: false)
    #expect(try test.service.find(pid: first).map(\.account.pid) == [first])
    #expect(
      try test.service.find(phone: "+47 912 34 567").map(\.account.pid) == [first, second], "a shared phone")
    #expect(try test.service.find(phone: "0047 91234567").count == 2)
    #expect(try test.service.find(email: "KARI.nordmann@EXAMPLE.no").count == 2)
    #expect(try test.service.find(caseReference: "CASE-7").map(\.account.pid) == [first])
    #expect(try test.service.find(phone: "41234567").isEmpty)
  }

  @Test func updateSendsNoticesToOldAndNewAndAuditsFieldNamesOnly() throws {
    let test = try TestStore()
    defer { test.remove() }
    let pid = try active(test)
    let before = try OutboxService(store: test.store, time: test.clock, actor: "t").messages(OutboxFilter())
      .count
    let result = try test.service.update(
      pid: pid, phone: "41234567", email: "ny@example.no", address: nil, caseReference: "CASE-1",
      dryRun: false)
    #expect(result.changes == ["phone", "email"])
    let messages = try OutboxService(store: test.store, time: test.clock, actor: "t").messages(OutboxFilter())
      .dropFirst(before)
    #expect(
      Set(messages.map(\.recipient)) == [
        "+4791234567", "+4741234567", "kari.nordmann@example.no", "ny@example.no",
      ])
    let entry = try #require(try AuditService(store: test.store).entries(pid: pid, since: nil).last)
    #expect(entry.action == "account.update" && entry.caseReference == "CASE-1")
    #expect(!entry.detail.contains("4123") && !entry.detail.contains("ny@"))
  }

  @Test func dryRunChecksEverythingAndChangesNothing() throws {
    let test = try TestStore()
    defer { test.remove() }
    let pid = try active(test)
    let before = try test.counts()
    let bytes = try test.persistedBytes()
    #expect(
      try test.service.update(
        pid: pid, phone: "41234567", email: nil, address: nil, caseReference: nil, dryRun: true
      ).changes == ["phone"])
    #expect(
      try test.service.block(pid: pid, reason: "sperret", caseReference: nil, dryRun: true).account
        .storedState == .blocked)
    #expect(
      try test.service.reset(pid: pid, caseReference: "C-1", dryRun: true).account.storedState == .letterSent)
    #expect(
      try test.service.delete(pid: pid, purge: true, caseReference: nil, dryRun: true).account.pid == nil)
    #expect(throws: AccountError.stateForbids(action: .unlock, state: .active)) {
      try test.service.unlock(pid: pid, caseReference: nil, dryRun: true)
    }
    #expect(try test.counts() == before)
    #expect(try test.service.details(pid: pid).account.phone?.e164 == "+4791234567")
    _ = bytes
  }

  @Test func lockIsOnlyLiftedByUnlock() throws {
    let test = try TestStore()
    defer { test.remove() }
    let pid = try active(test)
    let blocked = try test.service.block(pid: pid, reason: "DEAD", caseReference: "CASE-2", dryRun: false)
    #expect(blocked.account.storedState == .blocked && blocked.account.blockReason == "DEAD")
    #expect(throws: AccountError.stateForbids(action: .block, state: .blocked)) {
      try test.service.block(pid: pid, reason: "SPERRET", caseReference: nil, dryRun: false)
    }
    #expect(throws: ContactError.self) {
      try test.service.block(pid: pid, reason: "x y", caseReference: nil, dryRun: false)
    }
    #expect(
      try test.service.unlock(pid: pid, caseReference: nil, dryRun: false).account.storedState == .active)
  }

  @Test func unlockLiftsATemporaryLock() throws {
    let test = try TestStore(lockoutThreshold: 1)
    defer { test.remove() }
    let pid = People.adult()
    _ = try test.service.register(People.request(pid))
    #expect(throws: LetterError.self) {
      try test.service.activate(pid: pid, code: "AAAA-BBBB-CCCC-DDDD", password: Secret("x"))
    }
    #expect(try test.service.details(pid: pid).state == .temporarilyLocked)
    #expect(
      try test.service.unlock(pid: pid, caseReference: nil, dryRun: false).account.state(
        at: test.clock.timestamp) == .letterSent)
  }

  @Test func resetGoesBackToLetterSentWithATenDayLetter() throws {
    let test = try TestStore()
    defer { test.remove() }
    let pid = try active(test)
    let result = try test.service.reset(pid: pid, caseReference: "CASE-3", dryRun: false)
    #expect(result.account.storedState == .letterSent && result.account.passwordHash == nil)
    let letter = try #require(result.letter)
    #expect(letter.expiresAt == test.clock.timestamp.adding(days: 10))
    #expect(
      try test.service.activate(
        pid: pid, code: letter.code!.characters, password: Secret("Ny tur i juni 2027!")
      ).storedState == .active)
  }

  @Test func closeKeepsTheRowAndRefusesEverythingButPurge() throws {
    let test = try TestStore()
    defer { test.remove() }
    let pid = try active(test)
    #expect(
      try test.service.delete(pid: pid, purge: false, caseReference: nil, dryRun: false).account.storedState
        == .closed)
    #expect(try test.service.details(pid: pid).state == .closed)
    #expect(throws: AccountError.stateForbids(action: .reset, state: .closed)) {
      try test.service.reset(pid: pid, caseReference: nil, dryRun: false)
    }
    #expect(throws: AccountError.self) { try test.service.register(People.request(pid)) }
  }

  /// The issue's privacy test: after a purge and a checkpoint, the store's bytes hold neither the identity
  /// number nor the phone nor the e-mail, and the audit chain still verifies.
  @Test func purgeLeavesNoTraceInTheFile() throws {
    let test = try TestStore()
    defer { test.remove() }
    let pid = try active(test)
    _ = try test.service.update(
      pid: pid, phone: "41234567", email: nil, address: nil, caseReference: nil, dryRun: false)
    _ = try test.service.startRecovery(pid: pid)
    #expect(
      try test.persistedBytes().range(of: Data(pid.utf8)) != nil, "the number is there before the purge")
    _ = try test.service.delete(pid: pid, purge: true, caseReference: "CASE-GDPR", dryRun: false)
    let bytes = try test.persistedBytes()
    for trace in [pid, "91234567", "41234567", "kari.nordmann", "Storgata 1"] {
      #expect(bytes.range(of: Data(trace.utf8)) == nil, "\(trace) is still in the file")
    }
    #expect(try AuditService(store: test.store).verify() > 0)
    #expect(try AuditService(store: test.store).entries(pid: nil, since: nil).last?.action == "account.purge")
    #expect(try AuditService(store: test.store).entries(pid: pid, since: nil).isEmpty, "not found by number")
    #expect(throws: AccountError.notFound) { try test.service.details(pid: pid) }
    // The person may register again later.
    #expect(try test.service.register(People.request(pid)).account.storedState == .letterSent)
  }
}
