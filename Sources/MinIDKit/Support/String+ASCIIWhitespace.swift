/// Trims the ASCII whitespace (space, tab, CR, LF) around a contact field; other characters are left for the
/// field's own rules to judge.
extension String {
  func trimmingASCIIWhitespace() -> String {
    let scalars = unicodeScalars
    guard let start = scalars.firstIndex(where: { !" \t\r\n".unicodeScalars.contains($0) }) else { return "" }
    let end = scalars.lastIndex(where: { !" \t\r\n".unicodeScalars.contains($0) })!
    return String(scalars[start...end])
  }
}
