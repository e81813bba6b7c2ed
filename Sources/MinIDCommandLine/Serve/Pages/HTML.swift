import MinIDKit

/// Small pieces of the login pages' HTML, every value escaped.
enum HTML {
  static func escaped(_ text: String) -> String { LoginPages.escaped(text) }

  static func hidden(_ name: String, _ value: String) -> String {
    "<input type=\"hidden\" name=\"\(escaped(name))\" value=\"\(escaped(value))\">"
  }

  /// A labelled text field; when `error` is about it, the error is shown under the label and tied to the
  /// field by `aria-describedby` and `aria-invalid` (WCAG 2.1 SC 3.3.1, 1.3.1).
  static func field(
    _ name: String, label: String, type: String = "text", autocomplete: String, inputmode: String? = nil,
    value: String = "", error: CitizenMessage?, hint: String? = nil, autofocus: Bool = false
  ) -> String {
    let mine = error.flatMap { $0.field?.rawValue == name ? $0 : nil }
    var described: [String] = []
    var extra = ""
    if let hint {
      described.append("\(name)-hint")
      extra += "<p class=\"hint\" id=\"\(name)-hint\">\(escaped(hint))</p>"
    }
    if let mine {
      described.append("\(name)-error")
      extra += "<p class=\"error\" id=\"\(name)-error\">\(escaped(mine.text))\(list(mine.details))</p>"
    }
    let attributes =
      (inputmode.map { " inputmode=\"\($0)\"" } ?? "")
      + (described.isEmpty ? "" : " aria-describedby=\"\(described.joined(separator: " "))\"")
      + (mine != nil ? " aria-invalid=\"true\"" : "")
      + ((autofocus && error == nil) || mine != nil ? " autofocus" : "")
    return """
      <div class="field"><label for="\(name)">\(escaped(label))</label>\(extra)
      <input id="\(name)" name="\(name)" type="\(type)" autocomplete="\(autocomplete)"\(attributes) \
      value="\(escaped(value))" required></div>
      """
  }

  /// The identity number field the MinID steps open with (password, recovery, activation): focused, and
  /// named `username` so a password manager pairs it with the password.
  static func identityNumberField(_ context: PageContext, value: String, error: CitizenMessage?) -> String {
    field(
      "pid", label: context.text.pidLabel, autocomplete: "username", inputmode: "numeric", value: value,
      error: error, autofocus: true)
  }

  /// A refusal about the whole step (not one field), announced by screen readers.
  static func alert(_ message: CitizenMessage?) -> String {
    guard let message, message.field == nil else { return "" }
    return "<div class=\"alert\" role=\"alert\"><p>\(escaped(message.text))</p>\(list(message.details))</div>"
  }

  /// A confirmation (a code sent, a password changed).
  static func notice(_ text: String?) -> String {
    text.map { "<div class=\"notice\" role=\"status\"><p>\(escaped($0))</p></div>" } ?? ""
  }

  static func list(_ items: [String]) -> String {
    items.isEmpty ? "" : "<ul>" + items.map { "<li>\(escaped($0))</li>" }.joined() + "</ul>"
  }

  /// A form posting to `path` under the base, carrying the login and its token.
  static func form(_ context: PageContext, _ path: String, _ inner: String, classes: String = "") -> String {
    "<form method=\"post\" action=\"\(escaped(context.base + path))\"\(classes.isEmpty ? "" : " class=\"\(classes)\"")>"
      + context.loginFields + inner + "</form>"
  }
}
