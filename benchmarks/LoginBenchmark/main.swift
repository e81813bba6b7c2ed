import Foundation
import MinIDKit

// Measures what a login (start + finish) costs beyond scrypt, in process, on real stores. Prints a Markdown
// table for docs/performance.md.
//
// scrypt at the production cost (N = 2^17) takes about half a second and wanders by ±40 ms from one call to
// the next on a shared machine, far more than the 10 ms being measured. So the overhead is measured on a
// store whose scrypt costs about a millisecond (everything else about a login is the same), as the median
// over rounds of (start + finish − scrypt); the production-cost login is measured too, for the total.
//
// Usage: swift run -c release minid-login-benchmark [ROUNDS]

let rounds = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 20

func median(_ values: [Double]) -> Double {
  let sorted = values.sorted()
  return sorted[sorted.count / 2]
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
  let start = DispatchTime.now().uptimeNanoseconds
  try body()
  return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

struct Measurement {
  var scrypt: [Double] = []
  var start: [Double] = []
  var finish: [Double] = []
  var overhead: [Double] { zip(zip(start, finish), scrypt).map { $0.0 + $0.1 - $1 } }
}

func measure(scrypt parameters: ScryptParameters, rounds: Int) throws -> Measurement {
  let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
    "minid-bench-\(UUID().uuidString)")
  defer { try? FileManager.default.removeItem(at: directory) }
  let time = SystemTimeSource()
  let random = SystemRandomSource()
  let settings = StoreSettings(
    environment: .test, issuer: "https://minid.test", lockoutThreshold: 100, scrypt: parameters,
    createdAt: time.timestamp)
  let store = try SQLiteStore.create(
    path: directory.appendingPathComponent("minid.sqlite").path, settings: settings,
    secrets: .generate(random: random),
    actor: "admin:bench", signingKey: try SigningKey.generate(.rs256, at: time.timestamp))
  let service = AccountService(store: store, time: time, random: random, actor: "admin:bench")
  let user = try service.createTestUsers(
    count: 1, age: 40, phone: "+4799999999", email: nil, address: "Testveien 1")[0]
  _ = try ServiceCatalog(store: store, time: time, actor: "admin:bench").add(
    clientID: "bench", name: "Bench", level: .substantial)
  let hasher = PasswordHasher(parameters: parameters)
  let stored = try PasswordHash(phc: user.account.passwordHash!)
  var result = Measurement()
  for _ in 0..<rounds {
    result.scrypt.append(try seconds { _ = try hasher.verify(user.password, against: stored) })
    var challenge: LoginChallenge!
    result.start.append(
      try seconds {
        challenge = try service.startLogin(pid: user.pid, clientID: "bench", password: user.password)
      })
    result.finish.append(
      try seconds {
        _ = try service.finishLogin(loginID: challenge.loginID, code: "12345", nonce: "n", locale: "nb")
      })
  }
  return result
}

let cheap = try measure(scrypt: ScryptParameters(ln: 10, r: 8, p: 1)!, rounds: rounds * 5)
let production = try measure(scrypt: .recommended, rounds: rounds)

func ms(_ value: Double) -> String { String(format: "%.1f ms", value * 1000) }

print("Login (start + finish) against scrypt, medians; RS256 3072-bit signing, synchronous=FULL.\n")
print("| | scrypt ln=10 store (\(rounds * 5) rounds) | scrypt ln=17 store (\(rounds) rounds) |")
print("| --- | ---: | ---: |")
print("| scrypt verify alone | \(ms(median(cheap.scrypt))) | \(ms(median(production.scrypt))) |")
print("| login start | \(ms(median(cheap.start))) | \(ms(median(production.start))) |")
print("| login finish | \(ms(median(cheap.finish))) | \(ms(median(production.finish))) |")
print(
  "| start + finish − scrypt | \(ms(median(cheap.overhead))) | \(ms(median(production.overhead))) (noise: ±40 ms) |"
)
print("\nOverhead beyond scrypt: \(ms(median(cheap.overhead))) (target: at most 10 ms).")
