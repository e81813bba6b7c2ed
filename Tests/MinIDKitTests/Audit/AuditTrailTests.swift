import CSQLite
import Foundation
import MinIDKit
import Testing

@Suite struct AuditTrailTests {
  func storeWithHistory() throws -> (TestStore, String) {
    let test = try TestStore()
    let pid = People.adult()
    let receipt = try test.service.register(People.request(pid))
    _ = try test.service.activate(
      pid: pid, code: receipt.letter.code!.characters, password: Secret("Fjelltur i mai 2026!"))
    return (test, pid)
  }

  @Test func theChainVerifies() throws {
    let (test, _) = try storeWithHistory()
    defer { test.remove() }
    #expect(try AuditService(store: test.store).verify() == 7)
  }

  @Test func triggersForbidUpdateAndDelete() throws {
    let (test, _) = try storeWithHistory()
    defer { test.remove() }
    for statement in ["UPDATE audit SET detail = 'x' WHERE seq = 2", "DELETE FROM audit WHERE seq = 4"] {
      do {
        try test.connection.run(statement)
        Issue.record("\(statement) was allowed")
      } catch {
        #expect((error as? any MinIDError)?.message.contains("append-only") == true, "\(error)")
      }
    }
    #expect(try AuditService(store: test.store).verify() == 7)
  }

  /// Bypasses the triggers with a raw connection, as an attacker with the file would, and changes one row.
  @Test func aChangedEntryIsFoundAtThatEntry() throws {
    let (test, _) = try storeWithHistory()
    defer { test.remove() }
    try test.dropAuditTriggers()
    try test.connection.run("UPDATE audit SET outcome = 'failed' WHERE seq = 3")
    let error = #expect(throws: AuditChainError.self) { try AuditService(store: test.store).verify() }
    #expect(error?.problem == .content(sequence: 3))
    #expect(error?.checked == 2)
    #expect(error?.category == .io)
  }

  @Test func aDeletedEntryIsAGap() throws {
    let (test, _) = try storeWithHistory()
    defer { test.remove() }
    try test.dropAuditTriggers()
    try test.connection.run("DELETE FROM audit WHERE seq = 2")
    let error = #expect(throws: AuditChainError.self) { try AuditService(store: test.store).verify() }
    #expect(error?.problem == .gap(expected: 2, found: 3))
  }

  @Test func aRewrittenHashBreaksTheNextLink() throws {
    let (test, _) = try storeWithHistory()
    defer { test.remove() }
    // Change entry 2 and recompute its own hash: entry 3 still points at the old one.
    let entry = try #require(
      try AuditService(store: test.store).entries(pid: nil, since: nil).first { $0.sequence == 2 })
    let forged = AuditChain.hash(
      previous: entry.previousHash, sequence: 2, at: entry.at, actor: "admin:mallory", action: entry.action,
      account: entry.account, caseReference: nil, outcome: entry.outcome, detail: entry.detail)
    try test.dropAuditTriggers()
    try test.connection.run(
      "UPDATE audit SET actor = 'admin:mallory', hash = ? WHERE seq = 2", [.blob(forged)])
    let error = #expect(throws: AuditChainError.self) { try AuditService(store: test.store).verify() }
    #expect(error?.problem == .link(sequence: 3))
  }

  @Test func entriesNameAccountsByPseudonymOnly() throws {
    let (test, pid) = try storeWithHistory()
    defer { test.remove() }
    let entries = try AuditService(store: test.store).entries(pid: pid, since: nil)
    #expect(entries.count == 3)
    let account = try test.service.details(pid: pid).account
    for entry in entries {
      #expect(entry.account == account.pseudonym)
      #expect(entry.account != test.store.secrets.pseudonym(of: pid), "an account's pseudonym is random")
      for field in [entry.actor, entry.action, entry.detail, entry.account ?? ""] {
        #expect(!field.contains(pid) && !field.contains("91234567") && !field.contains("kari"))
      }
    }
  }

  /// Someone who rewrites an entry's account row (not covered by the hash) to move it into another person's
  /// history is caught by `verify`.
  @Test func aMisfiledEntryIsFound() throws {
    let (test, _) = try storeWithHistory()
    defer { test.remove() }
    let other = try test.service.register(People.request(People.adult(seed: 20), email: "ola@example.no"))
    try test.dropAuditTriggers()
    try test.connection.run("UPDATE audit SET account_id = ? WHERE seq = 3", [.integer(other.account.id)])
    let error = #expect(throws: AuditChainError.self) { try AuditService(store: test.store).verify() }
    #expect(error?.problem == .misfiled(sequence: 3))
  }

  /// After a purge nothing in the store links the number to the account's entries: not the number (erased),
  /// not its pseudonym (random), and not any keyed hash of the number under the store's own keys. The chain
  /// still verifies, and the person's next account starts a history of its own.
  @Test func aPurgedPersonsEntriesCannotBeFoundFromTheirNumber() throws {
    let (test, pid) = try storeWithHistory()
    defer { test.remove() }
    let audit = AuditService(store: test.store)
    let before = try audit.entries(pid: pid, since: nil)
    #expect(!before.isEmpty)
    _ = try test.service.delete(pid: pid, purge: true, caseReference: "SAK-1", dryRun: false)
    #expect(try audit.verify() > 0)
    #expect(try audit.entries(pid: pid, since: nil).isEmpty)
    // An attacker holding the store tries every keyed hash it can make of the number.
    let secrets = test.store.secrets
    var candidates: [String] = []
    for key in [secrets.pseudonymKey, secrets.codeKey, secrets.subjectKey] {
      for input in [Array(pid.utf8), Array(pid.utf8) + [0]] {
        let mac = Digest.hmacSHA256(key: key, input)
        candidates += [Base64.encode(mac, urlSafe: true), Base64.encode(mac, urlSafe: false)]
      }
    }
    let all = try audit.entries(pid: nil, since: nil)
    for candidate in candidates {
      #expect(!all.contains { $0.account == candidate || $0.detail.contains(candidate) })
    }
    let bytes = try test.persistedBytes()
    for trace in candidates + [pid] {
      #expect(bytes.range(of: Data(trace.utf8)) == nil, "a trace of the number is still stored")
    }
    test.clock.advance(days: 1)
    let again = try test.service.register(People.request(pid))
    let entries = try audit.entries(pid: pid, since: nil)
    #expect(Set(entries.compactMap(\.accountID)) == [again.account.id])
    #expect(entries.map(\.action) == ["account.register", "letter.send"])
  }

  /// Entries filed under no row (written before schema 5, or about a number without an account, such as a
  /// failed login with an unknown number) are found through the number's keyed pseudonym.
  @Test func entriesFiledUnderNoRowAreFoundByTheNumbersPseudonym() throws {
    let (test, pid) = try storeWithHistory()
    defer { test.remove() }
    let audit = AuditService(store: test.store)
    let filed = try audit.entries(pid: pid, since: nil)
    try test.store.write { transaction in
      try transaction.audit(
        AuditDraft(
          actor: "admin:old", action: .accountUpdate, account: test.store.secrets.pseudonym(of: pid)),
        at: test.clock.timestamp)
    }
    let found = try audit.entries(pid: pid, since: nil)
    #expect(found.count == filed.count + 1)
    #expect(found.last?.action == "account.update" && found.last?.accountID == nil)

    _ = try ServiceCatalog(store: test.store, time: test.clock, actor: "admin:test").add(
      clientID: "my-app", name: "My app", level: .substantial)
    let stranger = People.adult(seed: 30)
    #expect(throws: LoginError.self) {
      try test.service.startLogin(pid: stranger, clientID: "my-app", password: Secret("Ikke riktig 2026!"))
    }
    let unknown = try audit.entries(pid: stranger, since: nil)
    #expect(unknown.map(\.action) == ["login.start"] && unknown.first?.accountID == nil)
    #expect(try audit.entries(pid: pid, since: nil).count == filed.count + 1)
    #expect(try audit.verify() == 10)
  }

  @Test func sinceFiltersByTime() throws {
    let (test, _) = try storeWithHistory()
    defer { test.remove() }
    test.clock.advance(days: 1)
    try test.store.write {
      try $0.audit(AuditDraft(actor: "t", action: .outboxDrain), at: test.clock.timestamp)
    }
    #expect(
      try AuditService(store: test.store).entries(pid: nil, since: test.clock.timestamp).map(\.action) == [
        "outbox.drain"
      ])
  }
}

@Suite struct OutboxAndTestUserTests {
  @Test func drainWritesFilesAndForgetsTheCodes() throws {
    let test = try TestStore()
    defer { test.remove() }
    let receipt = try test.service.register(People.request(People.adult()))
    let code = receipt.letter.code!.formatted
    let directory = test.directory.appendingPathComponent("print")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let outbox = OutboxService(store: test.store, time: test.clock, actor: "admin:test")
    let drained = try outbox.drain(to: directory.path)
    #expect(drained.count == 1 && drained[0].body == nil)
    let file = directory.appendingPathComponent("\(receipt.letter.outboxID)-letter.txt").path
    #expect(try String(contentsOfFile: file, encoding: .utf8).contains(code))
    #expect((try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int) == 0o600)
    #expect(try outbox.drain(to: directory.path).isEmpty, "a second drain finds nothing pending")
    #expect(try test.persistedBytes().range(of: Data(code.utf8)) == nil, "the code is gone from the store")
    #expect(throws: OutboxError.self) {
      try outbox.drain(to: directory.appendingPathComponent("missing").path)
    }
  }

  @Test func testUsersAreActiveSyntheticAndTheirPasswordsWork() throws {
    let test = try TestStore()
    defer { test.remove() }
    let users = try test.service.createTestUsers(
      count: 3, age: 13, phone: "+4799999999", email: nil, address: "Testveien 1")
    #expect(users.count == 3 && Set(users.map(\.pid)).count == 3)
    for user in users {
      #expect(user.account.storedState == .active && user.account.kind == .tenor)
      #expect(user.birthDate.completedYears(until: People.today) == 13)
      #expect(
        try PasswordHasher().verify(user.password, against: PasswordHash(phc: user.account.passwordHash!)))
      #expect(
        PasswordPolicy().violations(of: user.password, personal: .init(identityNumber: user.pid)).isEmpty)
    }
    let production = try TestStore(.production)
    defer { production.remove() }
    #expect(throws: EnvironmentError.testStoreOnly("testuser create")) {
      try production.service.createTestUsers(
        count: 1, age: nil, phone: "+4799999999", email: nil, address: "x")
    }
  }

  @Test func listingByStateIncludesTemporaryLocks() throws {
    let test = try TestStore(lockoutThreshold: 1)
    defer { test.remove() }
    let pid = People.adult()
    _ = try test.service.register(People.request(pid))
    _ = try test.service.register(People.request(People.adult(seed: 3)))
    #expect(throws: LetterError.self) {
      try test.service.activate(pid: pid, code: "AAAA-BBBB-CCCC-DDDD", password: Secret("x"))
    }
    #expect(try test.service.list(state: .temporarilyLocked).map(\.account.pid) == [pid])
    #expect(try test.service.list(state: .letterSent).count == 1)
    #expect(try test.service.list(state: nil).count == 2)
    #expect(try test.service.list(state: nil, limit: 1).count == 1)
  }
}
