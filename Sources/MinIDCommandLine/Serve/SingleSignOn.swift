import MinIDKit

/// The single sign-on part of `/authorize` and of a finished login: the library decides
/// (`OpenIDProvider.answerFromSession`, `startSession`), this sets and reads the session cookie.
enum SingleSignOn {
  /// The answer to an authorization request without a login page, if there is one: a TestID hint logs in
  /// anew (a new session), otherwise a live session gives a code at once. nil: the person must log in.
  /// - Throws: `OAuthError` to be redirected to the client (`login_required`, `access_denied`, TestID's).
  static func answer(
    _ authorization: AuthorizationRequest, request: HTTPRequest, provider: OpenIDProvider,
    context: HTTPWorkerContext
  ) throws -> HTTPResponse? {
    let cookie = SessionCookie.value(in: request)
    if authorization.prompt != "none",
      let (code, started) = try provider.testIDLogin(
        authorization, policy: context.sessionPolicy, previousCookie: cookie)
    {
      var response = OpenIDRoutes.render(
        provider.successResponse(authorization, code: code), clientID: authorization.clientID)
      SessionCookie.set(started, on: &response, context: context)
      return response
    }
    switch try provider.answerFromSession(authorization, cookie: cookie) {
    case .code(let code):
      return OpenIDRoutes.render(
        provider.successResponse(authorization, code: code), clientID: authorization.clientID)
    case .login:
      return nil
    }
  }

  /// Inside the transaction that completes a login on the pages: starts the browser's session and
  /// finishes the login with a code that belongs to it.
  static func finishLogin(
    id: String, person: AuthenticatedPerson, clientID: String, request: HTTPRequest,
    provider: OpenIDProvider, context: HTTPWorkerContext, in transaction: any StoreTransaction
  ) throws -> (request: AuthorizationRequest, code: String, session: StartedSession) {
    let started = try provider.startSession(
      for: person, policy: context.sessionPolicy, previousCookie: SessionCookie.value(in: request),
      in: transaction)
    let done = try provider.finishLogin(
      id: id, person: person, clientID: clientID, sessionID: started.session.id, in: transaction)
    return (done.request, done.code, started)
  }
}
