import Testing

@testable import MinIDKit

/// minid's first act: no core file may carry its keys away.
@Suite struct CoreDumpTests {
  @Test func disablingLeavesNoCoreLimitAndClearsTheDumpableFlag() {
    #expect(CoreDumps.disable())
    #expect(!CoreDumps.areEnabled)
  }
}
