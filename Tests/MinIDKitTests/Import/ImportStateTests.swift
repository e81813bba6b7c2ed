import Foundation
import Testing

@testable import MinIDKit

/// An export read back by import keeps each person's state; case references stay findable; a number that
/// comes twice in one file is a duplicate of its first line.
@Suite struct ImportStateTests {
  let importer = ImportTests()

  func outboxCount(_ test: TestStore, kind: OutboxMessage.Kind = .letter) throws -> Int {
    try OutboxService(store: test.store, time: test.clock, actor: "t").messages(OutboxFilter(kind: kind))
      .count
  }

  @Test func exportedStatesAreKeptAndOnlyPeopleWhoMustSetAPasswordGetALetter() throws {
    let test = try TestStore()
    defer { test.remove() }
    let people = (1...5).map { People.adult(seed: UInt64($0 * 10)) }
    let hash = ImportTests.hash
    let csv = """
      pid,phone,email,address,state,block_reason,password_hash
      \(people[0]),91234567,a@example.no,Gate 1,blocked,DEAD,
      \(people[1]),91234567,b@example.no,Gate 2,closed,,"\(hash)"
      \(people[2]),91234567,c@example.no,Gate 3,active,,"\(hash)"
      \(people[3]),91234567,d@example.no,Gate 4,active,,
      \(people[4]),91234567,e@example.no,Gate 5,temporarily_locked,,"\(hash)"

      """
    let (summary, problems) = try importer.run(test, csv: csv)
    #expect(problems == [])
    #expect(summary.imported == 5 && summary.activated == 2)
    let blocked = try test.service.details(pid: people[0])
    #expect(blocked.state == .blocked && blocked.account.blockReason == "DEAD")
    let closed = try test.service.details(pid: people[1])
    #expect(closed.state == .closed && closed.account.passwordHash == nil)
    #expect(try test.service.details(pid: people[2]).state == .active)
    #expect(try test.service.details(pid: people[3]).state == .letterSent, "the password did not travel")
    #expect(try test.service.details(pid: people[4]).state == .active, "a temporary lock does not travel")
    #expect(try outboxCount(test) == 1, "only the active person without a hash gets a letter")
    #expect(try AuditService(store: test.store).verify() > 5)
  }

  @Test func rowsWhoseStateCannotBeKeptAreRefusedNamingTheColumn() throws {
    let test = try TestStore()
    defer { test.remove() }
    let people = (1...4).map { People.adult(seed: UInt64($0 * 10)) }
    let csv = """
      pid,phone,email,address,state,block_reason,password_hash
      \(people[0]),91234567,a@example.no,Gate 1,blocked,,
      \(people[1]),91234567,b@example.no,Gate 2,deceased,,
      \(people[2]),91234567,c@example.no,Gate 3,letter_sent,,"\(ImportTests.hash)"
      \(people[3]),91234567,d@example.no,Gate 4,blocked,not a code!,

      """
    let (summary, problems) = try importer.run(test, csv: csv)
    #expect(summary.imported == 0 && summary.failed == 4)
    #expect(problems.map(\.field) == ["block_reason", "state", "password_hash", "block_reason"])
    #expect(
      problems[1].message == "state: must be letter_sent, active, temporarily_locked, blocked or closed")
    #expect(try outboxCount(test) == 0)
  }

  @Test func aCaseReferenceGivenToImportFindsTheAccounts() throws {
    let test = try TestStore()
    defer { test.remove() }
    let people = (1...3).map { People.adult(seed: UInt64($0 * 10)) }
    var problems: [ImportProblem] = []
    _ = try test.service.importAccounts(
      dryRun: false, caseReference: "SAK-2026-17",
      source: { try ImportTests.feed(importer.file(good: people, bad: []), to: $0) },
      report: { problems.append($0) })
    #expect(problems == [])
    let found = try test.service.find(caseReference: "SAK-2026-17").compactMap(\.account.pid)
    #expect(Set(found) == Set(people))
  }

  @Test(arguments: [StoreEnvironment.test, .production])
  func aTestStoreReportsEachLetterWithItsCodeAndProductionNever(_ environment: StoreEnvironment) throws {
    let test = try TestStore(environment)
    defer { test.remove() }
    let kind: IdentityNumberKind = environment == .test ? .tenor : .fodselsnummer
    let people = (1...4).map { People.adult(kind, seed: UInt64($0 * 10)) }
    var letters: [ImportedLetter] = []
    _ = try test.service.importAccounts(
      dryRun: false, source: { try ImportTests.feed(importer.file(good: people, bad: []), to: $0) },
      report: { _ in }, letterSent: { letters.append($0) })
    guard environment == .test else {
      #expect(letters.isEmpty)
      return
    }
    // Rows 1 and 3 (lines 3 and 5) have no hash, so they get letters.
    #expect(letters.map(\.line) == [3, 5])
    let outbox = OutboxService(store: test.store, time: test.clock, actor: "t")
    for letter in letters {
      #expect(outbox.testCode(in: try outbox.message(id: letter.outboxID)) == letter.activationCode)
      let pid = try #require(try test.service.details(pid: people[letter.line - 2]).account.pid)
      _ = try test.service.activate(
        pid: pid, code: letter.activationCode, password: Secret("Fjelltur i mai 2026!"))
    }
  }
}
