/// One row of an import file: its line number and its named values.
public struct ImportRecord: Sendable, Equatable {
  public let line: Int
  public let values: [String: String]

  public init(line: Int, values: [String: String]) {
    self.line = line
    self.values = values
  }
}

/// One problem with one row: the line, the field and the rule, for the error report.
public struct ImportProblem: Error, Sendable, Equatable, Encodable {
  public let line: Int
  public let field: String
  public let code: String
  public let message: String

  public init(line: Int, field: String, code: String, message: String) {
    self.line = line
    self.field = field
    self.code = code
    self.message = message
  }
}

/// The columns an import file has; the first four are required.
public enum ImportColumns {
  public static let required = ["pid", "phone", "email", "address"]
  public static let optional = ["password_hash"]
}
