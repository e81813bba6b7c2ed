import Foundation
import MinIDKit

/// `minid account import` and `minid account export`: test populations in and out, streamed.
enum BulkCommands {
  static let format = OptionHandle.optional(
    "format", value: "format", completion: .values(["csv", "jsonl"]),
    help: "csv or jsonl (default: from the file name, else csv).")
  static let errors = OptionHandle.optional(
    "errors", value: "file", completion: .file,
    help: "Also write every problem there as JSON Lines (a new file, mode 0600).")
  static let batchSize = IntegerOptionHandle.optional(
    "batch-size", value: "rows", in: 1...1_000_000,
    help:
      "Rows per transaction (default \(ImportDefaults.batchSize)); other writers wait while one is written.")
  static let includePII = OptionHandle.flag(
    "include-pii", help: "Include identity numbers, contact data and addresses.")
  static let includePasswordHashes = OptionHandle.flag(
    "include-password-hashes",
    help: "With --include-pii: add password_hash (scrypt, PHC), so active people stay active in the store "
      + "that imports the file. The file then holds what an offline guessing attack needs: keep it as "
      + "the store itself is kept, and delete it after the move.")
  static let state = OptionHandle.optional(
    "state", value: "state", completion: .values(AccountState.allCases.map(\.rawValue)),
    help: "Only accounts in this state.")

  static let formatOption = format.spec

  static var importCommand: CommandSpec {
    CommandSpec(
      "import", abstract: "Import accounts from CSV or JSON Lines, checking every row like 'register'.",
      discussion: """
        Columns: pid, phone, email, address, and optionally password_hash (a PHC scrypt string such as 'minid \
        account export --include-password-hashes' or passlib writes), state and block_reason (as 'account \
        export --include-pii' writes them). Rows with a password hash become active without a letter, the \
        others get an activation letter; a blocked row stays blocked with its block_reason (required) and a \
        closed row closed, both without a letter; a letter_sent row with a hash, or another state, is \
        refused naming the column. An identity number that comes again in the file is reported as \
        'duplicate of line N'. With --case, the reference is kept on every account imported, so 'account \
        find --case' finds them. CSV needs a header line and may quote fields (RFC 4180); a UTF-8 \
        byte-order mark is skipped, and a header with ';' and no ',' (Norwegian Excel) makes ';' the separator; \
        a leading ' that 'account export' put before =, +, -, @, tab or CR is removed. JSON Lines has one \
        object per line. The file is streamed in constant memory and written in batches, one \
        transaction each; a batch is committed before the next is written, so an import that stops half-way \
        keeps what came before and the same file can be run again for the rest. Every bad row is reported with its line, field and rule (and to --errors FILE as JSON \
        Lines); rows whose person already has an account are conflicts, so the same file can be run again. \
        --dry-run does everything in a transaction that is rolled back. Exit status: 0, 65 if any row failed, \
        4 if rows only conflicted, 75 if the store stayed busy or gave up on a batch half-way \
        (import_interrupted; the batches before it are kept).
        """,
      arguments: [
        ArgumentSpec("file", completion: .file, help: "The file to import; '-' reads standard input.")
      ],
      options: [
        formatOption, SupportCommands.dryRunOption,
        errors.spec,
        batchSize.spec,
        AccountCommands.caseOption, IdCommands.todayOption,
        AccountCommands.json(
          "the summary {rows, imported, activated, conflicts, failed, dry_run} on standard output (in a test store with letters: [{line, account_id, outbox_id, activation_code}] for the letters sent), and each problem as a JSON Lines object {line, field, code, message} on standard error"
        ),
      ],
      examples: [
        Example(
          description: "Check a file first",
          command: "minid account import people.csv --dry-run --errors problems.jsonl"),
        Example(
          description: "Import a test population", command: "minid account import people.jsonl --format jsonl"
        ),
      ],
      usesStore: true, action: runImport)
  }

  static var exportCommand: CommandSpec {
    CommandSpec(
      "export", abstract: "Export accounts as CSV or JSON Lines, streamed; never secrets.",
      discussion: """
        Without --include-pii: id, pseudonym, kind, state and times only. With --include-pii: pid, phone, \
        email, address, state, block_reason, kind and created_at, which 'account import' reads back keeping \
        each state: blocked people stay blocked with their reason, closed ones closed, and only people who \
        must set a password get a new activation letter (docs/runbook.md, "Moving accounts"). Password \
        hashes are exported only with --include-password-hashes; without them, active people get a new \
        letter in the new store. In CSV, a cell that starts with \
        =, +, -, @, tab or CR (a phone number's +) gets a ' in front, so a spreadsheet shows it as text rather \
        than running it as a formula; 'account import' removes that ' again.
        """,
      options: [
        formatOption,
        state.spec,
        includePII.spec,
        includePasswordHashes.spec,
        OptionSpec("json", help: "Print JSON Lines, one object per account (the same as --format jsonl)."),
      ],
      examples: [
        Example(
          description: "Move a population to another store",
          command: "minid account export --include-pii > people.csv")
      ],
      usesStore: true, action: runExport)
  }

  private static func runImport(_ context: CommandContext) throws -> ExitCode {
    let invocation = context.invocation
    let path = invocation.arguments[0]
    let format = ImportFileFormat(named: invocation[Self.format], path: path)
    let descriptor: Int32
    if path == "-" {
      descriptor = context.console.standardInputDescriptor
    } else {
      descriptor = open(path, O_RDONLY | O_CLOEXEC)
      guard descriptor >= 0 else {
        throw SecretInputError.unreadable(
          option: "file", path: path, reason: String(cString: strerror(errno)))
      }
      var status = stat()
      if fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFDIR {
        close(descriptor)
        throw SecretInputError.unreadable(option: "file", path: path, reason: "it is a directory")
      }
    }
    defer { if path != "-" { close(descriptor) } }
    var errorsFile: OutputStream?
    if let errorsPath = invocation[Self.errors] {
      errorsFile = OutputStream(descriptor: try NewFile.create(errorsPath))
    }
    defer {
      if let errorsFile {
        errorsFile.flush()
        close(errorsFile.descriptor)
      }
    }
    let service = try context.accountService(try context.openStore())
    let console = context.console
    var progressLine = ProgressLine(console: console)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    var reported = 0
    var letters: [ImportedLetter] = []
    let summary = try service.importAccounts(
      dryRun: invocation[SupportCommands.dryRun],
      batchSize: try invocation.integer(Self.batchSize) ?? ImportDefaults.batchSize,
      caseReference: invocation[AccountCommands.caseReference],
      source: { deliver in
        let reader = LineReader(descriptor: descriptor)
        try format.read(
          forEachLine: { body in try reader.forEachLine { line, _ in try body(line) } }, deliver: deliver)
      },
      report: { problem in
        reported += 1
        // With --json every line on standard error is a JSON object a script can parse.
        if context.wantsJSON, let data = try? encoder.encode(problem) {
          console.err(String(decoding: data, as: UTF8.self) + "\n")
          if let errorsFile {
            errorsFile.write(Array(data))
            errorsFile.write("\n")
          }
          return
        }
        if reported <= 1000 {
          let code = problem.message.hasSuffix("]") ? "" : " [\(TerminalText.escaped(problem.code))]"
          console.err("line \(problem.line): \(TerminalText.escaped(problem.message))\(code)\n")
        } else if reported == 1001 {
          console.err("… more problems than 1000; see --errors for all of them\n")
        }
        if let errorsFile, let data = try? encoder.encode(problem) {
          errorsFile.write(Array(data))
          errorsFile.write("\n")
        }
      },
      progress: { summary in
        progressLine.update("\(summary.rows) rows read, \(summary.imported) imported…")
      },
      letterSent: { letters.append($0) })
    progressLine.finish()
    if context.wantsJSON {
      try context.printJSON(
        ImportView(summary: summary, letters: service.store.settings.environment == .test ? letters : nil))
      if summary.failed > 0 { return .dataError }
      if summary.conflicts > 0 { return .conflict }
      return .success
    }
    var line =
      "\(summary.dryRun ? "Dry run (nothing written): would import" : "Imported") \(summary.imported) account"
    line += "\(summary.imported == 1 ? "" : "s") (\(summary.activated) active), \(summary.conflicts) conflict"
    line +=
      "\(summary.conflicts == 1 ? "" : "s"), \(summary.failed) failed, of \(summary.rows) row\(summary.rows == 1 ? "" : "s").\n"
    console.err(line)
    if summary.failed > 0 { return .dataError }
    if summary.conflicts > 0 { return .conflict }
    return .success
  }

  private static func runExport(_ context: CommandContext) throws -> ExitCode {
    let invocation = context.invocation
    if context.wantsJSON, invocation[Self.format] == "csv" {
      throw UsageError("'--json' prints JSON Lines; leave out '--format csv' or '--json'.")
    }
    let format = context.wantsJSON ? "jsonl" : invocation[Self.format] ?? "csv"
    let pii = invocation[Self.includePII]
    let hashes = invocation[Self.includePasswordHashes]
    if hashes && !pii {
      throw UsageError(
        "'--include-password-hashes' goes with '--include-pii': a hash is of no use without its person.")
    }
    let state = invocation[Self.state].flatMap(AccountState.init(rawValue:))
    let service = try context.accountService(try context.openStore())
    let output = context.console.standardOutput
    let columns =
      pii
      ? ["pid", "phone", "email", "address", "state", "block_reason", "kind", "created_at"]
        + (hashes ? ["password_hash"] : [])
      : ["id", "pseudonym", "kind", "state", "created_at", "updated_at"]
    if format == "csv" { output.write(CSVWriter.line(columns)) }
    var writer = JSONWriter()
    let now = context.time.timestamp
    try service.exportAccounts(state: state) { account in
      let values: [String] =
        pii
        ? [
          account.pid ?? "", account.phone?.e164 ?? "", account.email?.address ?? "", account.address ?? "",
          account.state(at: now).rawValue, account.blockReason ?? "", account.kind?.rawValue ?? "",
          account.createdAt.rfc3339,
        ] + (hashes ? [account.passwordHash ?? ""] : [])
        : [
          String(account.id), account.pseudonym, account.kind?.rawValue ?? "",
          account.state(at: now).rawValue,
          account.createdAt.rfc3339, account.updatedAt.rfc3339,
        ]
      if format == "csv" {
        output.write(CSVWriter.line(values))
      } else {
        writer.reset()
        writer.beginObject()
        for (column, value) in zip(columns, values) {
          writer.key(column)
          writer.string(value)
        }
        writer.endObject()
        writer.newline()
        output.write(writer.bytes)
      }
    }
    return .success
  }
}

/// `account import --json`: the summary, and in a test store the letters sent with their codes.
struct ImportView: Encodable {
  let summary: ImportSummary
  let letters: [ImportedLetter]?

  enum CodingKeys: String, CodingKey { case letters }

  func encode(to encoder: any Encoder) throws {
    try summary.encode(to: encoder)
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encodeIfPresent(letters, forKey: .letters)
  }
}
