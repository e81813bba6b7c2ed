import MinIDKit
import Testing

@testable import MinIDCommandLine

@Suite struct CommandParserTests {
  let parser = CommandParser(root: CommandTable.root, globals: CommandTable.globalOptions)

  func invocation(_ arguments: [String]) throws -> Invocation {
    guard case .run(let invocation) = try parser.parse(arguments) else {
      Issue.record("expected a command to run")
      throw UsageError("no command")
    }
    return invocation
  }

  func usageError(_ arguments: [String]) -> UsageError? {
    do {
      _ = try parser.parse(arguments)
      return nil
    } catch {
      return error
    }
  }

  @Test func valuesWithSpaceOrEquals() throws {
    let a = try invocation(["id", "generate", "--count", "3", "--kind=tenor"])
    #expect(a.path == ["minid", "id", "generate"])
    #expect(a.value("count") == "3")
    #expect(a.value("kind") == "tenor")
  }

  @Test func globalOptionsBeforeTheCommand() throws {
    let a = try invocation(["--database", "/tmp/x.sqlite", "db", "path", "--json"])
    #expect(a.values["database"] == ["/tmp/x.sqlite"])
    #expect(a.flag("json"))
  }

  @Test func doubleDashEndsOptions() throws {
    let a = try invocation(["id", "validate", "--", "--json", "-"])
    #expect(a.arguments == ["--json", "-"])
    #expect(!a.flags.contains("json"))
  }

  @Test func dashIsAnArgument() throws {
    #expect(try invocation(["id", "validate", "-"]).arguments == ["-"])
  }

  @Test func unknownOptionSuggestsTheClosest() {
    let error = usageError(["id", "validate", "--jsn"])
    #expect(error?.message == "Unknown option '--jsn'. Did you mean '--json'?")
    #expect(error?.commandPath == ["minid", "id", "validate"])
  }

  @Test func unknownSubcommandSuggestsTheClosest() {
    #expect(
      usageError(["id", "valdate"])?.message == "Unknown subcommand 'valdate'. Did you mean 'validate'?")
    #expect(usageError(["acount"])?.message.hasPrefix("Unknown subcommand 'acount'.") == true)
  }

  @Test func missingValue() {
    #expect(usageError(["id", "generate", "--count"])?.message == "Missing value for '--count <n>'.")
    #expect(
      usageError(["id", "generate", "--count", "--json"])?.message == "Missing value for '--count <n>'.")
  }

  // An id or a number may start with one '-'; a word naming an option is never swallowed as a value.
  @Test func valuesStartingWithADash() throws {
    let a = try invocation(["login", "finish", "--login-id", "-Xy1_z", "--code-file", "-"])
    #expect(a.value("login-id") == "-Xy1_z")
    #expect(a.value("code-file") == "-")
    #expect(
      usageError(["account", "lock", "--pid", "1", "--case", "--dry-run"])?.message
        == "Missing value for '--case <ref>'.")
  }

  @Test func singleValueOptionGivenTwice() {
    #expect(
      usageError(["id", "generate", "--count", "1", "--count", "2"])?.message
        == "The option '--count' was given more than once.")
  }

  @Test func choicesAreListed() {
    #expect(
      usageError(["id", "generate", "--checksum-rule", "1999"])?.message
        == "The value '1999' is invalid for '--checksum-rule <rule>'. Please provide one of 'legacy' or '2032'."
    )
  }

  @Test func flagsTakeNoValue() {
    #expect(
      usageError(["id", "validate", "--json=yes"])?.message == "The flag '--json' does not take a value.")
  }

  @Test func unexpectedArgument() {
    #expect(usageError(["db", "path", "extra"])?.message == "Unexpected argument 'extra'.")
  }

  @Test func helpAnywhereWinsEvenOverMistakes() throws {
    guard case .help(let path) = try parser.parse(["id", "--bogus", "validate", "-h"]) else {
      Issue.record("expected help")
      return
    }
    #expect(path == ["minid", "id", "validate"])
  }

  @Test func groupAloneShowsHelp() throws {
    guard case .help(let path) = try parser.parse(["id"]) else {
      Issue.record("expected help")
      return
    }
    #expect(path == ["minid", "id"])
  }

  @Test func rootOnlyOptions() throws {
    guard case .version(let verbose) = try parser.parse(["--version", "--verbose"]) else {
      Issue.record("expected version")
      return
    }
    #expect(verbose)
    guard case .completionScript(let shell) = try parser.parse(["--generate-completion-script", "fish"])
    else {
      Issue.record("expected a completion script")
      return
    }
    #expect(shell == "fish")
  }

  @Test func typedAccessorsNameTheOptionAndRule() throws {
    let a = try invocation(["id", "generate", "--count", "0", "--today", "2026-02-30", "--seed", "x"])
    #expect(throws: UsageError("The value '0' is invalid for '--count <n>': must be from 1 to 10000000.")) {
      try a.integer("count", in: 1...10_000_000)
    }
    #expect(
      throws: UsageError(
        "The value '2026-02-30' is invalid for '--today <yyyy-mm-dd>': expected a real date as YYYY-MM-DD.")
    ) {
      try a.date("today")
    }
    #expect(throws: UsageError.self) { try a.unsigned("seed") }
  }

  @Test func exclusiveOptions() throws {
    let a = try invocation(["id", "generate", "--born", "2000-01-01", "--age", "3"])
    #expect(throws: UsageError("The options '--born' and '--age' cannot be used together.")) {
      try a.exclusive("born", "age")
    }
  }

  @Test func everyCommandHasAnAbstractAndEveryOptionHelp() {
    for (path, command) in CommandTable.root.walk() {
      #expect(!command.abstract.isEmpty, "\(path)")
      for option in command.options { #expect(!option.help.isEmpty, "\(path) --\(option.long)") }
      #expect(command.action != nil || !command.subcommands.isEmpty, "\(path) does nothing")
    }
  }

  @Test func editDistance() {
    #expect(EditDistance.between("kitten", "sitting") == 3)
    #expect(EditDistance.suggestion(for: "--jso", among: ["--json", "--today"]) == "--json")
    #expect(EditDistance.suggestion(for: "zzzzzz", among: ["validate", "generate"]) == nil)
  }
}
