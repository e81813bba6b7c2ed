import MinIDKit

/// `minid audit`: read and verify the hash-chained audit trail.
enum AuditCommands {
  static var group: CommandSpec {
    CommandSpec(
      "audit", abstract: "Read and verify the audit trail.",
      discussion: """
        Every state change and every authentication attempt appends an entry in the same transaction: UTC \
        time, actor, action, the account's pseudonym (a keyed hash, never the identity number), case \
        reference and outcome. Entries are hash-chained and cannot be updated or deleted.
        """,
      subcommands: [list, verify])
  }

  static var list: CommandSpec {
    CommandSpec(
      "list", abstract: "List audit entries, oldest first.",
      options: [
        OptionSpec(
          "pid", value: "number", help: "Only entries about this person (found through the pseudonym)."),
        OptionSpec(
          "since", value: "time", help: "Only entries from this time: YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ."),
        OptionSpec("limit", value: "n", help: "At most this many entries."),
        AccountCommands.jsonOption,
      ],
      examples: [
        Example(description: "What happened to one account", command: "minid audit list --pid 10915596784")
      ],
      usesStore: true, action: runList)
  }

  static var verify: CommandSpec {
    CommandSpec(
      "verify", abstract: "Check the whole chain; report the first broken link (exit 74).",
      options: [AccountCommands.jsonOption],
      examples: [Example(description: "After a restore", command: "minid audit verify")],
      usesStore: true, action: runVerify)
  }

  private static func runList(_ context: CommandContext) throws -> ExitCode {
    let invocation = context.invocation
    let store = try context.openStore()
    var since: Timestamp?
    if let text = invocation.value("since") {
      guard let parsed = Timestamp(rfc3339: text) else {
        throw UsageError.invalidValue(
          text, for: invocation.spec("since")!, "expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ")
      }
      since = parsed
    }
    var pid: String?
    if let text = invocation.value("pid") {
      pid = try store.read { try context.accountService(store).account(pid: text, in: $0).pid }
    }
    let entries = try AuditService(store: store).entries(
      pid: pid, since: since, limit: try invocation.integer("limit", in: 1...Int.max))
    if context.wantsJSON {
      try context.printJSON(entries.map(AuditEntryView.init))
      return .success
    }
    var table = TextTable("SEQ", "TIME", "ACTOR", "ACTION", "OUTCOME", "ACCOUNT", "CASE", "DETAIL")
    for entry in entries {
      table.add(
        String(entry.sequence), entry.at.rfc3339, entry.actor, entry.action, entry.outcome.rawValue,
        entry.account.map { String($0.prefix(10)) } ?? "-", entry.caseReference ?? "-", entry.detail)
    }
    context.console.out(table.text)
    return .success
  }

  struct VerifyView: Encodable {
    let ok: Bool
    let entries: Int64
  }

  private static func runVerify(_ context: CommandContext) throws -> ExitCode {
    let count = try AuditService(store: try context.openStore()).verify()
    if context.wantsJSON {
      try context.printJSON(VerifyView(ok: true, entries: count))
    } else {
      context.console.out("Audit chain intact: \(count) entr\(count == 1 ? "y" : "ies") verified.\n")
    }
    return .success
  }
}
