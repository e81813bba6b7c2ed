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
      source: { try Self.feed(csv, to: $0) }, report: { problems.append($0) })
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
    // The same person twice in one file: the second is a duplicate in a real run, so in a dry run too.
    let csv = file(good: [pid, People.adult(seed: 20), pid], bad: [("1", "2")])
    let before = try test.counts()
    let (dry, dryProblems) = try run(test, csv: csv, dryRun: true)
    #expect(try test.counts() == before)
    let (real, realProblems) = try run(test, csv: csv)
    #expect(dry.dryRun && !real.dryRun)
    #expect(dry.imported == real.imported && dry.conflicts == real.conflicts && dry.failed == real.failed)
    #expect(dryProblems == realProblems)
    #expect(real.conflicts == 0 && real.failed == 2)
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

  /// Batches are exactly `batchSize` rows: a store that counts its transactions sees one per batch.
  @Test func eachBatchIsOneTransaction() throws {
    let test = try TestStore()
    defer { test.remove() }
    let (counting, service) = scripted(test)
    let csv = file(good: (1...7).map { People.adult(seed: UInt64($0 * 10)) }, bad: [])
    var progress: [Int] = []
    let summary = try service.importAccounts(
      dryRun: false, batchSize: 3, source: { try Self.feed(csv, to: $0) }, report: { _ in },
      progress: { progress.append($0.rows) })
    #expect(summary.imported == 7)
    #expect(counting.writes == 3)
    #expect(progress == [3, 6, 7])
  }

  /// Problems come in line order even when a chunk has both bad rows and conflicts.
  @Test func problemsAreReportedInLineOrder() throws {
    let test = try TestStore()
    defer { test.remove() }
    let taken = People.adult(seed: 10)
    _ = try run(test, csv: file(good: [taken], bad: []))
    var lines = ["pid,phone,email,address"]
    lines.append("123,91234567,a@example.no,x")  // line 2: bad
    lines.append("\(taken),91234567,a@example.no,x")  // line 3: conflict
    lines.append("\(People.adult(seed: 20)),1,a@example.no,x")  // line 4: bad phone
    lines.append("\(People.adult(seed: 30)),91234567,a@example.no,x")  // line 5: fine
    let (summary, problems) = try run(test, csv: lines.joined(separator: "\n") + "\n", batchSize: 100)
    #expect(problems.map(\.line) == [2, 3, 4])
    #expect(problems.map(\.code) == ["length", "account_exists", "invalid_phone"])
    #expect(summary.imported == 1 && summary.failed == 2 && summary.conflicts == 1 && summary.rows == 4)
  }

  /// A file that breaks off after its first batch: the error reaches the caller, the batch before it stays.
  @Test func aReadErrorStopsTheImportAndKeepsEarlierBatches() throws {
    let test = try TestStore()
    defer { test.remove() }
    struct Broken: Error {}
    let csv = file(good: (1...5).map { People.adult(seed: UInt64($0 * 10)) }, bad: [])
    let before = try test.counts()["account"]!
    #expect(throws: Broken.self) {
      _ = try test.service.importAccounts(
        dryRun: false, batchSize: 2,
        source: { deliver in
          var delivered = 0
          try Self.feed(csv) { record in
            if delivered == 3 { throw Broken() }
            delivered += 1
            try deliver(record)
          }
        }, report: { _ in })
    }
    #expect(try test.counts()["account"]! == before + 2)
  }

  /// When writing fails, reading stops too (the reader is not left blocked) and the error is the store's.
  @Test func aWriteErrorStopsTheReader() throws {
    let test = try TestStore()
    defer { test.remove() }
    let (failing, service) = scripted(test)
    failing.failOnWrite = 2
    var seen = Set<String>()
    let people = (1...3000).map { People.adult(seed: UInt64($0)) }.filter { seen.insert($0).inserted }
    let csv = file(good: people, bad: [])
    var delivered = 0
    #expect(throws: ScriptedStore.Failure.self) {
      _ = try service.importAccounts(
        dryRun: false, batchSize: 10,
        source: { deliver in
          try Self.feed(csv) {
            delivered += 1
            try deliver($0)
          }
        }, report: { _ in })
    }
    #expect(delivered < people.count)
    let accounts = try test.counts()["account"]!
    #expect(accounts == 10)
  }

  /// A batch cannot be replayed (its rows were streamed, not kept): a store that retries the transaction
  /// half-way gets a clear stop instead of a batch silently missing rows.
  @Test func aRetriedBatchStopsTheImportInsteadOfLosingRows() throws {
    let test = try TestStore()
    defer { test.remove() }
    let (retrying, service) = scripted(test)
    retrying.retryWrite = 2
    let csv = file(good: (1...6).map { People.adult(seed: UInt64($0 * 10)) }, bad: [])
    let error = #expect(throws: ImportInterruptedError.self) {
      _ = try service.importAccounts(
        dryRun: false, batchSize: 2, source: { try Self.feed(csv, to: $0) }, report: { _ in })
    }
    #expect(error?.committedLines == 2)
    #expect(error?.message.contains("run the same file again") == true)
    #expect(try test.counts()["account"]! == 2)
    #expect(try AuditService(store: test.store).verify() > 0)
  }

  /// Every imported account's entry is filed under its row, so its history is found through the row.
  @Test func importedEntriesAreFiledUnderTheirAccounts() throws {
    let test = try TestStore()
    defer { test.remove() }
    let people = (1...4).map { People.adult(seed: UInt64($0 * 10)) }
    _ = try run(test, csv: file(good: people, bad: []))
    let unfiled = try test.connection.scalarInt(
      "SELECT count(*) FROM audit WHERE action = 'account.import' AND account_id IS NULL")
    #expect(unfiled == 0)
    for (index, pid) in people.enumerated() {
      let entries = try AuditService(store: test.store).entries(pid: pid, since: nil)
      // Rows without a password hash get a letter, whose entry follows the import's in the chain.
      #expect(
        entries.map(\.action) == (index % 2 == 0 ? ["account.import"] : ["account.import", "letter.send"]))
      #expect(Set(entries.compactMap(\.accountID)) == [try test.service.details(pid: pid).account.id])
    }
  }

  /// The same person twice in one file: the first row is stored, the second is a mistake in the file,
  /// reported as a duplicate of the first line rather than as a person who already had an account.
  @Test func theFirstOfTwoRowsForOnePersonWins() throws {
    let test = try TestStore()
    defer { test.remove() }
    let pid = People.adult(seed: 10)
    let (summary, problems) = try run(
      test, csv: file(good: [pid, People.adult(seed: 20), pid], bad: []), batchSize: 100)
    #expect(summary.imported == 2 && summary.conflicts == 0 && summary.failed == 1)
    #expect(problems.map(\.line) == [4])
    #expect(problems.map(\.code) == ["duplicate_in_file"])
    #expect(problems.map(\.message) == ["duplicate of line 2"])
    #expect(try test.service.details(pid: pid).account.email?.address == "kari0@example.no")
  }

  /// A service over `test`'s store through a `ScriptedStore`, to count, fail or retry its transactions.
  func scripted(_ test: TestStore) -> (ScriptedStore, AccountService) {
    let store = ScriptedStore(test.store)
    return (store, AccountService(store: store, time: test.clock, random: test.random, actor: "admin:test"))
  }

  static func feed(_ csv: String, to deliver: (Result<ImportRecord, ImportProblem>) throws -> Void) throws {
    var reader = CSVRecordReader()
    for (index, line) in csv.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      var text = String(line)
      if let record = text.withUTF8({ reader.feed(UnsafeRawBufferPointer($0), number: index + 1) }) {
        try deliver(record)
      }
    }
    if let problem = reader.finish() { try deliver(.failure(problem)) }
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

/// Passes everything to a real store, counting write transactions, and on request fails one or runs its
/// body a second time as a store does when it retries a transaction. Used from one thread only (the import
/// under test writes from its caller's thread), so its counters need no lock.
final class ScriptedStore: Store, @unchecked Sendable {
  struct Failure: Error {}
  let inner: any Store
  var writes = 0
  /// The write (counting from 1) that throws `Failure` instead of running.
  var failOnWrite: Int?
  /// The write whose body is rolled back half-way and run again.
  var retryWrite: Int?

  init(_ inner: any Store) { self.inner = inner }

  var settings: StoreSettings { inner.settings }
  var secrets: StoreSecrets { inner.secrets }
  func discardOldRowVersions() throws { try inner.discardOldRowVersions() }

  func inTransaction<T>(_ body: (any StoreTransaction) throws -> (T, TransactionCompletion)) throws -> T {
    writes += 1
    if writes == failOnWrite { throw Failure() }
    if writes == retryWrite {
      _ = try? inner.inTransaction { transaction in (try body(transaction).0, .rollback) }
    }
    return try inner.inTransaction(body)
  }

  func read<T>(_ body: (any StoreTransaction) throws -> T) throws -> T { try inner.read(body) }
}
