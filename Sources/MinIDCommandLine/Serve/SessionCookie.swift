import MinIDKit

/// The browser's single sign-on session cookie: the random value of `StartedSession.cookie` (the store
/// keeps only its keyed hash). `HttpOnly`, `SameSite=Lax` (so it goes along when a client sends the browser
/// to `/authorize` with a link or redirect), `Secure` when the public URL is https, `Path` the issuer's path
/// (`PageLayout.cookiePath`), and a new value at every login.
enum SessionCookie {
  static let name = "MINID_SESSION"

  /// The cookie's value, if the browser sent one.
  static func value(in request: HTTPRequest) -> String? {
    request.cookie(name).flatMap { $0.isEmpty ? nil : $0 }
  }

  /// Sets the cookie of a session just started, living as long as the session can.
  static func set(_ started: StartedSession, on response: inout HTTPResponse, context: HTTPWorkerContext) {
    let lifetime = started.session.expiresAt.seconds - started.session.createdAt.seconds
    response.headers.append(
      ("Set-Cookie", header("\(name)=\(started.cookie); Max-Age=\(lifetime)", publicURL: context.publicURL)))
  }

  /// Removes the cookie (after logout).
  static func clear(on response: inout HTTPResponse, context: HTTPWorkerContext) {
    response.headers.append(("Set-Cookie", header("\(name)=; Max-Age=0", publicURL: context.publicURL)))
  }

  /// The `Set-Cookie` value: `value` with the attributes above.
  static func header(_ value: String, publicURL: String) -> String {
    "\(value); Path=\(PageLayout.cookiePath(publicURL)); HttpOnly; SameSite=Lax"
      + (publicURL.lowercased().hasPrefix("https:") ? "; Secure" : "")
  }
}
