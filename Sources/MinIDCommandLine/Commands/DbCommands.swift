import MinIDKit

#if canImport(Glibc)
  import Glibc
#endif

/// `minid db`: where the store is, and its upkeep.
enum DbCommands {
  static var group: CommandSpec {
    CommandSpec(
      "db", abstract: "Inspect and maintain the store.",
      subcommands: [path, check, backup, stats, migrateTo])
  }

  static var path: CommandSpec {
    CommandSpec(
      "path", abstract: "Show which store minid would use, and why.",
      discussion: """
        The store is chosen in this order: --database PATH; MINID_DATABASE; \
        $XDG_DATA_HOME/minid/minid.sqlite (if XDG_DATA_HOME is absolute); \
        $HOME/.local/share/minid/minid.sqlite. A postgresql:// URI names a PostgreSQL store (its password \
        is shown as ***); anything else is a SQLite file.
        """,
      options: [OptionSpec("json", help: "Print a JSON object with path, backend, source and exists.")],
      examples: [
        Example(
          description: "Where a CI job's store goes",
          command: "MINID_DATABASE=/tmp/ci/minid.sqlite minid db path --json")
      ],
      usesStore: true,
      action: showPath)
  }

  static var check: CommandSpec {
    CommandSpec(
      "check",
      abstract:
        "Check the store: its integrity, its constraints and the audit chain (exit 74 on damage).",
      discussion: """
        On SQLite: PRAGMA integrity_check and foreign_key_check. On PostgreSQL, which enforces constraints \
        itself: that every constraint is validated (page-level checks are the server's, with pg_amcheck). \
        On both: the whole audit chain, entry by entry.
        """,
      options: [
        OptionSpec("json", help: "Print {ok, problems} (the integrity check's findings) as JSON.")
      ],
      examples: [Example(description: "After a crash or a restore", command: "minid db check")],
      usesStore: true, action: runCheck)
  }

  static var backup: CommandSpec {
    CommandSpec(
      "backup", abstract: "Write a consistent copy of a SQLite store while others use it (VACUUM INTO).",
      discussion: """
        The copy is a new file, mode 0600: a file or a symbolic link already at the path is refused (exit 73 \
        or 77), never overwritten or followed. Refuses a PostgreSQL store: back that up with pg_dump or the \
        server's own backups.
        """,
      arguments: [ArgumentSpec("path", completion: .file, help: "Where the copy goes; must not exist.")],
      options: [
        OptionSpec("json", help: "Print {\"path\": the copy, \"bytes\": its size} as JSON.")
      ],
      examples: [
        Example(
          description: "A nightly copy", command: "minid db backup /srv/backup/minid-$(date +%F).sqlite")
      ],
      usesStore: true, action: runBackup)
  }

  static var migrateTo: CommandSpec {
    CommandSpec(
      "migrate-to",
      abstract: "Copy this store into an empty PostgreSQL database and verify the copy.",
      discussion: """
        Reads the store named by --database / MINID_DATABASE in one consistent snapshot and writes every \
        table, row for row, into the PostgreSQL database (or schema) the URI names, in one transaction, \
        with a store.migrate audit entry; then counts every table again and verifies the audit chain on \
        the copy. The source is not changed. Stop other writers first: what they write after the snapshot \
        is not copied. Then point MINID_DATABASE at the URI. The password comes from the URI, PGPASSWORD \
        or ~/.pgpass (PGPASSFILE), as libpq's rules say; it is never printed.
        """,
      arguments: [
        ArgumentSpec("uri", help: "The target: postgresql://user@host/database, empty of minid tables.")
      ],
      options: [
        OptionSpec("json", help: "Print the rows copied per table and the entries verified as JSON.")
      ],
      examples: [
        Example(
          description: "Move a team's store to a shared server",
          command: "minid --database ~/minid.sqlite db migrate-to postgresql://minid@db.example.no/minid")
      ],
      usesStore: true, action: runMigrateTo)
  }

  private static func runMigrateTo(_ context: CommandContext) throws -> ExitCode {
    let target = StoreLocation(path: context.invocation.arguments[0], source: .option)
    let report = try StoreBackend.migrate(
      try context.openStore(), to: target, actor: context.actor, at: context.time.timestamp)
    if context.wantsJSON {
      try context.printJSON(report)
    } else {
      context.console.out(
        "Copied \(report.rows["account"] ?? 0) accounts and \(report.rows["audit"] ?? 0) audit entries to "
          + "\(TerminalText.escaped(report.target)); every table's rows counted again, \(report.auditEntriesVerified) audit entries "
          + "verified.\nPoint MINID_DATABASE at the new store to use it.\n")
    }
    return .success
  }

  static var stats: CommandSpec {
    CommandSpec(
      "stats", abstract: "Count accounts by state, messages, audit entries, keys; show the store's size.",
      options: [
        OptionSpec(
          "json",
          help: "Print {statistics, environment, issuer, schema_version, file_bytes, free_bytes}.")
      ],
      examples: [Example(description: "How big is the population", command: "minid db stats")],
      usesStore: true, action: runStats)
  }

  private static func runCheck(_ context: CommandContext) throws -> ExitCode {
    let result = try context.openStore().check()
    if context.wantsJSON {
      try context.printJSON(result)
    } else if result.ok {
      context.console.out(
        "Store intact: integrity ok, no constraint violations, \(result.auditEntries) audit entries verified.\n"
      )
    }
    if !result.ok { throw StoreCheckError(check: result) }
    return .success
  }

  private static func runBackup(_ context: CommandContext) throws -> ExitCode {
    let path = context.invocation.arguments[0]
    try context.openStore().backup(to: path)
    if context.wantsJSON {
      var status = stat()
      let bytes = stat(path, &status) == 0 ? Int64(status.st_size) : nil
      try context.printJSON(BackupView(path: path, bytes: bytes))
    } else {
      context.console.out("Wrote a consistent copy to \(TerminalText.escaped(path)).\n")
    }
    return .success
  }

  struct BackupView: Encodable {
    let path: String
    let bytes: Int64?
  }

  struct StatsView: Encodable {
    let statistics: StoreStatistics
    let environment: String
    let issuer: String
    let schemaVersion: Int
    let fileBytes: Int64
    let freeBytes: Int64
  }

  private static func runStats(_ context: CommandContext) throws -> ExitCode {
    let store = try context.openStore()
    let statistics = try store.read { try $0.statistics() }
    let size = try store.size()
    let view = StatsView(
      statistics: statistics, environment: store.settings.environment.rawValue, issuer: store.settings.issuer,
      schemaVersion: size.schemaVersion, fileBytes: size.bytes, freeBytes: size.freeBytes)
    if context.wantsJSON {
      try context.printJSON(view)
      return .success
    }
    var lines = [
      "Environment: \(view.environment) (issuer \(view.issuer)), schema version \(view.schemaVersion)"
    ]
    for state in AccountState.allCases where state != .temporarilyLocked {
      lines.append("Accounts \(state.rawValue): \(statistics.accountsByState[state.rawValue] ?? 0)")
    }
    lines.append("Outbox: \(statistics.outboxTotal) messages, \(statistics.outboxPending) pending")
    lines.append(
      "Audit entries: \(statistics.auditEntries); services: \(statistics.services); published keys: \(statistics.signingKeys)"
    )
    lines.append("Size: \(view.fileBytes / 1024) KiB, of which free: \(view.freeBytes / 1024) KiB")
    context.console.out(lines.joined(separator: "\n") + "\n")
    return .success
  }

  private static func showPath(_ context: CommandContext) throws -> ExitCode {
    let location = try context.storeLocation()
    let exists = StoreBackend.exists(location)
    if context.wantsJSON {
      var writer = JSONWriter()
      writer.beginObject()
      writer.key("path")
      writer.string(location.displayName)
      writer.key("backend")
      writer.string(location.isPostgreSQL ? "postgresql" : "sqlite")
      writer.key("source")
      writer.string(location.source.rawValue)
      writer.key("exists")
      writer.bool(exists)
      writer.endObject()
      writer.newline()
      context.console.standardOutput.write(writer.bytes)
    } else {
      context.console.out(TerminalText.escaped(location.displayName) + "\n")
      context.console.err(
        "(chosen by \(location.source.rawValue); \(exists ? "exists" : "does not exist yet"))\n")
    }
    return .success
  }
}
