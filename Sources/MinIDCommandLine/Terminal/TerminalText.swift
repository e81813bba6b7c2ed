import MinIDKit

/// The one way outside data (anything read from a file, a token, the store or the command line) reaches
/// human-readable output, on standard output or standard error.
///
/// Every character `TextField.hiddenKind(of:)` names is shown as a Swift-style escape, `\u{1B}`: control
/// characters (ESC, so no escape sequence can clear the screen or move the cursor; CR and LF, so no text
/// can fake a line of minid's own), bidirectional controls (so no text can reorder what follows it) and
/// invisible characters. A backslash stays as it is. Invalid UTF-8 becomes U+FFFD. JSON output does not
/// come here: the JSON writers escape per RFC 8259.
enum TerminalText {
  /// One line of outside data, safe to print.
  static func escaped(_ text: String) -> String {
    escaped(text, keepingLineFeeds: false)
  }

  /// Several lines of outside data (a letter's body): as `escaped(_:)`, but line feeds are kept.
  static func escaped(lines text: String) -> String {
    escaped(text, keepingLineFeeds: true)
  }

  /// Raw input bytes, as `escaped(_:)`; `truncated` adds "…" for a line cut short.
  static func sanitized(_ bytes: UnsafeRawBufferPointer, truncated: Bool = false) -> String {
    escaped(String(decoding: bytes, as: UTF8.self)) + (truncated ? "…" : "")
  }

  private static func escaped(_ text: String, keepingLineFeeds: Bool) -> String {
    // Most output is printable ASCII; it passes untouched without a scalar-by-scalar copy.
    if text.utf8.allSatisfy({ $0 >= 32 && $0 < 127 }) { return text }
    var result = ""
    result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
    for scalar in text.unicodeScalars {
      if (keepingLineFeeds && scalar == "\n") || TextField.hiddenKind(of: scalar) == nil {
        result.unicodeScalars.append(scalar)
      } else {
        result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
      }
    }
    return result
  }
}
