import MinIDKit

/// The e-ID choice (ID-porten A.9): the e-IDs that meet the request's level, each a button; for a
/// level-4 request without TestID, the explanation that only BankID, Buypass ID and Commfides reach it.
enum ChoicePage {
  static func content(_ context: PageContext, offered: [ElectronicID], message: CitizenMessage? = nil)
    -> PageContent
  {
    let text = context.text
    guard !offered.isEmpty else {
      return PageContent(
        title: text.levelHighTitle, step: .choice, body: "<p>\(HTML.escaped(text.levelHighText))</p>")
    }
    let buttons = offered.map { eid in
      let (name, detail) =
        eid == .minid
        ? (text.minidOption, text.minidOptionDetail) : (text.testidOption, text.testidOptionDetail)
      return "<li><button type=\"submit\" name=\"step\" value=\"\(eid == .minid ? "minid" : "testid")\" "
        + "class=\"eid\"><span class=\"eid-name\">\(HTML.escaped(name))</span> "
        + "<span class=\"eid-detail\">\(HTML.escaped(detail))</span></button></li>"
    }
    let levelNote = offered.contains(.minid) ? "" : "<p>\(HTML.escaped(text.levelHighText))</p>"
    return PageContent(
      title: text.chooseTitle, step: .choice,
      body: HTML.alert(message) + levelNote
        + HTML.form(context, "/authorize/page", "<ul class=\"eids\">\(buttons.joined())</ul>"))
  }
}
