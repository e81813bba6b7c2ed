import Foundation

/// What a service registers to log people in through `minid serve`: where codes may be sent, how it
/// authenticates, and how long its tokens live. Stored beside the `Service` (same client id).
///
/// Defaults are ID-porten's (Digdir, «Klientregistrering»): access and ID tokens 120 s, refresh tokens
/// 600 s of inactivity, a grant 7200 s at most; PKCE required.
public struct ClientRegistration: Sendable, Equatable {
  /// The client id, the same as its `Service`'s.
  public var clientID: String
  /// Exact redirect URIs; `/authorize` accepts only these, compared character for character.
  public var redirectURIs: [String]
  /// Where RP-initiated logout may return to.
  public var postLogoutRedirectURIs: [String]
  /// How the client authenticates at the token endpoint.
  public var authMethod: ClientAuthenticationMethod
  /// HMAC-SHA-256 of the client secret under the store's code key; nil without a secret.
  public var secretHash: [UInt8]?
  /// The client's public keys for `private_key_jwt`, as a JWK Set document.
  public var jwks: String?
  /// Whether `/authorize` demands PKCE `S256` (ID-porten lets a client be registered without it).
  public var pkceRequired: Bool
  /// Scopes the client may ask for; `openid` and `profile` always.
  public var scopes: [String]
  /// Seconds.
  public var accessTokenLifetime: Int64
  /// Seconds a refresh token lives without use.
  public var refreshTokenLifetime: Int64
  /// Seconds a grant lives at most, however it is refreshed.
  public var authorizationLifetime: Int64
  /// Where logout loads the client in a hidden frame with `iss` and `sid` (OpenID Connect Front-Channel
  /// Logout 1.0); the client's ID tokens then carry `sid`.
  public var frontchannelLogoutURI: String?
  /// Where logout posts a logout token (OpenID Connect Back-Channel Logout 1.0); its host is one of the
  /// redirect URIs' (ID-porten's rule), and the client's ID tokens then carry `sid`.
  public var backchannelLogoutURI: String?
  /// The organisation the client acts for: its access tokens' `consumer` claim; nil leaves it out.
  public var organizationNumber: OrganizationNumber? = nil

  /// ID-porten's access and ID token lifetime: 120 s.
  public static let defaultAccessTokenLifetime: Int64 = 120
  /// ID-porten's refresh token inactivity limit: 600 s.
  public static let defaultRefreshTokenLifetime: Int64 = 600
  /// ID-porten's longest grant: 7200 s.
  public static let defaultAuthorizationLifetime: Int64 = 7200
  /// The scopes every client may ask for.
  public static let baseScopes = ["openid", "profile"]

  /// A registration with these fields; lifetimes default to ID-porten's.
  public init(
    clientID: String, redirectURIs: [String], postLogoutRedirectURIs: [String] = [],
    authMethod: ClientAuthenticationMethod, secretHash: [UInt8]? = nil, jwks: String? = nil,
    pkceRequired: Bool = true, scopes: [String] = ClientRegistration.baseScopes,
    accessTokenLifetime: Int64 = ClientRegistration.defaultAccessTokenLifetime,
    refreshTokenLifetime: Int64 = ClientRegistration.defaultRefreshTokenLifetime,
    authorizationLifetime: Int64 = ClientRegistration.defaultAuthorizationLifetime,
    frontchannelLogoutURI: String? = nil, backchannelLogoutURI: String? = nil
  ) {
    self.clientID = clientID
    self.redirectURIs = redirectURIs
    self.postLogoutRedirectURIs = postLogoutRedirectURIs
    self.authMethod = authMethod
    self.secretHash = secretHash
    self.jwks = jwks
    self.pkceRequired = pkceRequired
    self.scopes = scopes
    self.accessTokenLifetime = accessTokenLifetime
    self.refreshTokenLifetime = refreshTokenLifetime
    self.authorizationLifetime = authorizationLifetime
    self.frontchannelLogoutURI = frontchannelLogoutURI
    self.backchannelLogoutURI = backchannelLogoutURI
  }

  /// Whether the client's ID tokens carry `sid`: it registered a front- or back-channel logout URI, so it
  /// needs the session to match logout requests against (ID-porten: `frontchannel_logout_session_required`,
  /// and always with a back-channel URI).
  public var wantsSessionID: Bool { frontchannelLogoutURI != nil || backchannelLogoutURI != nil }

  /// Checks a redirect URI for registration: absolute `https`, or `http` for `localhost`/loopback in a test
  /// store (as ID-porten's test environment allows); no fragment (RFC 6749 §3.1.2); at most 512 characters.
  /// - Throws: `ClientRegistrationError.redirectURI` naming the rule.
  public static func checkRedirectURI(_ uri: String, environment: StoreEnvironment)
    throws(ClientRegistrationError)
  {
    guard uri.count <= 512, !uri.contains("#"), uri.allSatisfy({ $0.isASCII && !$0.isWhitespace }),
      let components = URLComponents(string: uri), let scheme = components.scheme?.lowercased(),
      let host = components.host, !host.isEmpty
    else {
      throw .redirectURI(
        "an absolute URL without a fragment or spaces, at most 512 characters (RFC 6749 §3.1.2)")
    }
    let loopback = ["localhost", "127.0.0.1", "[::1]", "::1"].contains(host.lowercased())
    switch scheme {
    case "https": return
    case "http" where loopback && environment == .test: return
    case "http" where loopback:
      throw .redirectURI("http:// only in a test store; a production store needs https://")
    default: throw .redirectURI("https://, or http://localhost in a test store")
    }
  }
}

extension ClientRegistration {
  /// Checks the logout URIs of a registration: each as a redirect URI (`checkRedirectURI`); the
  /// back-channel one's host must be the host of one of the redirect URIs (ID-porten, «Back-channel
  /// logout»: "its domain must match a redirect URI"), so logout tokens go only to the client's own server.
  /// - Throws: `ClientRegistrationError.logoutURI` naming the option and the rule.
  public static func checkLogoutURIs(
    frontchannel: String?, backchannel: String?, redirectURIs: [String], environment: StoreEnvironment
  ) throws(ClientRegistrationError) {
    for (option, uri) in [("frontchannel-logout-uri", frontchannel), ("backchannel-logout-uri", backchannel)]
    {
      guard let uri else { continue }
      do {
        try checkRedirectURI(uri, environment: environment)
      } catch {
        if case .redirectURI(let rule) = error { throw .logoutURI(option, rule) }
        throw error
      }
    }
    if let backchannel {
      let host = URLComponents(string: backchannel)?.host?.lowercased()
      let hosts = redirectURIs.compactMap { URLComponents(string: $0)?.host?.lowercased() }
      guard let host, hosts.contains(host) else {
        throw .logoutURI(
          "backchannel-logout-uri", "its host must be the host of one of the redirect URIs (ID-porten's rule)"
        )
      }
    }
  }
}

/// Refusals of a client registration, each naming the option and the rule.
public enum ClientRegistrationError: MinIDError, Equatable {
  case redirectURI(String)
  case noRedirectURI
  case jwksRequired
  case jwks(String)
  case lifetime(String)
  case scope(String)
  /// The option (`frontchannel-logout-uri`, `backchannel-logout-uri`) and the rule.
  case logoutURI(String, String)
  /// A client that authenticates without a secret (`private_key_jwt`, `none`) has none to rotate.
  case noSecret(ClientAuthenticationMethod)

  /// The stable snake_case code scripts match on (`MinIDError.code`).
  public var code: String {
    switch self {
    case .redirectURI, .noRedirectURI: "invalid_redirect_uri"
    case .jwksRequired, .jwks: "invalid_client_jwks"
    case .lifetime: "invalid_lifetime"
    case .scope: "invalid_scope"
    case .logoutURI: "invalid_logout_uri"
    case .noSecret: "no_client_secret"
    }
  }
  /// What kind of failure this is; the command line chooses the exit status from it.
  public var category: ErrorCategory { .invalidInput }
  /// The sentence shown: it names the field and the rule, never a secret or a full identity number.
  public var message: String {
    switch self {
    case .redirectURI(let rule): "redirect URI: \(rule)"
    case .noRedirectURI: "redirect URI: a client that logs people in needs at least one"
    case .jwksRequired: "jwks: private_key_jwt needs the client's public keys (a JWK Set)"
    case .jwks(let why): "jwks: \(why)"
    case .lifetime(let why): "lifetime: \(why)"
    case .scope(let why): "scope: \(why)"
    case .logoutURI(let option, let rule): "\(option): \(rule)"
    case .noSecret(let method):
      "client secret: a \(method.rawValue) client authenticates without one, so there is none to rotate"
    }
  }
}
