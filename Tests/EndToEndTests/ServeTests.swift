import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// `minid serve` as a process, on a fresh store (SQLite, or PostgreSQL with MINID_TEST_POSTGRES), spoken to
/// with curl, as a client or a health check would. Nothing waits for a time to pass: the test gate holds a
/// request in flight until the test opens it.
@Suite struct ServeTests {
  /// A running `minid serve`, its port read from its listening line, its standard error kept in a file.
  final class Server {
    let process = Process()
    let errorURL: URL
    private(set) var port = 0

    init(_ work: LifecycleTests.Workspace, _ arguments: [String] = [], environment: [String: String] = [:])
      throws
    {
      errorURL = work.directory.appendingPathComponent("serve-\(UUID().uuidString).err")
      _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
      process.executableURL = MinIDBinary.url
      process.arguments = ["serve", "--listen", "127.0.0.1:0"] + arguments
      var env = ["PATH": "/usr/bin:/bin", "HOME": "/nonexistent-home"]
      env.merge(work.environment) { $1 }
      env.merge(environment) { $1 }
      process.environment = env
      process.standardOutput = FileHandle.nullDevice
      process.standardError = try FileHandle(forWritingTo: errorURL)
      process.standardInput = FileHandle.nullDevice
      try process.run()
      let line = try #require(waitForLine(containing: "://127.0.0.1:"), "\(log)")
      let port = line.split(separator: " ").first { $0.contains("://127.0.0.1:") }
        .flatMap { Int($0.split(separator: ":").last!) }
      self.port = try #require(port)
    }

    deinit {
      if process.isRunning {
        process.terminate()
        process.waitUntilExit()
      }
    }

    var log: String { (try? String(contentsOf: errorURL, encoding: .utf8)) ?? "" }

    /// The first line of standard error containing `text`, waiting for it up to a minute (a server that
    /// died or hangs fails the test rather than blocks it).
    func waitForLine(containing text: String) -> String? {
      for _ in 0..<6000 {
        if let line = log.split(separator: "\n").first(where: { $0.contains(text) }) { return String(line) }
        if !process.isRunning { return nil }
        usleep(10_000)
      }
      return nil
    }

    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }

    /// Sends `SIGTERM` and waits for the exit status; a server still running after a minute is killed
    /// and reported as -1, so a stop that does not work fails the test rather than hangs it.
    func terminate() -> Int32 {
      kill(process.processIdentifier, SIGTERM)
      return waitForExit()
    }

    func waitForExit() -> Int32 {
      for _ in 0..<6000 where process.isRunning { usleep(10_000) }
      guard !process.isRunning else {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        return -1
      }
      return process.terminationStatus
    }
  }

  struct Reply {
    let status: Int
    let headers: [String: String]
    let body: String
  }

  /// One request with curl: status, headers (names lowercased; the last of a repeated one) and body.
  static func curl(_ url: String, _ options: [String] = []) throws -> Reply {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
    process.arguments = ["-s", "-i", "--max-time", "60"] + options + [url]
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let text = String(decoding: data, as: UTF8.self)
    guard let split = text.range(of: "\r\n\r\n") else {
      return Reply(status: 0, headers: [:], body: "")
    }
    let head = text[..<split.lowerBound].components(separatedBy: "\r\n")
    var headers: [String: String] = [:]
    for line in head.dropFirst() {
      guard let colon = line.firstIndex(of: ":") else { continue }
      headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
        in: .whitespaces)
    }
    let status = head.first.flatMap { Int($0.split(separator: " ")[1]) } ?? 0
    return Reply(status: status, headers: headers, body: String(text[split.upperBound...]))
  }

  static func json(_ text: String) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  }

  @Test func servesHealthDiscoveryAndTheJWKSAndLogsEachRequestWithoutItsQuery() throws {
    let work = try LifecycleTests.Workspace()
    defer { work.remove() }
    _ = try work.testStoreWithUser()
    let server = try Server(work)
    #expect(server.log.contains("(issuer https://minid.test)"))

    let health = try Self.curl(server.url("/health?code=123456&pid=10915596784"))
    #expect(health.status == 200 && health.body == "{\"status\":\"ok\"}\n")
    #expect(health.headers["content-type"] == "application/json")

    let discovery = try Self.curl(server.url("/.well-known/openid-configuration"))
    #expect(discovery.status == 200 && discovery.headers["content-type"] == "application/json")
    let document = try Self.json(discovery.body)
    #expect(document["issuer"] as? String == "https://minid.test")
    #expect(document["jwks_uri"] as? String == "https://minid.test/jwks.json")
    #expect(document["authorization_endpoint"] as? String == "https://minid.test/authorize")
    #expect(document["token_endpoint"] as? String == "https://minid.test/token")
    #expect(document["end_session_endpoint"] as? String == "https://minid.test/logout")
    #expect(document["id_token_signing_alg_values_supported"] as? [String] == ["ES256"])

    let jwks = try Self.curl(server.url("/jwks.json"))
    #expect(jwks.status == 200 && jwks.headers["cache-control"] == "public, max-age=300")
    let published = try work.run(["keys", "jwks"]).stdout
    #expect(jwks.body == published, "the same keys as 'minid keys jwks'")

    let missing = try Self.curl(server.url("/no-such-path?client_id=x"))
    let notFound = try Self.json(missing.body)
    #expect(missing.status == 404 && notFound["error"] as? String == "not_found")
    let wrong = try Self.curl(server.url("/jwks.json"), ["-X", "POST", "--data", "a=1"])
    #expect(wrong.status == 405 && wrong.headers["allow"] == "GET, HEAD")
    let head = try Self.curl(server.url("/health"), ["-I"])
    #expect(head.status == 200)

    let big = work.directory.appendingPathComponent("big")
    try Data(repeating: UInt8(ascii: "a"), count: 100_000).write(to: big)
    let oversized = try Self.curl(
      server.url("/health"),
      [
        "-X", "POST", "-H", "Content-Type: application/x-www-form-urlencoded",
        "--data-binary", "@\(big.path)",
      ])
    #expect(oversized.status == 413, "a body over 64 KiB is refused")

    #expect(server.terminate() == 0)
    let log = server.log
    let lines = log.split(separator: "\n").map(String.init)
    let access = lines.filter { $0.contains(" GET /health ") }
    #expect(access.count == 1, "\(log)")
    // time, method, path, status, duration
    let fields = access.first?.split(separator: " ") ?? []
    #expect(fields.count == 5 && fields[0].hasSuffix("Z") && fields[3] == "200" && fields[4].hasSuffix("ms"))
    #expect(lines.contains { $0.hasSuffix(" GET /no-such-path 404 \($0.split(separator: " ").last ?? "")") })
    #expect(lines.contains { $0.contains(" POST /jwks.json 405 ") })
    #expect(!log.contains("123456") && !log.contains("10915596784") && !log.contains("client_id=x"))
    #expect(!log.contains("?"), "never a query string")
    #expect(lines.last == "minid serve: stopped")
  }

  @Test func theJSONLogIsOneObjectALine() throws {
    let work = try LifecycleTests.Workspace()
    defer { work.remove() }
    _ = try work.testStoreWithUser()
    let server = try Server(work, ["--json-log"])
    #expect(try Self.curl(server.url("/jwks.json?kid=x")).status == 200)
    #expect(server.terminate() == 0)
    let line = try #require(server.log.split(separator: "\n").first { $0.hasPrefix("{") })
    let object = try Self.json(String(line))
    #expect(object["method"] as? String == "GET" && object["path"] as? String == "/jwks.json")
    #expect(object["status"] as? Int == 200 && object["duration_ms"] is Double && object["time"] is String)
  }

  @Test func aClientThatStopsMidRequestIsClosedAfterTheTimeLimit() throws {
    let work = try LifecycleTests.Workspace()
    defer { work.remove() }
    _ = try work.testStoreWithUser()
    let server = try Server(work, ["--request-timeout", "1"])
    let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(socket) }
    // The read gives up after a minute: a server that never closes fails here rather than hangs the test.
    var patience = timeval(tv_sec: 60, tv_usec: 0)
    setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &patience, socklen_t(MemoryLayout<timeval>.size))
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = UInt16(server.port).bigEndian
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    #expect(connected == 0)
    let partial = Array("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n".utf8)  // and never the blank line
    #expect(send(socket, partial, partial.count, Int32(MSG_NOSIGNAL)) == partial.count)
    var buffer = [UInt8](repeating: 0, count: 512)
    #expect(recv(socket, &buffer, buffer.count, 0) == 0, "closed by the server, without a reply")
    #expect(try Self.curl(server.url("/health")).status == 200, "and the server answers others")
    #expect(server.terminate() == 0)
  }

  @Test func sigtermAnswersTheRequestInFlightStopsAcceptingAndExitsZero() throws {
    let work = try LifecycleTests.Workspace()
    defer { work.remove() }
    _ = try work.testStoreWithUser()
    let gate = work.directory.appendingPathComponent("gate")
    try FileManager.default.createDirectory(at: gate, withIntermediateDirectories: true)
    let server = try Server(work, environment: ["MINID_SERVE_TEST_GATE": gate.path])

    let inFlight = Process()
    inFlight.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
    inFlight.arguments = [
      "-s", "--max-time", "60", "-X", "POST", "-w", "%{http_code}", server.url("/test/gate"),
    ]
    let output = Pipe()
    inFlight.standardOutput = output
    try inFlight.run()
    var entered = false
    for _ in 0..<6000 where !entered {
      entered = (try FileManager.default.contentsOfDirectory(atPath: gate.path)).contains {
        $0.hasPrefix("entered")
      }
      if !entered { usleep(10_000) }
    }
    #expect(entered, "the request reached a worker")

    kill(server.process.processIdentifier, SIGTERM)
    #expect(server.waitForLine(containing: "stopping; no new connections, 1 requests in flight") != nil)
    #expect(try Self.curl(server.url("/health")).status == 0, "no new connection is accepted")
    _ = FileManager.default.createFile(atPath: gate.appendingPathComponent("open").path, contents: nil)
    let body = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    inFlight.waitUntilExit()
    #expect(body == "{\"gate\":\"open\"}\n200", "the request in flight got its whole answer")
    #expect(server.waitForExit() == 0)
    #expect(server.log.contains(" POST /test/gate 200 "))
    #expect(server.log.hasSuffix("minid serve: stopped\n"))
  }

  @Test func theTestGateIsNotInAProductionStore() throws {
    let work = try LifecycleTests.Workspace()
    defer { work.remove() }
    _ = try work.json([
      "init", "--environment", "production", "--issuer", "https://login.example.no", "--json",
    ])
    let server = try Server(work, environment: ["MINID_SERVE_TEST_GATE": work.directory.path])
    #expect(try Self.curl(server.url("/test/gate"), ["-X", "POST"]).status == 404)
    #expect(try Self.curl(server.url("/health")).status == 200)
    #expect(server.terminate() == 0)
  }

  @Test func aPublicURLOtherThanTheIssuerIsRefused() throws {
    let work = try LifecycleTests.Workspace()
    defer { work.remove() }
    _ = try work.testStoreWithUser()
    let refused = try work.run(["serve", "--listen", "127.0.0.1:0", "--public-url", "https://other.example"])
    #expect(refused.status == 78)
    #expect(refused.stderr.contains("https://other.example") && refused.stderr.contains("https://minid.test"))
    let sameWithSlash = try Server(work, ["--public-url", "https://minid.test/"])
    #expect(try Self.curl(sameWithSlash.url("/health")).status == 200)
    #expect(sameWithSlash.terminate() == 0)
  }

  @Test func twoServersOnOneStoreBothAnswer() throws {
    let work = try LifecycleTests.Workspace()
    defer { work.remove() }
    _ = try work.testStoreWithUser()
    let first = try Server(work)
    let second = try Server(work)
    #expect(first.port != second.port)
    let a = try Self.curl(first.url("/jwks.json"))
    let b = try Self.curl(second.url("/jwks.json"))
    #expect(a.status == 200 && a.body == b.body)
    #expect(first.terminate() == 0 && second.terminate() == 0)
  }

  /// A self-signed P-256 certificate for `minid.test` and its key (0600), made by the `openssl` command.
  static func certificate(in work: LifecycleTests.Workspace) throws -> (certificate: String, key: String) {
    let certificate = work.directory.appendingPathComponent("chain.pem").path
    let key = work.directory.appendingPathComponent("key.pem").path
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
    process.arguments = [
      "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-subj",
      "/CN=minid.test",
      "-addext", "subjectAltName=DNS:minid.test", "-days", "2", "-keyout", key, "-out", certificate,
    ]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0)
    #expect(chmod(key, 0o600) == 0)
    return (certificate, key)
  }

  @Test func tlsServesHTTPSWithTheGivenCertificateAndNothingInTheClear() throws {
    let work = try LifecycleTests.Workspace()
    defer { work.remove() }
    _ = try work.testStoreWithUser()
    let pair = try Self.certificate(in: work)
    let server = try Server(work, ["--tls-cert", pair.certificate, "--tls-key", pair.key])
    #expect(server.log.contains("listening on https://127.0.0.1:"))
    let trusted = ["--cacert", pair.certificate, "--resolve", "minid.test:\(server.port):127.0.0.1"]
    let health = try Self.curl("https://minid.test:\(server.port)/health", trusted)
    #expect(health.status == 200 && health.body.contains("ok"))
    let discovery = try Self.curl(
      "https://minid.test:\(server.port)/.well-known/openid-configuration", trusted)
    #expect(try Self.json(discovery.body)["issuer"] as? String == "https://minid.test")
    // Plain HTTP to the TLS port gets no HTTP answer, and an untrusted certificate is not accepted.
    #expect(try Self.curl(server.url("/health")).status == 0)
    #expect(try Self.curl("https://minid.test:\(server.port)/health", ["--resolve", trusted[3]]).status == 0)
    #expect(server.terminate() == 0)
  }

  @Test func tlsFilesThatCannotServeAreRefusedBeforeListening() throws {
    let work = try LifecycleTests.Workspace()
    defer { work.remove() }
    _ = try work.testStoreWithUser()
    let pair = try Self.certificate(in: work)
    let listen = ["serve", "--listen", "127.0.0.1:0"]

    let alone = try work.run(listen + ["--tls-cert", pair.certificate])
    #expect(alone.status == 64 && alone.stderr.contains("--tls-key"))

    #expect(chmod(pair.key, 0o644) == 0)
    let shared = try work.run(listen + ["--tls-cert", pair.certificate, "--tls-key", pair.key])
    #expect(shared.status == 78 && shared.stderr.contains(pair.key) && shared.stderr.contains("other users"))
    #expect(chmod(pair.key, 0o600) == 0)

    let elsewhere = try LifecycleTests.Workspace()
    defer { elsewhere.remove() }
    let other = try Self.certificate(in: elsewhere)
    let mismatched = try work.run(listen + ["--tls-cert", other.certificate, "--tls-key", pair.key])
    #expect(mismatched.status == 78 && mismatched.stderr.contains("not the certificate's"))

    let notPEM = try work.run(listen + ["--tls-cert", pair.key, "--tls-key", pair.key])
    #expect(notPEM.status == 78 && notPEM.stderr.contains("cannot use \(pair.key) for TLS"))
    #expect(!notPEM.stderr.contains("PRIVATE KEY"), "the key's text is never echoed")
  }

  @Test func tlsIsRefusedForAnHTTPIssuer() throws {
    let work = try LifecycleTests.Workspace()
    defer { work.remove() }
    #expect(
      try work.run([
        "init", "--environment", "test", "--issuer", "http://localhost:8080", "--scrypt-cost", "10",
      ])
      .status == 0)
    let pair = try Self.certificate(in: work)
    let refused = try work.run([
      "serve", "--listen", "127.0.0.1:0", "--tls-cert", pair.certificate, "--tls-key", pair.key,
    ])
    #expect(refused.status == 78 && refused.stderr.contains("http://localhost:8080 is not https"))
  }

  @Test func tlsServesAnHTTPSIssuerWrittenInCapitals() throws {
    let work = try LifecycleTests.Workspace()
    defer { work.remove() }
    #expect(
      try work.run(["init", "--environment", "test", "--issuer", "HTTPS://minid.test", "--scrypt-cost", "10"])
        .status == 0)
    let pair = try Self.certificate(in: work)
    let server = try Server(work, ["--tls-cert", pair.certificate, "--tls-key", pair.key])
    let trusted = ["--cacert", pair.certificate, "--resolve", "minid.test:\(server.port):127.0.0.1"]
    #expect(try Self.curl("https://minid.test:\(server.port)/health", trusted).status == 200)
    #expect(server.terminate() == 0)
  }
}
