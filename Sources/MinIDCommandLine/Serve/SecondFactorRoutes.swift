import Foundation
import MinIDKit

/// The login pages' steps for the second factors beside SMS (decisions §9): the page that waits for the
/// MinID app and polls, the SMS fallback, and (in a test store, with `--auto-approve-app`) approval without
/// a device for CI, and the code generator's code. The password step hands over to `firstPage` when the
/// account has a device or a code generator; the pages themselves are `AppApprovalPage` and
/// `CodeGeneratorPage`.
enum SecondFactorRoutes {
  /// - Parameter autoApprove: approve every waiting app login at its first poll (test stores only; the
  ///   caller has refused it for a production store).
  static func register(in router: inout Router, autoApprove: Bool) {
    router.add("GET", "/authorize/minid/app", lane: .work) { try appStatus($0, $1, autoApprove: autoApprove) }
    router.add("GET", "/authorize/minid/app/status", lane: .work) {
      try waiting($0, $1, autoApprove: autoApprove)
    }
    PageRoutes.registerSteps([("/authorize/minid/sms", sms), ("/authorize/minid/totp", totp)], in: &router)
  }

  /// The page after a right password for an account whose login waits for the app or a code generator.
  static func firstPage(_ challenge: LoginChallenge, step: PageStep) -> HTTPResponse {
    if challenge.factor == .totp {
      return step.respond(CodeGeneratorPage.content(step.page, attempt: challenge.loginID))
    }
    let left =
      (challenge.approvalExpiresAt ?? challenge.expiresAt).seconds - step.context.time.timestamp.seconds
    return step.respond(AppApprovalPage.waiting(step.page, attempt: challenge.loginID, secondsLeft: left))
  }

  /// The step of `attempt` shown again (the language switch): the app's waiting or time-ran-out page, the
  /// code generator's page, or the SMS code page once the person chose SMS; the password page for an
  /// attempt that is not this login's or is over.
  static func show(_ step: PageStep, attempt: String) throws -> HTTPResponse {
    let accounts = try step.accounts
    guard let challenge = try accounts.pendingChallenge(loginID: attempt),
      challenge.clientID == step.authorization.clientID
    else { return step.respond(PasswordPage.content(step.page)) }
    switch try accounts.waitingFactor(loginID: attempt) {
    case .totp?: return step.respond(CodeGeneratorPage.content(step.page, attempt: attempt))
    case .app?:
      return step.respond(try appPage(accounts, page: step.page, attempt: attempt, time: step.context.time))
    case nil: return step.respond(CodePage.content(step.page, attempt: attempt, phone: challenge.maskedPhone))
    }
  }

  /// The app's page while the login waits, or "time ran out" once it stopped waiting.
  private static func appPage(
    _ accounts: AccountService, page: PageContext, attempt: String, time: any TimeSource
  )
    throws -> PageContent
  {
    do {
      _ = try accounts.approvalStatus(loginID: attempt)
    } catch SecondFactorError.approvalExpired {
      return AppApprovalPage.expired(page, attempt: attempt)
    }
    let left = try accounts.approvalExpiry(loginID: attempt).seconds - time.timestamp.seconds
    return AppApprovalPage.waiting(page, attempt: attempt, secondsLeft: left)
  }

  /// `GET /authorize/minid/app/status?login=…&attempt=…`, asked by the waiting page's script:
  /// `{"waiting": true}` while the app has not answered and the time has not run out, else
  /// `{"waiting": false}` (the script then loads the poll, which finishes the login or shows what
  /// happened; an auto-approving server answers false at once). Reads only; 400 for a login that is not
  /// this browser's, 403 for an attempt without its token for this login and browser.
  private static func waiting(_ request: HTTPRequest, _ context: HTTPWorkerContext, autoApprove: Bool)
    throws -> HTTPResponse
  {
    let provider = try OpenIDRoutes.provider(context)
    let query: [String: String]
    let browserSecret = request.cookie(OpenIDRoutes.browserCookie)
    do {
      query = try OpenIDRoutes.singleParameters(try request.queryParameters())
      _ = try provider.pendingLogin(id: query["login"] ?? "", browserSecret: browserSecret)
    } catch let error as OAuthError {
      return .jsonError(status: 400, code: error.error, description: error.description)
    }
    guard bound(query, provider: provider, browserSecret: browserSecret) else {
      return .jsonError(
        status: 403, code: "access_denied", description: "the attempt is not this browser's login's")
    }
    let accounts = AccountService(
      store: try context.store(), time: context.time, random: SystemRandomSource(), actor: .person)
    let waits: Bool
    do {
      waits = try accounts.approvalStatus(loginID: query["attempt"] ?? "") == nil && !autoApprove
    } catch is any MinIDError {
      waits = false
    }
    return try .json(["waiting": waits])
  }

  /// `GET /authorize/minid/app?login=…&attempt=…`, polled by the waiting page: the page again while the
  /// app has not answered, the code to the client once approved, `access_denied` once rejected, and the
  /// SMS choice once the time ran out. 403 ("form expired") for an attempt without its token for this
  /// login and browser, before the approval is read or used.
  private static func appStatus(_ request: HTTPRequest, _ context: HTTPWorkerContext, autoApprove: Bool)
    throws
    -> HTTPResponse
  {
    let provider = try OpenIDRoutes.provider(context)
    let browserSecret = request.cookie(OpenIDRoutes.browserCookie)
    var language = PageLanguage.chosen(cookie: request.cookie(PageRoutes.languageCookie), uiLocale: nil)
    let query: [String: String]
    let authorization: AuthorizationRequest
    do {
      query = try OpenIDRoutes.singleParameters(try request.queryParameters())
      authorization = try provider.pendingLogin(id: query["login"] ?? "", browserSecret: browserSecret)
    } catch is OAuthError {
      return LoginPages.error(language.text.loginExpired, status: 400, language: language)
    }
    language = PageLanguage.chosen(
      cookie: request.cookie(PageRoutes.languageCookie), uiLocale: authorization.uiLocale)
    guard bound(query, provider: provider, browserSecret: browserSecret) else {
      return LoginPages.error(language.text.formExpired, status: 403, language: language)
    }
    let (login, attempt) = (query["login"] ?? "", query["attempt"] ?? "")
    let page = PageContext(
      base: OpenIDRoutes.basePath(context), login: login,
      token: provider.formToken(login: login, browserSecret: browserSecret ?? ""), language: language,
      service: try OpenIDRoutes.serviceName(authorization.clientID, context),
      testStore: try context.store().settings.environment == .test, redirectURI: authorization.redirectURI,
      attemptToken: { provider.attemptToken(login: login, attempt: $0, browserSecret: browserSecret ?? "") })
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
        response = PageLayout.render(
          try appPage(accounts, page: page, attempt: attempt, time: context.time), page)
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
      response = PageLayout.render(AppApprovalPage.expired(page, attempt: attempt), page)
    } catch is OAuthError {
      return LoginPages.error(language.text.loginExpired, status: 400, language: language)
    } catch let error as any MinIDError {
      return LoginPages.error(CitizenMessage(error, language: language).text, status: 400, language: language)
    }
    response.clientID = authorization.clientID
    return response
  }

  /// Whether the poll's query carries the token binding its attempt to its login and this browser (forms
  /// are checked in `PageStep.resume`).
  private static func bound(_ query: [String: String], provider: OpenIDProvider, browserSecret: String?)
    -> Bool
  {
    provider.attemptTokenMatches(
      query["attempt_token"], login: query["login"] ?? "", attempt: query["attempt"] ?? "",
      browserSecret: browserSecret)
  }

  /// `POST /authorize/minid/totp`: the code generator's code; the code to the client, or the page again
  /// with the refusal tied to the code field (a wrong or reused code counts towards the lockout).
  private static func totp(_ step: PageStep) throws -> HTTPResponse {
    let attempt = step.field("attempt")
    do {
      return try finish(
        try step.accounts, provider: step.provider, login: step.login, attempt: attempt,
        code: step.field("code"), request: step.request, context: step.context)
    } catch is OAuthError {
      return LoginPages.error(step.page.text.loginExpired, status: 400, language: step.page.language)
    } catch let error as any MinIDError {
      return step.respond(
        CodeGeneratorPage.content(step.page, attempt: attempt, message: step.message(error)))
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
  private static func sms(_ step: PageStep) throws -> HTTPResponse {
    let attempt = step.field("attempt")
    do {
      let challenge = try step.accounts.fallBackToSMS(loginID: attempt)
      return step.respond(CodePage.content(step.page, attempt: attempt, phone: challenge.maskedPhone))
    } catch let error as any MinIDError {
      return LoginPages.error(step.message(error).text, status: 400, language: step.page.language)
    }
  }
}
