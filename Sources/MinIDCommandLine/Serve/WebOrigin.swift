import Foundation

/// The origin of an absolute URI, `scheme://host[:port]` (RFC 6454 §4), as a Content-Security-Policy
/// source names it: the pages allow posting to the client's redirect URI, and the logout page framing the
/// clients' front-channel logout URIs, by origin and nothing wider.
enum WebOrigin {
  /// `uri`'s origin; nil when it has no scheme or host (it then allows nothing).
  static func of(_ uri: String) -> String? {
    guard let components = URLComponents(string: uri), let scheme = components.scheme,
      let host = components.host, !host.isEmpty
    else { return nil }
    return "\(scheme)://\(host)" + (components.port.map { ":\($0)" } ?? "")
  }

  /// `uri`'s origin as a policy source list: the origin, or `'none'` when it has none.
  static func source(_ uri: String) -> String { of(uri) ?? "'none'" }
}
