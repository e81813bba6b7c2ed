import Foundation
import MinIDKit
import Testing

@testable import MinIDCommandLine

#if canImport(Glibc)
  import Glibc
#endif

/// `HTTPServer` driven directly, with handlers the tests control: which thread runs what, the bound on
/// work, and the drain on stop. Nothing here waits for a time to pass: handlers block on semaphores the
/// test releases.
@Suite struct HTTPServerTests {
  /// A server running on a thread of its own, with its log lines kept.
  final class Running: @unchecked Sendable {
    let server: HTTPServer
    let port: Int
    private let condition = NSCondition()
    private var lines: [String] = []
    private var ending: HTTPServer.Ending?
    private(set) var loopThread: pthread_t = 0

    init(
      router: Router, configure: (inout HTTPServer.Configuration) -> Void = { _ in },
      openStore: @escaping @Sendable () throws -> any AdministeredStore = { throw TestStoreUnavailable() }
    ) throws {
      var configuration = HTTPServer.Configuration()
      configuration.listen = ListenAddress(host: "127.0.0.1", port: 0)
      configuration.workers = 2
      configuration.fastWorkers = 1
      configure(&configuration)
      let box = LineBox()
      server = HTTPServer(
        configuration: configuration, router: router, publicURL: "https://minid.test",
        time: FixedTimeSource(seconds: 1_795_000_000), openStore: openStore,
        accessLog: AccessLog(json: false),
        emit: { box.append($0) })
      port = try server.start()
      box.owner = self
      let thread = Thread { [self] in
        self.condition.lock()
        self.loopThread = pthread_self()
        self.condition.unlock()
        let ending = self.server.run()
        self.condition.lock()
        self.ending = ending
        self.condition.broadcast()
        self.condition.unlock()
      }
      thread.start()
    }

    fileprivate func append(_ line: String) {
      condition.lock()
      lines.append(line)
      condition.broadcast()
      condition.unlock()
    }

    var log: [String] {
      condition.lock()
      defer { condition.unlock() }
      return lines
    }

    /// Waits (up to a minute, so a broken server fails rather than hangs) until a log line contains `text`.
    func waitForLog(_ text: String) -> Bool {
      condition.lock()
      defer { condition.unlock() }
      let deadline = Date(timeIntervalSinceNow: 60)
      while !lines.contains(where: { $0.contains(text) }) {
        if !condition.wait(until: deadline) { return false }
      }
      return true
    }

    /// Asks the server to stop and waits for `run()` to return.
    func stop() -> HTTPServer.Ending? {
      server.requestStop()
      return waitForEnd()
    }

    func waitForEnd() -> HTTPServer.Ending? {
      condition.lock()
      defer { condition.unlock() }
      let deadline = Date(timeIntervalSinceNow: 60)
      while ending == nil {
        if !condition.wait(until: deadline) { break }
      }
      return ending
    }
  }

  /// Forwards log lines to the server's box once it exists (the server is made before `Running` is).
  final class LineBox: @unchecked Sendable {
    weak var owner: Running?
    private var early: [String] = []
    func append(_ line: String) {
      if let owner {
        for line in early { owner.append(line) }
        early = []
        owner.append(line)
      } else {
        early.append(line)
      }
    }
  }

  struct TestStoreUnavailable: Error {}

  /// A new SQLite test store with an ES256 key, in a directory of its own to remove after.
  static func testStore() throws -> (URL, StoreLocation) {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "minid-serve-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let location = StoreLocation(path: directory.path + "/store/minid.sqlite", source: .option)
    let now = Timestamp(seconds: 1_795_000_000)
    _ = try StoreBackend.create(
      location, settings: StoreSettings(environment: .test, issuer: "https://minid.test", createdAt: now),
      secrets: .generate(random: SystemRandomSource()), actor: .operatingSystemAccount(),
      signingKey: try SigningKey.generate(.es256, at: now))
    return (directory, location)
  }

  /// What a store throws when it stayed busy past its retries.
  struct Busy: MinIDError {
    var code: String { "store_busy" }
    var category: ErrorCategory { .busy }
    var message: String { "busy" }
  }

  /// A `.work` route that says it has started and then waits for the test's release.
  struct Gate: Sendable {
    let entered = DispatchSemaphore(value: 0)
    let release = DispatchSemaphore(value: 0)

    func register(in router: inout Router, lanes: LaneRecord? = nil) {
      router.add("POST", "/slow", lane: .work) { _, context in
        lanes?.record(context.lane)
        entered.signal()
        release.wait()
        return try .json(["done": true])
      }
    }

    /// Waits for `count` handlers to have started; false after a minute (a broken server).
    func waitForEntries(_ count: Int) -> Bool {
      (0..<count).allSatisfy { _ in entered.wait(timeout: .now() + 60) == .success }
    }
  }

  final class LaneRecord: @unchecked Sendable {
    private let lock = NSLock()
    private var lanes: [HTTPLane] = []
    private var threads: [pthread_t] = []
    func record(_ lane: HTTPLane) {
      lock.lock()
      lanes.append(lane)
      threads.append(pthread_self())
      lock.unlock()
    }
    var all: (lanes: [HTTPLane], threads: [pthread_t]) {
      lock.lock()
      defer { lock.unlock() }
      return (lanes, threads)
    }
  }

  /// Sends requests on threads of their own; their responses come back through `wait()`.
  final class Background: @unchecked Sendable {
    private let group = DispatchGroup()
    private let lock = NSLock()
    private var responses: [Result<TestHTTPClient.Response, any Error>] = []

    func send(_ method: String, _ path: String, port: Int) {
      group.enter()
      Thread {
        let result = Result { try TestHTTPClient.send(method, path, port: port) }
        self.lock.lock()
        self.responses.append(result)
        self.lock.unlock()
        self.group.leave()
      }.start()
    }

    func wait() -> [Result<TestHTTPClient.Response, any Error>] {
      _ = group.wait(timeout: .now() + 60)
      lock.lock()
      defer { lock.unlock() }
      return responses
    }
  }

  @Test func fastRoutesAnswerWhileEveryWorkerIsBusy() throws {
    let gate = Gate()
    let lanes = LaneRecord()
    var router = Router()
    ProviderRoutes.register(in: &router)
    gate.register(in: &router, lanes: lanes)
    router.add("GET", "/lane", lane: .fast) { _, context in
      lanes.record(context.lane)
      return try .json(["lane": context.lane.rawValue])
    }
    let running = try Running(router: router) {
      $0.workers = 2
      $0.maxPendingWork = 2
    }
    let background = Background()
    background.send("POST", "/slow", port: running.port)
    background.send("POST", "/slow", port: running.port)
    #expect(gate.waitForEntries(2), "both workers run a slow request")

    let health = try TestHTTPClient.send("GET", "/health", port: running.port)
    #expect(health.status == 200 && health.body == "{\"status\":\"ok\"}\n")
    #expect(try TestHTTPClient.send("GET", "/lane", port: running.port).body == "{\"lane\":\"fast\"}\n")

    let refused = try TestHTTPClient.send("POST", "/slow", port: running.port)
    #expect(refused.status == 429 && refused.header("retry-after") == "1", "past the bound on work")

    gate.release.signal()
    gate.release.signal()
    let slow = background.wait()
    #expect(slow.count == 2)
    for result in slow { #expect(try result.get().status == 200) }

    let record = lanes.all
    #expect(record.lanes.sorted { $0.rawValue < $1.rawValue } == [.fast, .work, .work])
    #expect(!record.threads.contains(running.loopThread), "no handler runs on the loop thread")
    #expect(Set(record.threads).count == 3, "two workers and the fast lane's thread")
    #expect(running.stop() == .drained)
    #expect(running.log.contains { $0.contains(" POST /slow 429 ") })
  }

  @Test func aStopAnswersTheRequestInFlightAndRefusesNewConnections() throws {
    let gate = Gate()
    var router = Router()
    ProviderRoutes.register(in: &router)
    gate.register(in: &router)
    let running = try Running(router: router)
    let background = Background()
    background.send("POST", "/slow", port: running.port)
    #expect(gate.waitForEntries(1))

    running.server.requestStop()
    #expect(running.waitForLog("stopping; no new connections, 1 requests in flight"))
    #expect(throws: TestHTTPClient.Failure.refused) {
      try TestHTTPClient.send("GET", "/health", port: running.port)
    }
    gate.release.signal()
    let answered = background.wait()
    #expect(try answered.first?.get().status == 200, "the request in flight got its whole answer")
    #expect(running.waitForEnd() == .drained)
  }

  @Test func eachWorkerOpensItsStoreOnceAndKeepsIt() throws {
    let (directory, location) = try Self.testStore()
    defer { try? FileManager.default.removeItem(at: directory) }
    let opened = LaneRecord()
    var router = Router()
    ProviderRoutes.register(in: &router)
    router.add("GET", "/store", lane: .fast) { _, context in
      try .json(["store": "\(ObjectIdentifier(try context.store()))"])
    }
    let running = try Running(router: router) {
      $0.fastWorkers = 1
    } openStore: {
      opened.record(.fast)
      return try StoreBackend.open(location)
    }
    let first = try TestHTTPClient.send("GET", "/store", port: running.port)
    let second = try TestHTTPClient.send("GET", "/store", port: running.port)
    #expect(first.status == 200 && first.body == second.body, "the same connection for the same thread")
    let jwks = try TestHTTPClient.send("GET", "/jwks.json", port: running.port)
    #expect(jwks.status == 200 && jwks.header("cache-control") == "public, max-age=300")
    #expect(opened.all.lanes.count == 1, "one connection for the one fast thread")
    #expect(running.stop() == .drained)
  }

  @Test func discoveryListsOnlyTheEndpointsServed() throws {
    let (directory, location) = try Self.testStore()
    defer { try? FileManager.default.removeItem(at: directory) }
    var router = Router()
    ProviderRoutes.register(in: &router)
    router.add("POST", "/token", lane: .work) { _, _ in HTTPResponse(status: 400) }
    let running = try Running(router: router) { _ in
    } openStore: {
      try StoreBackend.open(location)
    }
    let reply = try TestHTTPClient.send("GET", "/.well-known/openid-configuration", port: running.port)
    let document = try #require(
      try JSONSerialization.jsonObject(with: Data(reply.body.utf8)) as? [String: Any])
    #expect(document["token_endpoint"] as? String == "https://minid.test/token", "a route there: listed")
    #expect(document["jwks_uri"] as? String == "https://minid.test/jwks.json")
    #expect(document["authorization_endpoint"] == nil && document["end_session_endpoint"] == nil)
    #expect(document["issuer"] as? String == "https://minid.test")
    #expect(running.stop() == .drained)
  }

  @Test func routesLiveUnderTheBasePath() throws {
    var router = Router()
    ProviderRoutes.register(in: &router)
    let running = try Running(router: router) { $0.basePath = "/idporten" }
    #expect(try TestHTTPClient.send("GET", "/idporten/health", port: running.port).status == 200)
    #expect(try TestHTTPClient.send("GET", "/health", port: running.port).status == 404)
    #expect(try TestHTTPClient.send("GET", "/idportenhealth", port: running.port).status == 404)
    #expect(running.stop() == .drained)
  }

  @Test func aHandlerErrorIsA500WithItsCodeInTheLogOnly() throws {
    var router = Router()
    router.add("GET", "/broken", lane: .fast) { _, context in
      _ = try context.store(); return HTTPResponse(status: 200)
    }
    router.add("GET", "/busy", lane: .fast) { _, _ in throw Busy() }
    let running = try Running(router: router)
    let broken = try TestHTTPClient.send("GET", "/broken?code=123456", port: running.port)
    #expect(broken.status == 500 && broken.body == "{\"error\":\"server_error\"}\n")
    let busy = try TestHTTPClient.send("GET", "/busy", port: running.port)
    #expect(busy.status == 503 && busy.header("retry-after") == "1")
    #expect(running.stop() == .drained)
    let log = running.log
    #expect(log.contains { $0.contains("GET /broken 500") && $0.hasSuffix("error=internal\n") })
    #expect(log.contains { $0.contains("GET /busy 503") && $0.contains("error=store_busy") })
    #expect(!log.joined().contains("123456"), "never the query string")
  }
}
