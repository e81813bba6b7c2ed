import MinIDKit

/// The frame of every login page: `lang`, a skip link, the language switch (a plain form: it works
/// without script), the service's name, the content, and Cancel. The answer is never cached or framed;
/// its policy loads nothing from outside and runs only the page's own script, by nonce. The logout pages
/// use the same frame without the login's parts (`PageContent.frameOrigins`).
enum PageLayout {
  static func render(_ content: PageContent, _ context: PageContext) -> HTTPResponse {
    let text = context.text
    let nonce = Base64.encode(SystemRandomSource().bytes(18), urlSafe: true)
    let languages = PageLanguage.allCases.map { language in
      let current = language == context.language
      return
        "<button type=\"submit\" name=\"lang\" value=\"\(language.rawValue)\" lang=\"\(language.rawValue)\""
        + (current ? " aria-current=\"true\" class=\"current\"" : "") + ">"
        + HTML.escaped(language.text.languageName) + "</button>"
    }
    let inLogin = content.frameOrigins == nil
    let switcher = HTML.form(
      context, "/authorize/page",
      HTML.hidden("step", content.step.rawValue) + content.state.map { HTML.hidden($0.0, $0.1) }.joined()
        + "<fieldset><legend>\(HTML.escaped(text.languageSwitch))</legend>\(languages.joined())</fieldset>",
      classes: "languages")
    let cancel = HTML.form(
      context, "/authorize/cancel",
      "<button type=\"submit\" class=\"secondary\">\(HTML.escaped(text.cancel))</button>", classes: "cancel")
    let refresh = content.refresh.map {
      // Only without script: a timed reload every few seconds would restart a screen reader on the page
      // (WCAG 2.2.1, 3.2.5), so with script the page's own script asks without reloading.
      "<noscript><meta http-equiv=\"refresh\" content=\"\($0.seconds);url=\(HTML.escaped($0.url))\">"
        + "</noscript>\n"
    }
    let service = "<p class=\"service\">\(HTML.escaped(PageText.fill(text.loginTo, context.service)))</p>"
    let script = content.script.map { "<script nonce=\"\(nonce)\">\($0)</script>" } ?? ""
    let html = """
      <!doctype html>
      <html lang="\(context.language.rawValue)"><head><meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      \(refresh ?? "")<title>\(HTML.escaped(content.title)) – MinID</title>
      <link rel="stylesheet" href="\(HTML.escaped(context.base))/pages.css"></head>
      <body><a class="skip" href="#main">\(HTML.escaped(text.skipToContent))</a>
      <header><p class="brand">MinID</p>\(inLogin ? switcher : "")</header>
      <main id="main">\(inLogin ? service : "")
      <h1>\(HTML.escaped(content.title))</h1>
      \(content.body)
      \(inLogin ? cancel : "")
      </main>\(script)</body></html>
      """
    var headers: [(name: String, value: String)] = [
      ("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-store"),
      (
        "Content-Security-Policy",
        content.frameOrigins.map { logoutPolicy(nonce: nonce, frameOrigins: $0) }
          ?? policy(nonce: nonce, redirectURI: context.redirectURI, polls: content.refresh != nil)
      ),
      ("X-Content-Type-Options", "nosniff"), ("X-Frame-Options", "DENY"), ("Referrer-Policy", "no-referrer"),
    ]
    headers += context.cookies.map { ("Set-Cookie", $0) }
    return HTTPResponse(status: content.status, headers: headers, body: Array(html.utf8))
  }

  /// Nothing from outside; script only by this answer's nonce; forms post to this server, whose answers
  /// may redirect to the client (browsers check `form-action` on the redirect too); never framed. A page
  /// that `polls` may ask this server (`connect-src 'self'`) and no other page may.
  static func policy(nonce: String, redirectURI: String, polls: Bool = false) -> String {
    "default-src 'none'; style-src 'self'; img-src 'self'; script-src 'nonce-\(nonce)'; "
      + (polls ? "connect-src 'self'; " : "")
      + "form-action 'self' \(WebOrigin.source(redirectURI)); frame-ancestors 'none'; base-uri 'none'"
  }

  /// The logout pages' policy: as a login page's, but frames only from `frameOrigins` (the session's
  /// clients, whose front-channel logout URIs the page loads) and no form may post.
  static func logoutPolicy(nonce: String, frameOrigins: [String]) -> String {
    "default-src 'none'; style-src 'self'; img-src 'self'; script-src 'nonce-\(nonce)'; frame-src "
      + (frameOrigins.isEmpty ? "'none'" : frameOrigins.joined(separator: " "))
      + "; form-action 'none'; frame-ancestors 'none'; base-uri 'none'"
  }

  /// A cookie as the pages set them: the issuer's path (`cookiePath`), `HttpOnly`, `SameSite=Lax`,
  /// `Secure` over https.
  static func cookie(_ name: String, _ value: String, publicURL: String, maxAge: Int? = nil) -> String {
    "\(name)=\(value); Path=\(cookiePath(publicURL)); HttpOnly; SameSite=Lax"
      + (maxAge.map { "; Max-Age=\($0)" } ?? "")
      + (publicURL.lowercased().hasPrefix("https:") ? "; Secure" : "")
  }

  /// The `Path` of minid's cookies: the issuer's path (`/idporten` for `https://host/idporten`), where
  /// every route lives, so another application on the same host never receives the session or browser
  /// cookie; `/` for an issuer at the root.
  static func cookiePath(_ publicURL: String) -> String {
    let path = ServeCommand.basePath(of: publicURL)
    return path.isEmpty ? "/" : path
  }
}
