import Foundation
import Testing

@testable import MinIDKit

/// CSV as spreadsheets write it, and CSV that spreadsheets cannot run.
@Suite struct CSVDialectTests {
  static let fixtures = FixtureFile.root.appendingPathComponent("csv")

  func records(_ bytes: [UInt8]) -> (CSVRecordReader, [Result<ImportRecord, ImportProblem>]) {
    var reader = CSVRecordReader()
    var results: [Result<ImportRecord, ImportProblem>] = []
    var lines = bytes.split(separator: 10, omittingEmptySubsequences: false)
    if lines.last?.isEmpty == true { lines.removeLast() }
    for (index, line) in lines.enumerated() {
      var line = Array(line)
      if line.last == 13 { line.removeLast() }
      if let result = line.withUnsafeBytes({ reader.feed($0, number: index + 1) }) { results.append(result) }
    }
    return (reader, results)
  }

  func values(_ results: [Result<ImportRecord, ImportProblem>]) throws -> [[String: String]] {
    try results.map { try $0.get().values }
  }

  /// Excel's "CSV UTF-8" starts with a byte-order mark; the header must still read as pid.
  @Test func aByteOrderMarkIsSkipped() throws {
    let data = try Data(contentsOf: Self.fixtures.appendingPathComponent("excel-utf8-bom.csv"))
    #expect(data.starts(with: [0xEF, 0xBB, 0xBF]))
    let (reader, results) = records(Array(data))
    #expect(reader.missingColumns.isEmpty)
    #expect(try values(results).map { $0["pid"] } == ["18929590232", "10919695329"])
    #expect(try values(results).first?["address"] == "Storgata 1, 0155 Oslo")
  }

  /// Excel in Norwegian saves with `;` between fields, commas being decimal marks there.
  @Test func aSemicolonSeparatedFileIsRead() throws {
    let data = try Data(contentsOf: Self.fixtures.appendingPathComponent("excel-norwegian-semicolon.csv"))
    let (reader, results) = records(Array(data))
    #expect(reader.delimiter == UInt8(ascii: ";") && reader.missingColumns.isEmpty)
    let rows = try values(results)
    #expect(rows.map { $0["phone"] } == ["+4791234567", "41234567"])
    #expect(rows.map { $0["address"] } == ["Storgata 1, 0155 Oslo", "Kirkegata 2; 5003 Bergen"])
  }

  @Test func anExcelSeparatorLineSetsTheDelimiter() throws {
    let (reader, results) = records(Array("sep=;\npid;phone;email;address\n1;2;3;a,b\n".utf8))
    #expect(reader.delimiter == UInt8(ascii: ";"))
    #expect(try values(results) == [["pid": "1", "phone": "2", "email": "3", "address": "a,b"]])
    #expect(try results[0].get().line == 3)
  }

  @Test func aCommaInTheHeaderKeepsTheComma() throws {
    let (reader, _) = records(Array("pid,phone,email,address;x\n".utf8))
    #expect(reader.delimiter == UInt8(ascii: ","))
  }

  /// OWASP's list: a cell that starts with = + - @ tab or CR gets a quote; the reader takes it off.
  @Test func formulaCellsAreEscapedAndReadBack() throws {
    let cases: [(String, String)] = [
      ("=HYPERLINK(\"http://evil.example\",\"x\")", "'=HYPERLINK(\"http://evil.example\",\"x\")"),
      ("+4791234567", "'+4791234567"), ("-1", "'-1"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
      ("\r=1", "'\r=1"), ("'=1", "''=1"), ("''+1", "'''+1"), ("'plain", "'plain"),
      ("Storgata 1", "Storgata 1"),
      ("", ""), ("a=b", "a=b"),
    ]
    for (value, escaped) in cases {
      #expect(CSVFormulaEscape.escaped(value) == escaped, "\(value)")
      #expect(CSVFormulaEscape.unescaped(escaped) == value, "\(value)")
    }
    let line = CSVWriter.line(["=1+2", "+4791234567", "a,b"])
    #expect(line == "'=1+2,'+4791234567,\"a,b\"\n")
    let (_, results) = records(Array(("x,y,z\n" + line).utf8))
    #expect(try values(results) == [["x": "=1+2", "y": "+4791234567", "z": "a,b"]])
  }
}
