import Foundation
import MinIDKit

/// TestID, in a test store only: a synthetic person by number (or a new one) and the level.
enum TestIDPage {
  static func content(_ context: PageContext, minimum: SecurityLevel, message: CitizenMessage? = nil)
    -> PageContent
  {
    let text = context.text
    let levels = [(SecurityLevel.substantial, text.levelSubstantial), (.high, text.levelHigh)]
      .filter { $0.0 >= minimum }
      .enumerated().map { index, level in
        "<div class=\"choice\"><input type=\"radio\" id=\"level-\(level.0.number)\" name=\"level\" "
          + "value=\"\(level.0.rawValue)\"\(index == 0 ? " checked" : "")>"
          + "<label for=\"level-\(level.0.number)\">\(HTML.escaped(level.1))</label></div>"
      }
    let pidField = HTML.field(
      "pid", label: text.testidPidLabel, autocomplete: "off", inputmode: "numeric", error: message,
      autofocus: true
    )
    .replacingOccurrences(of: " required>", with: ">")
    return PageContent(
      title: text.testidTitle, step: .testid,
      body: "<p>\(HTML.escaped(text.testidIntro))</p>" + HTML.alert(message)
        + HTML.form(
          context, "/authorize/testid",
          pidField
            + "<fieldset><legend>\(HTML.escaped(text.levelLabel))</legend>\(levels.joined())</fieldset>"
            + "<p><button type=\"submit\">\(HTML.escaped(text.logIn))</button> "
            + "<button type=\"submit\" name=\"create\" value=\"1\" class=\"secondary\">"
            + "\(HTML.escaped(text.testidCreate))</button></p>"),
      status: message == nil ? 200 : 400)
  }
}
