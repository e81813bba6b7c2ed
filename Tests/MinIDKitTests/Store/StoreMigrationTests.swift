import Foundation
import Testing

@testable import MinIDKit

/// Migrations are one list for both backends, applied and recorded by name; a store that recorded only a
/// version number (every store made before the names) is upgraded in place and keeps its data.
@Suite struct StoreMigrationTests {
  @Test func identifiersAreUniqueAndEveryMigrationHasBothForms() {
    let identifiers = StoreMigrations.all.map(\.identifier)
    #expect(Set(identifiers).count == identifiers.count)
    for migration in StoreMigrations.all {
      #expect(!migration.sqlite.isEmpty && !migration.postgres.isEmpty, "\(migration.identifier)")
    }
  }

  @Test func aNewStoreRecordsEveryMigrationByName() throws {
    let test = try TestStore()
    defer { test.remove() }
    let recorded = try test.connection.rows("SELECT identifier FROM minid_migration") { $0.text(0) }
    #expect(Set(recorded) == Set(StoreMigrations.all.map(\.identifier)))
  }

  /// A store made by minid before the names (Fixtures/stores/numbered-version-9.sql: `user_version` 9, no
  /// table of names) opens, gets the names of the migrations it ran, and keeps its people, keys and trail.
  @Test(.enabled(if: TestBackend.isSQLite)) func aStoreWithOnlyAVersionNumberUpgradesByName() throws {
    let test = try TestStore()
    defer { test.remove() }
    let directory = test.directory.appendingPathComponent("old")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let path = directory.appendingPathComponent("minid.sqlite").path
    let dump = try String(
      contentsOf: FixtureFile.root.appendingPathComponent("stores/numbered-version-9.sql"), encoding: .utf8)
    do {
      let old = try SQLiteConnection(path: path, create: true)
      try old.execute(dump)
    }
    let store = try SQLiteStore.open(path: path)
    let recorded = try store.connection.rows("SELECT identifier FROM minid_migration") { $0.text(0) }
    #expect(Set(recorded) == Set(StoreMigrations.all.map(\.identifier)))
    #expect(try store.connection.userVersion == StoreMigrations.latestVersion)
    #expect(try store.read { try $0.statistics().accountsByState.values.reduce(0, +) } == 1)
    #expect(try AuditService(store: store).verify() >= 6)
    #expect(
      try ServiceCatalog(store: store, time: TestClock(), actor: "t").services().map(\.clientID) == ["app"])
  }

  /// A store made at schema version 11 by minid before the names (Fixtures/stores/numbered-version-11.sql:
  /// a single sign-on session, a code generator and a login waiting for it) opens, records the names of all
  /// eleven migrations including `single-sign-on-sessions` and `second-factors`, and keeps those rows.
  @Test(.enabled(if: TestBackend.isSQLite)) func aStoreAtVersion11WithOnlyANumberUpgradesByName() throws {
    let test = try TestStore()
    defer { test.remove() }
    let directory = test.directory.appendingPathComponent("old")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let path = directory.appendingPathComponent("minid.sqlite").path
    let dump = try String(
      contentsOf: FixtureFile.root.appendingPathComponent("stores/numbered-version-11.sql"), encoding: .utf8)
    do {
      let old = try SQLiteConnection(path: path, create: true)
      try old.execute(dump)
      #expect(try old.userVersion == 11)
    }
    let store = try SQLiteStore.open(path: path)
    let recorded = try store.connection.rows("SELECT identifier FROM minid_migration") { $0.text(0) }
    #expect(Set(recorded) == Set(StoreMigrations.all.map(\.identifier)))
    #expect(recorded.contains("single-sign-on-sessions") && recorded.contains("second-factors"))
    #expect(try store.connection.userVersion == StoreMigrations.latestVersion)
    let sessionPIDs = try store.connection.rows("SELECT pid FROM sso_session") { $0.text(0) }
    #expect(sessionPIDs.count == 1)
    #expect(try store.read { try $0.sessions(pid: sessionPIDs[0]) }.count == 1)
    let enrolled = try store.connection.rows("SELECT account_id FROM totp_credential") { $0.int64(0) }
    #expect(enrolled.count == 1)
    #expect(try store.read { try $0.totpCredential(accountID: enrolled[0]) } != nil)
    let waiting = try store.connection.rows("SELECT attempt_id FROM login_factor") { $0.text(0) }
    #expect(try store.read { try $0.loginFactor(attemptID: waiting[0]) }?.method == .totp)
    #expect(try store.read { try $0.statistics().accountsByState.values.reduce(0, +) } == 2)
    #expect(try AuditService(store: store).verify() >= 6)
    let catalog = ServiceCatalog(store: store, time: TestClock(), actor: "t")
    #expect(try catalog.client(clientID: "app")?.backchannelLogoutURI == "http://localhost:3000/logout/back")
  }

  /// A store that ran a migration this minid does not know was made by a newer minid: refused, unchanged.
  @Test func aStoreWithAnUnknownMigrationIsRefused() throws {
    let test = try TestStore()
    defer { test.remove() }
    _ = try test.connection.run("INSERT INTO minid_migration (identifier) VALUES ('from-a-newer-minid')", [])
    #expect(throws: StoreError.self) {
      try test.connection.writeTransaction {
        _ = try StoreMigrations.migrate(test.connection, recordedVersion: StoreMigrations.latestVersion) {
          $0.sqlite
        }
      }
    }
  }
}
