import MinIDKit

/// The routes `minid serve` has today: health, the discovery document and the JWKS. All are cheap reads,
/// so all are on the `.fast` lane.
enum ProviderRoutes {
  static func register(in router: inout Router) {
    router.add("GET", "/health", lane: .fast) { _, _ in try .json(["status": "ok"]) }
    router.add("GET", "/.well-known/openid-configuration", lane: .fast) { _, context in
      try .json(try discovery(context), cacheControl: "public, max-age=300")
    }
    router.add("GET", "/jwks.json", lane: .fast) { _, context in
      // Clients fetch the keys again when a token names a kid they have not seen, so five minutes of
      // caching never hides a rotated key for long, and a retired key is gone within five minutes.
      .json(bytes: Array(try keys(context).json.utf8), cacheControl: "public, max-age=300")
    }
  }

  private static func keys(_ context: HTTPWorkerContext) throws -> JSONWebKeySet {
    try KeyService(store: try context.store(), time: context.time, actor: .operatingSystemAccount()).jwks()
  }

  /// The store's discovery document with only the endpoints this server answers: an endpoint under the
  /// issuer whose path has no route is left out, so no client is sent to a 404.
  static func discovery(_ context: HTTPWorkerContext) throws -> [String: DiscoveryValue] {
    let issuer = context.publicURL
    let document = DiscoveryDocument.make(
      issuer: issuer, algorithms: KeyCommands.algorithms(of: try keys(context)))
    return document.filter { key, value in
      guard key.hasSuffix("_endpoint") || key.hasSuffix("_uri"), case .string(let url) = value,
        url.hasPrefix(issuer + "/")
      else { return true }
      return context.servedPaths.contains(String(url.dropFirst(issuer.count)))
    }
  }
}
