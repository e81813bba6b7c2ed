import Testing

@testable import MinIDKit

/// A production store takes imported password hashes only within its own cost: never cheaper than the
/// store's scrypt parameters, never more memory than minid allows scrypt.
@Suite struct ImportScryptBoundsTests {
  static func hash(ln: Int, r: Int = 8, p: Int = 1) -> String {
    "$scrypt$ln=\(ln),r=\(r),p=\(p)$aM15713r3Xsvxbi31lqr1Q$nFNh2CVHVjNldFVKDHDlm4CbdRSCdEBsjjJxD+iCs5E"
  }

  func importOne(_ test: TestStore, hash: String, seed: UInt64 = 1) throws -> (ImportSummary, [ImportProblem])
  {
    let pid = People.adult(.fodselsnummer, seed: seed)
    let csv =
      "pid,phone,email,address,password_hash\n\(pid),91234567,kari@example.no,Storgata 1,\"\(hash)\"\n"
    var problems: [ImportProblem] = []
    let summary = try test.service.importAccounts(
      dryRun: false, source: { try ImportTests.feed(csv, to: $0) }, report: { problems.append($0) })
    return (summary, problems)
  }

  @Test func aCheaperHashThanTheProductionStoresIsRefusedNamingTheLine() throws {
    let test = try TestStore(.production, scryptCost: 12)
    defer { test.remove() }
    let before = try test.counts()
    let (summary, problems) = try importOne(test, hash: Self.hash(ln: 10))
    #expect(summary.imported == 0 && summary.failed == 1)
    #expect(problems.count == 1)
    #expect(problems.first?.line == 2 && problems.first?.field == "password_hash")
    #expect(problems.first?.code == "password_hash_outside_store_bounds")
    #expect(problems.first?.message.contains("ln=10,r=8,p=1 is cheaper") == true)
    #expect(problems.first?.message.contains("nFNh2CVH") == false, "never the hash itself")
    #expect(try test.counts() == before)
    // A smaller r is cheaper too, even with the store's ln.
    #expect(try importOne(test, hash: Self.hash(ln: 12, r: 4), seed: 20).1.first?.field == "password_hash")
  }

  @Test func aHashAtOrAboveTheFloorIsImported() throws {
    let test = try TestStore(.production, scryptCost: 12)
    defer { test.remove() }
    #expect(try importOne(test, hash: Self.hash(ln: 12)).0.imported == 1)
    let second = try importOne(test, hash: Self.hash(ln: 13), seed: 20)
    #expect(second.0.imported == 1, "\(second.1)")
  }

  @Test(arguments: [Self.hash(ln: 20), Self.hash(ln: 25), Self.hash(ln: 18, r: 32)])
  func aHashNeedingMoreMemoryThanAllowedIsRefused(_ hash: String) throws {
    let test = try TestStore(.production, scryptCost: 12)
    defer { test.remove() }
    let (summary, problems) = try importOne(test, hash: hash)
    #expect(summary.imported == 0)
    #expect(problems.first?.line == 2 && problems.first?.field == "password_hash")
  }

  @Test func theFloorRuleItself() throws {
    let floor = ScryptParameters(ln: 17, r: 8, p: 1)!
    try ScryptParameters(ln: 17, r: 8, p: 1)!.check(againstStoreFloor: floor)
    try ScryptParameters(ln: 17, r: 8, p: 2)!.check(againstStoreFloor: floor)
    #expect(throws: PasswordHashError.self) {
      try ScryptParameters(ln: 16, r: 8, p: 1)!.check(againstStoreFloor: floor)
    }
    #expect(throws: PasswordHashError.self) {
      try ScryptParameters(ln: 17, r: 4, p: 1)!.check(againstStoreFloor: floor)
    }
  }

  @Test func testStoresKeepAcceptingCheapHashes() throws {
    let test = try TestStore(.test, scryptCost: 12)
    defer { test.remove() }
    let pid = People.adult(seed: 3)
    let csv =
      "pid,phone,email,address,password_hash\n\(pid),91234567,kari@example.no,Storgata 1,\"\(Self.hash(ln: 10))\"\n"
    let summary = try test.service.importAccounts(
      dryRun: false, source: { try ImportTests.feed(csv, to: $0) }, report: { _ in })
    #expect(summary.imported == 1)
  }
}
