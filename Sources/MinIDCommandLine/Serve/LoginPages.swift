import MinIDKit

/// The login pages' shared pieces outside a login step: the error page, the page that posts a
/// `form_post` response, and escaping. The steps themselves are in `Pages/`.
enum LoginPages {
  /// An error the person sees instead of a redirect (an unknown client or redirect URI, an expired login,
  /// a form without its token), in `language`, styled as the other pages, never cached or framed.
  static func error(_ message: String, status: Int, language: PageLanguage = .nb) -> HTTPResponse {
    let title = language.text.errorTitle
    var response = HTTPResponse.html(
      """
      <!doctype html>
      <html lang="\(language.rawValue)"><head><meta charset="utf-8"><meta name="viewport" \
      content="width=device-width, initial-scale=1">
      <title>\(escaped(title)) – MinID</title><link rel="stylesheet" href="/pages.css"></head>
      <body><header><p class="brand">MinID</p></header><main id="main"><h1>\(escaped(title))</h1>
      <div class="alert" role="alert"><p>\(escaped(message))</p></div></main></body></html>
      """)
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
    return HTTPResponse.html(
      html,
      policy: "default-src 'none'; script-src 'sha256-\(hash)'; form-action \(WebOrigin.source(uri)); "
        + "frame-ancestors 'none'")
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
