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

  /// Every column qualified by a join's table alias (`f.attempt_id`), for a SELECT over a join; only for
  /// sets whose columns are plain names.
  static func selectList(qualifiedBy alias: String) -> String {
    allCases.map { "\(alias).\($0.name)" }.joined(separator: ", ")
  }

  /// How many columns a SELECT of the set returns: where the next set's columns of a joined row begin.
  static var width: Int32 { Int32(allCases.count) }
}

/// A joined row's columns from `offset` on, read as a row of their own, so each table's reader reads its
/// columns by name whatever the join puts before them.
struct SQLRowSuffix<Base: SQLRow>: SQLRow {
  let base: Base
  let offset: Int32
  func isNull(_ column: Int32) -> Bool { base.isNull(offset + column) }
  func int64(_ column: Int32) -> Int64 { base.int64(offset + column) }
  func text(_ column: Int32) -> String { base.text(offset + column) }
  func blob(_ column: Int32) -> [UInt8] { base.blob(offset + column) }
}

extension SQLRow {
  func isNull<C: SQLColumnSet>(_ column: C) -> Bool { isNull(column.rawValue) }
  func int64<C: SQLColumnSet>(_ column: C) -> Int64 { int64(column.rawValue) }
  func text<C: SQLColumnSet>(_ column: C) -> String { text(column.rawValue) }
  func blob<C: SQLColumnSet>(_ column: C) -> [UInt8] { blob(column.rawValue) }
  func optionalInt64<C: SQLColumnSet>(_ column: C) -> Int64? { optionalInt64(column.rawValue) }
  func optionalText<C: SQLColumnSet>(_ column: C) -> String? { optionalText(column.rawValue) }
  func optionalBlob<C: SQLColumnSet>(_ column: C) -> [UInt8]? { optionalBlob(column.rawValue) }
  /// The optional time in `column`, stored as seconds since the Unix epoch.
  func optionalTimestamp<C: SQLColumnSet>(_ column: C) -> Timestamp? {
    optionalInt64(column.rawValue).map(Timestamp.init(seconds:))
  }
  /// The time in `column`, stored as seconds since the Unix epoch.
  func timestamp<C: SQLColumnSet>(_ column: C) -> Timestamp { Timestamp(seconds: int64(column.rawValue)) }

  /// The columns after the first `columns` of a joined row (the width of the set before them).
  func suffix(after columns: Int32) -> SQLRowSuffix<Self> { SQLRowSuffix(base: self, offset: columns) }
}
