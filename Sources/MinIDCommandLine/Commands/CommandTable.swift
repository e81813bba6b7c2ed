import MinIDKit

/// The whole command tree: the single table that parsing, help, completions, the man page and the CLI
/// reference are generated from.
enum CommandTable {
  static let globalOptions: [OptionSpec] = [
    OptionSpec(
      "database", value: "path", completion: .file,
      help: "The store file. Default: $MINID_DATABASE, else $XDG_DATA_HOME/minid/minid.sqlite, else "
        + "~/.local/share/minid/minid.sqlite."),
    OptionSpec(
      "actor", value: "label",
      help:
        "A label for this call's audit entries (a ticket, a name). Default: $MINID_ACTOR. Kept only as an "
        + "unverified note in each entry's detail; the actor is always the operating-system account."),
    OptionSpec(
      "no-color",
      help: "Never colour the output (colour is used only on a terminal, and never with NO_COLOR set)."),
    OptionSpec("version", help: "Show the version."),
    OptionSpec("verbose", help: "With --version: also show the SQLite and OpenSSL versions in use."),
    OptionSpec(
      "generate-completion-script", value: "shell", completion: .values(CompletionScripts.shells),
      help: "Print a completion script for bash, zsh or fish."),
    OptionSpec("generate-manpage", hidden: true, help: "Print the man page (docs/minid.1)."),
    OptionSpec("generate-cli-reference", hidden: true, help: "Print the CLI reference (docs/cli.md)."),
  ]

  static var root: CommandSpec {
    CommandSpec(
      "minid",
      abstract: "Run the lifecycle of MinID accounts (Norway's level-3 e-ID) against a local store.",
      discussion: """
        minid registers people with a Norwegian identity number, sends (to a local outbox) the activation \
        letter, logs them in with a password and an SMS one-time code (or the MinID app, or a code \
        generator), and issues ID-porten-shaped level-3 ID tokens, with support commands and an audit \
        trail; 'minid serve' is the store's OpenID Provider, for web applications' own logins. Results go \
        to standard output (JSON with --json), everything else to standard error.
        """,
      subcommands: [
        IdCommands.group, InitCommand.command, AccountCommands.group, TestUserCommands.group,
        ServiceCommands.group,
        LoginCommands.group, AppCommands.group, TOTPCommands.group, KeyCommands.token, KeyCommands.group,
        KeyCommands.discovery, ServeCommand.command, SessionCommands.group,
        OutboxCommands.group,
        AuditCommands.group, DbCommands.group, InstallCommand.command, helpCommand,
      ],
      examples: [
        Example(description: "Check an identity number", command: "minid id validate 31129956715"),
        Example(
          description: "Make ten synthetic test numbers for 20-year-olds",
          command: "minid id generate --kind tenor --age 20 --count 10"),
      ])
  }

  static var helpCommand: CommandSpec {
    CommandSpec(
      "help", abstract: "Show help for a command, or a topic: exit-codes, environment, secrets.",
      arguments: [
        ArgumentSpec(
          "subcommand", repeating: true, help: "A command path (such as 'id validate') or a topic.")
      ],
      examples: [
        Example(description: "What each exit status means", command: "minid help exit-codes"),
        Example(description: "Help for one command", command: "minid help id validate"),
      ],
      action: help)
  }

  private static func help(_ context: CommandContext) throws -> ExitCode {
    let words = context.invocation.arguments
    let formatter = HelpFormatter(root: root, globals: globalOptions, width: context.console.width)
    if words.count == 1, let topic = HelpTopic.all.first(where: { $0.name == words[0] }) {
      context.console.out(topic.title.uppercased() + "\n\n" + topic.text + "\n")
      return .success
    }
    var command = root
    var path = [root.name]
    for word in words {
      guard let next = command.subcommand(named: word) else {
        var message = "Unknown command or topic '\(word)'."
        let candidates =
          command.visibleSubcommands.map(\.name) + (path.count == 1 ? HelpTopic.all.map(\.name) : [])
        if let guess = EditDistance.suggestion(for: word, among: candidates) {
          message += " Did you mean '\(guess)'?"
        }
        throw UsageError(message)
      }
      command = next
      path.append(word)
    }
    context.console.out(formatter.help(for: path))
    return .success
  }
}
