import Foundation
import MinIDKit

/// The login pages' steps for the second factors beside SMS (decisions §9): the page that waits for the
/// MinID app and polls, the SMS fallback, and (in a test store, with `--auto-approve-app`) approval without
/// a device for CI, and the code generator's code. The password step hands over to `firstPage` when the
/// account has a device or a code generator.
enum SecondFactorRoutes {
  /// - Parameter autoApprove: approve every waiting app login at its first poll (test stores only; the
  ///   caller has refused it for a production store).
  static func register(in router: inout Router, autoApprove: Bool) {
    router.add("GET", "/authorize/minid/app", lane: .work) { try appStatus($0, $1, autoApprove: autoApprove) }
    router.add("POST", "/authorize/minid/sms", lane: .work) { try sms($0, $1) }
    router.add("POST", "/authorize/minid/totp", lane: .work) { try totp($0, $1) }
  }

  /// The page after a right password for an account whose login waits for the app or a code generator.
  static func firstPage(_ challenge: LoginChallenge, step: PageStep) -> HTTPResponse {
    let (base, login, token, service) = (step.page.base, step.login, step.page.token, step.page.service)
    var response: HTTPResponse
    if challenge.factor == .totp {
      response = SecondFactorPages.totpCode(
        base: base, login: login, token: token, attempt: challenge.loginID, service: service)
    } else {
      let now = step.context.time.timestamp.seconds
      response = SecondFactorPages.waitingForApp(
        base: base, login: login, token: token, attempt: challenge.loginID, service: service,
        secondsLeft: (challenge.approvalExpiresAt ?? challenge.expiresAt).seconds - now)
    }
    response.clientID = step.authorization.clientID
    return response
  }

  /// `GET /authorize/minid/app?login=…&attempt=…`, polled by the waiting page: the page again while the
  /// app has not answered, the code to the client once approved, `access_denied` once rejected, and the
  /// SMS choice once the time ran out.
  private static func appStatus(_ request: HTTPRequest, _ context: HTTPWorkerContext, autoApprove: Bool)
    throws
    -> HTTPResponse
  {
    let query: [String: String]
    let authorization: AuthorizationRequest
    let provider = try OpenIDRoutes.provider(context)
    do {
      query = try OpenIDRoutes.singleParameters(try request.queryParameters())
      authorization = try provider.pendingLogin(
        id: query["login"] ?? "", browserSecret: request.cookie(OpenIDRoutes.browserCookie))
    } catch let error as OAuthError {
      return LoginPages.error(error.description, status: 400)
    }
    let (login, attempt) = (query["login"] ?? "", query["attempt"] ?? "")
    let token = provider.formToken(
      login: login, browserSecret: request.cookie(OpenIDRoutes.browserCookie) ?? "")
    let service = try OpenIDRoutes.serviceName(authorization.clientID, context)
    let base = OpenIDRoutes.basePath(context)
    let accounts = AccountService(
      store: try context.store(), time: context.time, random: SystemRandomSource(), actor: .person)
    var response: HTTPResponse
    do {
      var status = try accounts.approvalStatus(loginID: attempt)
      if status == nil, autoApprove {
        try accounts.autoApprove(loginID: attempt)
        status = .approve
      }
      guard status != nil else {
        let left = try accounts.approvalExpiry(loginID: attempt).seconds - context.time.timestamp.seconds
        response = SecondFactorPages.waitingForApp(
          base: base, login: login, token: token, attempt: attempt, service: service, secondsLeft: left)
        response.clientID = authorization.clientID
        return response
      }
      return try finish(
        accounts, provider: provider, login: login, attempt: attempt, code: "", request: request,
        context: context)
    } catch SecondFactorError.rejected {
      return OpenIDRoutes.render(
        provider.errorResponse(
          OAuthError("access_denied", "the login was rejected in the MinID app"),
          redirectURI: authorization.redirectURI, state: authorization.state, mode: authorization.responseMode
        ),
        clientID: authorization.clientID)
    } catch SecondFactorError.approvalExpired {
      response = SecondFactorPages.appExpired(
        base: base, login: login, token: token, attempt: attempt, service: service)
    } catch let error as OAuthError {
      return LoginPages.error(error.description, status: 400)
    } catch let error as any MinIDError {
      return LoginPages.error(error.message, status: 400)
    }
    response.clientID = authorization.clientID
    return response
  }

  /// `POST /authorize/minid/totp`: the code generator's code; the code to the client, or the page again
  /// with the refusal (a wrong or reused code counts towards the lockout).
  private static func totp(_ request: HTTPRequest, _ context: HTTPWorkerContext) throws -> HTTPResponse {
    let step: PageStep
    switch try PageStep.resume(request, context) {
    case .success(let resumed): step = resumed
    case .failure(let page): return page.response
    }
    let accounts = AccountService(
      store: try context.store(), time: context.time, random: SystemRandomSource(), actor: .person)
    let (provider, login, attempt) = (step.provider, step.login, step.form["attempt"] ?? "")
    do {
      return try finish(
        accounts, provider: provider, login: login, attempt: attempt, code: step.form["code"] ?? "",
        request: request, context: context)
    } catch let error as OAuthError {
      return LoginPages.error(error.description, status: 400)
    } catch let error as any MinIDError {
      var response = SecondFactorPages.totpCode(
        base: OpenIDRoutes.basePath(context), login: login, token: step.page.token, attempt: attempt,
        service: try OpenIDRoutes.serviceName(step.authorization.clientID, context), message: error.message)
      response.status = 400
      response.clientID = step.authorization.clientID
      return response
    }
  }

  /// Completes the login in progress `login` with its attempt's second factor, starts the browser's single
  /// sign-on session as the SMS step does, and sends the code to the client.
  private static func finish(
    _ accounts: AccountService, provider: OpenIDProvider, login: String, attempt: String, code: String,
    request: HTTPRequest, context: HTTPWorkerContext
  ) throws -> HTTPResponse {
    let (finished, issued, session) = try accounts.completeLogin(loginID: attempt, code: code) {
      person, attempt, transaction in
      let done = try SingleSignOn.finishLogin(
        id: login, person: person, clientID: attempt.clientID, request: request, provider: provider,
        context: context, in: transaction)
      return (done, "authorization code for \(done.request.clientID)")
    }
    var response = OpenIDRoutes.render(
      provider.successResponse(finished, code: issued), clientID: finished.clientID)
    SessionCookie.set(session, on: &response, context: context)
    return response
  }

  /// `POST /authorize/minid/sms`: "use SMS instead"; the SMS code page follows.
  private static func sms(_ request: HTTPRequest, _ context: HTTPWorkerContext) throws -> HTTPResponse {
    let step: PageStep
    switch try PageStep.resume(request, context) {
    case .success(let resumed): step = resumed
    case .failure(let page): return page.response
    }
    let accounts = AccountService(
      store: try context.store(), time: context.time, random: SystemRandomSource(), actor: .person)
    let attempt = step.form["attempt"] ?? ""
    do {
      let challenge = try accounts.fallBackToSMS(loginID: attempt)
      return step.respond(CodePage.content(step.page, attempt: attempt, phone: challenge.maskedPhone))
    } catch let error as any MinIDError {
      return LoginPages.error(error.message, status: 400)
    }
  }
}
