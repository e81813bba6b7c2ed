import MinIDKit

/// Forgotten password: the identity number (codes go out by SMS and e-mail), then both codes and a new
/// password with the policy's rules shown.
enum RecoveryPages {
  static func start(_ context: PageContext, pid: String = "", message: CitizenMessage? = nil) -> PageContent {
    let text = context.text
    return PageContent(
      title: text.recoverTitle, step: .recover,
      body: "<p>\(HTML.escaped(text.recoverIntro))</p>" + HTML.alert(message)
        + HTML.form(
          context, "/authorize/minid/recover",
          HTML.identityNumberField(context, value: pid, error: message)
            + "<p><button type=\"submit\">\(HTML.escaped(text.sendCodes))</button></p>")
        + back(context),
      status: message == nil ? 200 : 400)
  }

  static func codes(_ context: PageContext, pid: String, message: CitizenMessage? = nil) -> PageContent {
    let text = context.text
    let minutes = "\(AccountService.recoveryLifetime / 60)"
    return PageContent(
      title: text.recoverTitle, step: .recoverCodes, state: [("pid", pid)],
      body: "<p>\(HTML.escaped(PageText.fill(text.recoverCodesIntro, minutes)))</p>" + HTML.alert(message)
        + HTML.form(
          context, "/authorize/minid/recover/finish",
          HTML.hidden("pid", pid)
            + HTML.field(
              "sms_code", label: text.smsCodeLabel, autocomplete: "one-time-code", inputmode: "numeric",
              error: message, autofocus: true)
            + HTML.field("email_code", label: text.emailCodeLabel, autocomplete: "off", error: message)
            + HTML.field(
              "new_password", label: text.newPasswordLabel, type: "password", autocomplete: "new-password",
              error: message, hint: nil)
            + PasswordRules.list(text)
            + "<p><button type=\"submit\">\(HTML.escaped(text.savePassword))</button></p>")
        + back(context),
      status: message == nil ? 200 : 400, script: PasswordRules.script)
  }

  /// Back to the password step.
  static func back(_ context: PageContext) -> String {
    HTML.form(
      context, "/authorize/page",
      "<button type=\"submit\" name=\"step\" value=\"minid\" class=\"link\">\(HTML.escaped(context.text.back))</button>",
      classes: "more")
  }
}
