import Foundation

/// The `resource` parameter (RFC 8707, Resource Indicators for OAuth 2.0): the API an access token is
/// meant for, which becomes the token's `aud`. ID-porten takes it the same way and checks only that it is a
/// valid URI; the client and the API agree on the value between them (Digdir, «Audience-begrensning»).
///
/// minid takes one resource per request: a token good at one API only, so a leaked token opens one door.
/// A repeated `resource` is refused as every repeated parameter is (`invalid_request`).
public enum ResourceIndicator {
  /// The longest resource accepted, in characters.
  public static let maximumLength = 512

  /// Checks a `resource` value: an absolute URI (a scheme and, after it, more than nothing), without a
  /// fragment (RFC 8707 §2), printable ASCII without spaces, at most `maximumLength` characters.
  /// - Returns: the value unchanged.
  /// - Throws: `OAuthError` `invalid_target` (RFC 8707 §2), redirectable.
  public static func checked(_ value: String) throws(OAuthError) -> String {
    guard value.count <= maximumLength,
      value.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 0x20 && $0.value < 0x7F }),
      !value.contains("#"),
      let components = URLComponents(string: value), let scheme = components.scheme, !scheme.isEmpty,
      value.count > scheme.count + 1
    else {
      throw OAuthError(
        "invalid_target",
        "resource: an absolute URI without a fragment, at most \(maximumLength) characters (RFC 8707 §2)")
    }
    return value
  }
}
