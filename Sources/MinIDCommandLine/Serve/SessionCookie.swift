import MinIDKit

/// The browser's single sign-on session cookie: the random value of `StartedSession.cookie` (the store
/// keeps only its keyed hash). `HttpOnly`, `SameSite=Lax` (so it goes along when a client sends the browser
/// to `/authorize` with a link or redirect), `Secure` when the public URL is https, and a new value at
/// every login.
enum SessionCookie {
  static let name = "MINID_SESSION"

  /// The cookie's value, if the browser sent one.
  static func value(in request: HTTPRequest) -> String? {
    request.cookie(name).flatMap { $0.isEmpty ? nil : $0 }
  }

  /// Sets the cookie of a session just started, living as long as the session can.
  static func set(_ started: StartedSession, on response: inout HTTPResponse, context: HTTPWorkerContext) {
    let lifetime = started.session.expiresAt.seconds - started.session.createdAt.seconds
    response.headers.append(("Set-Cookie", header("\(name)=\(started.cookie); Max-Age=\(lifetime)", context)))
  }

  /// Removes the cookie (after logout).
  static func clear(on response: inout HTTPResponse, context: HTTPWorkerContext) {
    response.headers.append(("Set-Cookie", header("\(name)=; Max-Age=0", context)))
  }

  private static func header(_ value: String, _ context: HTTPWorkerContext) -> String {
    "\(value); Path=/; HttpOnly; SameSite=Lax" + (context.publicURL.hasPrefix("https:") ? "; Secure" : "")
  }
}
