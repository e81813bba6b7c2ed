import MinIDKit

/// Runs one command line from start to exit status: parse, dispatch, and turn any error into one message.
public struct MinIDCommandLine {
  /// The `minid` program: runs `arguments` (without the program name) on the process's standard streams,
  /// with the system clock, and returns the exit status. Core dumps are turned off first, before any key,
  /// password or code is in memory.
  public static func main(_ arguments: [String], environment: [String: String]) -> Int32 {
    CoreDumps.disable()
    let console = Console.standard(environment: environment)
    let commandLine = MinIDCommandLine(console: console, environment: environment, time: SystemTimeSource())
    return commandLine.run(arguments)
  }

  let console: Console
  let environment: [String: String]
  let time: TimeSource

  var root: CommandSpec { CommandTable.root }
  var globals: [OptionSpec] { CommandTable.globalOptions }

  /// Runs `arguments` (without the program name) and returns the exit status.
  func run(_ arguments: [String]) -> Int32 {
    defer { console.flush() }
    let parser = CommandParser(root: root, globals: globals)
    let wantsJSON = arguments.prefix { $0 != "--" }.contains("--json")
    do {
      switch try parser.parse(arguments) {
      case .help(let path):
        console.out(HelpFormatter(root: root, globals: globals, width: console.width).help(for: path))
        return ExitCode.success.rawValue
      case .version(let verbose):
        var text = "minid \(LibraryVersions.minid)\n"
        if verbose {
          text += "SQLite \(LibraryVersions.sqlite)\n\(LibraryVersions.openSSL)\n"
        }
        console.out(text)
        return ExitCode.success.rawValue
      case .completionScript(let shell):
        guard let script = CompletionScripts(root: root, globals: globals).script(for: shell) else {
          throw UsageError(
            "No completion script for the shell '\(shell)': use --generate-completion-script with one of "
              + CompletionScripts.shells.joined(separator: ", ") + ".", commandPath: ["minid"])
        }
        console.out(script)
        return ExitCode.success.rawValue
      case .generatedDocument(let name):
        let documents = ReferenceDocuments(root: root, globals: globals, topics: HelpTopic.all)
        console.out(name == "manpage" ? documents.manPage() : documents.markdown())
        return ExitCode.success.rawValue
      case .run(let parsed):
        do {
          try parsed.checkStandardInputUse()
          let invocation = try ValueFromFile.resolve(parsed, standardInput: console.standardInputDescriptor)
          let context = CommandContext(
            invocation: invocation, console: console, environment: environment, time: time)
          return try invocation.command.action!(context).rawValue
        } catch var usage as UsageError {
          usage.commandPath = usage.commandPath ?? parsed.path
          throw usage
        }
      }
    } catch {
      return report(error, json: wantsJSON)
    }
  }

  /// Prints the error the one way minid prints errors, and returns its exit status.
  func report(_ error: any Error, json: Bool) -> Int32 {
    let report = ErrorReport(error)
    if json {
      var writer = JSONWriter()
      writer.beginObject()
      writer.key("error")
      writer.beginObject()
      writer.key("code")
      writer.string(report.code)
      writer.key("message")
      writer.string(report.message)
      writer.key("exit_code")
      writer.int(Int(report.status.rawValue))
      writer.endObject()
      writer.endObject()
      writer.newline()
      console.standardError.write(writer.bytes)
      return report.status.rawValue
    }
    // The message may quote input (a kid, an option, a path, a JSONL key): escaped, as all outside data.
    var text = "\(console.errorLabel("Error:")) \(TerminalText.escaped(report.message))\n"
    if let path = report.usagePath {
      let formatter = HelpFormatter(root: root, globals: globals, width: console.width)
      let name = path.joined(separator: " ")
      text += "Usage: \(formatter.usage(for: path))\n  See '\(name) --help' for more information.\n"
    }
    console.err(text)
    return report.status.rawValue
  }
}
