import Foundation
import MinIDKit

// Lookup latency inside the library on an existing store: `account show` (by identity number) and
// `account find --phone`, over random people from a list of identity numbers. Prints Markdown.
//
// Usage: minid-lookup-benchmark STORE PIDS-FILE [LOOKUPS]

let arguments = CommandLine.arguments
guard arguments.count >= 3 else {
  FileHandle.standardError.write(Data("usage: minid-lookup-benchmark STORE PIDS-FILE [LOOKUPS]\n".utf8))
  exit(64)
}
let lookups = arguments.count > 3 ? Int(arguments[3]) ?? 20000 : 20000
let store = try SQLiteStore.open(path: arguments[1])
let pids = try String(contentsOfFile: arguments[2], encoding: .utf8).split(separator: "\n").map(String.init)
let service = AccountService(
  store: store, time: SystemTimeSource(), random: SystemRandomSource(), actor: "admin:bench")
let accounts = try store.read { try $0.statistics() }.accountsByState.values.reduce(0, +)

func percentile(_ values: [Double], _ p: Double) -> Double {
  let sorted = values.sorted()
  return sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
}

var generator = SystemRandomNumberGenerator()

/// One pass of random lookups of each kind; returns the latencies in milliseconds.
@MainActor func pass() throws -> (show: [Double], find: [Double]) {
  var show: [Double] = []
  var find: [Double] = []
  for _ in 0..<lookups {
    let pid = pids[Int.random(in: 0..<pids.count, using: &generator)]
    var start = DispatchTime.now().uptimeNanoseconds
    let details = try service.details(pid: pid)
    show.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
    let phone = details.account.phone!.e164
    start = DispatchTime.now().uptimeNanoseconds
    _ = try service.find(phone: phone)
    find.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
  }
  return (show, find)
}

// The first pass starts with SQLite's page cache empty and whatever of the file the operating system
// happens to hold, as a fresh `minid` process would; the second is the steady state.
let first = try pass()
let second = try pass()
print(
  "Lookup latency inside the library, \(accounts) accounts, \(lookups) random lookups each, two passes:\n")
print("| Lookup | first pass p50 | first pass p99 | second pass p50 | second pass p99 |")
print("| --- | ---: | ---: | ---: | ---: |")
for (name, a, b) in [
  ("account show (by identity number)", first.show, second.show),
  ("account find --phone", first.find, second.find),
] {
  print(
    String(
      format: "| %@ | %.3f ms | %.3f ms | %.3f ms | %.3f ms |", name, percentile(a, 0.5), percentile(a, 0.99),
      percentile(b, 0.5), percentile(b, 0.99)))
}
