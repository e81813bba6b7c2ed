/// Free text a person types and minid keeps (a postal address, a service's name): the one place that
/// decides which characters such text may hold.
///
/// Kept text is later printed on a terminal, written into a message's header lines and shown to people
/// choosing a service, so it refuses what could rewrite a terminal, add a header line or make one text look
/// like another: control characters (C0, DEL, C1), bidirectional controls (U+061C, U+200E, U+200F,
/// U+202A–U+202E, U+2066–U+2069, Unicode TR #9 and CVE-2021-42574's "Trojan Source"), zero-width and other
/// invisible characters (U+00AD, U+180E, U+200B–U+200D, U+2060–U+2064, U+FEFF) and the Unicode line and
/// paragraph separators U+2028 and U+2029. A multi-line field also accepts line feeds, and a CR LF pair is
/// taken as one line feed.
public struct TextField: Sendable, Equatable {
  /// The field as the user names it, as in `--address`: the first word of every refusal.
  public let name: String
  /// The stable code of the refusal (`MinIDError.code`).
  public let errorCode: String
  /// Most characters (Swift `Character`s, so a letter with an accent counts once).
  public let maximumLength: Int
  /// Whether line feeds may separate lines.
  public let isMultiLine: Bool

  /// A field with these rules.
  public init(name: String, errorCode: String, maximumLength: Int, isMultiLine: Bool) {
    self.name = name
    self.errorCode = errorCode
    self.maximumLength = maximumLength
    self.isMultiLine = isMultiLine
  }

  /// The postal address a letter goes to: up to 300 characters over several lines. It never goes into a
  /// message header as it is: the outbox folds it to one line (`PostalAddress.singleLine`).
  public static let postalAddress = TextField(
    name: "address", errorCode: "invalid_address", maximumLength: 300, isMultiLine: true)
  /// The name of a service people log in to, shown to them when they choose it.
  public static let serviceName = TextField(
    name: "name", errorCode: "invalid_service_name", maximumLength: 200, isMultiLine: false)

  /// The text with ASCII whitespace trimmed from both ends (and, in a multi-line field, CR LF turned into
  /// LF), if every character is allowed.
  ///
  /// - Throws: `TextFieldError` naming the field and the first character refused, by code point.
  public func check(_ text: String) throws(TextFieldError) -> String {
    var trimmed = text.trimmingASCIIWhitespace()
    if isMultiLine, trimmed.utf8.contains(13) {
      trimmed = trimmed.replacingOccurrences(of: "\r\n", with: "\n")
    }
    guard !trimmed.isEmpty else { throw TextFieldError(field: self, rule: "is empty") }
    guard trimmed.count <= maximumLength else {
      throw TextFieldError(field: self, rule: "is longer than \(maximumLength) characters")
    }
    for scalar in trimmed.unicodeScalars {
      if isMultiLine, scalar == "\n" { continue }
      if let kind = Self.hiddenKind(of: scalar) {
        let lines = isMultiLine ? " (line breaks are allowed)" : " (it is a single line)"
        throw TextFieldError(
          field: self, rule: "contains \(Self.codePoint(scalar)), \(kind), which is not allowed\(lines)")
      }
    }
    return trimmed
  }

  /// What makes `scalar` unfit for kept or printed text, or nil when it is an ordinary visible character
  /// or a space. `TerminalText` in the command line escapes exactly these.
  public static func hiddenKind(of scalar: Unicode.Scalar) -> String? {
    switch scalar.value {
    case 0x00..<0x20, 0x7F, 0x80..<0xA0: "a control character"
    case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: "a bidirectional control"
    case 0x00AD, 0x180E, 0x200B...0x200D, 0x2060...0x2064, 0xFEFF: "an invisible character"
    case 0x2028, 0x2029: "a Unicode line separator"
    default: nil
    }
  }

  /// `U+202E`: how a refused character is named.
  public static func codePoint(_ scalar: Unicode.Scalar) -> String {
    let hex = String(scalar.value, radix: 16, uppercase: true)
    return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
  }
}

/// A kept text field held a character it may not, or was empty or too long.
public struct TextFieldError: MinIDError, Equatable {
  /// The field that was refused.
  public let field: TextField
  /// The rule broken, after the field's name: "contains U+202E, a bidirectional control, …".
  public let rule: String

  /// The stable snake_case code scripts match on (`MinIDError.code`).
  public var code: String { field.errorCode }
  /// What kind of failure this is; the command line chooses the exit status from it.
  public var category: ErrorCategory { .invalidInput }
  /// The sentence shown: it names the field and the rule, never a secret or a full identity number.
  public var message: String { "\(field.name): \(rule)" }
}
