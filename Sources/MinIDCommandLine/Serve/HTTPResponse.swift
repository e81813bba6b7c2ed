import Foundation

/// One HTTP response a handler returns; the loop thread writes it out.
struct HTTPResponse: Sendable {
  /// The status code (200, 302, 404, …).
  var status: Int
  /// Header lines in order; `Content-Length` and `Date` are added by the server.
  var headers: [(name: String, value: String)]
  var body: [UInt8]
  /// The OAuth client the request was for, when the handler knows it: shown in the access log, never sent.
  var clientID: String?

  init(
    status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = [], clientID: String? = nil
  ) {
    self.status = status
    self.headers = headers
    self.body = body
    self.clientID = clientID
  }

  /// A JSON document (`application/json`), encoded with sorted keys and unescaped slashes.
  /// - Throws: the encoder's error for a value that cannot be encoded.
  static func json<T: Encodable>(_ value: T, status: Int = 200, cacheControl: String = "no-store") throws
    -> HTTPResponse
  {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return json(bytes: Array(try encoder.encode(value)), status: status, cacheControl: cacheControl)
  }

  /// JSON already encoded, with a final newline added.
  static func json(bytes: [UInt8], status: Int = 200, cacheControl: String = "no-store") -> HTTPResponse {
    HTTPResponse(
      status: status,
      headers: [("Content-Type", "application/json"), ("Cache-Control", cacheControl)],
      body: bytes + [UInt8(ascii: "\n")])
  }

  /// `{"error": code, "error_description": description}` (the shape of RFC 6749 §5.2 errors), not cached.
  static func jsonError(status: Int, code: String, description: String? = nil) -> HTTPResponse {
    var fields = ["error": code]
    fields["error_description"] = description
    return (try? json(fields, status: status))
      ?? HTTPResponse(
        status: status, headers: [("Content-Type", "application/json")], body: Array("{}\n".utf8))
  }

  /// An HTML page (`text/html; charset=utf-8`), not cached, not sniffed, under `policy`: by default one
  /// that loads nothing from outside, runs no script and is never framed. `headers` follow these.
  static func html(
    _ page: String, status: Int = 200,
    policy: String =
      "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'",
    headers more: [(name: String, value: String)] = []
  ) -> HTTPResponse {
    HTTPResponse(
      status: status,
      headers: [
        ("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-store"),
        ("Content-Security-Policy", policy), ("X-Content-Type-Options", "nosniff"),
      ] + more,
      body: Array(page.utf8))
  }

  /// A redirect: 302 (after a GET, as the OAuth authorization response) or 303 (after a POST, so the
  /// browser follows with a GET).
  static func redirect(to location: String, status: RedirectStatus = .found) -> HTTPResponse {
    HTTPResponse(
      status: status.rawValue, headers: [("Location", location), ("Cache-Control", "no-store")])
  }

  enum RedirectStatus: Int, Sendable {
    case found = 302
    case seeOther = 303
  }

  /// The standard reason phrase of `status`, for the status line.
  static func reason(_ status: Int) -> String {
    switch status {
    case 200: "OK"
    case 201: "Created"
    case 204: "No Content"
    case 302: "Found"
    case 303: "See Other"
    case 304: "Not Modified"
    case 400: "Bad Request"
    case 401: "Unauthorized"
    case 403: "Forbidden"
    case 404: "Not Found"
    case 405: "Method Not Allowed"
    case 408: "Request Timeout"
    case 413: "Content Too Large"
    case 415: "Unsupported Media Type"
    case 429: "Too Many Requests"
    case 500: "Internal Server Error"
    case 503: "Service Unavailable"
    default: "Status \(status)"
    }
  }
}
