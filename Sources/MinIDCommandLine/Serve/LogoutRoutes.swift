import MinIDKit

/// `/logout`, GET or POST (OpenID Connect RP-Initiated Logout 1.0; ID-porten, «OIDC logout»): checks the
/// request, ends the browser's session through `OpenIDProvider.logout`, hands the back-channel logout
/// tokens to the sender (off the loop), and renders the page whose hidden frames load every front-channel
/// logout URI before it goes on to the post-logout redirect.
enum LogoutRoutes {
  static func register(in router: inout Router) {
    for method in ["GET", "POST"] {
      router.add(method, "/logout", lane: .work) { try logout($0, $1) }
    }
  }

  private static func logout(_ request: HTTPRequest, _ context: HTTPWorkerContext) throws -> HTTPResponse {
    let provider = OpenIDProvider(
      store: try context.store(), time: context.time, random: SystemRandomSource())
    let endSession: EndSessionRequest
    do {
      let parameters = try OpenIDRoutes.singleParameters(
        request.method == "POST" ? try form(request) : try request.queryParameters())
      endSession = try provider.endSessionRequest(parameters)
    } catch let error as OAuthError {
      return LoginPages.error(error.description, status: 400)
    } catch let error as FormParameters.Malformed {
      return LoginPages.error("the request is malformed: \(error.description)", status: 400)
    }
    guard let outcome = try provider.logout(endSession, cookie: SessionCookie.value(in: request)) else {
      // ID-porten's case "no cookie": nothing to end, and the person is told so rather than redirected.
      var response = LogoutPage.noSession(
        redirect: endSession.redirect, page: try LogoutPage.context(request, context))
      SessionCookie.clear(on: &response, context: context)
      response.clientID = endSession.clientID
      return response
    }
    context.backChannel.send(outcome.backChannel)
    var response = LogoutPage.loggedOut(
      frontChannel: outcome.frontChannelURIs, redirect: endSession.redirect,
      page: try LogoutPage.context(request, context))
    SessionCookie.clear(on: &response, context: context)
    response.clientID = endSession.clientID
    return response
  }

  private static func form(_ request: HTTPRequest) throws -> FormParameters {
    do {
      return try request.formParameters()
    } catch {
      throw OAuthError("invalid_request", "the body must be application/x-www-form-urlencoded")
    }
  }
}
