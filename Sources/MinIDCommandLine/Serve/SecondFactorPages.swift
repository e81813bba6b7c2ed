import Foundation
import MinIDKit

/// The minimal pages of the second factors beside SMS (decisions §9): waiting for the MinID app (a
/// countdown that reloads itself, so it works with script off) and the code generator's code, each with
/// "use SMS instead". Plain server-rendered HTML with every value escaped, kept apart from `LoginPages`,
/// whose full design comes separately.
enum SecondFactorPages {
  /// How often the app page asks again, in seconds.
  static let pollSeconds = 2

  /// «Godkjenn innloggingen i MinID-appen»: the seconds left, reloaded every `pollSeconds`.
  static func waitingForApp(
    base: String, login: String, token: String, attempt: String, service: String, secondsLeft: Int64
  )
    -> HTTPResponse
  {
    let poll = "\(base)/authorize/minid/app?login=\(percent(login))&attempt=\(percent(attempt))"
    return page(
      title: "Godkjenn innloggingen i MinID-appen",
      head: "<meta http-equiv=\"refresh\" content=\"\(pollSeconds);url=\(LoginPages.escaped(poll))\">",
      body: """
        <p>Innlogging til <strong>\(LoginPages.escaped(service))</strong></p>
        <p>Åpne MinID-appen på telefonen din og godkjenn innloggingen.</p>
        <p role="timer" id="countdown">\(max(0, secondsLeft)) sekunder igjen</p>
        \(smsForm(base: base, login: login, token: token, attempt: attempt))
        """)
  }

  /// «Tiden gikk ut»: the app was not answered in time; the SMS code remains.
  static func appExpired(base: String, login: String, token: String, attempt: String, service: String)
    -> HTTPResponse
  {
    page(
      title: "Tiden gikk ut",
      body: """
        <p>Innlogging til <strong>\(LoginPages.escaped(service))</strong></p>
        <p role="alert">Innloggingen ble ikke godkjent i MinID-appen i tide.</p>
        \(smsForm(base: base, login: login, token: token, attempt: attempt))
        """)
  }

  /// The code generator's 6-digit code; `message` says why the last one was refused.
  static func totpCode(
    base: String, login: String, token: String, attempt: String, service: String, message: String? = nil
  )
    -> HTTPResponse
  {
    page(
      title: "Kode fra kodegenerator",
      body: """
        <p>Innlogging til <strong>\(LoginPages.escaped(service))</strong></p>
        \(message.map { "<p role=\"alert\"><strong>\(LoginPages.escaped($0))</strong></p>" } ?? "")
        <form method="post" action="\(LoginPages.escaped(base))/authorize/minid/totp">
        <input type="hidden" name="login" value="\(LoginPages.escaped(login))">
        <input type="hidden" name="csrf" value="\(LoginPages.escaped(token))">
        <input type="hidden" name="attempt" value="\(LoginPages.escaped(attempt))">
        <p><label for="code">Kode fra kodegeneratoren (6 siffer)</label><br>
        <input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required></p>
        <p><button type="submit">Logg inn</button></p>
        </form>
        \(smsForm(base: base, login: login, token: token, attempt: attempt))
        """)
  }

  private static func smsForm(base: String, login: String, token: String, attempt: String) -> String {
    """
    <form method="post" action="\(LoginPages.escaped(base))/authorize/minid/sms">
    <input type="hidden" name="login" value="\(LoginPages.escaped(login))">
    <input type="hidden" name="csrf" value="\(LoginPages.escaped(token))">
    <input type="hidden" name="attempt" value="\(LoginPages.escaped(attempt))">
    <p><button type="submit" name="sms" value="1">Bruk SMS i stedet</button></p>
    </form>
    """
  }

  /// Login and attempt ids are base64url, but a query value is escaped all the same.
  private static func percent(_ text: String) -> String {
    text.addingPercentEncoding(
      withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_.~")))
      ?? ""
  }

  private static func page(title: String, head: String = "", body: String) -> HTTPResponse {
    .html(
      """
      <!doctype html>
      <html lang="nb"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
      \(head)<title>\(LoginPages.escaped(title))</title></head>
      <body><main><h1>\(LoginPages.escaped(title))</h1>
      \(body)
      </main></body></html>
      """)
  }
}
