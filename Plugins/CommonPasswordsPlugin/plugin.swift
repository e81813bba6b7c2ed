import Foundation
import PackagePlugin

/// Compiles the common-password list (`Credentials/CommonPasswords/common-passwords.txt`, beside its source
/// and licence) into the target as a Swift string, regenerated whenever the list changes.
@main struct CommonPasswordsPlugin: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let input = context.package.directoryURL.appending(
      path: "Sources/\(target.name)/Credentials/CommonPasswords/common-passwords.txt")
    let output = context.pluginWorkDirectoryURL.appending(path: "CommonPasswords+List.swift")
    return [
      .buildCommand(
        displayName: "Generating the common-password list",
        executable: try context.tool(named: "generate-common-passwords").url,
        arguments: [input.path(), output.path()],
        inputFiles: [input],
        outputFiles: [output])
    ]
  }
}
