import Foundation
import MinIDKit

/// The MinID app's steps (decisions §9): "approve the login in the MinID app", with the seconds left, and
/// "time ran out"; both offer the SMS code instead. The waiting page's small script counts the seconds down
/// and asks `statusURL` every `pollSeconds` without reloading the page (a reload would restart a screen
/// reader), then goes to `pollURL` once the app answered or the time ran out. Without script, a
/// `<meta http-equiv=refresh>` inside `noscript` reloads `pollURL` every `pollSeconds` instead.
enum AppApprovalPage {
  /// How often the waiting page asks again, in seconds.
  static let pollSeconds = 2

  /// The waiting page; `secondsLeft` until the approval stops waiting (negative reads as 0).
  static func waiting(_ context: PageContext, attempt: String, secondsLeft: Int64) -> PageContent {
    let text = context.text
    // The template is escaped first, then the number goes in as an element the script can count down.
    let seconds = HTML.escaped(text.appSecondsLeft).replacingOccurrences(
      of: "{1}", with: "<span id=\"seconds\">\(max(0, secondsLeft))</span>")
    return PageContent(
      title: text.appTitle, step: .app, state: context.attemptState(attempt),
      body: "<p>\(HTML.escaped(text.appIntro))</p>"
        + "<p class=\"countdown\" role=\"timer\" aria-atomic=\"true\" id=\"countdown\""
        + " data-poll=\"\(HTML.escaped(pollURL(context, attempt: attempt)))\""
        + " data-status=\"\(HTML.escaped(statusURL(context, attempt: attempt)))\">\(seconds)</p>"
        + smsInstead(context, attempt: attempt),
      script: """
        (function(){var s=document.getElementById('seconds'),p=document.getElementById('countdown');\
        if(!s||!p||!window.fetch)return;var n=parseInt(s.textContent,10),go=function(){\
        location.replace(p.getAttribute('data-poll'));};\
        setInterval(function(){if(n>0)s.textContent=String(--n);},1000);\
        var ask=function(){fetch(p.getAttribute('data-status'),{credentials:'same-origin',cache:'no-store'})\
        .then(function(r){return r.json();}).then(function(a){if(a.waiting&&n>0)setTimeout(ask,\(pollSeconds * 1000));\
        else go();}).catch(go);};setTimeout(ask,\(pollSeconds * 1000));})();
        """,
      refresh: (pollSeconds, pollURL(context, attempt: attempt)))
  }

  /// The app was not answered in time: the SMS code remains.
  static func expired(_ context: PageContext, attempt: String) -> PageContent {
    let text = context.text
    return PageContent(
      title: text.appExpiredTitle, step: .app, state: context.attemptState(attempt),
      body: "<div class=\"alert\" role=\"alert\"><p>\(HTML.escaped(text.appExpiredText))</p></div>"
        + smsInstead(context, attempt: attempt))
  }

  /// "Use SMS instead": the same attempt finishes with an SMS code (`AccountService.fallBackToSMS`).
  static func smsInstead(_ context: PageContext, attempt: String) -> String {
    HTML.form(
      context, "/authorize/minid/sms",
      context.attemptFields(attempt)
        + "<button type=\"submit\" class=\"link\" name=\"sms\" value=\"1\">"
        + "\(HTML.escaped(context.text.useSMSInstead))</button>",
      classes: "more")
  }

  /// The poll: a GET (a refresh cannot post) carrying the login's and the attempt's ids and the attempt's
  /// token; none is a secret on its own (the login answers only to the browser holding its cookie, and the
  /// token only with that cookie), so a proxy's log of the URL finishes nobody's login.
  static func pollURL(_ context: PageContext, attempt: String) -> String {
    "\(context.base)/authorize/minid/app?\(query(context, attempt: attempt))"
  }

  /// What the script asks: `{"waiting": true|false}`, read only (`SecondFactorRoutes`).
  static func statusURL(_ context: PageContext, attempt: String) -> String {
    "\(context.base)/authorize/minid/app/status?\(query(context, attempt: attempt))"
  }

  private static func query(_ context: PageContext, attempt: String) -> String {
    "login=\(percent(context.login))&attempt=\(percent(attempt))"
      + "&attempt_token=\(percent(context.attemptToken(attempt)))"
  }

  /// Login and attempt ids are base64url, but a query value is escaped all the same.
  private static func percent(_ text: String) -> String {
    text.addingPercentEncoding(
      withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_.~")))
      ?? ""
  }
}
