import Foundation
import Testing

/// Statements in the guides that their runnable blocks do not show, held to the binary here.
@Suite struct DocumentedClaimsTests {
  /// ci-guide.md: "may use a cheaper scrypt (`--scrypt-cost`, 10 to 18)".
  @Test func aTestStoresScryptCostIsTenToEighteen() throws {
    for (cost, status) in [(9, Int32(64)), (10, 0), (18, 0), (19, 64)] {
      let work = try LifecycleTests.Workspace(sqlite: true)
      defer { work.remove() }
      let result = try work.run(["init", "--environment", "test", "--scrypt-cost", String(cost)])
      #expect(result.status == status, "cost \(cost): \(result.stderr)")
    }
  }

  /// `audit verify --checkpoint` with one checkpoint reads as English.
  @Test func oneCheckpointIsNotAll() throws {
    let work = try LifecycleTests.Workspace()
    defer { work.remove() }
    _ = try work.json(["init", "--environment", "test", "--scrypt-cost", "10", "--json"])
    let checkpoint = try work.run(["audit", "checkpoint"]).stdout
    let file = try work.file("checkpoints", checkpoint)
    let verified = try work.run(["audit", "verify", "--checkpoint", file])
    #expect(verified.status == 0, "\(verified.stderr)")
    #expect(verified.stdout.contains("it extends the checkpoint;"), "\(verified.stdout)")
  }
}
