/// The two import file formats and how a file of each becomes records (decisions §5): the format
/// comes from the caller, else from the file name; a CSV file must start with a header naming the
/// required columns.
public enum ImportFileFormat: String, Sendable, CaseIterable {
  /// Comma-separated values with a header line (RFC 4180).
  case csv
  /// JSON Lines: one object per line.
  case jsonl

  /// The format named (`jsonl`; any other name reads as CSV), else the one the file name suggests
  /// (`.jsonl`, `.ndjson`, `.json`: JSON Lines), else CSV. `path` is nil or `-` for standard input.
  public init(named name: String?, path: String?) {
    if let name {
      self = name == "jsonl" ? .jsonl : .csv
    } else if let path, path.hasSuffix(".jsonl") || path.hasSuffix(".ndjson") || path.hasSuffix(".json") {
      self = .jsonl
    } else {
      self = .csv
    }
  }

  /// Reads a file of this format line by line and hands each record (or the problem of a row) to
  /// `deliver`, in order. `forEachLine` calls its argument once per line, without the line end.
  /// - Throws: `ImportFileError` when the file cannot be read as this format at all (a CSV header that is
  ///   unreadable or lacks a column, an empty CSV file); whatever `forEachLine` or `deliver` throws.
  public func read(
    forEachLine: ((UnsafeRawBufferPointer) throws -> Void) throws -> Void,
    deliver: (Result<ImportRecord, ImportProblem>) throws -> Void
  ) throws {
    // The two closures never run at once: each line is delivered before the next is read.
    try withoutActuallyEscaping(deliver) { deliver in
      var number = 0
      guard self == .csv else {
        try forEachLine { line in
          number += 1
          if let record = JSONLinesRecordReader.record(line, number: number) { try deliver(record) }
        }
        return
      }
      var csv = CSVRecordReader()
      var checkedHeader = false
      try forEachLine { line in
        number += 1
        let record = csv.feed(line, number: number)
        if !checkedHeader, csv.header != nil {
          checkedHeader = true
          if case .failure(let problem) = record { throw ImportFileError.unreadableHeader(problem.message) }
          let missing = csv.missingColumns
          if !missing.isEmpty { throw ImportFileError.missingColumns(missing) }
        }
        if let record { try deliver(record) }
      }
      if let problem = csv.finish() { try deliver(.failure(problem)) }
      if csv.header == nil { throw ImportFileError.empty }
    }
  }
}

/// An import file that cannot be read at all.
public enum ImportFileError: MinIDError, Equatable {
  /// The CSV header lacks required columns (named).
  case missingColumns([String])
  /// The CSV header could not be parsed (why).
  case unreadableHeader(String)
  /// The CSV file has no header line.
  case empty

  /// The stable snake_case code scripts match on (`MinIDError.code`).
  public var code: String { "import_file" }
  /// What kind of failure this is; the command line chooses the exit status from it.
  public var category: ErrorCategory { .invalidInput }
  /// The sentence shown: it names the field and the rule, never a secret or a full identity number.
  public var message: String {
    switch self {
    case .missingColumns(let columns):
      "the CSV header lacks \(columns.joined(separator: ", ")); it needs pid, phone, email, address (and may have password_hash, state, block_reason)"
    case .unreadableHeader(let reason): "\(reason); is this a CSV file?"
    case .empty: "the file is empty; a CSV import needs a header line"
    }
  }
}
