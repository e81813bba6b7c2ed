import MinIDKit

/// The login pages' routes: the e-ID choice, MinID's password and SMS steps, forgotten password,
/// activation, TestID, the language switch and Cancel. Each resumes the login through `PageStep` (form
/// token first), calls the same library operations as the command line (`AccountService`,
/// `OpenIDProvider`) and renders a page; every form posts, so nothing secret is ever in a URL.
enum PageRoutes {
  /// The cookie that remembers the person's language (the role of ID-porten's
  /// `IDPORTEN_SELECTED_LANGUAGE`): a year.
  static let languageCookie = "MINID_SELECTED_LANGUAGE"

  static func register(in router: inout Router) {
    router.add("GET", "/pages.css", lane: .fast) { _, _ in PageStyle.response() }
    let steps: [(String, @Sendable (PageStep) throws -> HTTPResponse)] = [
      // The steps that compute scrypt take turns (PasswordWork), so logins leave a core to the JWKS.
      ("/authorize/page", show), ("/authorize/minid/password", PasswordWork.bounded(password)),
      ("/authorize/minid/code", code), ("/authorize/minid/resend", resend),
      ("/authorize/minid/recover", recover),
      ("/authorize/minid/recover/finish", PasswordWork.bounded(finishRecovery)),
      ("/authorize/minid/activate", PasswordWork.bounded(activate)),
      ("/authorize/testid", testID), ("/authorize/cancel", cancel),
    ]
    registerSteps(steps, in: &router)
  }

  /// Each step as a `POST` route that resumes the login (form token first) before the step runs.
  static func registerSteps(
    _ steps: [(String, @Sendable (PageStep) throws -> HTTPResponse)], in router: inout Router
  ) {
    for (path, step) in steps {
      router.add("POST", path, lane: .work) { request, context in
        switch try PageStep.resume(request, context) {
        case .success(let resumed): return try step(resumed)
        case .failure(let page): return page.response
        }
      }
    }
  }

  /// The first page of a login `/authorize` has begun: the choice, or the one e-ID `acr_values` leaves.
  static func first(
    _ authorization: AuthorizationRequest, login: String, browserSecret: String, request: HTTPRequest,
    provider: OpenIDProvider, context: HTTPWorkerContext
  ) throws -> HTTPResponse {
    let page = PageContext(
      base: OpenIDRoutes.basePath(context), login: login,
      token: provider.formToken(login: login, browserSecret: browserSecret),
      language: PageLanguage.chosen(cookie: request.cookie(languageCookie), uiLocale: authorization.uiLocale),
      service: try OpenIDRoutes.serviceName(authorization.clientID, context),
      testStore: try context.store().settings.environment == .test, redirectURI: authorization.redirectURI,
      cookies: [PageLayout.cookie(OpenIDRoutes.browserCookie, browserSecret, publicURL: context.publicURL)],
      attemptToken: { provider.attemptToken(login: login, attempt: $0, browserSecret: browserSecret) })
    let content: PageContent
    switch provider.skipsChoice(authorization) {
    case .minid?: content = PasswordPage.content(page)
    case .testid?: content = TestIDPage.content(page, minimum: authorization.acr)
    case nil: content = ChoicePage.content(page, offered: provider.electronicIDs(for: authorization))
    }
    var response = PageLayout.render(content, page)
    response.clientID = authorization.clientID
    return response
  }

  // MARK: steps

  /// Shows a step again: a button of the choice or a link between steps, or the language switch (which
  /// remembers the language in its cookie). A step the login may not use shows the choice instead.
  static func show(_ step: PageStep) throws -> HTTPResponse {
    var step = step
    if let language = PageLanguage(rawValue: step.field("lang")) {
      step.page.language = language
      step.page.cookies.append(
        PageLayout.cookie(
          languageCookie, language.rawValue, publicURL: step.context.publicURL, maxAge: 31_536_000))
    }
    let page = step.page
    let minid = step.offered.contains(.minid)
    switch PageContent.Step(rawValue: step.field("step")) {
    case .minid? where minid: return step.respond(PasswordPage.content(page))
    case .recover? where minid: return step.respond(RecoveryPages.start(page))
    case .recoverCodes? where minid: return step.respond(RecoveryPages.codes(page, pid: step.field("pid")))
    case .activate? where minid: return step.respond(ActivationPage.content(page))
    case .code? where minid:
      let challenge = try step.accounts.pendingChallenge(loginID: step.field("attempt"))
      guard let challenge, challenge.clientID == step.authorization.clientID else {
        return step.respond(PasswordPage.content(page))
      }
      return step.respond(CodePage.content(page, attempt: challenge.loginID, phone: challenge.maskedPhone))
    case .app? where minid, .totp? where minid:
      return try SecondFactorRoutes.show(step, attempt: step.field("attempt"))
    case .testid? where step.offered.contains(.testid):
      return step.respond(TestIDPage.content(page, minimum: step.authorization.acr))
    default:
      return step.respond(ChoicePage.content(page, offered: step.offered))
    }
  }

  /// MinID, identity number and password: the SMS goes out and the code page follows.
  static func password(_ step: PageStep) throws -> HTTPResponse {
    guard step.offered.contains(.minid) else {
      return step.respond(ChoicePage.content(step.page, offered: step.offered))
    }
    do {
      let challenge = try step.accounts.startLogin(
        pid: step.field("pid"), clientID: step.authorization.clientID,
        password: Secret(step.field("password")))
      // Second factors beside SMS (the MinID app, a code generator) have their pages in SecondFactorRoutes.
      if challenge.factor != nil {
        return SecondFactorRoutes.firstPage(challenge, step: step)
      }
      return step.respond(
        CodePage.content(step.page, attempt: challenge.loginID, phone: challenge.maskedPhone))
    } catch let error as any MinIDError {
      return step.respond(
        PasswordPage.content(step.page, pid: step.field("pid"), message: step.message(error)))
    }
  }

  /// MinID, the SMS code: on success the code goes back to the client.
  static func code(_ step: PageStep) throws -> HTTPResponse {
    let attempt = step.field("attempt")
    do {
      let (finished, code, session) = try step.accounts.completeLogin(
        loginID: attempt, code: step.field("code")
      ) {
        person, loginAttempt, transaction in
        // Single sign-on hook: the login starts the browser's session, and the code belongs to it.
        let done = try SingleSignOn.finishLogin(
          id: step.login, person: person, clientID: loginAttempt.clientID, request: step.request,
          provider: step.provider, context: step.context, in: transaction)
        return (done, "authorization code for \(done.request.clientID)")
      }
      var response = OpenIDRoutes.render(
        step.provider.successResponse(finished, code: code), clientID: finished.clientID)
      SessionCookie.set(session, on: &response, context: step.context)
      return response
    } catch let error as OAuthError {
      return LoginPages.error(error.description, status: 400, language: step.page.language)
    } catch let error as any MinIDError {
      let phone = try step.accounts.pendingChallenge(loginID: attempt)?.maskedPhone
      return step.respond(
        CodePage.content(step.page, attempt: attempt, phone: phone, message: step.message(error)))
    }
  }

  /// "Send a new code": a new attempt replaces the old, within the code-request limit.
  static func resend(_ step: PageStep) throws -> HTTPResponse {
    let attempt = step.field("attempt")
    do {
      let challenge = try step.accounts.resendLoginCode(loginID: attempt)
      return step.respond(
        CodePage.content(
          step.page, attempt: challenge.loginID, phone: challenge.maskedPhone,
          notice: step.page.text.newCodeSent))
    } catch let error as any MinIDError {
      let phone = try step.accounts.pendingChallenge(loginID: attempt)?.maskedPhone
      return step.respond(
        CodePage.content(step.page, attempt: attempt, phone: phone, message: step.message(error)))
    }
  }

  /// Forgotten password, step one: the codes go out (or, for a number without MinID, nothing, with the
  /// same page).
  static func recover(_ step: PageStep) throws -> HTTPResponse {
    do {
      _ = try step.accounts.startRecovery(pid: step.field("pid"))
      return step.respond(RecoveryPages.codes(step.page, pid: step.field("pid")))
    } catch let error as any MinIDError {
      return step.respond(
        RecoveryPages.start(step.page, pid: step.field("pid"), message: step.message(error)))
    }
  }

  /// Forgotten password, step two: both codes and the new password; then back to the password step.
  static func finishRecovery(_ step: PageStep) throws -> HTTPResponse {
    do {
      _ = try step.accounts.completeRecovery(
        pid: step.field("pid"), smsCode: step.field("sms_code"), emailCode: step.field("email_code"),
        password: Secret(step.field("new_password")))
      return step.respond(
        PasswordPage.content(step.page, pid: step.field("pid"), notice: step.page.text.passwordChanged))
    } catch let error as any MinIDError {
      return step.respond(
        RecoveryPages.codes(step.page, pid: step.field("pid"), message: step.message(error)))
    }
  }

  /// Activate MinID with the letter's code and a first password; then the password step.
  static func activate(_ step: PageStep) throws -> HTTPResponse {
    do {
      _ = try step.accounts.activate(
        pid: step.field("pid"), code: step.field("letter_code"), password: Secret(step.field("new_password")))
      return step.respond(
        PasswordPage.content(step.page, pid: step.field("pid"), notice: step.page.text.activated))
    } catch let error as any MinIDError {
      return step.respond(
        ActivationPage.content(step.page, pid: step.field("pid"), message: step.message(error)))
    }
  }

  /// TestID (test store only): a synthetic person by number, or a new one, at the level chosen.
  static func testID(_ step: PageStep) throws -> HTTPResponse {
    guard step.offered.contains(.testid) else {
      return step.respond(ChoicePage.content(step.page, offered: step.offered))
    }
    let level = SecurityLevel(rawValue: step.field("level")) ?? step.authorization.acr
    do {
      let (finished, code, session) = try step.provider.finishTestIDLogin(
        id: step.login, pid: step.form["create"] == nil ? step.field("pid") : nil, level: level,
        policy: step.context.sessionPolicy, previousCookie: SessionCookie.value(in: step.request))
      var response = OpenIDRoutes.render(
        step.provider.successResponse(finished, code: code), clientID: finished.clientID)
      SessionCookie.set(session, on: &response, context: step.context)
      return response
    } catch let error as OAuthError where !error.redirectable {
      return LoginPages.error(error.description, status: 400, language: step.page.language)
    } catch is OAuthError {
      return step.respond(
        TestIDPage.content(
          step.page, minimum: step.authorization.acr,
          message: CitizenMessage(text: step.page.text.testidOnlySynthetic, field: .pid)))
    }
  }

  /// Cancel: back to the client with `access_denied`.
  static func cancel(_ step: PageStep) throws -> HTTPResponse {
    do {
      return OpenIDRoutes.render(
        try step.provider.cancelLogin(id: step.login), clientID: step.authorization.clientID)
    } catch let error as OAuthError {
      return LoginPages.error(error.description, status: 400, language: step.page.language)
    }
  }
}
