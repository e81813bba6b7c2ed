import MinIDKit

/// The minimal MinID login pages `minid serve` shows: identity number and password, then the SMS code;
/// an error page; and the form that posts a `form_post` response. Server-rendered HTML, nothing loaded from
/// outside, every value escaped. (The full, bilingual pages with the e-ID choice are the next step.)
enum LoginPages {
  /// The identity number and password form.
  static func password(base: String, login: String, service: String, message: String?) -> HTTPResponse {
    page(
      title: "Logg inn med MinID",
      body: """
        <p>Innlogging til <strong>\(escaped(service))</strong></p>
        \(notice(message))
        <form method="post" action="\(escaped(base))/authorize/minid/password">
        <input type="hidden" name="login" value="\(escaped(login))">
        <p><label for="pid">Fødselsnummer eller d-nummer (11 siffer)</label><br>
        <input id="pid" name="pid" inputmode="numeric" autocomplete="username" required></p>
        <p><label for="password">Passord</label><br>
        <input id="password" name="password" type="password" autocomplete="current-password" required></p>
        <p><button type="submit">Neste</button></p>
        </form>
        """)
  }

  /// The SMS code form.
  static func code(
    base: String, login: String, attempt: String, service: String, phone: String?, message: String?
  )
    -> HTTPResponse
  {
    page(
      title: "Engangskode fra SMS",
      body: """
        <p>Innlogging til <strong>\(escaped(service))</strong></p>
        \(phone.map { "<p>Vi har sendt en engangskode til \(escaped($0)). Den gjelder i 5 minutter.</p>" } ?? "")
        \(notice(message))
        <form method="post" action="\(escaped(base))/authorize/minid/code">
        <input type="hidden" name="login" value="\(escaped(login))">
        <input type="hidden" name="attempt" value="\(escaped(attempt))">
        <p><label for="code">Engangskode (5 siffer)</label><br>
        <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required></p>
        <p><button type="submit">Logg inn</button></p>
        </form>
        """)
  }

  /// An error the person sees instead of a redirect (an unknown client or redirect URI, an expired login).
  static func error(_ message: String, status: Int) -> HTTPResponse {
    var response = page(
      title: "Innloggingen kan ikke fortsette", body: "<p role=\"alert\">\(escaped(message))</p>")
    response.status = status
    return response
  }

  /// A page that posts the authorization response to the client (OAuth 2.0 Form Post Response Mode): a
  /// button, pressed by a small script whose hash the page's policy allows, so it works without script too.
  static func formPost(to uri: String, parameters: [(String, String)]) -> HTTPResponse {
    let fields = parameters.map {
      "<input type=\"hidden\" name=\"\(escaped($0.0))\" value=\"\(escaped($0.1))\">"
    }
    let script = "document.forms[0].submit()"
    let hash = Base64.encode(Digest.sha256(Array(script.utf8)))
    let html = """
      <!doctype html><html lang="nb"><head><meta charset="utf-8"><title>Fortsett</title></head>
      <body><form method="post" action="\(escaped(uri))">\(fields.joined())
      <noscript><button type="submit">Fortsett</button></noscript></form><script>\(script)</script></body></html>
      """
    return HTTPResponse(
      status: 200,
      headers: [
        ("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-store"),
        (
          "Content-Security-Policy",
          "default-src 'none'; script-src 'sha256-\(hash)'; form-action \(origin(of: uri)); frame-ancestors 'none'"
        ),
        ("X-Content-Type-Options", "nosniff"),
      ],
      body: Array(html.utf8))
  }

  private static func origin(of uri: String) -> String {
    guard let scheme = uri.range(of: "://") else { return "'none'" }
    let rest = uri[scheme.upperBound...]
    let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
    return String(uri[..<scheme.upperBound]) + host
  }

  private static func notice(_ message: String?) -> String {
    message.map { "<p role=\"alert\"><strong>\(escaped($0))</strong></p>" } ?? ""
  }

  private static func page(title: String, body: String) -> HTTPResponse {
    .html(
      """
      <!doctype html>
      <html lang="nb"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
      <title>\(escaped(title))</title></head>
      <body><main><h1>\(escaped(title))</h1>
      \(body)
      </main></body></html>
      """)
  }

  /// Text for HTML content and attribute values: `& < > " '` as character references.
  static func escaped(_ text: String) -> String {
    var out = ""
    for character in text {
      switch character {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.append(character)
      }
    }
    return out
  }
}
