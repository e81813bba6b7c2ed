import Foundation
import MinIDKit
import Testing

@testable import MinIDCommandLine

/// The discovery document and the JWKS are answered from a cache that lives one second, and the work lane
/// yields the processor to the fast lane. The cache's clock is the test's, so nothing waits for time to pass.
@Suite struct ProviderDocumentCacheTests {
  /// A monotonic clock the test moves.
  final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var nanoseconds: UInt64 = 1_000_000_000
    var now: UInt64 {
      lock.lock()
      defer { lock.unlock() }
      return nanoseconds
    }
    func advance(_ by: UInt64) {
      lock.lock()
      nanoseconds += by
      lock.unlock()
    }
  }

  private func kids(_ body: String) throws -> [String] {
    let document = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
    let keys = try #require(document["keys"] as? [[String: Any]])
    return keys.compactMap { $0["kid"] as? String }
  }

  private func algorithms(_ body: String) throws -> [String] {
    let document = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
    return try #require(document["id_token_signing_alg_values_supported"] as? [String])
  }

  @Test func anAddedKeyAppearsInBothDocumentsOnceTheLifetimeHasPassed() throws {
    let (directory, location) = try HTTPServerTests.testStore()
    defer { try? FileManager.default.removeItem(at: directory) }
    let clock = TestClock()
    let cache = ProviderDocumentCache(clock: { clock.now })
    #expect(cache.lifetimeNanoseconds == 1_000_000_000, "the lifetime docs/serve.md states")
    var router = Router()
    ProviderRoutes.register(in: &router, cache: cache)
    let running = try HTTPServerTests.Running(router: router) { _ in
    } openStore: {
      try StoreBackend.open(location)
    }
    let first = try TestHTTPClient.send("GET", "/jwks.json", port: running.port)
    #expect(first.status == 200 && first.header("cache-control") == "public, max-age=300")
    #expect(first.header("content-type") == "application/json")
    let before = try kids(first.body)
    #expect(before.count == 1)

    // Another process (here: this test) adds a key to the store while the server runs.
    let store = try StoreBackend.open(location)
    let added = try KeyService(
      store: store, time: FixedTimeSource(seconds: 1_795_000_100), actor: .operatingSystemAccount()
    ).add(algorithm: .rs256)

    clock.advance(cache.lifetimeNanoseconds - 1)
    #expect(try kids(TestHTTPClient.send("GET", "/jwks.json", port: running.port).body) == before)
    #expect(
      try algorithms(TestHTTPClient.send("GET", "/.well-known/openid-configuration", port: running.port).body)
        == ["ES256"], "within the lifetime: the bytes made before")

    clock.advance(1)
    let after = try kids(TestHTTPClient.send("GET", "/jwks.json", port: running.port).body)
    #expect(Set(after) == Set(before + [added.kid]), "the new key, once the lifetime has passed")
    #expect(
      try algorithms(TestHTTPClient.send("GET", "/.well-known/openid-configuration", port: running.port).body)
        .sorted() == ["ES256", "RS256"])
    #expect(running.stop() == .drained)
  }

  @Test func freshDocumentsAreAnsweredWhileTheFastLaneIsBusy() throws {
    let (directory, location) = try HTTPServerTests.testStore()
    defer { try? FileManager.default.removeItem(at: directory) }
    let clock = TestClock()
    var router = Router()
    ProviderRoutes.register(in: &router, cache: ProviderDocumentCache(clock: { clock.now }))
    let entered = DispatchSemaphore(value: 0)
    let release = DispatchSemaphore(value: 0)
    router.add("GET", "/hold", lane: .fast) { _, _ in
      entered.signal()
      release.wait()
      return HTTPResponse(status: 204)
    }
    let running = try HTTPServerTests.Running(router: router) {
      $0.fastWorkers = 1
    } openStore: {
      try StoreBackend.open(location)
    }
    let made = try TestHTTPClient.send("GET", "/jwks.json", port: running.port)
    #expect(made.status == 200, "a worker made the documents")

    let background = HTTPServerTests.Background()
    background.send("GET", "/hold", port: running.port)
    #expect(entered.wait(timeout: .now() + 60) == .success, "the fast lane's one thread is held")
    let jwks = try TestHTTPClient.send("GET", "/jwks.json", port: running.port)
    #expect(jwks.status == 200 && jwks.body == made.body, "answered by the loop, from the cache")
    let discovery = try TestHTTPClient.send("GET", "/.well-known/openid-configuration", port: running.port)
    #expect(discovery.status == 200 && discovery.body.contains("\"jwks_uri\""))
    release.signal()
    #expect(try background.wait().first?.get().status == 204)
    #expect(running.stop() == .drained)
    #expect(running.log.filter { $0.contains(" GET /jwks.json 200 ") }.count == 2, "each one logged")
  }

  @Test func workThreadsRunTenNicenessStepsBelowTheFastLane() throws {
    var router = Router()
    for lane in [HTTPLane.work, .fast] {
      router.add("GET", "/niceness/\(lane.rawValue)", lane: lane) { _, _ in
        try .json(["niceness": Int(HTTPLanePool.currentThreadNiceness())])
      }
    }
    let running = try HTTPServerTests.Running(router: router)
    func niceness(_ lane: HTTPLane) throws -> Int {
      let body = try TestHTTPClient.send("GET", "/niceness/\(lane.rawValue)", port: running.port).body
      let document = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Int])
      return try #require(document["niceness"])
    }
    let fast = try niceness(.fast)
    #expect(try niceness(.work) == max(fast, Int(HTTPLanePool.workNiceness)))
    #expect(HTTPLanePool.workNiceness == 10)
    #expect(running.stop() == .drained)
  }
}
