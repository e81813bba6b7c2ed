import MinIDKit

/// Activate MinID: the identity number, the activation letter's code and a first password.
enum ActivationPage {
  static func content(_ context: PageContext, pid: String = "", message: CitizenMessage? = nil) -> PageContent
  {
    let text = context.text
    return PageContent(
      title: text.activateTitle, step: .activate,
      body: "<p>\(HTML.escaped(text.activateIntro))</p>" + HTML.alert(message)
        + HTML.form(
          context, "/authorize/minid/activate",
          HTML.identityNumberField(context, value: pid, error: message)
            + HTML.field("letter_code", label: text.letterCodeLabel, autocomplete: "off", error: message)
            + HTML.field(
              "new_password", label: text.newPasswordLabel, type: "password", autocomplete: "new-password",
              error: message)
            + PasswordRules.list(text)
            + "<p><button type=\"submit\">\(HTML.escaped(text.activateMinID))</button></p>")
        + RecoveryPages.back(context),
      status: message == nil ? 200 : 400, script: PasswordRules.script)
  }
}
