import CEvent
import Foundation
import MinIDKit

/// The HTTP server of `minid serve`: one libevent loop, on the thread that calls `run()`, accepts
/// connections, parses requests (evhttp) and writes replies; handlers run on two pools of threads, the
/// `.fast` lane and the `.work` lane, each thread with its own store connection (`HTTPWorkerContext`).
/// Workers hand responses back through `HTTPReplyQueue`; only the loop thread touches libevent objects.
///
/// Thread rules: `start()` and `run()` on one thread (the loop thread); `requestStop()` from any thread.
final class HTTPServer: @unchecked Sendable {
  /// What the server listens on and the bounds it keeps.
  struct Configuration: Sendable {
    var listen = ListenAddress(host: "127.0.0.1", port: 8080)
    /// The public URL's path (`""` or `/idporten`): routes are matched under it.
    var basePath = ""
    /// Threads of the `.work` lane.
    var workers = ServeDefaults.workers
    /// Threads of the `.fast` lane.
    var fastWorkers = 2
    /// `.work` requests queued and running at once; past it the answer is 429 with `Retry-After`.
    var maxPendingWork = 8 * ServeDefaults.workers
    /// `.fast` requests queued and running at once; past it 503 (only a flood gets there).
    var maxPendingFast = 512
    /// Request bodies larger than this are refused with 413 (evhttp, before the body is read).
    var maxBodyBytes = 64 * 1024
    /// The request line and headers together; larger is refused by evhttp.
    var maxHeaderBytes = 16 * 1024
    /// Seconds a connection may take to send its request, or to take the reply: evhttp closes it after.
    var timeoutSeconds = 30
    /// Whether SIGTERM and SIGINT stop the server (the command); tests call `requestStop()` instead.
    var stopOnSignals = false
    /// TLS on every accepted connection (`--tls-cert`/`--tls-key`); plain HTTP when nil.
    var tls: TLSContext?
    /// How long the single sign-on sessions this server starts last (`--session-idle`, `--session-max`).
    var sessionPolicy = SessionPolicy.idPorten
  }

  /// How `run()` ended.
  enum Ending: Equatable {
    /// Every request in flight was answered.
    case drained
    /// A second signal, or the drain limit (`timeoutSeconds` + 5 s), ended it with requests unanswered.
    case cutShort(unanswered: Int)
  }

  let configuration: Configuration
  let router: Router
  let publicURL: String
  private let time: any TimeSource
  private let openStore: @Sendable () throws -> any AdministeredStore
  private let accessLog: AccessLog
  /// Writes a line to standard error; called on the loop thread only.
  private let emit: (String) -> Void

  private var base: OpaquePointer?
  private var http: OpaquePointer?
  private var sockets: [OpaquePointer] = []
  private var events: [OpaquePointer] = []
  private var stopEvent: OpaquePointer?
  private let replies = HTTPReplyQueue()
  private var fastPool: HTTPLanePool?
  private var workPool: HTTPLanePool?

  /// A request handed to a lane and not yet answered.
  private struct Pending {
    let request: OpaquePointer
    let method: String
    let path: String
    let lane: HTTPLane
    let started: UInt64
  }
  private var pending: [UInt64: Pending] = [:]
  /// Replies handed to evhttp and not yet written out, by request, with their connection.
  private var writing: [OpaquePointer: OpaquePointer] = [:]
  private var nextID: UInt64 = 0
  private var workInFlight = 0
  private var fastInFlight = 0
  private var draining = false
  private var forced = false
  private var signals = 0

  /// The port listened on, known after `start()` (the real one when 0 was asked for).
  private(set) var port = 0

  /// - Parameters:
  ///   - publicURL: the issuer, no trailing slash; handlers build their URLs from it.
  ///   - openStore: opens one store connection; each worker thread calls it once, on first use.
  ///   - emit: writes one line (with its newline) to the log; called on the loop thread.
  init(
    configuration: Configuration, router: Router, publicURL: String, time: any TimeSource,
    openStore: @escaping @Sendable () throws -> any AdministeredStore, accessLog: AccessLog,
    emit: @escaping (String) -> Void
  ) {
    self.configuration = configuration
    self.router = router
    self.publicURL = publicURL
    self.time = time
    self.openStore = openStore
    self.accessLog = accessLog
    self.emit = emit
  }

  /// libevent's locks must be on before the first base is made, once per process.
  private static let threadsEnabled: Bool = evthread_use_pthreads() == 0

  /// Makes the loop, binds the listening socket and starts the lanes' threads.
  /// - Returns: the port listened on.
  /// - Throws: `ServeError.cannotListen` when the address cannot be bound.
  @discardableResult
  func start() throws -> Int {
    guard Self.threadsEnabled, let base = event_base_new(), let http = evhttp_new(base) else {
      throw ServeError.eventLoop
    }
    self.base = base
    self.http = http
    evhttp_set_max_body_size(http, Int(configuration.maxBodyBytes))
    evhttp_set_max_headers_size(http, Int(configuration.maxHeaderBytes))
    evhttp_set_timeout(http, Int32(configuration.timeoutSeconds))
    // No "text/html; charset=ISO-8859-1" on responses that name no type (redirects, 204).
    evhttp_set_default_content_type(http, nil)
    // Every method evhttp knows reaches the router, so a wrong one gets 405 with Allow rather than 501.
    let methods: [evhttp_cmd_type] = [
      EVHTTP_REQ_GET, EVHTTP_REQ_POST, EVHTTP_REQ_HEAD, EVHTTP_REQ_PUT, EVHTTP_REQ_DELETE, EVHTTP_REQ_OPTIONS,
      EVHTTP_REQ_PATCH, EVHTTP_REQ_TRACE, EVHTTP_REQ_CONNECT,
    ]
    evhttp_set_allowed_methods(http, UInt16(methods.reduce(0) { $0 | $1.rawValue }))
    configuration.tls?.install(on: http)
    let me = Unmanaged.passUnretained(self).toOpaque()
    evhttp_set_gencb(
      http,
      { request, argument in
        guard let request, let argument else { return }
        Unmanaged<HTTPServer>.fromOpaque(argument).takeUnretainedValue().received(request)
      }, me)

    guard
      let socket = evhttp_bind_socket_with_handle(http, configuration.listen.host, configuration.listen.port)
    else {
      throw ServeError.cannotListen(configuration.listen.text, reason: String(cString: strerror(errno)))
    }
    sockets = [socket]
    port = Self.localPort(evhttp_bound_socket_get_fd(socket))

    let wake = event_new(
      base, -1, 0,
      { _, _, argument in
        guard let argument else { return }
        Unmanaged<HTTPServer>.fromOpaque(argument).takeUnretainedValue().deliverReplies()
      }, me)!
    let stop = event_new(
      base, -1, 0,
      { _, _, argument in
        guard let argument else { return }
        Unmanaged<HTTPServer>.fromOpaque(argument).takeUnretainedValue().beginDrain()
      }, me)!
    events = [wake, stop]
    stopEvent = stop
    replies.attach(wake)
    if configuration.stopOnSignals {
      for signal in [SIGTERM, SIGINT] {
        let event = event_new(
          base, signal, Int16(EV_SIGNAL | EV_PERSIST),
          { _, _, argument in
            guard let argument else { return }
            Unmanaged<HTTPServer>.fromOpaque(argument).takeUnretainedValue().signalled()
          }, me)!
        event_add(event, nil)
        events.append(event)
      }
    }

    let publicURL = self.publicURL
    let served = router.paths
    let time = self.time
    let openStore = self.openStore
    let sessionPolicy = configuration.sessionPolicy
    let backChannel = BackChannelSender()
    func contexts(_ lane: HTTPLane) -> @Sendable (Int) -> HTTPWorkerContext {
      { index in
        HTTPWorkerContext(
          publicURL: publicURL, servedPaths: served, time: time, lane: lane, index: index,
          sessionPolicy: sessionPolicy, backChannel: backChannel, openStore: openStore)
      }
    }
    fastPool = HTTPLanePool(
      lane: .fast, threads: configuration.fastWorkers, replies: replies, makeContext: contexts(.fast))
    workPool = HTTPLanePool(
      lane: .work, threads: configuration.workers, replies: replies, makeContext: contexts(.work))
    return port
  }

  /// Runs the loop until a stop has drained the requests in flight; then ends the lanes' threads (each
  /// closes its store connection) and frees libevent's objects.
  func run() -> Ending {
    guard let base else { return .drained }
    event_base_dispatch(base)
    let unanswered = pending.count
    // No worker may wake a loop that is gone; handlers still running (past the drain limit) finish into
    // the void.
    replies.detach()
    let limit = Double(configuration.timeoutSeconds)
    fastPool?.close(waitingUpTo: unanswered == 0 ? limit : 0.1)
    workPool?.close(waitingUpTo: unanswered == 0 ? limit : 0.1)
    if let http { evhttp_free(http) }
    for event in events { event_free(event) }
    event_base_free(base)
    self.http = nil
    self.base = nil
    return forced || unanswered > 0 ? .cutShort(unanswered: unanswered) : .drained
  }

  /// Stops accepting and ends `run()` once the requests in flight are answered. Safe from any thread.
  func requestStop() {
    if let stopEvent { event_active(stopEvent, 0, 0) }
  }

  private func signalled() {
    signals += 1
    if signals == 1 {
      beginDrain()
    } else {
      emit("minid serve: second signal; stopping now with \(inFlight) requests unanswered\n")
      forced = true
      event_base_loopbreak(base)
    }
  }

  private var inFlight: Int { pending.count + writing.count }

  private func beginDrain() {
    guard !draining, let http, let base else { return }
    draining = true
    for socket in sockets { evhttp_del_accept_socket(http, socket) }
    sockets = []
    emit("minid serve: stopping; no new connections, \(inFlight) requests in flight\n")
    var limit = timeval(tv_sec: configuration.timeoutSeconds + 5, tv_usec: 0)
    event_base_loopexit(base, &limit)
    finishIfDrained()
  }

  private func finishIfDrained() {
    if draining, inFlight == 0, let base { event_base_loopexit(base, nil) }
  }

  // MARK: - Requests, on the loop thread

  private func received(_ request: OpaquePointer) {
    let started = Self.monotonicNanoseconds()
    let method = Self.methodName(evhttp_request_get_command(request))
    let uri = evhttp_request_get_evhttp_uri(request)
    let fullPath = uri.flatMap { evhttp_uri_get_path($0) }.map { String(cString: $0) } ?? ""
    func answer(_ response: HTTPResponse) {
      send(response, to: request, method: method, path: fullPath, started: started, errorCode: nil)
    }
    if draining {
      var response = HTTPResponse.jsonError(
        status: 503, code: "temporarily_unavailable", description: "stopping")
      response.headers.append(("Connection", "close"))
      return answer(response)
    }
    guard let path = routePath(fullPath) else { return answer(Self.notFound) }
    switch router.match(method: method, path: path) {
    case .notFound:
      answer(Self.notFound)
    case .wrongMethod(let allowed):
      var response = HTTPResponse.jsonError(
        status: 405, code: "method_not_allowed",
        description: "\(fullPath) allows \(allowed.joined(separator: ", "))")
      response.headers.append(("Allow", allowed.joined(separator: ", ")))
      answer(response)
    case .route(let route):
      if let response = route.handler.immediateResponse() { return answer(response) }
      switch route.lane {
      case .work:
        guard workInFlight < configuration.maxPendingWork else {
          var response = HTTPResponse.jsonError(
            status: 429, code: "temporarily_unavailable", description: "too many requests in progress")
          response.headers.append(("Retry-After", "1"))
          return answer(response)
        }
        workInFlight += 1
      case .fast:
        guard fastInFlight < configuration.maxPendingFast else {
          var response = HTTPResponse.jsonError(status: 503, code: "temporarily_unavailable")
          response.headers.append(("Retry-After", "1"))
          return answer(response)
        }
        fastInFlight += 1
      }
      nextID += 1
      pending[nextID] = Pending(
        request: request, method: method, path: fullPath, lane: route.lane, started: started)
      let job = HTTPLanePool.Job(
        id: nextID, request: Self.copy(request, method: method, path: path, uri: uri), handler: route.handler)
      (route.lane == .work ? workPool : fastPool)?.submit(job)
    }
  }

  /// The path under the base path, or nil when the request is not under it.
  private func routePath(_ path: String) -> String? {
    let base = configuration.basePath
    guard !base.isEmpty else { return path }
    guard path.hasPrefix(base) else { return nil }
    let rest = String(path.dropFirst(base.count))
    return rest.isEmpty || rest.hasPrefix("/") ? (rest.isEmpty ? "/" : rest) : nil
  }

  private static let notFound = HTTPResponse.jsonError(status: 404, code: "not_found")

  private func deliverReplies() {
    for (id, reply) in replies.takeAll() {
      guard let entry = pending.removeValue(forKey: id) else { continue }
      if entry.lane == .work { workInFlight -= 1 } else { fastInFlight -= 1 }
      send(
        reply.response, to: entry.request, method: entry.method, path: entry.path, started: entry.started,
        errorCode: reply.errorCode)
    }
    finishIfDrained()
  }

  private func send(
    _ response: HTTPResponse, to request: OpaquePointer, method: String, path: String, started: UInt64,
    errorCode: String?
  ) {
    var response = response
    let headers = evhttp_request_get_output_headers(request)
    for (name, value) in response.headers where evhttp_add_header(headers, name, value) != 0 {
      // evhttp refuses a header with a line break in it: a handler's bug, never sent half-made.
      evhttp_clear_headers(headers)
      response = HTTPResponse.jsonError(status: 500, code: "server_error")
      for (name, value) in response.headers { evhttp_add_header(headers, name, value) }
      break
    }
    let buffer = evbuffer_new()
    response.body.withUnsafeBytes { _ = evbuffer_add(buffer, $0.baseAddress, $0.count) }
    // A reply to a request whose connection has gone only frees it; only one with a connection is waited
    // for (the connection's close callback forgets it if the connection fails while writing).
    if let connection = evhttp_request_get_connection(request) {
      writing[request] = connection
      let me = Unmanaged.passUnretained(self).toOpaque()
      evhttp_request_set_on_complete_cb(
        request,
        { request, argument in
          guard let request, let argument else { return }
          Unmanaged<HTTPServer>.fromOpaque(argument).takeUnretainedValue().written(request)
        }, me)
      evhttp_connection_set_closecb(
        connection,
        { connection, argument in
          guard let connection, let argument else { return }
          Unmanaged<HTTPServer>.fromOpaque(argument).takeUnretainedValue().closed(connection)
        }, me)
    }
    evhttp_send_reply(request, Int32(response.status), HTTPResponse.reason(response.status), buffer)
    evbuffer_free(buffer)
    let elapsed = Double(Self.monotonicNanoseconds() - started) / 1_000_000
    emit(
      accessLog.line(
        AccessLog.Entry(
          time: Timestamp(seconds: time.now()), method: method, path: path, status: response.status,
          milliseconds: elapsed, clientID: response.clientID, errorCode: errorCode)))
  }

  private func written(_ request: OpaquePointer) {
    writing[request] = nil
    finishIfDrained()
  }

  private func closed(_ connection: OpaquePointer) {
    writing = writing.filter { $0.value != connection }
    finishIfDrained()
  }

  // MARK: - Copying out of libevent

  /// The request as a value, read on the loop thread.
  private static func copy(_ request: OpaquePointer, method: String, path: String, uri: OpaquePointer?)
    -> HTTPRequest
  {
    var headers: [(name: String, value: String)] = []
    var entry = evhttp_request_get_input_headers(request)?.pointee.tqh_first
    while let current = entry {
      if let key = current.pointee.key, let value = current.pointee.value {
        headers.append((String(cString: key).lowercased(), String(cString: value)))
      }
      entry = current.pointee.next.tqe_next
    }
    var body: [UInt8] = []
    if let input = evhttp_request_get_input_buffer(request) {
      let length = evbuffer_get_length(input)
      body = [UInt8](repeating: 0, count: length)
      if length > 0 { body.withUnsafeMutableBytes { _ = evbuffer_copyout(input, $0.baseAddress, length) } }
    }
    var peer = ""
    if let connection = evhttp_request_get_connection(request) {
      var address: UnsafeMutablePointer<CChar>?
      var port: UInt16 = 0
      evhttp_connection_get_peer(connection, &address, &port)
      if let address {
        let host = String(cString: address)
        peer = (host.contains(":") ? "[\(host)]" : host) + ":\(port)"
      }
    }
    return HTTPRequest(
      method: method, path: path,
      rawQuery: uri.flatMap { evhttp_uri_get_query($0) }.map { String(cString: $0) },
      headers: headers, body: body, peer: peer)
  }

  private static func methodName(_ command: evhttp_cmd_type) -> String {
    switch command {
    case EVHTTP_REQ_GET: "GET"
    case EVHTTP_REQ_POST: "POST"
    case EVHTTP_REQ_HEAD: "HEAD"
    case EVHTTP_REQ_PUT: "PUT"
    case EVHTTP_REQ_DELETE: "DELETE"
    case EVHTTP_REQ_OPTIONS: "OPTIONS"
    case EVHTTP_REQ_TRACE: "TRACE"
    case EVHTTP_REQ_CONNECT: "CONNECT"
    case EVHTTP_REQ_PATCH: "PATCH"
    default: "UNKNOWN"
    }
  }

  private static func localPort(_ descriptor: Int32) -> Int {
    var storage = sockaddr_storage()
    var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
    let found = withUnsafeMutablePointer(to: &storage) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) == 0 }
    }
    guard found else { return 0 }
    switch Int32(storage.ss_family) {
    case AF_INET:
      return withUnsafePointer(to: &storage) {
        $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
          Int(UInt16(bigEndian: $0.pointee.sin_port))
        }
      }
    case AF_INET6:
      return withUnsafePointer(to: &storage) {
        $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
          Int(UInt16(bigEndian: $0.pointee.sin6_port))
        }
      }
    default: return 0
    }
  }

  private static func monotonicNanoseconds() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
  }
}
