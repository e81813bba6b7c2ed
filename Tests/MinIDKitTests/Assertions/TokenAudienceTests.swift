import Testing

@testable import MinIDKit

/// Which audiences `token verify` accepts is the library's rule: the named client, else a registered one.
@Suite struct TokenAudienceTests {
  struct Unread: Error {}

  @Test func aNamedClientNeedsNoRegisteredOnes() throws {
    let known = try TokenVerifier.knownAudiences(whenNaming: "app") { throw Unread() }
    #expect(known.isEmpty)
  }

  @Test func withoutAClientEveryRegisteredServiceIsAnAudience() throws {
    let known = TokenVerifier.knownAudiences(whenNaming: nil) { ["app", "other", "app"] }
    #expect(known == ["app", "other"])
  }
}
