import CEvent
import CEventTLS
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
/// client's server. `https://` URIs go through OpenSSL (libevent's bufferevent_openssl): the client's
/// certificate must chain to a CA OpenSSL trusts (the system's, or the file or folder that `SSL_CERT_FILE` or
/// `SSL_CERT_DIR` in `minid serve`'s environment names instead) and name the URI's host (or IP address).
final class BackChannelSender: Sendable {
  static let connectTimeoutSeconds = 2
  static let readTimeoutSeconds = 5

  /// The TLS client context for `https://` URIs: OpenSSL's default trusted CAs, the peer verified, TLS 1.2
  /// or later. nil when OpenSSL cannot make one (then https deliveries are logged as not sent). Made once;
  /// OpenSSL contexts are safe to share between threads once set up.
  nonisolated(unsafe) static let tlsContext: OpaquePointer? = {
    guard let context = SSL_CTX_new(TLS_client_method()) else { return nil }
    guard SSL_CTX_set_default_verify_paths(context) == 1,
      SSL_CTX_ctrl(context, SSL_CTRL_SET_MIN_PROTO_VERSION, Int(TLS1_2_VERSION), nil) == 1
    else {
      SSL_CTX_free(context)
      return nil
    }
    SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nil)
    return context
  }()

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
      let scheme = components(delivery.uri)
      guard let (components, host, secure) = scheme else {
        log(
          "minid serve: back-channel logout to \(delivery.clientID): not sent, only http:// and https:// URIs"
        )
        return
      }
      let attempt = Attempt(batch: self, delivery: delivery)
      let port = UInt16(components.port ?? (secure ? 443 : 80))
      let connection: OpaquePointer?
      if secure {
        guard let tls = Self.tlsBufferevent(base: base, host: host) else {
          log("minid serve: back-channel logout to \(delivery.clientID): cannot set up TLS; not sent")
          return
        }
        attempt.tls = tls
        connection = evhttp_connection_base_bufferevent_new(base, nil, tls, host, port)
      } else {
        connection = evhttp_connection_base_new(base, nil, host, port)
      }
      guard let connection else {
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

    /// The URI's parts, its host, and whether it is https; nil for another scheme or no host.
    private func components(_ uri: String) -> (URLComponents, String, Bool)? {
      guard let components = URLComponents(string: uri), let host = components.host, !host.isEmpty,
        let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https"
      else { return nil }
      return (components, host, scheme == "https")
    }

    /// A TLS connection to `host` that has not connected yet: SNI and the certificate's name (or IP
    /// address) checked against `host`, the chain against OpenSSL's trusted CAs.
    private static func tlsBufferevent(base: OpaquePointer, host: String) -> OpaquePointer? {
      guard let context = BackChannelSender.tlsContext, let connection = SSL_new(context) else { return nil }
      let isAddress = host.contains(":") || host.allSatisfy { $0.isNumber || $0 == "." }
      let named =
        isAddress
        ? X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(connection), host) == 1
        : SSL_set1_host(connection, host) == 1
          && host.withCString {
            // SSL_set_tlsext_host_name is a macro that Swift does not see.
            SSL_ctrl(
              connection, SSL_CTRL_SET_TLSEXT_HOSTNAME, Int(TLSEXT_NAMETYPE_host_name),
              UnsafeMutableRawPointer(mutating: $0)) == 1
          }
      guard named,
        let bufferevent = bufferevent_openssl_socket_new(
          base, -1, connection, BUFFEREVENT_SSL_CONNECTING, Int32(BEV_OPT_CLOSE_ON_FREE.rawValue))
      else {
        SSL_free(connection)
        return nil
      }
      // A server that closes without TLS's close_notify has still answered.
      bufferevent_openssl_set_allow_dirty_shutdown(bufferevent, 1)
      return bufferevent
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
    /// The TLS bufferevent of an https delivery (owned by the connection), for OpenSSL's reason on failure.
    var tls: OpaquePointer?
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
            + (status == 0 ? "no answer (\(failure))" : "HTTP \(status)")
            + "; not retried")
      }
      markDone()
    }

    /// Why no answer came: OpenSSL's reason for an https delivery whose handshake failed (an untrusted
    /// certificate, another host's), else the connection's.
    private var failure: String {
      guard let tls, case let code = bufferevent_get_openssl_error(tls), code != 0 else {
        return "connection failed or timed out"
      }
      var buffer = [UInt8](repeating: 0, count: 256)
      buffer.withUnsafeMutableBufferPointer { bytes in
        bytes.withMemoryRebound(to: CChar.self) { ERR_error_string_n(code, $0.baseAddress, $0.count) }
      }
      return "TLS: " + String(decoding: buffer.prefix { $0 != 0 }, as: UTF8.self)
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
