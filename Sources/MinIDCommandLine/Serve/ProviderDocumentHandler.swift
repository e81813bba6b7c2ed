/// Answers `GET /.well-known/openid-configuration` or `GET /jwks.json` from the server's
/// `ProviderDocumentCache`: on the event loop while the cached bytes are fresh, else on a `.fast` worker,
/// which reads the store's keys and refreshes the cache for both documents.
struct ProviderDocumentHandler: HTTPHandler {
  enum Document: Sendable {
    case discovery
    case jwks
  }

  let document: Document
  let cache: ProviderDocumentCache

  func respond(to request: HTTPRequest, in context: HTTPWorkerContext) throws -> HTTPResponse {
    response(try cache.documents { try ProviderRoutes.documents(context) })
  }

  func immediateResponse() -> HTTPResponse? {
    cache.fresh().map(response)
  }

  /// Clients fetch the keys again when a token names a kid they have not seen, so five minutes of caching
  /// never hides a rotated key for long, and a retired key is gone within five minutes.
  private func response(_ documents: ProviderDocumentCache.Documents) -> HTTPResponse {
    HTTPResponse(
      status: 200,
      headers: [("Content-Type", "application/json"), ("Cache-Control", "public, max-age=300")],
      body: document == .jwks ? documents.jwks : documents.discovery)
  }
}
