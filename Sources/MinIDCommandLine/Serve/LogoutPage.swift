import Foundation
import MinIDKit

/// The pages of `/logout`: the one that tells every client of the session (hidden frames loading their
/// front-channel logout URIs) and then goes back to the service, and the one for a browser with no session.
/// Server-rendered in the login pages' frame (`PageLayout`) and the person's language; the redirect works
/// without script (a link, and a refresh inside `noscript`), and the small script that follows it once the
/// frames have loaded runs only by its nonce.
enum LogoutPage {
  /// How long the page waits for the frames before it goes on without them, in seconds.
  static let frameWaitSeconds = 3

  /// What the logout pages need of the page frame: where the style sheet is and the language (the
  /// person's own choice, the language cookie, else bokmål). No login is in progress.
  static func context(_ request: HTTPRequest, _ context: HTTPWorkerContext) throws -> PageContext {
    PageContext(
      base: OpenIDRoutes.basePath(context), login: "", token: "",
      language: PageLanguage.chosen(cookie: request.cookie(PageRoutes.languageCookie), uiLocale: nil),
      service: "", testStore: try context.store().settings.environment == .test, redirectURI: "")
  }

  /// The session was ended: the hidden frames load `frontChannel` (the policy frames only their origins),
  /// then the page goes on to `redirect` when there is one.
  static func loggedOut(frontChannel: [String], redirect: String?, page: PageContext) -> HTTPResponse {
    let text = page.text
    let frames = frontChannel.map {
      "<iframe src=\"\(HTML.escaped($0))\" title=\"\(HTML.escaped(text.logoutFrameTitle))\" hidden"
        + " width=\"0\" height=\"0\"></iframe>"
    }
    let script = """
      (function(){var a=document.getElementById('continue');if(!a)return;var gone=false;\
      var go=function(){if(!gone){gone=true;location.replace(a.href);}};\
      var f=document.querySelectorAll('iframe'),left=f.length;if(!left){go();return;}\
      f.forEach(function(e){e.addEventListener('load',function(){if(--left===0)go();});});\
      setTimeout(go,\(frameWaitSeconds * 1000));})();
      """
    let content = PageContent(
      title: text.loggedOutTitle, step: .logout,
      body: "<p>\(HTML.escaped(text.loggedOutText))</p>\n" + frames.joined(separator: "\n")
        + (redirect.map { backLink($0, text: text, id: "continue") } ?? ""),
      script: redirect == nil ? nil : script,
      refresh: redirect.map { (frameWaitSeconds, $0) },
      frameOrigins: Set(frontChannel.compactMap(WebOrigin.of)).sorted())
    return PageLayout.render(content, page)
  }

  /// A browser without a session (no cookie, or its session ended already): nothing was ended (400).
  static func noSession(redirect: String?, page: PageContext) -> HTTPResponse {
    let text = page.text
    let content = PageContent(
      title: text.noSessionTitle, step: .logout,
      body: "<div class=\"alert\" role=\"alert\"><p>\(HTML.escaped(text.noSession))</p></div>"
        + (redirect.map { backLink($0, text: text) } ?? ""),
      status: 400, frameOrigins: [])
    return PageLayout.render(content, page)
  }

  private static func backLink(_ uri: String, text: PageText, id: String? = nil) -> String {
    "<p><a" + (id.map { " id=\"\($0)\"" } ?? "") + " href=\"\(HTML.escaped(uri))\">"
      + "\(HTML.escaped(text.backToService))</a></p>"
  }
}
