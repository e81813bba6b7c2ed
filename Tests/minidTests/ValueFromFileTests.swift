import Foundation
import MinIDKit
import Testing

@testable import MinIDCommandLine

#if canImport(Glibc)
  import Glibc
#endif

/// `--pid -` and `--pid-file`, done once for every command that has `--pid`.
@Suite struct ValueFromFileTests {
  let parser = CommandParser(root: CommandTable.root, globals: CommandTable.globalOptions)

  func invocation(_ arguments: [String]) throws -> Invocation {
    guard case .run(let invocation) = try parser.parse(arguments) else { throw UsageError("no command") }
    return invocation
  }

  /// A pipe holding `text`, its write end closed.
  func pipe(_ text: String) -> Int32 {
    var ends: [Int32] = [0, 0]
    _ = Glibc.pipe(&ends)
    _ = text.withCString { write(ends[1], $0, strlen($0)) }
    close(ends[1])
    return ends[0]
  }

  @Test func everyCommandWithPidHasPidFile() {
    for (path, command) in CommandTable.root.walk()
    where command.options.contains(where: { $0.long == "pid" }) {
      #expect(command.options.contains { $0.long == "pid-file" }, "\(path)")
    }
  }

  @Test func pidFileStandsInForARequiredPid() throws {
    let parsed = try invocation(["account", "show", "--pid-file", "-"])
    let input = pipe("10915596784\nnext line stays unread\n")
    defer { close(input) }
    let resolved = try ValueFromFile.resolve(parsed, standardInput: input)
    #expect(resolved.value("pid") == "10915596784")
    #expect(resolved.values["pid-file"] == nil)
    var rest = [UInt8](repeating: 0, count: 4)
    #expect(read(input, &rest, 4) == 4 && rest == Array("next".utf8))
  }

  @Test func pidDashReadsOneLineOfStandardInput() throws {
    let input = pipe("  10915596784\r\n")
    defer { close(input) }
    let resolved = try ValueFromFile.resolve(
      try invocation(["account", "show", "--pid", "-"]), standardInput: input)
    #expect(resolved.value("pid") == "10915596784")
  }

  @Test func aPlainPidIsLeftAlone() throws {
    let resolved = try ValueFromFile.resolve(
      try invocation(["account", "show", "--pid", "10915596784"]), standardInput: -1)
    #expect(resolved.value("pid") == "10915596784")
  }

  @Test func refusals() throws {
    #expect(throws: UsageError.self) {
      try ValueFromFile.resolve(
        try invocation(["account", "show", "--pid", "1", "--pid-file", "x"]), standardInput: -1)
    }
    let empty = pipe("")
    defer { close(empty) }
    #expect(throws: UsageError.self) {
      try ValueFromFile.resolve(try invocation(["account", "show", "--pid", "-"]), standardInput: empty)
    }
    #expect(throws: SecretInputError.self) {
      try ValueFromFile.resolve(
        try invocation(["account", "show", "--pid-file", "/nonexistent/pid"]), standardInput: -1)
    }
    // Two readers of standard input are refused before either reads.
    #expect(throws: UsageError.self) {
      try invocation(["account", "activate", "--pid", "-", "--code-file", "-"]).checkStandardInputUse()
    }
  }
}
