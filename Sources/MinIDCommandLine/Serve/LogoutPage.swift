import Foundation
import MinIDKit

/// The pages of `/logout`: the one that tells every client of the session (hidden frames loading their
/// front-channel logout URIs) and then goes back to the service, and the one for a browser with no session.
/// Server-rendered; the redirect works without script (a link, and a refresh inside `noscript`), and the
/// small script that follows it once the frames have loaded runs only by its nonce.
enum LogoutPage {
  /// How long the page waits for the frames before it goes on without them, in seconds.
  static let frameWaitSeconds = 3

  static func loggedOut(frontChannel: [String], redirect: String?, nonce: String) -> HTTPResponse {
    let frames = frontChannel.map {
      "<iframe src=\"\(LoginPages.escaped($0))\" title=\"Utlogging\" hidden width=\"0\" height=\"0\"></iframe>"
    }
    let script = """
      (function(){var a=document.getElementById('continue');if(!a)return;var gone=false;\
      var go=function(){if(!gone){gone=true;location.replace(a.href);}};\
      var f=document.querySelectorAll('iframe'),left=f.length;if(!left){go();return;}\
      f.forEach(function(e){e.addEventListener('load',function(){if(--left===0)go();});});\
      setTimeout(go,\(frameWaitSeconds * 1000));})();
      """
    let refresh = redirect.map {
      "<noscript><meta http-equiv=\"refresh\" content=\"\(frameWaitSeconds);url=\(LoginPages.escaped($0))\"></noscript>"
    }
    let html = """
      <!doctype html>
      <html lang="nb"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
      <title>Du er logget ut</title>\(refresh ?? "")</head>
      <body><main><h1>Du er logget ut</h1>
      <p>Du er logget ut av ID-porten og av tjenestene du brukte.</p>
      \(frames.joined(separator: "\n"))
      \(redirect.map { "<p><a id=\"continue\" href=\"\(LoginPages.escaped($0))\">Tilbake til tjenesten</a></p>" } ?? "")
      <script nonce="\(nonce)">\(script)</script>
      </main></body></html>
      """
    let origins = Set(frontChannel.compactMap(WebOrigin.of)).sorted()
    return HTTPResponse.html(
      html,
      policy: "default-src 'none'; script-src 'nonce-\(nonce)'; frame-src "
        + (origins.isEmpty ? "'none'" : origins.joined(separator: " "))
        + "; form-action 'none'; frame-ancestors 'none'",
      headers: [("Referrer-Policy", "no-referrer")])
  }

  /// A browser without a session (no cookie, or its session ended already): nothing was ended.
  static func noSession(redirect: String?) -> HTTPResponse {
    var response = LoginPages.error(
      "Du har ingen aktiv innlogging i denne nettleseren, så det er ingenting å logge ut av.", status: 400)
    if let redirect {
      let link = "<p><a href=\"\(LoginPages.escaped(redirect))\">Tilbake til tjenesten</a></p></main>"
      response.body = Array(
        String(decoding: response.body, as: UTF8.self).replacingOccurrences(
          of: "</main>", with: link
        ).utf8)
    }
    return response
  }
}
