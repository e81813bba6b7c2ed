import MinIDKit

/// A posted step of the login pages, resumed: its form, checked first for the anti-forgery token bound
/// to the browser's cookie, then the login in progress (this browser's, not expired or used) and its
/// authorization request, and the page context to answer in.
struct PageStep {
  let form: [String: String]
  let login: String
  let provider: OpenIDProvider
  let authorization: AuthorizationRequest
  var page: PageContext
  let context: HTTPWorkerContext
  /// The posted request, for its cookies (the single sign-on session's among them).
  let request: HTTPRequest

  /// The step, or the error page: 403 for a form without its token (or another browser's) or naming an
  /// attempt without that attempt's token for this login and browser, 400 for a
  /// form that is not one (a repeated field, another media type) or a login that expired or was used.
  static func resume(_ request: HTTPRequest, _ context: HTTPWorkerContext) throws -> Result<
    PageStep, ErrorPage
  > {
    let language = PageLanguage.chosen(cookie: request.cookie(PageRoutes.languageCookie), uiLocale: nil)
    do {
      let form = try OpenIDRoutes.singleParameters(try OpenIDRoutes.formOrError(request))
      let login = form["login"] ?? ""
      let provider = try OpenIDRoutes.provider(context)
      let secret = request.cookie(OpenIDRoutes.browserCookie)
      // A step naming a login attempt must carry that attempt's token for this login and browser: an
      // attempt id learnt elsewhere is refused before any code is checked, any SMS sent or approval used.
      guard provider.formTokenMatches(form["csrf"], login: login, browserSecret: secret),
        form["attempt"].map({
          provider.attemptTokenMatches(
            form["attempt_token"], login: login, attempt: $0, browserSecret: secret)
        }) ?? true
      else {
        return .failure(
          ErrorPage(response: LoginPages.error(language.text.formExpired, status: 403, language: language)))
      }
      let authorization: AuthorizationRequest
      do {
        authorization = try provider.pendingLogin(id: login, browserSecret: secret)
      } catch is OAuthError {
        return .failure(
          ErrorPage(response: LoginPages.error(language.text.loginExpired, status: 400, language: language)))
      }
      let page = PageContext(
        base: OpenIDRoutes.basePath(context), login: login, token: form["csrf"] ?? "",
        language: PageLanguage.chosen(
          cookie: request.cookie(PageRoutes.languageCookie), uiLocale: authorization.uiLocale),
        service: try OpenIDRoutes.serviceName(authorization.clientID, context),
        testStore: try context.store().settings.environment == .test, redirectURI: authorization.redirectURI,
        attemptToken: { [secret] in
          provider.attemptToken(login: login, attempt: $0, browserSecret: secret ?? "")
        })
      return .success(
        PageStep(
          form: form, login: login, provider: provider, authorization: authorization, page: page,
          context: context, request: request))
    } catch let error as OAuthError {
      return .failure(
        ErrorPage(response: LoginPages.error(error.description, status: 400, language: language)))
    }
  }

  /// The e-IDs this login may use.
  var offered: [ElectronicID] { provider.electronicIDs(for: authorization) }

  var accounts: AccountService {
    get throws {
      AccountService(
        store: try context.store(), time: context.time, random: SystemRandomSource(), actor: .person)
    }
  }

  func field(_ name: String) -> String { form[name] ?? "" }

  /// `content` in this step's frame, for the access log with the client's id.
  func respond(_ content: PageContent) -> HTTPResponse {
    var response = PageLayout.render(content, page)
    response.clientID = authorization.clientID
    return response
  }

  /// The refusal `error` in the page's language.
  func message(_ error: any Error) -> CitizenMessage { CitizenMessage(error, language: page.language) }
}

/// An error page as a `Result` failure.
struct ErrorPage: Error {
  let response: HTTPResponse
}
