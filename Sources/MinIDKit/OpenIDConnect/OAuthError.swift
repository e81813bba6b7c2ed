/// A refusal by the OpenID Provider, with the error code RFC 6749 / OpenID Connect Core name for it.
///
/// `redirectable` says whether the client may be told through its redirect URI (RFC 6749 §4.1.2.1): an
/// unknown client or a redirect URI that is not registered gets an error page instead, never a redirect.
public struct OAuthError: MinIDError, Equatable {
  /// The RFC's error code: `invalid_request`, `invalid_client`, `invalid_grant`, `unauthorized_client`,
  /// `unsupported_grant_type`, `unsupported_response_type`, `invalid_scope`, `access_denied`,
  /// `login_required`, `invalid_request_uri`, `invalid_token`, `server_error`.
  public let error: String
  /// One sentence naming the parameter and the rule; never a secret, code or token.
  public let description: String
  /// The HTTP status at the token, PAR, introspection and userinfo endpoints (400, or 401 for client
  /// authentication and bearer tokens).
  public let status: Int
  /// Whether the error may go back through the redirect URI.
  public let redirectable: Bool

  /// An error with its RFC code, its sentence, an HTTP status (default 400) and whether it may be
  /// redirected (default yes).
  public init(_ error: String, _ description: String, status: Int = 400, redirectable: Bool = true) {
    self.error = error
    self.description = description
    self.status = status
    self.redirectable = redirectable
  }

  /// The stable snake_case code scripts match on (`MinIDError.code`).
  public var code: String { error }
  /// What kind of failure this is; the command line chooses the exit status from it.
  public var category: ErrorCategory {
    switch error {
    case "invalid_client", "invalid_grant", "invalid_token": .authenticationFailed
    case "access_denied", "unauthorized_client": .refused
    case "server_error": .internal
    default: .invalidInput
    }
  }
  /// The sentence shown: it names the field and the rule, never a secret or a full identity number.
  public var message: String { "\(error): \(description)" }

  static func invalidRequest(_ description: String) -> OAuthError {
    OAuthError("invalid_request", description)
  }
  static func invalidClient(_ description: String) -> OAuthError {
    OAuthError("invalid_client", description, status: 401, redirectable: false)
  }
  static func invalidGrant(_ description: String) -> OAuthError { OAuthError("invalid_grant", description) }
  /// An error for the person at the browser, not the client: unknown client or unregistered redirect.
  static func notRedirectable(_ error: String, _ description: String) -> OAuthError {
    OAuthError(error, description, redirectable: false)
  }
}
