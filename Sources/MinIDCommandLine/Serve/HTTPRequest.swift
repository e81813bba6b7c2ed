/// One HTTP request as the handlers see it: copied out of libevent on the loop thread, so a handler on a
/// worker thread never touches a libevent object.
struct HTTPRequest: Sendable {
  /// The method in upper case (`GET`, `POST`, …).
  let method: String
  /// The path as the client sent it, percent-encoding kept, without the query string.
  let path: String
  /// The query string as sent (without `?`), or nil when the target had none. Parse it with
  /// `FormParameters(parsing:)`; it is never logged.
  let rawQuery: String?
  /// Every header line in order, names lowercased, repeated headers kept as separate entries.
  let headers: [(name: String, value: String)]
  /// The body bytes, complete (evhttp reads the whole body, up to the server's limit, before the handler
  /// runs).
  let body: [UInt8]
  /// The client's address as `host:port` (IPv6 hosts in brackets): the TCP peer, which behind a reverse
  /// proxy is the proxy.
  let peer: String

  /// The values of the header `name` (any case), in the order they came.
  func headerValues(_ name: String) -> [String] {
    let lower = name.lowercased()
    return headers.filter { $0.name == lower }.map(\.value)
  }

  /// The header's value when it came exactly once; nil when absent or repeated.
  func header(_ name: String) -> String? {
    let values = headerValues(name)
    return values.count == 1 ? values[0] : nil
  }

  /// The value of the cookie `name` from the `Cookie` headers (RFC 6265 §5.4), if the browser sent it.
  func cookie(_ name: String) -> String? {
    for header in headerValues("cookie") {
      for pair in header.split(separator: ";") {
        let parts = pair.split(separator: "=", maxSplits: 1)
        if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == name {
          return parts[1].trimmingCharacters(in: .whitespaces)
        }
      }
    }
    return nil
  }

  /// The media type of the body (`Content-Type` without parameters, lowercased), if one was given once.
  var mediaType: String? {
    header("content-type").map {
      String($0.split(separator: ";", maxSplits: 1).first ?? "").trimmingCharacters(in: .whitespaces)
        .lowercased()
    }
  }

  /// The query string's parameters, in order, repeated names kept.
  /// - Throws: `FormParameters.Malformed` when the query is not `name=value` pairs joined by `&`.
  func queryParameters() throws(FormParameters.Malformed) -> FormParameters {
    try FormParameters(parsing: rawQuery ?? "")
  }

  /// The body's parameters when it is `application/x-www-form-urlencoded`.
  /// - Throws: `FormParameters.Malformed` for another media type, a body that is not UTF-8, or one that is
  ///   not `name=value` pairs joined by `&`.
  func formParameters() throws(FormParameters.Malformed) -> FormParameters {
    guard mediaType == "application/x-www-form-urlencoded" else { throw .notAForm }
    guard let text = String(validating: body, as: UTF8.self) else { throw .notUTF8 }
    return try FormParameters(parsing: text)
  }
}
