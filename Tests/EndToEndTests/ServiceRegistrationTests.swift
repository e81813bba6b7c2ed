import Foundation
import Testing

/// `minid service add` registering an OpenID Connect client of `minid serve`, as an administrator does it.
@Suite struct ServiceRegistrationTests {
  typealias Workspace = LifecycleTests.Workspace

  @Test func aClientIsRegisteredWithItsSecretShownOnce() throws {
    let work = try Workspace()
    defer { work.remove() }
    _ = try work.json([
      "init", "--environment", "test", "--scrypt-cost", "10", "--key-alg", "ES256", "--json",
    ])
    let added = try work.json([
      "service", "add", "--client-id", "web", "--name", "Web", "--level", "substantial", "--redirect-uri",
      "http://localhost:3000/callback", "--redirect-uri", "http://localhost:3000/other", "--json",
    ])
    let secret = try #require(added["client_secret"] as? String)
    #expect(secret.count == 43)
    #expect(
      added["redirect_uris"] as? [String] == [
        "http://localhost:3000/callback", "http://localhost:3000/other",
      ])
    #expect(added["token_endpoint_auth_method"] as? String == "client_secret_basic")
    #expect(added["pkce_required"] as? Bool == true)
    let shown = try work.json(["service", "show", "--client-id", "web", "--json"])
    #expect(shown["client_secret"] == nil && shown["redirect_uris"] as? [String] != nil)
    #expect(try work.storeContents().range(of: Data(secret.utf8)) == nil, "only the secret's hash is stored")

    let publicClient = try work.json([
      "service", "add", "--client-id", "spa", "--name", "SPA", "--level", "substantial", "--redirect-uri",
      "http://localhost:5173/", "--auth-method", "none", "--json",
    ])
    #expect(publicClient["client_secret"] == nil && publicClient["pkce_required"] as? Bool == true)
  }

  @Test func badRegistrationsAreRefusedAndChangeNothing() throws {
    let work = try Workspace()
    defer { work.remove() }
    _ = try work.json([
      "init", "--environment", "test", "--scrypt-cost", "10", "--key-alg", "ES256", "--json",
    ])
    let before = try work.storeContents()
    let base = ["service", "add", "--client-id", "web", "--name", "Web", "--level", "substantial"]
    let fragment = try work.run(base + ["--redirect-uri", "https://rp.example/cb#x"])
    #expect(fragment.status == 65 && fragment.stderr.contains("redirect URI"))
    let stray = try work.run(base + ["--auth-method", "none"])
    #expect(stray.status == 64 && stray.stderr.contains("--redirect-uri"))
    let method = try work.run(base + ["--redirect-uri", "http://localhost/cb", "--auth-method", "magic"])
    #expect(method.status == 64)
    #expect(try work.storeContents() == before)
  }
}
