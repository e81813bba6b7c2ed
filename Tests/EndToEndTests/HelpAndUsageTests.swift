import Foundation
import Testing

/// The real binary's help, usage errors and exit statuses, compared with golden text.
@Suite struct HelpAndUsageTests {
  @Test(arguments: [
    (["--help"], "help-root.txt"),
    ([], "help-root.txt"),
    (["id", "validate", "--help"], "help-id-validate.txt"),
    (["help", "id", "generate"], "help-id-generate.txt"),
    (["id"], "help-id.txt"),
    (["help", "exit-codes"], "help-exit-codes.txt"),
    (["help", "environment"], "help-environment.txt"),
    (["help", "secrets"], "help-secrets.txt"),
  ])
  func helpGoesToStandardOutputAndExitsZero(_ arguments: [String], _ golden: String) throws {
    let result = try MinIDBinary.run(arguments)
    #expect(result.status == 0)
    #expect(result.stderr == "")
    try Golden.check(result.stdout, golden)
  }

  @Test func helpFlagAndHelpCommandAgree() throws {
    #expect(
      try MinIDBinary.run(["id", "generate", "-h"]).stdout
        == MinIDBinary.run(["help", "id", "generate"]).stdout)
  }

  @Test(arguments: [
    (["id", "validate", "--jsn"], "usage-unknown-option.txt"),
    (["id", "valdate"], "usage-unknown-subcommand.txt"),
    (["id", "generate", "--count", "many"], "usage-bad-value.txt"),
    (["id", "generate", "--kind", "tenr"], "usage-bad-choice.txt"),
    (["id", "generate", "--born", "2000-01-01", "--age", "3"], "usage-exclusive.txt"),
    (["help", "exit-code"], "usage-help-topic.txt"),
    (["--generate-completion-script", "tcsh"], "usage-completion-shell.txt"),
  ])
  func usageErrorsExit64WithUsageOnStandardError(_ arguments: [String], _ golden: String) throws {
    let result = try MinIDBinary.run(arguments)
    #expect(result.status == 64)
    #expect(result.stdout == "")
    try Golden.check(result.stderr, golden)
  }

  @Test func usageErrorAsJSON() throws {
    let result = try MinIDBinary.run(["id", "validate", "--json", "--today", "someday"])
    #expect(result.status == 64)
    let object = try JSONSerialization.jsonObject(with: Data(result.stderr.utf8)) as? [String: [String: Any]]
    #expect(object?["error"]?["code"] as? String == "usage")
    #expect(object?["error"]?["exit_code"] as? Int == 64)
  }

  @Test func version() throws {
    let result = try MinIDBinary.run(["--version"])
    #expect(result.status == 0)
    #expect(result.stdout.hasPrefix("minid "))
    let verbose = try MinIDBinary.run(["--version", "--verbose"])
    #expect(verbose.stdout.contains("SQLite 3."))
    #expect(verbose.stdout.contains("OpenSSL 3."))
  }

  @Test(arguments: ["bash", "zsh", "fish"])
  func completionScripts(_ shell: String) throws {
    let result = try MinIDBinary.run(["--generate-completion-script", shell])
    #expect(result.status == 0)
    #expect(result.stdout.contains("validate"))
  }

  @Test func noColourWhenNotATerminal() throws {
    let result = try MinIDBinary.run(["id", "nope"])
    #expect(!result.stderr.contains("\u{1B}["))
  }
}
