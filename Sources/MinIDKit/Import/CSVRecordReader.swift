/// Reads RFC 4180 CSV a line at a time (quoted fields may hold commas, quotes as `""`, and line breaks),
/// keeping only the record in progress: memory stays constant however long the file.
public struct CSVRecordReader {
  public private(set) var header: [String]?
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

  public init() {}

  /// Feeds one line (without its line break). Returns a finished record, a problem, or nil while a quoted
  /// field continues on the next line. The first record is the header.
  public mutating func feed(_ line: UnsafeRawBufferPointer, number: Int) -> Result<
    ImportRecord, ImportProblem
  >? {
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
      } else if byte == UInt8(ascii: ",") {
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
        line: recordLine, values: Dictionary(zip(header, values), uniquingKeysWith: { first, _ in first })))
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

/// Writes CSV fields, quoting those that need it.
public enum CSVWriter {
  public static func line(_ fields: [String]) -> String {
    fields.map { field in
      guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
        return field
      }
      return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }.joined(separator: ",") + "\n"
  }
}
