import MinIDKit

/// `minid session`: a person's single sign-on sessions of `minid serve`, for support.
enum SessionCommands {
  static var group: CommandSpec {
    CommandSpec(
      "session", abstract: "See and end a person's single sign-on sessions ('minid serve').",
      discussion: """
        A login through 'minid serve' starts a single sign-on session in the browser: other services log the \
        person in without a password until it has been idle 30 minutes or lasted 120 (serve's \
        --session-idle and --session-max), or is ended by logout, by support, or by blocking, locking, \
        resetting, deleting or recovering the account. Ended and expired sessions are kept a day, then pruned.
        """,
      subcommands: [list, end])
  }

  static let session = OptionHandle.optional(
    "session", value: "id", help: "Only the session whose id starts with this (from 'session list').")
  static let caseReference = OptionHandle.required(
    "case", value: "ref", help: "The support case reference, kept in the audit trail.")

  static var list: CommandSpec {
    CommandSpec(
      "list", abstract: "List a person's sessions: live, idle, expired or ended (within the last day).",
      options: [
        AccountCommands.pidOption,
        AccountCommands.json(
          "an array of {id_prefix, state, created_at, last_used_at, expires_at, acr, amr, clients, ended_at, end_reason}"
        ),
      ],
      examples: [
        Example(
          description: "A citizen's sessions", command: "minid session list --pid 31129956715")
      ],
      usesStore: true, action: runList)
  }

  static var end: CommandSpec {
    CommandSpec(
      "end", abstract: "End a person's sessions (all, or one by its id prefix); audited with the case.",
      discussion: """
        The next login to any service asks for the password again. The services are not told (as when a \
        session times out): their own sessions last until their tokens expire or they ask minid again.
        """,
      options: [
        AccountCommands.pidOption,
        session.spec, caseReference.spec,
        AccountCommands.json("an array of the sessions ended, as 'session list --json' shows them"),
      ],
      examples: [
        Example(
          description: "A citizen says someone else is logged in as them",
          command: "minid session end --pid 31129956715 --case SUP-4711")
      ],
      usesStore: true, action: runEnd)
  }

  /// One session as support sees it: the id's prefix only, never the whole `sid`.
  struct View: Encodable {
    let idPrefix: String
    let state: SSOSession.State
    let createdAt: Timestamp
    let lastUsedAt: Timestamp
    let expiresAt: Timestamp
    let acr: String
    let amr: [String]
    let clients: [String]
    let endedAt: Timestamp?
    let endReason: String?

    init(_ session: SSOSession, now: Timestamp) {
      idPrefix = SessionIDPrefix.of(session.id)
      state = session.state(at: now)
      createdAt = session.createdAt
      lastUsedAt = session.lastUsedAt
      expiresAt = session.expiresAt
      acr = session.acr.rawValue
      amr = session.amr
      clients = session.clients
      endedAt = session.endedAt
      endReason = session.endReason
    }
  }

  private static func runList(_ context: CommandContext) throws -> ExitCode {
    let accounts = try context.accountService(try context.openStore())
    let views = try accounts.sessions(pid: context.invocation[AccountCommands.pid]).map {
      View($0, now: context.time.timestamp)
    }
    try render(views, context)
    return .success
  }

  private static func runEnd(_ context: CommandContext) throws -> ExitCode {
    let invocation = context.invocation
    let accounts = try context.accountService(try context.openStore())
    let ended = try accounts.endSessions(
      pid: invocation[AccountCommands.pid], prefix: invocation[Self.session],
      caseReference: invocation[Self.caseReference])
    let views = ended.map { View($0, now: context.time.timestamp) }
    if context.wantsJSON {
      try context.printJSON(views)
    } else {
      context.console.out("Ended \(views.count) sessions.\n")
    }
    return .success
  }

  private static func render(_ views: [View], _ context: CommandContext) throws {
    if context.wantsJSON {
      try context.printJSON(views)
      return
    }
    var table = TextTable("SESSION", "STATE", "CREATED", "LAST USED", "CLIENTS")
    for view in views {
      table.add(
        view.idPrefix, view.state.rawValue, view.createdAt.rfc3339, view.lastUsedAt.rfc3339,
        view.clients.isEmpty ? "-" : view.clients.map { TerminalText.escaped($0) }.joined(separator: " "))
    }
    context.console.out(table.text)
  }
}
