/// Answers one route's requests. Runs on a worker thread of the route's lane, never on the event loop, so
/// it may block (scrypt, signing, store writes); it must not keep state between requests outside the
/// store, because several `minid serve` processes may answer the same users (decisions §8). The one
/// exception is a copy of what the store holds that expires within a second (`ProviderDocumentCache`).
protocol HTTPHandler: Sendable {
  /// - Parameters:
  ///   - request: the request, read completely.
  ///   - context: this worker thread's own store connection, the public URL and the clock.
  /// - Returns: the response to send. Protocol errors (OAuth's `invalid_request` and the rest) are
  ///   responses the handler builds; throw only for what the handler cannot answer itself.
  /// - Throws: anything; the server answers 503 for a busy store or a lost connection (`busy`, `io`
  ///   categories) and 500 otherwise, and logs the error's code, never its message.
  func respond(to request: HTTPRequest, in context: HTTPWorkerContext) throws -> HTTPResponse

  /// A response the event loop sends itself, without handing the request to a lane: only an answer that is
  /// already made (a cache hit), found without blocking, touching no store. `nil` (the default) sends the
  /// request to its lane and `respond`.
  func immediateResponse() -> HTTPResponse?
}

extension HTTPHandler {
  func immediateResponse() -> HTTPResponse? { nil }
}

/// A handler from a closure, for routes that need no state of their own.
struct HTTPClosureHandler: HTTPHandler {
  let body: @Sendable (HTTPRequest, HTTPWorkerContext) throws -> HTTPResponse

  func respond(to request: HTTPRequest, in context: HTTPWorkerContext) throws -> HTTPResponse {
    try body(request, context)
  }
}
