import Testing

@testable import MinIDKit

/// The import file rules, in the library since the command line only hands it lines.
@Suite struct ImportFileFormatTests {
  /// Runs `format` over `text`, one line at a time, and returns what it delivered.
  func read(_ format: ImportFileFormat, _ text: String) throws -> [Result<ImportRecord, ImportProblem>] {
    var records: [Result<ImportRecord, ImportProblem>] = []
    try format.read(
      forEachLine: { body in
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) where !line.isEmpty {
          var bytes = Array(line.utf8)
          try bytes.withUnsafeBytes { try body($0) }
        }
      },
      deliver: { records.append($0) })
    return records
  }

  @Test(arguments: [
    (String?("jsonl"), "a.csv", ImportFileFormat.jsonl), ("xml", "a.jsonl", .csv), (nil, "a.jsonl", .jsonl),
    (nil, "a.ndjson", .jsonl), (nil, "a.json", .jsonl), (nil, "a.csv", .csv), (nil, "-", .csv),
  ])
  func theFormatComesFromItsNameElseTheFileName(_ name: String?, _ path: String, _ expected: ImportFileFormat)
  {
    #expect(ImportFileFormat(named: name, path: path) == expected)
  }

  @Test func aCSVFileNeedsAHeaderWithTheRequiredColumns() throws {
    #expect(throws: ImportFileError.empty) { try read(.csv, "") }
    #expect(throws: ImportFileError.missingColumns(["address"])) { try read(.csv, "pid,phone,email\n") }
    let rows = try read(.csv, "pid,phone,email,address\n1,2,3,4\n")
    #expect(rows.count == 1)
  }

  @Test func aJSONLinesFileNeedsNoHeader() throws {
    #expect(try read(.jsonl, "").isEmpty)
    #expect(try read(.jsonl, #"{"pid":"1","phone":"2","email":"3","address":"4"}"#).count == 1)
  }
}
