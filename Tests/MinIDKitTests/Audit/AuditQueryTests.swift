import Foundation
import MinIDKit
import Testing

/// `audit list`'s questions of the trail, on the backend under test: by person (account or not), by
/// action, by case, the newest entries, newest first.
@Suite struct AuditQueryTests {
  /// A store with an active account (`LoginFixture`), a failed login for it, failed logins with a number
  /// no account has, and a support action under a case reference.
  struct Trail {
    let fixture: LoginFixture
    let stranger = People.adult(seed: 99)
    var audit: AuditService { AuditService(store: fixture.test.store, time: fixture.test.clock) }

    init() throws {
      fixture = try LoginFixture()
      for pid in [fixture.pid, stranger, stranger] {
        _ = try? fixture.service.startLogin(pid: pid, clientID: "my-app", password: Secret("Feil passord 1"))
      }
      _ = try fixture.test.service.block(
        pid: fixture.pid, reason: "SPERRET", caseReference: "SAK-Ærlig-1", dryRun: false)
    }
  }

  @Test func aNumberWithoutAnAccountFindsItsFailedLogins() throws {
    let trail = try Trail()
    defer { trail.fixture.test.remove() }
    let entries = try trail.audit.entries(AuditQuery(pid: trail.stranger))
    #expect(entries.map(\.action) == ["login.start", "login.start"])
    #expect(entries.allSatisfy { $0.outcome == .failed })
    // Typed as people type it: with a space.
    let spaced = String(trail.stranger.prefix(6)) + " " + String(trail.stranger.dropFirst(6))
    #expect(try trail.audit.entries(AuditQuery(pid: spaced)) == entries)
  }

  @Test func aMalformedNumberIsRefusedNotReportedEmpty() throws {
    let trail = try Trail()
    defer { trail.fixture.test.remove() }
    let wrong = String(trail.stranger.dropLast()) + String((Int(String(trail.stranger.last!))! + 1) % 10)
    #expect(throws: IdentityNumberError.self) { try trail.audit.entries(AuditQuery(pid: wrong)) }
  }

  @Test func lastGivesTheNewestEntriesInOrder() throws {
    let trail = try Trail()
    defer { trail.fixture.test.remove() }
    let all = try trail.audit.entries(AuditQuery())
    #expect(all.count > 4)
    let last = try trail.audit.entries(AuditQuery(selection: .last(3)))
    #expect(last.map(\.sequence) == all.suffix(3).map(\.sequence))
    #expect(last.last?.action == "account.block", "the newest entry is the last one made")
    #expect(try trail.audit.entries(AuditQuery(selection: .first(1))).map(\.sequence) == [1])
  }

  @Test func newestFirstReversesTheListingAndLimitsFromItsStart() throws {
    let trail = try Trail()
    defer { trail.fixture.test.remove() }
    let all = try trail.audit.entries(AuditQuery())
    #expect(try trail.audit.entries(AuditQuery(newestFirst: true)) == all.reversed())
    let newest = Array(all.reversed().prefix(2))
    #expect(try trail.audit.entries(AuditQuery(selection: .first(2), newestFirst: true)) == newest)
    #expect(try trail.audit.entries(AuditQuery(selection: .last(2), newestFirst: true)) == newest)
  }

  @Test func actionAndCaseFiltersMatchExactlyAndCombine() throws {
    let trail = try Trail()
    defer { trail.fixture.test.remove() }
    let starts = try trail.audit.entries(AuditQuery(action: "login.start"))
    #expect(starts.count == 3 && starts.allSatisfy { $0.action == "login.start" })
    #expect(try trail.audit.entries(AuditQuery(action: "login")).isEmpty, "exact, not a prefix")
    let mine = try trail.audit.entries(AuditQuery(pid: trail.fixture.pid, action: "login.start"))
    #expect(mine.count == 1)
    let cased = try trail.audit.entries(AuditQuery(caseReference: "SAK-Ærlig-1"))
    #expect(cased.map(\.action) == ["account.block"])
    #expect(try trail.audit.entries(AuditQuery(caseReference: "SAK-ærlig-1")).isEmpty, "exact case")
  }

  @Test func aPurgedPersonIsFoundByTheCaseNotByTheNumber() throws {
    let trail = try Trail()
    defer { trail.fixture.test.remove() }
    let pid = trail.fixture.pid
    #expect(try !trail.audit.entries(AuditQuery(pid: pid)).isEmpty)
    _ = try trail.fixture.test.service.delete(pid: pid, purge: true, caseReference: "SAK-106", dryRun: false)
    #expect(try trail.audit.entries(AuditQuery(pid: pid)).isEmpty, "nothing links the number any more")
    let purge = try #require(try trail.audit.entries(AuditQuery(caseReference: "SAK-106")).last)
    #expect(purge.action == "account.purge")
    // The case entry names the account's pseudonym: the rest of its history is found through it.
    let history = try trail.audit.entries(AuditQuery()).filter { $0.account == purge.account }
    #expect(history.map(\.action).contains("account.block"))
  }

  @Test func aMalformedCaseReferenceIsRefused() throws {
    let trail = try Trail()
    defer { trail.fixture.test.remove() }
    #expect(throws: ContactError.self) { try trail.audit.entries(AuditQuery(caseReference: "A\u{202E}B")) }
  }
}
