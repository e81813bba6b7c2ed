import Testing

@testable import MinIDKit

/// A production store names its issuer and hashes at production cost; a test store has defaults for both.
@Suite struct NewStorePolicyTests {
  @Test func aProductionStoreNeedsAnIssuer() throws {
    #expect(throws: NewStoreError.issuerRequired) { try NewStorePolicy.issuer(nil, for: .production) }
    #expect(try NewStorePolicy.issuer(nil, for: .test) == StoreSettings.defaultTestIssuer)
    #expect(
      try NewStorePolicy.issuer("https://login.example.no/", for: .production) == "https://login.example.no")
  }

  @Test func aProductionStoreHashesAtProductionCost() throws {
    let minimum = ScryptParameters.productionMinimumLn
    #expect(throws: NewStoreError.costTooLow(minimum - 1, minimum: minimum)) {
      try NewStorePolicy.scryptCost(minimum - 1, for: .production)
    }
    #expect(try NewStorePolicy.scryptCost(nil, for: .production) >= minimum)
    #expect(try NewStorePolicy.scryptCost(10, for: .test) == 10)
    #expect(try NewStorePolicy.scryptCost(nil, for: .test) == ScryptParameters.defaultFor(.test).ln)
  }
}
