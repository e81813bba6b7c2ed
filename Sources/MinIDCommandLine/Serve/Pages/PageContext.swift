import MinIDKit

/// What every login page needs besides its own content: where forms post, the login in progress and its
/// anti-forgery token, the language, the service's name, and the origin the browser finally goes to.
struct PageContext {
  /// The issuer's path (`/idp`, or empty at the root): forms post to path-absolute URLs under it.
  let base: String
  /// The login in progress (`OpenIDProvider.beginLogin`).
  let login: String
  /// The form token bound to the login and the browser's cookie (`OpenIDProvider.formToken`).
  let token: String
  var language: PageLanguage
  /// The client's display name.
  let service: String
  /// Whether the store is a test store: only then are TestID and the fixed SMS code shown.
  let testStore: Bool
  /// The client's redirect URI: a form whose answer redirects there needs its origin in `form-action`.
  let redirectURI: String
  /// Cookies to set with the page (the browser cookie on the first page, the language when switched).
  var cookies: [String] = []
  /// The token binding an attempt to this login and browser (`OpenIDProvider.attemptToken`).
  var attemptToken: (String) -> String = { _ in "" }

  var text: PageText { language.text }

  /// The hidden fields that carry the login and its token in every form.
  var loginFields: String {
    HTML.hidden("login", login) + HTML.hidden("csrf", token)
  }

  /// The hidden fields that carry a login attempt and its token: every step naming an attempt checks both
  /// (`PageStep.resume`).
  func attemptFields(_ attempt: String) -> String {
    attemptState(attempt).map { HTML.hidden($0.0, $0.1) }.joined()
  }

  /// An attempt and its token as a step's state, for the language switch to show the step again.
  func attemptState(_ attempt: String) -> [(String, String)] {
    [("attempt", attempt), ("attempt_token", attemptToken(attempt))]
  }
}

/// A login page's content: its title, the step it shows (for the language switch to show it again), that
/// step's state, and its body.
struct PageContent {
  /// The step's name as `/authorize/page` takes it.
  enum Step: String {
    case choice, minid, code, recover, recoverCodes = "recover-codes", activate, testid
    /// The second factors beside SMS: the MinID app's approval, the code generator's code.
    case app, totp
    /// The logout pages: outside any login, never shown again by the switch.
    case logout
  }

  var title: String
  var step: Step
  /// Fields the step needs to be shown again (the SMS step's attempt, the recovery's identity number).
  var state: [(String, String)] = []
  var body: String
  var status = 200
  /// A small script (run under the page's nonce); nil for none. Every page works without it.
  var script: String? = nil
  /// Without script, the page asks for `url` again after `seconds` (`<meta http-equiv=refresh>` inside
  /// `noscript`); its script then polls instead, and may ask this server (`connect-src 'self'`). Nil for none.
  var refresh: (seconds: Int, url: String)? = nil
  /// The origins the page may frame (`frame-src`): non-nil only on the logout pages (the session's
  /// clients' front-channel logout URIs), which stand outside any login, so they have no language switch,
  /// service line or Cancel, and their policy lets no form post.
  var frameOrigins: [String]? = nil
}
