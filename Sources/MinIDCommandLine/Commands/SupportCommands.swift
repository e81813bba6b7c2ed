import MinIDKit

/// The support commands under `minid account`: find, update, lock, unlock, reset, delete.
enum SupportCommands {
  static let pidFilter = OptionHandle.optional(
    "pid", value: "number", help: "Identity number.")
  static let phone = OptionHandle.optional(
    "phone", value: "number", help: "Mobile number, in any accepted format.")
  static let email = OptionHandle.optional(
    "email", value: "address", help: "E-mail address.")
  static let address = OptionHandle.optional(
    "address", value: "text", help: "New postal address.")
  static let purge = OptionHandle.flag("purge", help: "Erase the personal data too.")
  static let yes = OptionHandle.flag("yes", help: "Confirm without being asked (for scripts).")

  static let reason = OptionHandle.required(
    "reason", value: "code", completion: .suggestions(BlockReason.known),
    help: "Why: SPERRET, DEAD, SELVVALGT, …, or a code of your own (2 to 32 of A-Z, 0-9, _).")
  static let dryRun = OptionHandle.flag(
    "dry-run", help: "Run every check and show the result, but change nothing.")
  static var dryRunOption: OptionSpec { dryRun.spec }

  static var find: CommandSpec {
    CommandSpec(
      "find", abstract: "Find accounts by identity number, phone, e-mail or case reference (exact).",
      discussion: """
        Give exactly one of --pid, --phone, --email or --case. A phone number may be typed in any accepted form \
        (91234567, +47 912 34 567, 0047…). Several accounts may share a phone or e-mail (a guardian's phone), so \
        every match is listed.
        """,
      options: [
        pidFilter.spec,
        phone.spec,
        email.spec,
        OptionSpec("case", value: "ref", help: "Support case reference."),
        AccountCommands.revealOption,
        AccountCommands.json("an array of accounts, each as 'account show --json' prints one"),
      ],
      examples: [
        Example(
          description: "Who has this phone number", command: "minid account find --phone '+47 912 34 567'"),
        Example(
          description: "Accounts touched in a case", command: "minid account find --case CASE-2026-117 --json"
        ),
      ],
      usesStore: true, action: runFind)
  }

  static var update: CommandSpec {
    CommandSpec(
      "update",
      abstract: "Change phone, e-mail or postal address; notices go to the old and the new contact.",
      options: [
        AccountCommands.pidOption, phone.spec.withHelp("New mobile number."),
        email.spec.withHelp("New e-mail address."),
        address.spec, AccountCommands.caseOption,
        dryRunOption,
        AccountCommands.json(
          "{dry_run, changes, account, letter}: what changed, the account after it, and any new letter (with its activation_code in a test store)"
        ),
      ],
      examples: [
        Example(
          description: "Lost phone, new number",
          command: "minid account update --pid 10915596784 --phone 41234567 --case CASE-9")
      ],
      usesStore: true, action: runUpdate)
  }

  static var lock: CommandSpec {
    CommandSpec(
      "lock", abstract: "Block an account with a reason code; only 'unlock' lifts it.",
      discussion: """
        Reason codes: \(BlockReason.known.joined(separator: ", ")) (Digdir's closed codes), or a code of your \
        own of 2 to 32 letters A-Z, digits and _ (taken in upper case). LOCKOUT is what minid itself sets \
        after repeated temporary locks.
        """,
      options: [
        AccountCommands.pidOption,
        reason.spec,
        AccountCommands.caseOption, dryRunOption,
        AccountCommands.json(
          "{dry_run, changes, account, letter}: what changed, the account after it, and any new letter (with its activation_code in a test store)"
        ),
      ],
      examples: [
        Example(
          description: "Suspected identity theft",
          command: "minid account lock --pid 10915596784 --reason SPERRET --case CASE-12")
      ],
      usesStore: true, action: runLock)
  }

  static var unlock: CommandSpec {
    CommandSpec(
      "unlock", abstract: "Lift a block or a temporary lock.",
      options: [
        AccountCommands.pidOption, AccountCommands.caseOption, dryRunOption,
        AccountCommands.json(
          "{dry_run, changes, account, letter}: what changed, the account after it, and any new letter (with its activation_code in a test store)"
        ),
      ],
      examples: [
        Example(description: "Lift a lock", command: "minid account unlock --pid 10915596784 --case CASE-12")
      ],
      usesStore: true, action: runUnlock)
  }

  static var reset: CommandSpec {
    CommandSpec(
      "reset",
      abstract:
        "Reset («nullstilling»): back to letter_sent with a new letter, password and codes invalidated.",
      discussion: "The new letter is valid for the store's reset letter validity (10 days by default).",
      options: [
        AccountCommands.pidOption, AccountCommands.caseOption, dryRunOption,
        AccountCommands.json(
          "{dry_run, changes, account, letter}: what changed, the account after it, and any new letter (with its activation_code in a test store)"
        ),
      ],
      examples: [
        Example(
          description: "Lost phone and forgotten password",
          command: "minid account reset --pid 10915596784 --case CASE-31")
      ],
      usesStore: true, action: runReset)
  }

  static var delete: CommandSpec {
    CommandSpec(
      "delete", abstract: "Close an account, or with --purge erase its personal data.",
      discussion: """
        Without --purge the account is closed and its row kept for audit and support. With --purge the identity \
        number, phone, e-mail, address, password hash and the texts and recipients of its messages are erased; \
        only pseudonymous audit entries remain. Asks on a terminal; needs --yes otherwise.
        """,
      options: [
        AccountCommands.pidOption, purge.spec,
        yes.spec, AccountCommands.caseOption,
        dryRunOption,
        AccountCommands.json(
          "{dry_run, changes, account, letter}: what changed, the account after it, and any new letter (with its activation_code in a test store)"
        ),
      ],
      examples: [
        Example(
          description: "A person asked to be forgotten",
          command: "minid account delete --pid 10915596784 --purge --yes --case CASE-40")
      ],
      usesStore: true, action: runDelete)
  }

  struct ResultView: Encodable {
    let dryRun: Bool
    let changes: [String]
    let account: AccountView
    let letter: RegistrationView.ReceiptView?
  }

  static func show(_ result: SupportResult, _ context: CommandContext, verb: String) throws
    -> ExitCode
  {
    let details = AccountDetails(
      account: result.account, state: result.account.state(at: context.time.timestamp), letters: [],
      now: context.time.timestamp)
    let letter = result.letter.map(RegistrationView.ReceiptView.init)
    if context.wantsJSON {
      try context.printJSON(
        ResultView(
          dryRun: result.dryRun, changes: result.changes, account: AccountView(details, reveal: false),
          letter: letter))
    } else {
      let prefix =
        result.dryRun
        ? "Dry run, nothing changed: would have \(verb)" : verb.prefix(1).uppercased() + verb.dropFirst()
      var text = "\(prefix) account \(result.account.id)"
      text += result.changes.isEmpty ? " (no change).\n" : ": \(result.changes.joined(separator: "; ")).\n"
      if let letter, let id = letter.id, let outboxID = letter.outboxId {
        text +=
          "Activation letter \(id) is in the outbox as message \(outboxID), valid until \(letter.expiresAt).\n"
        if let code = letter.activationCode { text += "Activation code (test store): \(code)\n" }
      } else if let letter {
        text += "A new activation letter would go to the outbox, valid until \(letter.expiresAt).\n"
      }
      context.console.out(text)
    }
    return .success
  }

  private static func runFind(_ context: CommandContext) throws -> ExitCode {
    let invocation = context.invocation
    let keys = ["pid", "phone", "email", "case"].filter { invocation.value($0) != nil }
    guard keys.count == 1 else {
      throw UsageError("Give exactly one of '--pid', '--phone', '--email' or '--case'.")
    }
    let found = try context.accountService(try context.openStore()).find(
      pid: invocation[Self.pidFilter], phone: invocation[Self.phone], email: invocation[Self.email],
      caseReference: invocation[AccountCommands.caseReference])
    let views = found.map { AccountView($0, reveal: invocation[AccountCommands.reveal]) }
    if context.wantsJSON {
      try context.printJSON(views)
    } else {
      var table = TextTable("ID", "IDENTITY NUMBER", "KIND", "STATE", "PHONE", "E-MAIL")
      for view in views {
        table.add(
          String(view.id), view.pid ?? "(purged)", view.kind ?? "-", view.state, view.phone ?? "-",
          view.email ?? "-")
      }
      context.console.out(table.text)
      if views.isEmpty { context.console.err("No account matches.\n") }
    }
    return views.isEmpty ? .notFound : .success
  }

  private static func runUpdate(_ context: CommandContext) throws -> ExitCode {
    let invocation = context.invocation
    guard ["phone", "email", "address"].contains(where: { invocation.value($0) != nil }) else {
      throw UsageError("Give at least one of '--phone', '--email' or '--address'.")
    }
    let result = try context.accountService(try context.openStore()).update(
      pid: invocation[AccountCommands.pid], phone: invocation[Self.phone],
      email: invocation[Self.email],
      address: invocation[Self.address], caseReference: invocation[AccountCommands.caseReference],
      dryRun: invocation[SupportCommands.dryRun])
    return try show(result, context, verb: "updated")
  }

  private static func runLock(_ context: CommandContext) throws -> ExitCode {
    let reason = context.invocation[Self.reason]
    return try runAction(context, verb: "blocked") { service, pid, caseReference, dryRun in
      try service.block(pid: pid, reason: reason, caseReference: caseReference, dryRun: dryRun)
    }
  }

  private static func runUnlock(_ context: CommandContext) throws -> ExitCode {
    try runAction(context, verb: "unlocked") { try $0.unlock(pid: $1, caseReference: $2, dryRun: $3) }
  }

  private static func runReset(_ context: CommandContext) throws -> ExitCode {
    try runAction(context, verb: "reset") { try $0.reset(pid: $1, caseReference: $2, dryRun: $3) }
  }

  /// Runs a support action on the account `--pid` names, with `--case` and `--dry-run`, and shows what it
  /// did as `verb`.
  private static func runAction(
    _ context: CommandContext, verb: String,
    _ action: (AccountService, _ pid: String, _ caseReference: String?, _ dryRun: Bool) throws ->
      SupportResult
  ) throws -> ExitCode {
    let invocation = context.invocation
    let result = try action(
      try context.accountService(try context.openStore()), invocation[AccountCommands.pid],
      invocation[AccountCommands.caseReference], invocation[SupportCommands.dryRun])
    return try show(result, context, verb: verb)
  }

  private static func runDelete(_ context: CommandContext) throws -> ExitCode {
    let invocation = context.invocation
    let purge = invocation[Self.purge]
    let pid = invocation[AccountCommands.pid]
    let service = try context.accountService(try context.openStore())
    if !invocation[SupportCommands.dryRun] {
      // Check the account exists before asking, so the question is never about nothing.
      _ = try service.details(pid: pid)
      try Confirmation.require(
        context.console, yes: invocation[Self.yes], what: purge ? "purge" : "deletion",
        expected: String(pid.suffix(5)))
    }
    let result = try service.delete(
      pid: pid, purge: purge, caseReference: invocation[AccountCommands.caseReference],
      dryRun: invocation[SupportCommands.dryRun])
    return try show(result, context, verb: purge ? "purged" : "closed")
  }
}
