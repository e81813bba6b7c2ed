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
print("Lookup latency inside the library, \(accounts) accounts, \(lookups) random lookups each:\n")
print("| Lookup | p50 | p99 |")
print("| --- | ---: | ---: |")
print(
  String(
    format: "| account show (by identity number) | %.3f ms | %.3f ms |", percentile(show, 0.5),
    percentile(show, 0.99)))
print(
  String(
    format: "| account find --phone | %.3f ms | %.3f ms |", percentile(find, 0.5), percentile(find, 0.99)))
