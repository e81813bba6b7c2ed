/// A table's columns declared once, in the order a query selects them: the select list is made from the
/// cases and a row is read by case, so a column added, removed or moved cannot leave a reader counting
/// positions. A case's column is its name in snake_case, unless `expression` says otherwise.
protocol SQLColumnSet: CaseIterable, RawRepresentable where RawValue == Int32, AllCases.Element == Self {
  /// What the SELECT list holds for this column: its name, or an expression.
  var expression: String { get }
}

extension SQLColumnSet {
  var expression: String { name }

  /// The column's name: the case's name in snake_case, a run of capitals one word (`failedAttempts` is
  /// `failed_attempts`, `accountID` is `account_id`).
  var name: String {
    var name = ""
    var previous: Character?
    for character in String(describing: self) {
      if character.isUppercase, previous?.isLowercase == true { name += "_" }
      name += character.lowercased()
      previous = character
    }
    return name
  }

  /// Every column's expression, comma-separated, for a SELECT.
  static var selectList: String { allCases.map(\.expression).joined(separator: ", ") }
}

extension SQLRow {
  func isNull<C: SQLColumnSet>(_ column: C) -> Bool { isNull(column.rawValue) }
  func int64<C: SQLColumnSet>(_ column: C) -> Int64 { int64(column.rawValue) }
  func text<C: SQLColumnSet>(_ column: C) -> String { text(column.rawValue) }
  func blob<C: SQLColumnSet>(_ column: C) -> [UInt8] { blob(column.rawValue) }
  func optionalInt64<C: SQLColumnSet>(_ column: C) -> Int64? { optionalInt64(column.rawValue) }
  func optionalText<C: SQLColumnSet>(_ column: C) -> String? { optionalText(column.rawValue) }
}
