import Foundation
import MinIDKit

/// A clock tests can move.
final class TestClock: TimeSource, @unchecked Sendable {
  var seconds: Int64
  init(_ date: CalendarDate = CalendarDate(year: 2026, month: 11, day: 25)!) {
    seconds = Int64(date.daysSinceEpoch) * 86_400 + 36_000
  }
  func now() -> Int64 { seconds }
  func advance(minutes: Int64) { seconds += minutes * 60 }
  func advance(days: Int64) { seconds += days * 86_400 }
}

/// Which backend the store-level tests run on: SQLite, or PostgreSQL when `MINID_TEST_POSTGRES` holds a
/// server URI (scripts/test.sh runs the suite both ways, with a throw-away cluster).
enum TestBackend {
  static let postgresServer: String? = ProcessInfo.processInfo.environment["MINID_TEST_POSTGRES"]
    .flatMap { $0.isEmpty ? nil : $0 }
  static var isSQLite: Bool { postgresServer == nil }

  /// A URI that selects a new, empty schema on the test server: one store per test, side by side.
  static func freshPostgresStore() throws -> String {
    guard let server = postgresServer else { fatalError("MINID_TEST_POSTGRES is not set") }
    let schema = "minid_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
    try PostgresConnection(uri: server).execute("CREATE SCHEMA \(schema)")
    return server + (server.contains("?") ? "&" : "?") + "options=-csearch_path%3D\(schema)"
  }
}

/// A fresh store (a SQLite file in its own temporary directory, or a PostgreSQL schema), with a movable
/// clock, seeded randomness and cheap scrypt.
struct TestStore {
  let directory: URL
  /// The SQLite file, or the PostgreSQL URI.
  let path: String
  let store: any AdministeredStore
  let clock: TestClock
  let random: SeededRandomSource

  init(
    _ environment: StoreEnvironment = .test, seed: UInt64 = 1, lockoutThreshold: Int = 5,
    lockoutPeriods: Int = 10, keyAlgorithm: SigningAlgorithm = .es256, scryptCost: Int = 10
  ) throws {
    directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "minid-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    path =
      TestBackend.isSQLite
      ? directory.appendingPathComponent("store/minid.sqlite").path : try TestBackend.freshPostgresStore()
    clock = TestClock()
    random = SeededRandomSource(seed: seed)
    let settings = StoreSettings(
      environment: environment, issuer: "https://minid.test", lockoutThreshold: lockoutThreshold,
      lockoutPeriodsBeforeBlock: lockoutPeriods, scrypt: ScryptParameters(ln: scryptCost, r: 8, p: 1)!,
      createdAt: clock.timestamp)
    store = try StoreBackend.create(
      StoreLocation(path: path, source: .option), settings: settings, secrets: .generate(random: random),
      actor: "admin:test", signingKey: try SigningKey.generate(keyAlgorithm, at: clock.timestamp))
  }

  var service: AccountService {
    AccountService(store: store, time: clock, random: random, actor: "admin:test")
  }

  /// Another handle on the same store, with a connection of its own, as another process would have.
  func reopened() throws -> any AdministeredStore {
    try StoreBackend.open(StoreLocation(path: path, source: .option))
  }

  /// The SQLite store, for tests of SQLite itself (suites marked `.enabled(if: TestBackend.isSQLite)`).
  var sqlite: SQLiteStore { store as! SQLiteStore }

  /// The store's own connection, for raw SQL that goes around minid (tampering, counting).
  var connection: any SQLConnection {
    (store as? SQLiteStore)?.connection ?? (store as! PostgresStore).connection
  }

  /// Row counts of every table, to prove a refusal wrote nothing.
  func counts() throws -> [String: Int64] {
    var result: [String: Int64] = [:]
    for table in ["account", "activation_letter", "outbox", "audit"] {
      result[table] = try connection.scalarInt("SELECT count(*) FROM \(table)")
    }
    return result
  }

  /// Everything the store keeps: every byte of a SQLite store's files after a checkpoint (deleted content
  /// included, were it not erased), or every row of every table of a PostgreSQL store as text.
  func persistedBytes() throws -> Data {
    if let sqlite = store as? SQLiteStore {
      try sqlite.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
      var data = Data()
      for suffix in ["", "-wal"] {
        if let contents = FileManager.default.contents(atPath: path + suffix) { data.append(contents) }
      }
      return data
    }
    let postgres = store as! PostgresStore
    var text = ""
    let tables = try postgres.connection.rows(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
    ) { $0.text(0) }
    for table in tables {
      try postgres.connection.query("SELECT t::text FROM \(table) t") { text += $0.text(0) + "\n" }
    }
    return Data(text.utf8)
  }

  /// Drops the audit trail's append-only triggers, as someone with direct access to the database could.
  func dropAuditTriggers() throws {
    if let sqlite = store as? SQLiteStore {
      try sqlite.connection.execute("DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete")
    } else {
      try (store as! PostgresStore).connection.execute("DROP TRIGGER audit_no_update ON audit")
    }
  }

  func remove() { try? FileManager.default.removeItem(at: directory) }
}

/// Synthetic and real identity numbers of chosen ages, for registration tests.
enum People {
  static let today = CalendarDate(year: 2026, month: 11, day: 25)!

  static func number(_ kind: IdentityNumberKind = .tenor, born: CalendarDate, seed: UInt64 = 1) -> String {
    var generator = IdentityNumberGenerator(
      random: SeededRandomNumberGenerator(seed: seed), referenceDate: today)
    return try! generator.generate(kind: kind, birthDate: .on(born))
  }

  static func adult(_ kind: IdentityNumberKind = .tenor, seed: UInt64 = 1) -> String {
    number(kind, born: CalendarDate(year: 1990, month: 5, day: 17)!, seed: seed)
  }

  static func request(_ pid: String, phone: String = "91234567", email: String = "kari.nordmann@example.no")
    -> RegistrationRequest
  {
    RegistrationRequest(pid: pid, phone: phone, email: email, address: "Storgata 1, 0155 Oslo")
  }
}
