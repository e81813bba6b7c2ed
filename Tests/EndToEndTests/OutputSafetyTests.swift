import Foundation
import Testing

/// Outside data reaches the terminal escaped.
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
}
