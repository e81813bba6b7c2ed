import MinIDKit

/// The routes `minid serve` has for every client: health, the discovery document and the JWKS. All are
/// cheap reads, so all are on the `.fast` lane; the two documents come from a `ProviderDocumentCache`, so
/// most requests for them are answered by the event loop without a worker.
enum ProviderRoutes {
  /// - Parameter cache: where the documents are kept between requests (a test passes one with its own
  ///   clock).
  static func register(in router: inout Router, cache: ProviderDocumentCache = ProviderDocumentCache()) {
    router.add("GET", "/health", lane: .fast) { _, _ in try .json(["status": "ok"]) }
    router.add(
      "GET", "/.well-known/openid-configuration", lane: .fast,
      handler: ProviderDocumentHandler(document: .discovery, cache: cache))
    router.add(
      "GET", "/jwks.json", lane: .fast, handler: ProviderDocumentHandler(document: .jwks, cache: cache))
  }

  /// Both documents from one read of the store's keys, as `HTTPResponse.json` encodes them.
  /// - Throws: the store's error when the keys cannot be read.
  static func documents(_ context: HTTPWorkerContext) throws -> ProviderDocumentCache.Documents {
    let keys = try KeyService(
      store: try context.store(), time: context.time, actor: .operatingSystemAccount()
    )
    .jwks()
    return ProviderDocumentCache.Documents(
      discovery: try HTTPResponse.json(discovery(context, keys: keys)).body,
      jwks: HTTPResponse.json(bytes: Array(keys.json.utf8)).body)
  }

  /// The store's discovery document with only the endpoints this server answers: an endpoint under the
  /// issuer whose path has no route is left out, so no client is sent to a 404.
  static func discovery(_ context: HTTPWorkerContext, keys: JSONWebKeySet) -> [String: DiscoveryValue] {
    let issuer = context.publicURL
    let document = DiscoveryDocument.make(issuer: issuer, algorithms: KeyCommands.algorithms(of: keys))
    return document.filter { key, value in
      guard key.hasSuffix("_endpoint") || key.hasSuffix("_uri"), case .string(let url) = value,
        url.hasPrefix(issuer + "/")
      else { return true }
      return context.servedPaths.contains(String(url.dropFirst(issuer.count)))
    }
  }
}
