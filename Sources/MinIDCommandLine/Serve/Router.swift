/// The routes of one server: method and exact path to a handler and a lane. Built before the server
/// starts and never changed after, so the loop thread reads it without locks.
///
/// Paths are matched exactly, as the client sent them (percent-encoding kept), after the server's base
/// path (the public URL's path, e.g. `/idporten` for `https://host/idporten`) is taken off. A `GET` route
/// also answers `HEAD`. A known path with another method gets 405 with `Allow`; an unknown path 404.
struct Router: Sendable {
  struct Route: Sendable {
    let method: String
    let path: String
    let lane: HTTPLane
    let handler: any HTTPHandler
  }

  private(set) var routes: [Route] = []

  init() {}

  /// Adds a route.
  /// - Parameters:
  ///   - method: `GET`, `POST`, … (upper case).
  ///   - path: the exact path under the base path, starting with `/`.
  ///   - lane: `.fast` for cheap reads, `.work` for anything that hashes, signs or writes.
  /// - Precondition: no route has this method and path yet (a programming error otherwise).
  mutating func add(_ method: String, _ path: String, lane: HTTPLane, handler: any HTTPHandler) {
    precondition(path.hasPrefix("/"), "route paths start with /")
    precondition(!routes.contains { $0.method == method && $0.path == path }, "\(method) \(path) twice")
    routes.append(Route(method: method, path: path, lane: lane, handler: handler))
  }

  /// Adds a route answered by a closure.
  mutating func add(
    _ method: String, _ path: String, lane: HTTPLane,
    _ body: @escaping @Sendable (HTTPRequest, HTTPWorkerContext) throws -> HTTPResponse
  ) {
    add(method, path, lane: lane, handler: HTTPClosureHandler(body: body))
  }

  /// Every path that has a route, for documents that list only what is served (discovery).
  var paths: Set<String> { Set(routes.map(\.path)) }

  /// What a request's method and path lead to.
  enum Match {
    case route(Route)
    /// The path exists, but not for this method: the methods it has, for `Allow`.
    case wrongMethod(allowed: [String])
    case notFound
  }

  func match(method: String, path: String) -> Match {
    let atPath = routes.filter { $0.path == path }
    guard !atPath.isEmpty else { return .notFound }
    let wanted = method == "HEAD" ? "GET" : method
    if let route = atPath.first(where: { $0.method == wanted }) { return .route(route) }
    var allowed = atPath.map(\.method)
    if allowed.contains("GET") { allowed.append("HEAD") }
    return .wrongMethod(allowed: allowed)
  }
}
