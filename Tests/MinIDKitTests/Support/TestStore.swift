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

/// A fresh store in its own temporary directory, with a movable clock, seeded randomness and cheap scrypt.
struct TestStore {
  let directory: URL
  let path: String
  let store: SQLiteStore
  let clock: TestClock
  let random: SeededRandomSource

  init(
    _ environment: StoreEnvironment = .test, seed: UInt64 = 1, lockoutThreshold: Int = 5,
    keyAlgorithm: SigningAlgorithm = .es256
  ) throws {
    directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "minid-test-\(UUID().uuidString)")
    path = directory.appendingPathComponent("store/minid.sqlite").path
    clock = TestClock()
    random = SeededRandomSource(seed: seed)
    let settings = StoreSettings(
      environment: environment, issuer: "https://minid.test", lockoutThreshold: lockoutThreshold,
      scrypt: ScryptParameters(ln: 10, r: 8, p: 1)!, createdAt: clock.timestamp)
    store = try SQLiteStore.create(
      path: path, settings: settings, secrets: .generate(random: random), actor: "admin:test",
      signingKey: try SigningKey.generate(keyAlgorithm, at: clock.timestamp))
  }

  var service: AccountService {
    AccountService(store: store, time: clock, random: random, actor: "admin:test")
  }

  /// Row counts of every table, to prove a refusal wrote nothing.
  func counts() throws -> [String: Int64] {
    var result: [String: Int64] = [:]
    for table in ["account", "activation_letter", "outbox", "audit"] {
      result[table] = try store.connection.scalarInt("SELECT count(*) FROM \(table)")
    }
    return result
  }

  /// Every byte of the store's files (database and WAL).
  func fileBytes() -> Data {
    var data = Data()
    for suffix in ["", "-wal"] {
      if let contents = FileManager.default.contents(atPath: path + suffix) { data.append(contents) }
    }
    return data
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
