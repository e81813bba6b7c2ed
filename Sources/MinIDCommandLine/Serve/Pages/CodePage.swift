import MinIDKit

/// MinID's second step: the SMS code, with where it went, how long it lives, "send a new code", and in a
/// test store only the fixed code synthetic people may use.
enum CodePage {
  static func content(
    _ context: PageContext, attempt: String, phone: String?, message: CitizenMessage? = nil,
    notice: String? = nil
  ) -> PageContent {
    let text = context.text
    let minutes = "\(AccountService.loginCodeLifetime / 60)"
    let sent =
      phone.map { PageText.fill(text.codeSent, $0, minutes) } ?? PageText.fill(text.codeSentNoPhone, minutes)
    let hint = context.testStore ? PageText.fill(text.testCodeHint, OneTimeCode.staticTestCode) : nil
    return PageContent(
      title: text.codeTitle, step: .code, state: context.attemptState(attempt),
      body: HTML.notice(notice) + "<p>\(HTML.escaped(sent))</p>" + HTML.alert(message)
        + HTML.form(
          context, "/authorize/minid/code",
          context.attemptFields(attempt)
            + HTML.field(
              "code", label: text.codeLabel, autocomplete: "one-time-code", inputmode: "numeric",
              error: message,
              hint: hint, autofocus: true)
            + "<p><button type=\"submit\">\(HTML.escaped(text.logIn))</button></p>")
        + HTML.form(
          context, "/authorize/minid/resend",
          context.attemptFields(attempt)
            + "<button type=\"submit\" class=\"link\">\(HTML.escaped(text.sendNewCode))</button>",
          classes: "more"),
      status: message == nil ? 200 : 400)
  }
}
