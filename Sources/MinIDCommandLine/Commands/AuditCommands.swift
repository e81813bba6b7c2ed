import Foundation
import MinIDKit

/// `minid audit`: read and verify the hash-chained audit trail.
enum AuditCommands {
  static let limit = IntegerOptionHandle.optional(
    "limit", value: "n", in: 1...Int.max, help: "At most this many entries: the first in the listing's order."
  )
  static let last = IntegerOptionHandle.optional(
    "last", value: "n", in: 1...Int.max,
    help: "Only the newest this many entries, still in the listing's order.")
  static let pid = OptionHandle.optional(
    "pid", value: "number",
    help: "Only entries about this identity number (found through its pseudonym, account or not).")
  static let action = OptionHandle.optional(
    "action", value: "action", help: "Only entries with this action, exactly: login.start, …")
  static let reverse = OptionHandle.flag("reverse", help: "Newest first.")
  static let checkpointFile = OptionHandle.optional(
    "checkpoint", value: "file", completion: .file,
    help: "Checkpoints to verify the trail against, one per line (compact JWS or the --json line).")
  static let jwksFile = OptionHandle.optional(
    "jwks", value: "file", completion: .file,
    help: "A JWK Set kept away from the store ('keys jwks' output); checkpoints must verify against it "
      + "too, so a store whose keys were swapped cannot vouch for a forged checkpoint.")
  static let output = OptionHandle.optional(
    "output", value: "file", completion: .file,
    help: "Write the checkpoint to this new file instead of standard output (refuses an existing file).")

  static let caseFilter = OptionHandle.optional(
    "case", value: "ref", help: "Only entries recorded with this support case reference.")

  static let since = OptionHandle.optional(
    "since", value: "time", help: "Only entries from this time: YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ.")

  static var group: CommandSpec {
    CommandSpec(
      "audit", abstract: "Read and verify the audit trail.",
      discussion: """
        Every state change and every authentication attempt appends an entry in the same transaction: UTC \
        time, actor, action, the account's pseudonym (a keyed hash, never the identity number), case \
        reference and outcome. Entries are hash-chained and cannot be updated or deleted. Changes of settings \
        and signing keys are entries too, so 'audit verify' also notices settings or keys edited outside \
        minid. The chain alone cannot show that entries were cut off its end or that someone rewrote it \
        whole: keep signed checkpoints ('audit checkpoint') and the JWKS away from the store, and verify \
        against them.
        """,
      subcommands: [list, verify, checkpoint])
  }

  static var list: CommandSpec {
    CommandSpec(
      "list", abstract: "List audit entries, oldest first; filter by person, time, action or case.",
      discussion: """
        Filters combine: every one given must match. --pid finds the entries about the account that has the \
        number (open or closed) and those about the number when it had no account (failed logins with an \
        unknown number, recovery requests), whether or not an account exists now. A purged account has no \
        number left, so its entries are not found by --pid: find them by the case reference the purge was \
        recorded with (--case). --limit N shows the first N of the listing, --last N the newest N in order; \
        --reverse lists newest first.
        """,
      options: [
        pid.spec,
        since.spec,
        action.spec,
        caseFilter.spec,
        limit.spec,
        last.spec,
        reverse.spec,
        AccountCommands.json(
          "an array of {seq, at, actor, action, account, case_ref, outcome, detail, hash}, in the listing's order"
        ),
      ],
      examples: [
        Example(description: "What happened to one account", command: "minid audit list --pid 10915596784"),
        Example(description: "The newest entry", command: "minid audit list --last 1"),
        Example(
          description: "Every entry of a support case, newest first",
          command: "minid audit list --case CASE-2026-117 --reverse"),
      ],
      usesStore: true, action: runList)
  }

  static var verify: CommandSpec {
    CommandSpec(
      "verify",
      abstract:
        "Check the whole chain, settings and keys, and any checkpoints; report the first problem (exit 74).",
      discussion: """
        Walks every entry from the first and names the first one missing, changed or not linked to the one \
        before; then compares the settings and the signing keys with what their audit entries recorded \
        ('settings changed outside minid: environment'). With --checkpoint, also proves that the trail still \
        extends every checkpoint in the file (one per line, as 'audit checkpoint' prints them): each must be \
        signed by one of the store's keys (and by one in --jwks, when given), the trail must still have as \
        many entries ('truncated: N entries missing' otherwise), and the entry at the checkpoint's count must \
        have the hash it signed ('rewritten' otherwise). Exit 74 when the trail does not hold, 2 when a \
        checkpoint's signature does not verify, 65 when a line is not a checkpoint.
        """,
      options: [
        checkpointFile.spec,
        jwksFile.spec,
        AccountCommands.json(
          "{ok, entries, head, checkpoints}: the entries verified, the head hash (base64url) and the checkpoints checked"
        ),
      ],
      examples: [
        Example(description: "After a restore", command: "minid audit verify"),
        Example(
          description: "Against checkpoints and keys kept on another host",
          command: "minid audit verify --checkpoint /secure/checkpoints --jwks /secure/trusted-jwks.json"),
      ],
      usesStore: true, action: runVerify)
  }

  static var checkpoint: CommandSpec {
    CommandSpec(
      "checkpoint", abstract: "Print a signed checkpoint of the trail: entries, head hash, time, issuer.",
      discussion: """
        Verifies the trail as 'audit verify' does, then prints one line: a compact JWS (typ \
        minid-audit-checkpoint+jwt) signed with the store's active key, stating how many entries the trail \
        holds, the hash of the last one, the time, the issuer and the store (the hash of entry 1). Anyone \
        with the store's JWKS can check it. A checkpoint is evidence only if it is kept where whoever can \
        write the store cannot: append it to a file on another host, keep the output of 'minid keys jwks' \
        there too, and later run 'audit verify --checkpoint FILE --jwks FILE' to prove that no entry up to it \
        was removed or rewritten. A trail that does not verify is not signed (exit 74). Writes nothing to the \
        store.
        """,
      options: [
        output.spec,
        OptionSpec(
          "json",
          help: "Print JSON: the checkpoint and what it states (count, head, time, issuer, store, kid)."),
      ],
      examples: [
        Example(
          description: "Append one to a file on storage the store's host cannot rewrite (run it from cron)",
          command: "minid audit checkpoint >> /secure/elsewhere/checkpoints"),
        Example(
          description: "One checkpoint to a new file", command: "minid audit checkpoint --output cp-1.jws"),
      ],
      usesStore: true, action: runCheckpoint)
  }

  private static func runList(_ context: CommandContext) throws -> ExitCode {
    let invocation = context.invocation
    let store = try context.openStore()
    var since: Timestamp?
    if let text = invocation[Self.since] {
      guard let parsed = Timestamp(rfc3339: text) else {
        throw UsageError.invalidValue(
          text, for: Self.since.spec, "expected YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ")
      }
      since = parsed
    }
    let limit = try invocation.integer(Self.limit)
    let last = try invocation.integer(Self.last)
    if limit != nil, last != nil {
      throw UsageError("The options '--limit' and '--last' cannot be used together.")
    }
    let query = AuditQuery(
      pid: invocation[Self.pid], since: since, action: invocation[Self.action],
      caseReference: invocation[Self.caseFilter],
      selection: limit.map { .first($0) } ?? last.map { .last($0) } ?? .all,
      newestFirst: invocation[Self.reverse])
    let entries = try AuditService(store: store, time: context.time).entries(query)
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
    let head: String
    let checkpoints: Int
  }

  private static func runVerify(_ context: CommandContext) throws -> ExitCode {
    let invocation = context.invocation
    var lines: [String] = []
    if let path = invocation[Self.checkpointFile] {
      lines = try readFile(path, option: "checkpoint").split(
        separator: "\n", omittingEmptySubsequences: false
      )
      .map(String.init)
    }
    var trusted: JSONWebKeySet?
    if let path = invocation[Self.jwksFile] {
      trusted = try JSONWebKeySet(json: Array(try readFile(path, option: "jwks").utf8))
    }
    let result = try AuditService(store: try context.openStore()).verify(
      checkpoints: lines, trustedKeys: trusted)
    if context.wantsJSON {
      try context.printJSON(
        VerifyView(
          ok: true, entries: result.entries, head: Base64.encode(result.head, urlSafe: true),
          checkpoints: result.checkpoints))
    } else {
      let count = result.entries
      var text = "Audit chain intact: \(count) entr\(count == 1 ? "y" : "ies") verified"
      if invocation[Self.checkpointFile] != nil {
        text +=
          result.checkpoints == 1
          ? "; it extends the checkpoint" : "; it extends all \(result.checkpoints) checkpoints"
      }
      context.console.out(text + "; settings and keys as recorded.\n")
    }
    return .success
  }

  struct CheckpointView: Encodable {
    let checkpoint: String
    let count: Int64
    let head: String
    let time: Timestamp
    let issuer: String
    let store: String
    let kid: String
  }

  private static func runCheckpoint(_ context: CommandContext) throws -> ExitCode {
    let made = try AuditService(store: try context.openStore()).checkpoint(at: context.time.timestamp)
    var text = made.token + "\n"
    if context.wantsJSON {
      let encoder = JSONEncoder()
      encoder.keyEncodingStrategy = .convertToSnakeCase
      encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
      let view = CheckpointView(
        checkpoint: made.token, count: made.checkpoint.count, head: made.checkpoint.head,
        time: made.checkpoint.time, issuer: made.checkpoint.issuer, store: made.checkpoint.store,
        kid: made.kid)
      text = String(decoding: try encoder.encode(view), as: UTF8.self) + "\n"
    }
    guard let path = context.invocation[Self.output] else {
      context.console.out(text)
      return .success
    }
    // A checkpoint is public (signed, no secret), so 0644; created new so a kept one is never replaced.
    try NewFile.write(Array(text.utf8), to: path, mode: 0o644)
    context.console.err("Wrote a checkpoint of \(made.checkpoint.count) entries to \(path).\n")
    return .success
  }

  /// A whole text file given to an option.
  private static func readFile(_ path: String, option: String) throws -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw SecretInputError.unreadable(option: option, path: path, reason: "no such file or not readable")
    }
    return String(decoding: data, as: UTF8.self)
  }
}
