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

  var text: PageText { language.text }

  /// The hidden fields that carry the login and its token in every form.
  var loginFields: String {
    HTML.hidden("login", login) + HTML.hidden("csrf", token)
  }
}

/// A login page's content: its title, the step it shows (for the language switch to show it again), that
/// step's state, and its body.
struct PageContent {
  /// The step's name as `/authorize/page` takes it.
  enum Step: String {
    case choice, minid, code, recover, recoverCodes = "recover-codes", activate, testid
  }

  var title: String
  var step: Step
  /// Fields the step needs to be shown again (the SMS step's attempt, the recovery's identity number).
  var state: [(String, String)] = []
  var body: String
  var status = 200
  /// A small script (run under the page's nonce); nil for none. Every page works without it.
  var script: String? = nil
}
