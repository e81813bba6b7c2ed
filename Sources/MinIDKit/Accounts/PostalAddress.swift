/// The postal address a letter goes to: a multi-line field of one to 300 characters, held to
/// `TextField.postalAddress` (line feeds allowed; no other control, bidirectional or invisible character).
public struct PostalAddress: Hashable, Sendable {
  /// The address as checked, lines separated by line feeds.
  public let text: String

  /// - Throws: `ContactError.address` naming the rule and, for a refused character, its code point.
  public init(_ text: String) throws(ContactError) {
    do {
      self.text = try TextField.postalAddress.check(text)
    } catch {
      throw .address(error.rule)
    }
  }

  /// The address on one line, its lines joined by ", ": the form for a message's recipient header, where
  /// a line break would start a header line of its own.
  public var singleLine: String { Self.singleLine(text) }

  /// `text`'s lines, trimmed and without empty ones, joined by ", "; for addresses stored before line
  /// breaks were kept out of headers, too.
  public static func singleLine(_ text: String) -> String {
    // Most addresses are one line already, with no space at either end: kept as they are, without the
    // split and join, which a bulk import would pay once per row.
    let utf8 = text.utf8
    if let first = utf8.first, let last = utf8.last, first != 32, first != 9, last != 32, last != 9,
      !utf8.contains(where: { $0 == 10 || $0 == 13 })
    {
      return text
    }
    return text.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
      .map { String($0).trimmingASCIIWhitespace() }.filter { !$0.isEmpty }.joined(separator: ", ")
  }
}
