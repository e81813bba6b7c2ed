import Foundation
import PackagePlugin

/// Compiles the common-password list (`Credentials/CommonPasswords/common-passwords.txt`, beside its source
/// and licence) into the target as a Swift string, regenerated whenever the list changes.
///
/// The command is the system shell, not an executable built from this package: a tool built here would be
/// built with the fuzz build's sanitizers too, and libFuzzer's `main` would collide with its own.
@main struct CommonPasswordsPlugin: BuildToolPlugin {
  /// Wraps the list in `extension CommonPasswords { static let list = #"""…"""# }`; refuses a list with a
  /// line that would end the raw string early (or a CR), rather than miscompile it.
  static let script = ##"""
    set -eu
    if grep -n -e '"""#' -e "$(printf '\r')" "$1" >&2; then
      echo "$1: a line above holds \"\"\"# or a CR" >&2
      exit 1
    fi
    {
      echo '// Generated at build time from Credentials/CommonPasswords/common-passwords.txt; do not edit.'
      echo 'extension CommonPasswords {'
      echo '  static let list = #"""'
      cat "$1"
      echo '"""#'
      echo '}'
    } > "$2"
    """##

  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let input = context.package.directoryURL.appending(
      path: "Sources/\(target.name)/Credentials/CommonPasswords/common-passwords.txt")
    let output = context.pluginWorkDirectoryURL.appending(path: "CommonPasswords+List.swift")
    return [
      .buildCommand(
        displayName: "Generating the common-password list",
        executable: URL(fileURLWithPath: "/bin/sh"),
        arguments: ["-c", Self.script, "generate-common-passwords", input.path(), output.path()],
        inputFiles: [input],
        outputFiles: [output])
    ]
  }
}
