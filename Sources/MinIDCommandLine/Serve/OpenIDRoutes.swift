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
    router.add("POST", "/authorize/minid/password", lane: .work) { try minidPassword($0, $1) }
    router.add("POST", "/authorize/minid/code", lane: .work) { try minidCode($0, $1) }
    router.add("POST", "/par", lane: .work) { try par($0, $1) }
    router.add("POST", "/token", lane: .work) { try token($0, $1) }
    router.add("POST", "/token/introspect", lane: .work) { try introspect($0, $1) }
    router.add("POST", "/token/revoke", lane: .work) { try revoke($0, $1) }
  }

  /// The cookie that binds the login pages to one browser (CSRF): random, `HttpOnly`, `SameSite=Lax`.
  static let browserCookie = "MINID_BROWSER"

  private static func provider(_ context: HTTPWorkerContext) throws -> OpenIDProvider {
    OpenIDProvider(store: try context.store(), time: context.time, random: SystemRandomSource())
  }

  // MARK: authorize

  /// `/authorize`, GET or POST (OpenID Connect Core §3.1.2.1). A TestID `login_hint` in a test store answers
  /// at once with the code; otherwise the MinID login page.
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
      if authorization.prompt == "none" {
        // No single sign-on session exists yet, so a login without a page cannot happen.
        throw OAuthError("login_required", "prompt=none: no session to log in silently with")
      }
      if let code = try provider.testIDLogin(authorization) {
        return render(provider.successResponse(authorization, code: code), clientID: authorization.clientID)
      }
      guard authorization.acr <= .substantial else {
        throw OAuthError(
          "access_denied",
          "the service needs level 4 (idporten-loa-high): BankID, Buypass ID or Commfides, which this provider does not offer; MinID is level 3"
        )
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
    var response = LoginPages.password(
      base: basePath(context), login: id, service: try serviceName(authorization.clientID, context),
      message: nil)
    response.headers.append(
      (
        "Set-Cookie",
        "\(browserCookie)=\(secret); Path=/; HttpOnly; SameSite=Lax"
          + (context.publicURL.hasPrefix("https:") ? "; Secure" : "")
      ))
    response.clientID = authorization.clientID
    return response
  }

  /// A posted step of the login pages, resumed: its form, the login in progress (checked against the
  /// browser's cookie) and its authorization request.
  struct PageStep {
    let form: [String: String]
    let login: String
    let provider: OpenIDProvider
    let authorization: AuthorizationRequest

    /// The step, or the error page for a form that is not one (a repeated field, another media type), or
    /// a login that has expired, was used, or is another browser's.
    static func resume(_ request: HTTPRequest, _ context: HTTPWorkerContext) throws -> Result<
      PageStep, ErrorPage
    > {
      do {
        let form = try singleParameters(try formOrError(request))
        let login = form["login"] ?? ""
        let provider = try OpenIDRoutes.provider(context)
        let authorization = try provider.pendingLogin(id: login, browserSecret: request.cookie(browserCookie))
        return .success(PageStep(form: form, login: login, provider: provider, authorization: authorization))
      } catch let error as OAuthError {
        return .failure(ErrorPage(response: LoginPages.error(error.description, status: 400)))
      }
    }
  }

  /// An error page as a `Result` failure.
  struct ErrorPage: Error {
    let response: HTTPResponse
  }

  /// The MinID password step of the login page.
  private static func minidPassword(_ request: HTTPRequest, _ context: HTTPWorkerContext) throws
    -> HTTPResponse
  {
    let step: PageStep
    switch try PageStep.resume(request, context) {
    case .success(let resumed): step = resumed
    case .failure(let page): return page.response
    }
    let (form, id, authorization) = (step.form, step.login, step.authorization)
    let service = try serviceName(authorization.clientID, context)
    let accounts = AccountService(
      store: try context.store(), time: context.time, random: SystemRandomSource(), actor: .person)
    do {
      let challenge = try accounts.startLogin(
        pid: form["pid"] ?? "", clientID: authorization.clientID, password: Secret(form["password"] ?? ""))
      var response = LoginPages.code(
        base: basePath(context), login: id, attempt: challenge.loginID, service: service,
        phone: challenge.maskedPhone, message: nil)
      response.clientID = authorization.clientID
      return response
    } catch let error as any MinIDError {
      var response = LoginPages.password(
        base: basePath(context), login: id, service: service, message: error.message)
      response.status = 400
      response.clientID = authorization.clientID
      return response
    }
  }

  /// The MinID SMS-code step: on success the code goes back to the client.
  private static func minidCode(_ request: HTTPRequest, _ context: HTTPWorkerContext) throws -> HTTPResponse {
    let step: PageStep
    switch try PageStep.resume(request, context) {
    case .success(let resumed): step = resumed
    case .failure(let page): return page.response
    }
    let (form, id, provider, authorization) = (step.form, step.login, step.provider, step.authorization)
    let accounts = AccountService(
      store: try context.store(), time: context.time, random: SystemRandomSource(), actor: .person)
    do {
      let (finished, code) = try accounts.completeLogin(
        loginID: form["attempt"] ?? "", code: form["code"] ?? ""
      ) {
        person, attempt, transaction in
        let done = try provider.finishLogin(
          id: id, person: person, clientID: attempt.clientID, in: transaction)
        return ((done.request, done.code), "authorization code for \(done.request.clientID)")
      }
      return render(provider.successResponse(finished, code: code), clientID: finished.clientID)
    } catch let error as OAuthError {
      return LoginPages.error(error.description, status: 400)
    } catch let error as any MinIDError {
      var response = LoginPages.code(
        base: basePath(context), login: id, attempt: form["attempt"] ?? "",
        service: try serviceName(authorization.clientID, context),
        phone: nil, message: error.message)
      response.status = 400
      response.clientID = authorization.clientID
      return response
    }
  }

  /// The issuer's path (`/idp` for `https://host/idp`, empty at the root): the pages' forms post to
  /// path-absolute URLs under it, so they work wherever the browser reached the server.
  private static func basePath(_ context: HTTPWorkerContext) -> String {
    URLComponents(string: context.publicURL)?.path ?? ""
  }

  private static func serviceName(_ clientID: String, _ context: HTTPWorkerContext) throws -> String {
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

  private static func formOrError(_ request: HTTPRequest) throws -> FormParameters {
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
