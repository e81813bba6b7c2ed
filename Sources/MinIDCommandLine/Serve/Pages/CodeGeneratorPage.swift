import MinIDKit

/// The code generator's step (`Minid-TOTP`, decisions §9): the 6-digit code it shows now, a refusal tied
/// to the field, and the SMS code instead.
enum CodeGeneratorPage {
  static func content(_ context: PageContext, attempt: String, message: CitizenMessage? = nil) -> PageContent
  {
    let text = context.text
    return PageContent(
      title: text.totpTitle, step: .totp, state: context.attemptState(attempt),
      body: "<p>\(HTML.escaped(text.totpIntro))</p>" + HTML.alert(message)
        + HTML.form(
          context, "/authorize/minid/totp",
          context.attemptFields(attempt)
            + HTML.field(
              "code", label: text.totpLabel, autocomplete: "one-time-code", inputmode: "numeric",
              error: message, autofocus: true)
            + "<p><button type=\"submit\">\(HTML.escaped(text.logIn))</button></p>")
        + AppApprovalPage.smsInstead(context, attempt: attempt),
      status: message == nil ? 200 : 400)
  }
}
