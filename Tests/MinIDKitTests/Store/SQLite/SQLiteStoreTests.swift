import Foundation
import Testing

@testable import MinIDKit

@Suite(.enabled(if: TestBackend.isSQLite, "tests of the SQLite store itself")) struct SQLiteStoreTests {
  @Test func createsADirectoryAndFileOnlyTheOwnerCanRead() throws {
    let test = try TestStore()
    defer { test.remove() }
    let directory = try FileManager.default.attributesOfItem(
      atPath: (test.path as NSString).deletingLastPathComponent)
    let file = try FileManager.default.attributesOfItem(atPath: test.path)
    #expect((directory[.posixPermissions] as? Int) == 0o700)
    #expect((file[.posixPermissions] as? Int) == 0o600)
  }

  @Test func connectionIsSetUpForSeveralProcesses() throws {
    let test = try TestStore()
    defer { test.remove() }
    let connection = test.sqlite.connection
    #expect(try connection.scalarInt("PRAGMA foreign_keys") == 1)
    #expect(try connection.scalarInt("PRAGMA synchronous") == 2)
    #expect(try connection.scalarInt("PRAGMA busy_timeout") >= 5000)
    #expect(try connection.first("PRAGMA journal_mode") { $0.text(0) } == "wal")
    #expect(try connection.userVersion == SQLiteSchema.latestVersion)
    // Bulk work: statement journals in memory, fewer checkpoints, a WAL file cut back afterwards.
    #expect(try connection.scalarInt("PRAGMA temp_store") == 2)
    #expect(try connection.scalarInt("PRAGMA wal_autocheckpoint") == 10000)
    #expect(try connection.scalarInt("PRAGMA journal_size_limit") == 67_108_864)
  }

  @Test func initRunsOnce() throws {
    let test = try TestStore()
    defer { test.remove() }
    #expect(throws: StoreError.alreadyInitialized(path: test.path)) {
      try SQLiteStore.create(
        path: test.path, settings: test.sqlite.settings, secrets: test.store.secrets, actor: "x")
    }
  }

  @Test func missingStoreSaysHowToCreateOne() {
    #expect(throws: StoreError.missing(path: "/nonexistent/minid.sqlite")) {
      try SQLiteStore.open(path: "/nonexistent/minid.sqlite")
    }
    // The command that creates a store is the command line's to name (CommandLineErrorTextTests).
    #expect(StoreError.missing(path: "/x").message == "no store at /x")
    #expect(ExitCategory.of(StoreError.missing(path: "/x")) == .missingInput)
  }

  @Test func settingsAndSecretsSurviveReopening() throws {
    let test = try TestStore(.production)
    defer { test.remove() }
    let reopened = try SQLiteStore.open(path: test.path)
    #expect(reopened.settings == test.sqlite.settings)
    #expect(reopened.secrets.pseudonym(of: "x") == test.store.secrets.pseudonym(of: "x"))
  }

  @Test func newerSchemaIsRefused() throws {
    let test = try TestStore()
    defer { test.remove() }
    try test.sqlite.connection.execute("PRAGMA user_version = 99")
    #expect(throws: StoreError.newerSchema(found: 99, supported: SQLiteSchema.latestVersion)) {
      try SQLiteStore.open(path: test.path)
    }
  }

  /// A store made by an older minid is upgraded, one migration per transaction, when opened.
  @Test func olderStoresAreMigratedWhenOpened() throws {
    let test = try TestStore()
    defer { test.remove() }
    let directory = test.directory.appendingPathComponent("old")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let path = directory.appendingPathComponent("v1.sqlite").path
    do {
      let old = try SQLiteConnection(path: path, create: true)
      try old.execute(Migration.accounts.sqlite + "PRAGMA user_version = 1;")
      try old.execute("INSERT INTO store_info SELECT * FROM main.store_info WHERE 0")
      try old.execute("ATTACH DATABASE '\(test.path)' AS current")
      try old.execute(
        "INSERT INTO store_info SELECT * FROM current.store_info; INSERT INTO store_secret SELECT * FROM current.store_secret"
      )
      try old.execute("DETACH DATABASE current")
    }
    do {
      // An entry written before audit entries were filed under account rows.
      let old = try SQLiteConnection(path: path, create: false)
      try old.run(
        "INSERT INTO audit (seq, at, actor, action, account, outcome, detail, prev_hash, hash) VALUES (1, 0, 'admin:old', 'account.register', 'pseudonym', 'ok', '', x'00', x'00')"
      )
    }
    let upgraded = try SQLiteStore.open(path: path)
    #expect(try upgraded.connection.userVersion == SQLiteSchema.latestVersion)
    #expect(try upgraded.connection.scalarInt("SELECT count(*) FROM audit WHERE account_id IS NULL") == 1)
    #expect(try upgraded.read { try $0.services() }.isEmpty)
    #expect(try upgraded.connection.scalarInt("SELECT count(*) FROM pragma_foreign_key_check") == 0)
  }

  /// A person's history is found through indexes alone, whatever the store's size.
  @Test func personsHistoryIsAnIndexSearch() throws {
    let test = try TestStore()
    defer { test.remove() }
    var plan: [String] = []
    try test.sqlite.connection.query(
      "EXPLAIN QUERY PLAN SELECT seq FROM audit WHERE \(SQLConditions.personsAuditEntries)",
      [.text("1"), .text("p")]
    ) { plan.append($0.text(3)) }
    #expect(!plan.isEmpty)
    #expect(plan.filter { $0.hasPrefix("SCAN") } == [], "\(plan)")
    #expect(
      plan.contains { $0.contains("audit_account_id") } && plan.contains { $0.contains("audit_account ") })
  }

  @Test func otherFilesAreNotStores() throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "minid-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let text = directory.appendingPathComponent("notes.txt").path
    _ = FileManager.default.createFile(atPath: text, contents: Data(repeating: 65, count: 4096))
    #expect(throws: StoreError.notSQLite(path: text)) { try SQLiteStore.open(path: text) }
  }

  @Test func failedWriteLeavesNothing() throws {
    let test = try TestStore()
    defer { test.remove() }
    let before = try test.counts()
    struct Boom: Error {}
    #expect(throws: Boom.self) {
      try test.store.write { transaction in
        try transaction.audit(AuditDraft(actor: "t", action: .outboxDrain), at: test.clock.timestamp)
        throw Boom()
      }
    }
    #expect(try test.counts() == before)
  }

  @Test func errorsKeepTheExtendedCodeButNotBoundValues() throws {
    let test = try TestStore()
    defer { test.remove() }
    let pid = People.adult()
    _ = try test.service.register(People.request(pid))
    let error = #expect(throws: SQLiteError.self) {
      try test.sqlite.connection.run(
        "INSERT INTO account (pid, pseudonym, state, created_at, updated_at) VALUES (?, 'p', 'active', 0, 0)",
        [.text(pid)])
    }
    #expect(error?.extendedCode == 2067)  // SQLITE_CONSTRAINT_UNIQUE
    #expect(error?.category == .conflict)
    #expect(error?.message.contains(pid) == false)
  }

  @Test func writersWaitForEachOtherInsteadOfFailing() throws {
    let test = try TestStore()
    defer { test.remove() }
    nonisolated(unsafe) let other = try SQLiteConnection(path: test.path)
    try other.execute("BEGIN IMMEDIATE")
    let released = DispatchSemaphore(value: 0)
    DispatchQueue.global().async {
      usleep(300_000)
      try? other.execute("COMMIT")
      released.signal()
    }
    let start = Date()
    try test.store.write { transaction in
      try transaction.audit(AuditDraft(actor: "t", action: .outboxDrain), at: test.clock.timestamp)
    }
    #expect(Date().timeIntervalSince(start) >= 0.25)
    released.wait()
    #expect(try AuditService(store: test.store).verify() == 5)
  }
}

/// The error categories the command line maps to exit codes.
enum ExitCategory {
  static func of(_ error: any MinIDError) -> ErrorCategory { error.category }
}

/// Several connections to one store in one process (`minid serve`'s worker threads): opening another must
/// not drop the locks of those already open, or another process resets the write-ahead log under them and
/// their later commits are lost to everyone else.
@Suite(.enabled(if: TestBackend.isSQLite)) struct SharedProcessConnectionTests {
  @Test func openingAnotherConnectionKeepsTheFirstOnesCommitsVisible() throws {
    let test = try TestStore()
    defer { test.remove() }
    let first = test.store
    try first.write { try $0.audit(AuditDraft(actor: "t", action: .serviceAdd), at: test.clock.timestamp) }
    let second = try test.reopened()
    // Another process's connection comes and goes: the sqlite3 shell, reading.
    let visitor = Process()
    visitor.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
    visitor.arguments = [test.path, "SELECT count(*) FROM audit"]
    visitor.standardOutput = FileHandle.nullDevice
    try visitor.run()
    visitor.waitUntilExit()
    try first.write { try $0.audit(AuditDraft(actor: "t", action: .serviceRemove), at: test.clock.timestamp) }
    let reader = try SQLiteConnection(path: test.path)
    #expect(
      try reader.scalarInt("SELECT count(*) FROM audit WHERE action IN ('service.add', 'service.remove')")
        == 2)
    _ = second
  }
}
