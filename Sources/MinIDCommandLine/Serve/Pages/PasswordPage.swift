import MinIDKit

/// MinID's first step: identity number and password; links to the forgotten-password and activation
/// flows (buttons, so the login and its token travel in the body, never in a URL).
enum PasswordPage {
  static func content(
    _ context: PageContext, pid: String = "", message: CitizenMessage? = nil, notice: String? = nil
  )
    -> PageContent
  {
    let text = context.text
    var status = 200
    if message != nil { status = 400 }
    return PageContent(
      title: text.passwordTitle, step: .minid,
      body: HTML.notice(notice) + HTML.alert(message)
        + HTML.form(
          context, "/authorize/minid/password",
          HTML.identityNumberField(context, value: pid, error: message)
            + HTML.field(
              "password", label: text.passwordLabel, type: "password", autocomplete: "current-password",
              error: message)
            + "<p><button type=\"submit\">\(HTML.escaped(text.next))</button></p>")
        + HTML.form(
          context, "/authorize/page",
          "<button type=\"submit\" name=\"step\" value=\"recover\" class=\"link\">\(HTML.escaped(text.forgotPassword))</button> "
            + "<button type=\"submit\" name=\"step\" value=\"activate\" class=\"link\">\(HTML.escaped(text.activateMinID))</button>",
          classes: "more"),
      status: status)
  }
}
