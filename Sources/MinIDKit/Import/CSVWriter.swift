/// Writes CSV fields, quoting those that need it and escaping those a spreadsheet would run as a formula
/// (`CSVFormulaEscape`).
public enum CSVWriter {
  /// One CSV line of `fields` (RFC 4180 quoting, formula characters escaped), ending in a line feed.
  public static func line(_ fields: [String]) -> String {
    fields.map { raw in
      let field = CSVFormulaEscape.escaped(raw)
      guard field.contains(where: { $0 == "," || $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
        return field
      }
      return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }.joined(separator: ",") + "\n"
  }
}
