import MinIDKit

/// `minid outbox`: the letters, SMS and e-mails minid "sent".
enum OutboxCommands {
  static let pid = OptionHandle.optional(
    "pid", value: "number", help: "Only messages to this person.")
  static let kind = OptionHandle.optional(
    "kind", value: "kind", completion: .values(OutboxMessage.Kind.allCases.map(\.rawValue)),
    help: "Only letters, SMS or e-mails.")
  static let pending = OptionHandle.flag("pending", help: "Only messages not yet drained.")

  static let toDirectory = OptionHandle.required(
    "to-dir", value: "directory", completion: .directory, help: "An existing directory.")

  static var group: CommandSpec {
    CommandSpec(
      "outbox", abstract: "Read and hand on the letters, SMS and e-mails minid has sent.",
      discussion: """
        Nothing is really sent: every letter, SMS and e-mail is a row in the outbox. 'outbox drain' hands the \
        messages to a directory, as a print shop or SMS gateway would take them, and then keeps only their \
        metadata, so codes do not stay in the store.
        """,
      subcommands: [list, show, drain])
  }

  static var list: CommandSpec {
    CommandSpec(
      "list", abstract: "List messages (metadata only; recipients masked unless --reveal).",
      options: [
        pid.spec,
        kind.spec,
        pending.spec,
        AccountCommands.revealOption,
        AccountCommands.json(
          "an array of {id, account_id, kind, recipient, subject, created_at, drained_at, drained_to}"),
      ],
      examples: [
        Example(
          description: "Letters waiting to be printed", command: "minid outbox list --kind letter --pending")
      ],
      usesStore: true, action: runList)
  }

  static var show: CommandSpec {
    CommandSpec(
      "show",
      abstract:
        "Show one message, with its text (a letter holds its activation code); recipient masked unless --reveal.",
      arguments: [ArgumentSpec("id", help: "The message id from 'outbox list'.")],
      options: [
        AccountCommands.revealOption,
        AccountCommands.json(
          "{id, account_id, kind, recipient, subject, created_at, drained_at, drained_to, body, code}; the recipient masked unless --reveal; code (the login, recovery or activation code the message carries) only in a test store"
        ),
      ],
      examples: [Example(description: "Read the first letter", command: "minid outbox show 1")],
      usesStore: true, action: runShow)
  }

  static var drain: CommandSpec {
    CommandSpec(
      "drain", abstract: "Write every pending message to a directory, then forget their texts.",
      discussion: """
        Each message becomes <id>-<kind>.txt (mode 0600) in the directory, created new, written and synced \
        before the store forgets its text. A symbolic link or another file of that name is refused (exit 77 or \
        73) and nothing is written through it; after a crash, running it again finds the files it wrote itself \
        and goes on. The directory must be your own, not a symbolic link, and not writable by others unless \
        sticky (exit 77), so nobody can redirect the letters or swap them afterwards.
        """,
      options: [
        toDirectory.spec,
        AccountCommands.json("an array of the messages handed on, as 'outbox list --json' shows them"),
      ],
      examples: [
        Example(
          description: "Hand the letters to the print shop's folder",
          command: "minid outbox drain --to-dir /srv/print/incoming")
      ],
      usesStore: true, action: runDrain)
  }

  private static func service(_ context: CommandContext) throws -> OutboxService {
    OutboxService(store: try context.openStore(), time: context.time, actor: context.actor)
  }

  private static func runList(_ context: CommandContext) throws -> ExitCode {
    let invocation = context.invocation
    let store = try context.openStore()
    var filter = OutboxFilter(
      kind: invocation[Self.kind].flatMap(OutboxMessage.Kind.init(rawValue:)),
      undrainedOnly: invocation[Self.pending])
    if let pid = invocation[Self.pid] {
      let accounts = try context.accountService(store)
      filter.accountID = try store.read { try accounts.account(pid: pid, in: $0).id }
    }
    let messages = try OutboxService(store: store, time: context.time, actor: context.actor).messages(filter)
    let views = messages.map {
      OutboxMessageView($0, reveal: invocation[AccountCommands.reveal], includeBody: false)
    }
    if context.wantsJSON {
      try context.printJSON(views)
      return .success
    }
    var table = TextTable("ID", "KIND", "ACCOUNT", "RECIPIENT", "CREATED", "DRAINED")
    for view in views {
      table.add(
        String(view.id), view.kind, view.accountId.map(String.init) ?? "-", view.recipient,
        view.createdAt.rfc3339,
        view.drainedAt?.rfc3339 ?? "-")
    }
    context.console.out(table.text)
    return .success
  }

  private static func runShow(_ context: CommandContext) throws -> ExitCode {
    let text = context.invocation.arguments[0]
    guard let id = Int64(text), id > 0 else {
      throw UsageError.invalidValue(text, forName: "<id>", "expected a message id (a whole number)")
    }
    let outbox = try service(context)
    let message = try outbox.message(id: id)
    let view = OutboxMessageView(
      message, reveal: context.invocation[AccountCommands.reveal], includeBody: true,
      code: outbox.testCode(in: message))
    if context.wantsJSON {
      try context.printJSON(view)
      return .success
    }
    var text2 =
      "Message \(message.id) (\(message.kind.rawValue))\nTo: \(TerminalText.escaped(view.recipient))\n"
      + "Subject: \(TerminalText.escaped(message.subject))\n"
    text2 += "Created: \(message.createdAt)\n"
    if let drained = message.drainedAt {
      text2 += "Drained: \(drained) to \(TerminalText.escaped(message.drainedTo ?? "?"))\n"
    }
    text2 +=
      "\n"
      + (message.body.map { TerminalText.escaped(lines: $0) }
        ?? "(the text was handed on by 'outbox drain' and is no longer in the store)\n")
    context.console.out(text2)
    return .success
  }

  private static func runDrain(_ context: CommandContext) throws -> ExitCode {
    let drained = try service(context).drain(to: context.invocation[Self.toDirectory])
    if context.wantsJSON {
      try context.printJSON(drained.map { OutboxMessageView($0, reveal: false, includeBody: false) })
    } else {
      context.console.out("Drained \(drained.count) message\(drained.count == 1 ? "" : "s").\n")
      for message in drained { context.console.out("  \(TerminalText.escaped(message.drainedTo ?? ""))\n") }
    }
    return .success
  }
}
