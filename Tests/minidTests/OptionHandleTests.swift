import Foundation
import MinIDKit
import Testing

@testable import MinIDCommandLine

/// Options are read through typed handles: a required option is a value, an optional one an optional, a
/// fixed set a case, and the command line has no force-unwrapped option look-up left.
@Suite struct OptionHandleTests {
  let parser = CommandParser(root: CommandTable.root, globals: CommandTable.globalOptions)

  func invocation(_ arguments: [String]) throws -> Invocation {
    guard case .run(let invocation) = try parser.parse(arguments) else {
      throw UsageError("not a command run")
    }
    return invocation
  }

  @Test func handlesReadTheValueTheirTypeSays() throws {
    let block = try invocation(["account", "lock", "--pid", "01010112345", "--reason", "SPERRET"])
    let pid: String = block[AccountCommands.pid]
    #expect(pid == "01010112345" && block[SupportCommands.reason] == "SPERRET")
    let initialise = try invocation(["init", "--environment", "production", "--issuer", "https://x.example"])
    #expect(initialise[InitCommand.environment] == .production)
    #expect(try initialise.integer(InitCommand.scryptCost) == nil)
  }

  @Test func flagRepeatedAndIntegerHandlesReadTheirTypes() throws {
    let add = try invocation([
      "service", "add", "--client-id", "app", "--name", "App", "--level", "substantial", "--redirect-uri",
      "https://a.example/cb", "--redirect-uri", "https://b.example/cb", "--no-pkce",
      "--access-token-lifetime", "300",
    ])
    let redirects: [String] = add[ServiceCommands.redirectURI]
    #expect(redirects == ["https://a.example/cb", "https://b.example/cb"])
    #expect(add[ServiceCommands.noPKCE] && add[ServiceCommands.scope].isEmpty)
    #expect(try add.integer(ServiceCommands.accessTokenLifetime) == 300)
    let serve = try invocation(["serve", "--session-idle", "45"])
    #expect(
      try serve.integer(ServeCommand.sessionIdle) == 45 && serve.integer(ServeCommand.sessionMax) == nil)
    #expect(!serve[ServeCommand.autoApproveApp])
  }

  @Test func anIntegerHandleRefusesAValueOutsideItsDeclaredRange() throws {
    let serve = try invocation(["serve", "--session-max", "1441"])
    #expect(throws: UsageError.self) { try serve.integer(ServeCommand.sessionMax) }
  }

  @Test func aRequiredOptionIsRequiredByTheParser() {
    #expect(throws: UsageError.self) { try invocation(["account", "lock", "--reason", "SPERRET"]) }
    #expect(throws: UsageError.self) { try invocation(["init", "--environment", "staging"]) }
    #expect(throws: UsageError.self) { try invocation(["session", "end", "--pid", "01010112345"]) }
    #expect(throws: UsageError.self) { try invocation(["app", "pending"]) }
  }

  @Test func noOptionLookUpIsForceUnwrapped() throws {
    #expect(try filesMatching(#"(value|spec|allValues)\("[a-z0-9-]+"\)!"#).isEmpty)
  }

  /// Every option is declared once, as a handle: none is read by a name written at the look-up (issue #17).
  @Test func noOptionIsReadByItsName() throws {
    #expect(try filesMatching(#"invocation\.(value|flag|allValues|integer)\("[a-z0-9-]+""#).isEmpty)
  }

  /// The command-line sources whose text matches `pattern`.
  func filesMatching(_ pattern: String) throws -> [String] {
    let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().appendingPathComponent("Sources/MinIDCommandLine")
    let lookUp = try Regex(pattern)
    let files = FileManager.default.enumerator(atPath: sources.path)
    var found: [String] = []
    while let path = files?.nextObject() as? String {
      guard path.hasSuffix(".swift") else { continue }
      let text = try String(contentsOf: sources.appendingPathComponent(path), encoding: .utf8)
      if text.contains(lookUp) { found.append(path) }
    }
    return found
  }
}
