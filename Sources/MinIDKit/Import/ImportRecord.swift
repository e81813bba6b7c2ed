/// One row of an import file: its line number and its named values.
public struct ImportRecord: Sendable, Equatable {
  /// The line number in the file, from 1.
  public let line: Int
  /// The row's values by column name.
  public let values: [String: String]

  /// A record of `values` read from `line`.
  public init(line: Int, values: [String: String]) {
    self.line = line
    self.values = values
  }
}

/// One problem with one row: the line, the field and the rule, for the error report.
public struct ImportProblem: Error, Sendable, Equatable, Encodable {
  /// The line number in the file, from 1.
  public let line: Int
  /// The column the problem is in; empty when it is the row itself (its CSV syntax or width).
  public let field: String
  /// The rule's stable code, as `MinIDError.code`.
  public let code: String
  /// The rule, in words, naming no secret.
  public let message: String

  /// A problem with `field` on `line`.
  public init(line: Int, field: String, code: String, message: String) {
    self.line = line
    self.field = field
    self.code = code
    self.message = message
  }
}

/// The columns an import file has; the first four are required.
public enum ImportColumns {
  /// Columns every row must have.
  public static let required = ["pid", "phone", "email", "address"]
  /// Columns a row may have besides the required ones.
  public static let optional = ["password_hash"]
}

/// A batch's transaction failed half-way in a way the store would normally retry; the rows it had read
/// cannot be read again, so the import stops. Every batch before it is committed, and running the file
/// again is safe: those rows come back as conflicts.
public struct ImportInterruptedError: MinIDError {
  /// Lines of the file (after the header) whose rows are committed or were reported.
  public let committedLines: Int

  /// The stable snake_case code scripts match on (`MinIDError.code`).
  public var code: String { "import_interrupted" }
  /// What kind of failure this is; the command line chooses the exit status from it.
  public var category: ErrorCategory { .busy }
  /// The sentence shown: it names the field and the rule, never a secret or a full identity number.
  public var message: String {
    "the store was interrupted in the middle of a batch after \(committedLines) rows had been committed; "
      + "run the same file again to import the rest (rows already imported are reported as conflicts)"
  }
}
