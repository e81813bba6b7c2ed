import Testing

@testable import MinIDCommandLine

/// Scripts read results as JSON: every command that prints a result accepts `--json`, and its help says
/// what the JSON holds.
@Suite struct JSONCoverageTests {
  /// Commands without `--json`, each for a reason.
  static let exceptions: [String: String] = [
    "minid help": "help text is for people; docs/cli.md and the man page are the machine-readable form",
    "minid serve": "a server prints no result; its access log is JSON Lines with --json-log",
  ]

  @Test func everyCommandThatPrintsAcceptsJSON() {
    for (path, command) in CommandTable.root.walk() where command.action != nil {
      let name = path.joined(separator: " ")
      if Self.exceptions[name] != nil { continue }
      let json = command.options.first { $0.long == "json" }
      #expect(json != nil, "\(name) has no --json")
      #expect((json?.help ?? "") != "Print JSON.", "\(name): --json's help says what it prints")
    }
  }

  @Test func theExceptionsAreCommands() {
    let names = Set(CommandTable.root.walk().map { $0.path.joined(separator: " ") })
    for name in Self.exceptions.keys { #expect(names.contains(name), "\(name)") }
  }
}
