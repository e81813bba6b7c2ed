import CEvent
import Foundation
import MinIDKit

#if canImport(Glibc)
  import Glibc
#endif

/// Sends back-channel logout tokens (OpenID Connect Back-Channel Logout 1.0 §2.5) as ID-porten does: a
/// `POST` of the form `logout_token=<JWS>` to each URI, one attempt, 2 seconds to connect and 5 to answer;
/// a 2xx is accepted, anything else is logged on standard error and not retried.
///
/// Each logout's tokens go out on a thread of their own with an event base of their own (libevent's HTTP
/// client, evhttp), so neither the accept loop nor the worker that rendered the logout page waits for a
/// client's server. Only `http://` URIs are sent to: this build's libevent client speaks no TLS.
final class BackChannelSender: Sendable {
  static let connectTimeoutSeconds = 2
  static let readTimeoutSeconds = 5

  /// Where the outcome of each delivery goes, one line each; standard error unless a test listens.
  private let log: @Sendable (String) -> Void

  init(
    log: @escaping @Sendable (String) -> Void = { line in
      FileHandle.standardError.write(Data((line + "\n").utf8))
    }
  ) {
    self.log = log
  }

  /// Starts sending `deliveries` on a new thread and returns at once.
  func send(_ deliveries: [BackChannelLogout]) {
    guard !deliveries.isEmpty else { return }
    let log = self.log
    Thread { Self.deliver(deliveries, log: log) }.start()
  }

  /// Sends every delivery on an event base of this thread's own, and waits until each has an outcome.
  static func deliver(_ deliveries: [BackChannelLogout], log: @escaping @Sendable (String) -> Void) {
    guard let base = event_base_new() else {
      log("minid serve: back-channel logout: no event base; \(deliveries.count) tokens not sent")
      return
    }
    defer { event_base_free(base) }
    let batch = Batch(base: base, log: log)
    for delivery in deliveries { batch.start(delivery) }
    if batch.pending > 0 { event_base_dispatch(base) }
    batch.close()
  }

  /// The deliveries of one logout, on one event base.
  private final class Batch {
    let base: OpaquePointer
    let log: @Sendable (String) -> Void
    var pending = 0
    var attempts: [Attempt] = []

    init(base: OpaquePointer, log: @escaping @Sendable (String) -> Void) {
      self.base = base
      self.log = log
    }

    func start(_ delivery: BackChannelLogout) {
      guard let components = URLComponents(string: delivery.uri), components.scheme?.lowercased() == "http",
        let host = components.host
      else {
        log(
          "minid serve: back-channel logout to \(delivery.clientID): not sent, only http:// URIs are supported"
        )
        return
      }
      let attempt = Attempt(batch: self, delivery: delivery)
      let port = UInt16(components.port ?? 80)
      guard let connection = evhttp_connection_base_new(base, nil, host, port) else {
        log("minid serve: back-channel logout to \(delivery.clientID): cannot make a connection")
        return
      }
      attempt.connection = connection
      var timeout = timeval(tv_sec: BackChannelSender.readTimeoutSeconds, tv_usec: 0)
      evhttp_connection_set_timeout_tv(connection, &timeout)
      evhttp_connection_set_retries(connection, 0)
      let context = Unmanaged.passUnretained(attempt).toOpaque()
      guard
        let request = evhttp_request_new(
          { request, argument in
            guard let argument else { return }
            let attempt = Unmanaged<Attempt>.fromOpaque(argument).takeUnretainedValue()
            attempt.finish(status: request.map { Int(evhttp_request_get_response_code($0)) } ?? 0)
          }, context)
      else {
        log("minid serve: back-channel logout to \(delivery.clientID): cannot make a request")
        return
      }
      let body = "logout_token=" + FormEncoding.encode(delivery.token)
      let headers = evhttp_request_get_output_headers(request)
      let hostHeader = components.port.map { "\(host):\($0)" } ?? host
      evhttp_add_header(headers, "Host", hostHeader)
      evhttp_add_header(headers, "Content-Type", "application/x-www-form-urlencoded")
      evhttp_add_header(headers, "Connection", "close")
      _ = body.withCString { evbuffer_add(evhttp_request_get_output_buffer(request), $0, strlen($0)) }
      var target = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
      if let query = components.percentEncodedQuery { target += "?" + query }
      attempt.request = request
      attempts.append(attempt)
      pending += 1
      guard evhttp_make_request(connection, request, EVHTTP_REQ_POST, target) == 0 else {
        // evhttp frees the request when it fails to make it.
        attempt.request = nil
        attempt.finish(status: 0)
        return
      }
      attempt.watchConnect()
    }

    func finished() {
      pending -= 1
      if pending == 0 { event_base_loopbreak(base) }
    }

    func close() {
      for attempt in attempts { attempt.close() }
    }
  }

  /// One token to one client: its connection, request and the timer that enforces the connect timeout
  /// (evhttp's own timeout covers connecting and reading together).
  private final class Attempt {
    unowned let batch: Batch
    let delivery: BackChannelLogout
    var connection: OpaquePointer?
    var request: OpaquePointer?
    var timer: OpaquePointer?
    var done = false

    init(batch: Batch, delivery: BackChannelLogout) {
      self.batch = batch
      self.delivery = delivery
    }

    func watchConnect() {
      let context = Unmanaged.passUnretained(self).toOpaque()
      timer = event_new(
        batch.base, -1, 0,
        { _, _, argument in
          guard let argument else { return }
          Unmanaged<Attempt>.fromOpaque(argument).takeUnretainedValue().connectDeadline()
        }, context)
      var deadline = timeval(tv_sec: BackChannelSender.connectTimeoutSeconds, tv_usec: 0)
      if let timer { event_add(timer, &deadline) }
    }

    /// Two seconds after the request was made: a connection not yet established is given up.
    func connectDeadline() {
      guard !done, let connection, let request else { return }
      let socket = bufferevent_getfd(evhttp_connection_get_bufferevent(connection))
      var address = sockaddr_storage()
      var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
      let connected = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getpeername(socket, $0, &length) == 0 }
      }
      guard !connected else { return }
      evhttp_cancel_request(request)
      self.request = nil
      batch.log(
        "minid serve: back-channel logout to \(delivery.clientID): no connection within "
          + "\(BackChannelSender.connectTimeoutSeconds) s; not retried")
      markDone()
    }

    func finish(status: Int) {
      guard !done else { return }
      request = nil  // evhttp frees it after this callback.
      if !(200..<300).contains(status) {
        batch.log(
          "minid serve: back-channel logout to \(delivery.clientID): "
            + (status == 0 ? "no answer (connection failed or timed out)" : "HTTP \(status)")
            + "; not retried")
      }
      markDone()
    }

    private func markDone() {
      done = true
      if let timer { event_del(timer) }
      batch.finished()
    }

    func close() {
      if let timer { event_free(timer) }
      if let connection { evhttp_connection_free(connection) }
      timer = nil
      connection = nil
    }
  }
}
