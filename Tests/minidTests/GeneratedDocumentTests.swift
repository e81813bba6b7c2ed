import Foundation
import Testing

@testable import MinIDCommandLine

/// The man page and the CLI reference are generated from the command table and checked in; these tests
/// fail when the table changes and the files were not regenerated (scripts/generate-docs.sh).
@Suite struct GeneratedDocumentTests {
  static let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("docs")
  let documents = ReferenceDocuments(
    root: CommandTable.root, globals: CommandTable.globalOptions, topics: HelpTopic.all)

  func checkedIn(_ name: String) throws -> String {
    try String(contentsOf: Self.docs.appendingPathComponent(name), encoding: .utf8)
  }

  @Test func manPageIsCurrent() throws {
    #expect(try checkedIn("minid.1") == documents.manPage(), "run scripts/generate-docs.sh")
  }

  @Test func cliReferenceIsCurrent() throws {
    #expect(try checkedIn("cli.md") == documents.markdown(), "run scripts/generate-docs.sh")
  }

  @Test func everyCommandAndOptionIsDocumented() {
    let man = documents.manPage()
    let markdown = documents.markdown()
    for (path, command) in CommandTable.root.walk() where !command.isHidden && path.count > 1 {
      #expect(markdown.contains("`\(path.joined(separator: " "))`"))
      #expect(man.contains(".SS \(path.joined(separator: " ").replacingOccurrences(of: "-", with: "\\-"))"))
      for option in command.options where !option.isHidden {
        #expect(markdown.contains("`\(option.label)`"), "\(path) \(option.long)")
      }
    }
    for status in ExitCode.allCases { #expect(markdown.contains(status.meaning)) }
  }
}

@Suite struct CompletionScriptTests {
  let scripts = CompletionScripts(root: CommandTable.root, globals: CommandTable.globalOptions)

  @Test(arguments: CompletionScripts.shells)
  func everyCommandAndOptionIsCompleted(_ shell: String) throws {
    let script = try #require(scripts.script(for: shell))
    for (_, command) in CommandTable.root.walk() where !command.isHidden {
      #expect(script.contains(command.name))
      for option in command.options where !option.isHidden {
        #expect(script.contains(option.long), "\(shell): --\(option.long)")
      }
    }
    #expect(script.contains("fodselsnummer"), "choices are offered")
  }

  @Test func bashScriptParses() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("minid-completion.bash")
    try scripts.script(for: "bash")!.write(to: path, atomically: true, encoding: .utf8)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = ["-n", path.path]
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
  }

  /// Runs the bash completion function for a partial command line and returns what it offers.
  func bashComplete(_ words: [String]) throws -> [String] {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("minid-completion-run.bash")
    let quoted = words.map { "'\($0)'" }.joined(separator: " ")
    let script =
      scripts.script(for: "bash")! + """
        COMP_WORDS=(\(quoted)); COMP_CWORD=\(words.count - 1); _minid; printf '%s\\n' "${COMPREPLY[@]}"
        """
    try script.write(to: path, atomically: true, encoding: .utf8)
    let process = Process()
    let pipe = Pipe()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = [path.path]
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
  }

  @Test func bashCompletesCommandsOptionsAndValues() throws {
    #expect(try bashComplete(["minid", "i"]) == ["id", "init", "install-extras"])
    #expect(try bashComplete(["minid", "account", "ac"]) == ["activate"])
    #expect(try Set(bashComplete(["minid", "id", ""])).isSuperset(of: ["validate", "generate"]))
    #expect(try bashComplete(["minid", "id", "validate", "--only"]) == ["--only-invalid"])
    #expect(try bashComplete(["minid", "--database", "x", "id", "generate", "--kind", "ten"]) == ["tenor"])
  }
}
