import Foundation
import Testing

@testable import MinIDKit

@Suite struct ImportTests {
  static let hash = "$scrypt$ln=10,r=8,p=1$aM15713r3Xsvxbi31lqr1Q$nFNh2CVHVjNldFVKDHDlm4CbdRSCdEBsjjJxD+iCs5E"

  /// Feeds CSV text to the importer as the command line does.
  func run(_ test: TestStore, csv: String, dryRun: Bool = false, batchSize: Int = 2) throws -> (
    ImportSummary, [ImportProblem]
  ) {
    var problems: [ImportProblem] = []
    let summary = try test.service.importAccounts(
      dryRun: dryRun, batchSize: batchSize,
      source: { deliver in
        var reader = CSVRecordReader()
        for (index, line) in csv.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
          var text = String(line)
          if let record = text.withUTF8({ reader.feed(UnsafeRawBufferPointer($0), number: index + 1) }) {
            try deliver(record)
          }
        }
        if let problem = reader.finish() { try deliver(.failure(problem)) }
      }, report: { problems.append($0) })
    return (summary, problems)
  }

  func file(good: [String], bad: [(String, String)]) -> String {
    var lines = ["pid,phone,email,address,password_hash"]
    for (index, pid) in good.enumerated() {
      lines.append(
        "\(pid),91234567,kari\(index)@example.no,\"Storgata \(index), 0155 Oslo\",\(index % 2 == 0 ? "\"\(Self.hash)\"" : "")"
      )
    }
    for (pid, phone) in bad { lines.append("\(pid),\(phone),x@example.no,Somewhere,") }
    return lines.joined(separator: "\n") + "\n"
  }

  @Test func importsExactlyTheGoodRowsAndReportsExactlyTheBadOnes() throws {
    let test = try TestStore()
    defer { test.remove() }
    let good = (1...5).map { People.adult(seed: UInt64($0 * 10)) }
    let csv = file(
      good: good,
      bad: [("123", "91234567"), (People.adult(seed: 77), "22222222"), ("31129956715", "91234567")])
    let (summary, problems) = try run(test, csv: csv)
    #expect(summary.imported == 5 && summary.activated == 3 && summary.failed == 3 && summary.conflicts == 0)
    #expect(problems.map(\.line) == [7, 8, 9])
    #expect(problems.map(\.field) == ["pid", "phone", "pid"])
    #expect(problems.map(\.code) == ["length", "invalid_phone", "real_number_in_test_store"])
    for (index, pid) in good.enumerated() {
      let details = try test.service.details(pid: pid)
      #expect(details.state == (index % 2 == 0 ? .active : .letterSent))
      #expect(details.account.address == "Storgata \(index), 0155 Oslo")
    }
    #expect(try AuditService(store: test.store).verify() > 5)
  }

  @Test func runningTheSameFileAgainOnlyConflicts() throws {
    let test = try TestStore()
    defer { test.remove() }
    let csv = file(good: (1...3).map { People.adult(seed: UInt64($0 * 10)) }, bad: [])
    _ = try run(test, csv: csv)
    let before = try test.counts()
    let (summary, problems) = try run(test, csv: csv)
    #expect(summary.imported == 0 && summary.conflicts == 3)
    #expect(problems.allSatisfy { $0.code == "account_exists" })
    #expect(try test.counts() == before)
  }

  @Test func dryRunReportsExactlyWhatARealRunWouldAndWritesNothing() throws {
    let test = try TestStore()
    defer { test.remove() }
    let pid = People.adult(seed: 10)
    // The same person twice in one file: the second is a conflict in a real run, so in a dry run too.
    let csv = file(good: [pid, People.adult(seed: 20), pid], bad: [("1", "2")])
    let before = try test.counts()
    let (dry, dryProblems) = try run(test, csv: csv, dryRun: true)
    #expect(try test.counts() == before)
    let (real, realProblems) = try run(test, csv: csv)
    #expect(dry.dryRun && !real.dryRun)
    #expect(dry.imported == real.imported && dry.conflicts == real.conflicts && dry.failed == real.failed)
    #expect(dryProblems == realProblems)
    #expect(real.conflicts == 1)
  }

  @Test func csvQuotingAndSyntaxErrors() throws {
    var reader = CSVRecordReader()
    func feed(_ text: String, _ number: Int) -> Result<ImportRecord, ImportProblem>? {
      var text = text
      return text.withUTF8 { reader.feed(UnsafeRawBufferPointer($0), number: number) }
    }
    #expect(feed("pid,address", 1) == nil)
    #expect(try feed("1,\"a, \"\"b\"\"\"", 2)?.get().values == ["pid": "1", "address": "a, \"b\""])
    #expect(feed("2,\"first", 3) == nil)
    #expect(
      try feed("second\"", 4)?.get()
        == ImportRecord(line: 3, values: ["pid": "2", "address": "first\nsecond"]))
    #expect(feed("3,a\"b", 5).map { (try? $0.get()) == nil } == true)
    #expect(feed("4,\"a\"b", 6).map { (try? $0.get()) == nil } == true)
    #expect(feed("5", 7).map { (try? $0.get()) == nil } == true)
    #expect(feed("6,\"open", 8) == nil)
    #expect(reader.finish()?.code == "csv_syntax")
  }

  @Test func jsonLinesRecords() throws {
    func record(_ text: String) -> Result<ImportRecord, ImportProblem>? {
      var text = text
      return text.withUTF8 { JSONLinesRecordReader.record(UnsafeRawBufferPointer($0), number: 4) }
    }
    #expect(try record(#"{"pid":"1","phone":"2"}"#)?.get().values == ["pid": "1", "phone": "2"])
    #expect(record("   ") == nil)
    #expect(record("[1]").map { (try? $0.get()) == nil } == true)
    #expect(record(#"{"pid":1}"#).map { (try? $0.get()) == nil } == true)
    #expect(record("{not json").map { (try? $0.get()) == nil } == true)
  }

  @Test func absurdPasswordHashesAreRowErrors() throws {
    let test = try TestStore()
    defer { test.remove() }
    let csv =
      "pid,phone,email,address,password_hash\n\(People.adult()),91234567,a@example.no,x,\"$scrypt$ln=40,r=8,p=1$aM15713r3Xsvxbi31lqr1Q$nFNh2CVHVjNldFVKDHDlm4CbdRSCdEBsjjJxD+iCs5E\"\n"
    let (summary, problems) = try run(test, csv: csv)
    #expect(summary.failed == 1 && problems.first?.field == "password_hash")
  }
}
