/// Reads RFC 4180 CSV a line at a time (quoted fields may hold commas, quotes as `""`, and line breaks),
/// keeping only the record in progress: memory stays constant however long the file.
///
/// It reads CSV as spreadsheets save it, too: a UTF-8 byte-order mark before the header is skipped (Excel's
/// "CSV UTF-8"); a header line with `;` and no `,` outside quotes makes `;` the delimiter for the whole
/// file (Excel in a locale whose decimal mark is a comma, such as Norwegian), and so does an Excel
/// `sep=;` line before the header. A value escaped against formulas by `CSVWriter` (`'` before a leading
/// `=`, `+`, `-`, `@`, tab or CR) is read back as it was (`CSVFormulaEscape`).
public struct CSVRecordReader {
  /// The column names from the first line, once it has been read.
  public private(set) var header: [String]?
  /// The field separator: `,` unless the header line says otherwise.
  public private(set) var delimiter = UInt8(ascii: ",")
  private var sawFirstLine = false
  private var fields: [String] = []
  private var field: [UInt8] = []
  private var inQuotes = false
  private var fieldWasQuoted = false
  private var recordLine = 0
  /// Longest record accepted, so a missing closing quote cannot swallow the whole file.
  public static let maximumRecordBytes = 1 << 16
  private var recordBytes = 0
  /// The first field of the record in progress that was not UTF-8, reported rather than silently repaired.
  private var invalidField: Int?

  /// A reader before the header line.
  public init() {}

  /// Feeds one line (without its line break). Returns a finished record, a problem, or nil while a quoted
  /// field continues on the next line. The first record is the header.
  public mutating func feed(_ line: UnsafeRawBufferPointer, number: Int) -> Result<
    ImportRecord, ImportProblem
  >? {
    if !sawFirstLine {
      sawFirstLine = true
      var line = line
      let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
      if line.starts(with: bom) { line = UnsafeRawBufferPointer(rebasing: line[3...]) }
      if line.count == 5, line.starts(with: Array("sep=".utf8)),
        line[4] == 59 || line[4] == 44 || line[4] == 9
      {
        delimiter = line[4]
        return nil
      }
      delimiter = Self.guessDelimiter(header: line)
      return feed(line, number: number)
    }
    if !inQuotes {
      recordLine = number
      recordBytes = 0
    }
    recordBytes += line.count + 1
    guard recordBytes <= Self.maximumRecordBytes else {
      reset()
      return .failure(
        ImportProblem(
          line: recordLine, field: "", code: "csv_syntax",
          message: "a record is longer than 64 KiB (a quote never closed?)"))
    }
    var index = 0
    while index < line.count {
      let byte = line[index]
      if inQuotes {
        if byte == UInt8(ascii: "\"") {
          if index + 1 < line.count, line[index + 1] == UInt8(ascii: "\"") {
            field.append(byte)
            index += 1
          } else {
            inQuotes = false
          }
        } else {
          field.append(byte)
        }
      } else if byte == delimiter {
        endField()
      } else if byte == UInt8(ascii: "\"") {
        guard field.isEmpty, !fieldWasQuoted else {
          reset()
          return .failure(
            ImportProblem(
              line: recordLine, field: "", code: "csv_syntax", message: "a quote inside an unquoted field"))
        }
        inQuotes = true
        fieldWasQuoted = true
      } else {
        if fieldWasQuoted {
          reset()
          return .failure(
            ImportProblem(
              line: recordLine, field: "", code: "csv_syntax", message: "text after a closing quote"))
        }
        field.append(byte)
      }
      index += 1
    }
    if inQuotes {
      field.append(10)
      return nil
    }
    endField()
    let values = fields
    fields.removeAll(keepingCapacity: true)
    if let invalid = invalidField {
      invalidField = nil
      guard let header else {
        self.header = values.map { $0.trimmingASCIIWhitespace().lowercased() }
        return .failure(
          ImportProblem(
            line: recordLine, field: "", code: "utf8", message: "the header is not valid UTF-8 text"))
      }
      let name = invalid < header.count ? header[invalid] : "field \(invalid + 1)"
      return .failure(
        ImportProblem(
          line: recordLine, field: name, code: "utf8", message: "\(name): is not valid UTF-8 text"))
    }
    guard let header else {
      self.header = values.map { $0.trimmingASCIIWhitespace().lowercased() }
      return nil
    }
    if values.count == 1, values[0].isEmpty { return nil }  // A blank line.
    guard values.count == header.count else {
      return .failure(
        ImportProblem(
          line: recordLine, field: "", code: "csv_columns",
          message: "has \(values.count) fields; the header has \(header.count)"))
    }
    return .success(
      ImportRecord(
        line: recordLine,
        values: Dictionary(
          zip(header, values.map(CSVFormulaEscape.unescaped)), uniquingKeysWith: { first, _ in first })))
  }

  /// `;` when the header line has a `;` and no `,` outside quotes; else `,`.
  static func guessDelimiter(header line: UnsafeRawBufferPointer) -> UInt8 {
    var quoted = false
    var semicolons = 0
    for byte in line {
      if byte == UInt8(ascii: "\"") {
        quoted.toggle()
      } else if !quoted, byte == UInt8(ascii: ",") {
        return UInt8(ascii: ",")
      } else if !quoted, byte == UInt8(ascii: ";") {
        semicolons += 1
      }
    }
    return semicolons > 0 ? UInt8(ascii: ";") : UInt8(ascii: ",")
  }

  /// Call at the end of input: a problem if a quoted field was never closed.
  public mutating func finish() -> ImportProblem? {
    guard inQuotes else { return nil }
    reset()
    return ImportProblem(
      line: recordLine, field: "", code: "csv_syntax", message: "a quoted field is never closed")
  }

  /// The header's required columns that are missing.
  public var missingColumns: [String] {
    guard let header else { return ImportColumns.required }
    return ImportColumns.required.filter { !header.contains($0) }
  }

  private mutating func endField() {
    if let text = String(validating: field, as: UTF8.self) {
      fields.append(text)
    } else {
      if invalidField == nil { invalidField = fields.count }
      fields.append("")
    }
    field.removeAll(keepingCapacity: true)
    fieldWasQuoted = false
  }

  private mutating func reset() {
    invalidField = nil
    fields.removeAll(keepingCapacity: true)
    field.removeAll(keepingCapacity: true)
    inQuotes = false
    fieldWasQuoted = false
  }
}

/// CSV injection (OWASP, "CSV Injection"): a spreadsheet runs a cell that starts with `=`, `+`, `-` or
/// `@` as a formula, and tab and CR can hide such a start. Such a cell is written with a single quote
/// before it, which spreadsheets show as text, and the reader removes that quote again, so an exported
/// file imports to the same values (a phone number such as `+4791234567` is written `'+4791234567`).
///
/// So the escape can be undone without guessing, a value that already starts with quotes followed by one
/// of those characters (`'=x`) gets one quote more too: escaping adds exactly one `'` to every value that
/// matches `'*[=+\-@\t\r].*`, and unescaping removes one `'` from every value that matches `'+[=+\-@\t\r].*`.
public enum CSVFormulaEscape {
  /// The characters a spreadsheet may take as the start of a formula.
  public static let triggers: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

  /// `value` with a `'` before it if it starts, after any quotes, with a trigger.
  public static func escaped(_ value: String) -> String {
    needsQuote(value.unicodeScalars[...]) ? "'" + value : value
  }

  /// `value` with its first `'` removed if that quote was added by `escaped(_:)`.
  public static func unescaped(_ value: String) -> String {
    let scalars = value.unicodeScalars
    guard scalars.first == "'", needsQuote(scalars.dropFirst()) else { return value }
    return String(scalars.dropFirst())
  }

  private static func needsQuote(_ scalars: Substring.UnicodeScalarView) -> Bool {
    guard let first = scalars.first(where: { $0 != "'" }) else { return false }
    return triggers.contains(first)
  }
}
