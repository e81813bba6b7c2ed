import Foundation
import MinIDKit

/// The OpenID Connect endpoints of `minid serve`, at ID-porten's paths: each parses the request, calls
/// `OpenIDProvider` (or `AccountService` for the MinID login steps) and renders the answer. Everything that
/// hashes, signs or writes runs on the work lane.
enum OpenIDRoutes {
  static func register(in router: inout Router) {
    for method in ["GET", "POST"] {
      router.add(method, "/authorize", lane: .work) { try authorize($0, $1) }
      router.add(method, "/userinfo", lane: .work) { try userinfo($0, $1) }
    }
    PageRoutes.register(in: &router)
    router.add("POST", "/par", lane: .work) { try par($0, $1) }
    router.add("POST", "/token", lane: .work) { try token($0, $1) }
    router.add("POST", "/token/introspect", lane: .work) { try introspect($0, $1) }
    router.add("POST", "/token/revoke", lane: .work) { try revoke($0, $1) }
  }

  /// The cookie that binds the login pages to one browser (CSRF): random, `HttpOnly`, `SameSite=Lax`.
  static let browserCookie = "MINID_BROWSER"

  static func provider(_ context: HTTPWorkerContext) throws -> OpenIDProvider {
    OpenIDProvider(store: try context.store(), time: context.time, random: SystemRandomSource())
  }

  // MARK: authorize

  /// `/authorize`, GET or POST (OpenID Connect Core §3.1.2.1). A TestID `login_hint` in a test store answers
  /// at once with the code; otherwise the login pages begin (`PageRoutes.first`).
  private static func authorize(_ request: HTTPRequest, _ context: HTTPWorkerContext) throws -> HTTPResponse {
    let parameters: [String: String]
    do {
      parameters = try singleParameters(
        request.method == "POST" ? request.formParameters() : request.queryParameters())
    } catch let error as OAuthError {
      return LoginPages.error(error.description, status: 400)
    }
    let provider = try provider(context)
    let authorization: AuthorizationRequest
    do {
      authorization = try provider.authorizationRequest(parameters)
    } catch let error as OAuthError {
      guard error.redirectable, let redirect = parameters["redirect_uri"] else {
        return LoginPages.error(error.description, status: 400)
      }
      return render(
        provider.errorResponse(
          error, redirectURI: redirect, state: parameters["state"],
          mode: parameters["response_mode"] ?? "query"),
        clientID: parameters["client_id"])
    }
    do {
      // Single sign-on hook: TestID's hint, or a live session, answers without a page.
      if let answer = try SingleSignOn.answer(
        authorization, request: request, provider: provider, context: context)
      {
        return answer
      }
      // The MinID app's test hint (test stores only) logs a person with the app in without a page.
      if authorization.prompt != "none", let code = try provider.appHintLogin(authorization) {
        return render(provider.successResponse(authorization, code: code), clientID: authorization.clientID)
      }
    } catch let error as OAuthError {
      return render(
        provider.errorResponse(
          error, redirectURI: authorization.redirectURI, state: authorization.state,
          mode: authorization.responseMode),
        clientID: authorization.clientID)
    }
    let secret = request.cookie(browserCookie) ?? Base64.encode(SystemRandomSource().bytes(32), urlSafe: true)
    let id = try provider.beginLogin(authorization, browserSecret: secret)
    return try PageRoutes.first(
      authorization, login: id, browserSecret: secret, request: request, provider: provider, context: context)
  }

  /// The issuer's path (`/idp` for `https://host/idp`, empty at the root): the pages' forms post to
  /// path-absolute URLs under it, so they work wherever the browser reached the server.
  static func basePath(_ context: HTTPWorkerContext) -> String {
    URLComponents(string: context.publicURL)?.path ?? ""
  }

  static func serviceName(_ clientID: String, _ context: HTTPWorkerContext) throws -> String {
    try context.store().read { try $0.service(clientID: clientID) }?.name ?? clientID
  }

  /// The authorization response: a 302 to the redirect URI, or for `form_post` a page that posts the
  /// parameters there (OAuth 2.0 Form Post Response Mode).
  static func render(_ response: AuthorizationResponse, clientID: String?) -> HTTPResponse {
    var http =
      response.mode == "form_post"
      ? LoginPages.formPost(to: response.redirectURI, parameters: response.parameters)
      : .redirect(to: response.location)
    http.clientID = clientID
    return http
  }

  // MARK: back-channel endpoints

  private static func par(_ request: HTTPRequest, _ context: HTTPWorkerContext) throws -> HTTPResponse {
    try oauthJSON(request) { form, authorization in
      let (uri, expiresIn) = try provider(context).push(form: form, authorization: authorization)
      return (
        try .json(["request_uri": JSONValue.string(uri), "expires_in": .number(expiresIn)], status: 201),
        form["client_id"]
      )
    }
  }

  private static func token(_ request: HTTPRequest, _ context: HTTPWorkerContext) throws -> HTTPResponse {
    try oauthJSON(request) { form, authorization in
      var response = try HTTPResponse.json(
        try provider(context).token(form: form, authorization: authorization))
      response.headers.append(("Pragma", "no-cache"))
      return (response, form["client_id"])
    }
  }

  private static func introspect(_ request: HTTPRequest, _ context: HTTPWorkerContext) throws -> HTTPResponse
  {
    try oauthJSON(request) { form, authorization in
      (
        try .json(try provider(context).introspect(form: form, authorization: authorization)),
        form["client_id"]
      )
    }
  }

  private static func revoke(_ request: HTTPRequest, _ context: HTTPWorkerContext) throws -> HTTPResponse {
    try oauthJSON(request) { form, authorization in
      try provider(context).revoke(form: form, authorization: authorization)
      return (HTTPResponse(status: 200, headers: [("Cache-Control", "no-store")]), form["client_id"])
    }
  }

  /// `/userinfo` with a Bearer access token in the `Authorization` header (RFC 6750 §2.1).
  private static func userinfo(_ request: HTTPRequest, _ context: HTTPWorkerContext) throws -> HTTPResponse {
    guard let header = request.header("authorization"), header.lowercased().hasPrefix("bearer ") else {
      var response = HTTPResponse.jsonError(
        status: 401, code: "invalid_token", description: "a Bearer access token is required")
      response.headers.append(("WWW-Authenticate", "Bearer"))
      return response
    }
    do {
      return try .json(try provider(context).userinfo(bearer: String(header.dropFirst("bearer ".count))))
    } catch let error as OAuthError {
      var response = HTTPResponse.jsonError(
        status: error.status, code: error.error, description: error.description)
      response.headers.append(("WWW-Authenticate", "Bearer error=\"\(error.error)\""))
      return response
    }
  }

  /// A form-encoded back-channel request with client authentication; OAuth errors as JSON (RFC 6749 §5.2),
  /// 401 with `WWW-Authenticate` when the client failed to authenticate.
  private static func oauthJSON(
    _ request: HTTPRequest, _ body: ([String: String], String?) throws -> (HTTPResponse, String?)
  ) throws -> HTTPResponse {
    do {
      let form = try singleParameters(try formOrError(request))
      var (response, clientID) = try body(form, request.header("authorization"))
      response.clientID = clientID
      return response
    } catch let error as OAuthError {
      var response = HTTPResponse.jsonError(
        status: error.status, code: error.error, description: error.description)
      if error.status == 401 { response.headers.append(("WWW-Authenticate", "Basic realm=\"minid\"")) }
      return response
    }
  }

  static func formOrError(_ request: HTTPRequest) throws -> FormParameters {
    do {
      return try request.formParameters()
    } catch {
      throw OAuthError(
        "invalid_request", "the body must be application/x-www-form-urlencoded: \(error.description)")
    }
  }

  /// Parameters as a dictionary; a repeated one is refused (RFC 6749 §3.1, §3.2).
  static func singleParameters(_ parameters: FormParameters) throws -> [String: String] {
    if let repeated = parameters.repeatedNames.first {
      throw OAuthError("invalid_request", "the parameter '\(repeated.prefix(40))' is given more than once")
    }
    return Dictionary(parameters.pairs.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
  }
}
