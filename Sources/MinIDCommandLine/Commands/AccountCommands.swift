import MinIDKit

/// `minid account`: register, activate and read accounts.
enum AccountCommands {
  static let smsCodeFile = OptionHandle.optional(
    "sms-code-file", value: "path", completion: .file,
    help: "File holding the SMS code ('-' for standard input).")
  static let emailCodeFile = OptionHandle.optional(
    "email-code-file", value: "path", completion: .file,
    help: "File holding the e-mail code ('-' for standard input).")
  static let force = OptionHandle.flag(
    "force", help: "Send a new letter even though the current one is still valid.")
  static let state = OptionHandle.optional(
    "state", value: "state", completion: .values(AccountState.allCases.map(\.rawValue)),
    help: "Only accounts in this state.")
  static let limit = IntegerOptionHandle.optional(
    "limit", value: "n", in: 1...Int.max, help: "At most this many accounts.")

  static var group: CommandSpec {
    CommandSpec(
      "account", abstract: "Register, activate and look up MinID accounts.",
      subcommands: [
        register, activate, show, list, SupportCommands.find, SupportCommands.update, SupportCommands.lock,
        SupportCommands.unlock, SupportCommands.reset, resendLetter, SupportCommands.delete, recover,
        BulkCommands.importCommand, BulkCommands.exportCommand,
      ])
  }

  static let pid = OptionHandle.required(
    "pid", value: "number", help: "The person's fødselsnummer or D-nummer (synthetic in a test store).")
  static var pidOption: OptionSpec { pid.spec }
  static let phone = OptionHandle.required(
    "phone", value: "number", help: "Mobile number: +<country><number>, or 8 Norwegian digits.")
  static let email = OptionHandle.required("email", value: "address", help: "E-mail address.")
  static let address = OptionHandle.required(
    "address", value: "text", help: "Postal address the letter goes to.")
  /// `--code-file` of the commands that take an activation letter's code.
  static let letterCodeFile = OptionHandle.optional(
    "code-file", value: "path", completion: .file,
    help: "File holding the letter code ('-' for standard input).")
  /// `--password-file` of the commands that set a new password.
  static let newPasswordFile = OptionHandle.optional(
    "password-file", value: "path", completion: .file,
    help: "File holding the new password ('-' for standard input).")
  static let reveal = OptionHandle.flag(
    "reveal", help: "Show the identity number, phone, e-mail and address in full (they are masked otherwise)."
  )
  static var revealOption: OptionSpec { reveal.spec }
  /// `--json`, with what it prints: every command that prints a result accepts it (JSONCoverageTests).
  static func json(_ gives: String) -> OptionSpec { OptionSpec("json", help: "Print " + gives + ".") }
  static let caseReference = OptionHandle.optional(
    "case", value: "ref", help: "A support case reference, kept in the audit trail.")
  static var caseOption: OptionSpec { caseReference.spec }

  static var register: CommandSpec {
    CommandSpec(
      "register", abstract: "Register a person and send the activation letter.",
      discussion: """
        Checks, in this order, each with its own error: the identity number (with the store's environment \
        deciding whether synthetic numbers are allowed), the MinID age rule (from the calendar year one turns \
        13), the phone (E.164; +47 is assumed for 8 Norwegian digits), the e-mail address, the postal address, \
        and that the person has no account yet (exit 4). Creates the account in state letter_sent and puts an \
        activation letter in the outbox, in one transaction with its audit entry. A test store prints the \
        activation code at once; a production store never does.
        """,
      options: [
        pidOption, phone.spec, email.spec, address.spec,
        caseOption, IdCommands.todayOption,
        AccountCommands.json(
          "{account, letter: {id, outbox_id, expires_at, activation_code}}; activation_code only in a test store"
        ),
      ],
      examples: [
        Example(
          description: "Register a Tenor test person",
          command:
            "minid account register --pid 10915596784 --phone 91234567 --email kari@example.no --address 'Storgata 1, 0155 Oslo' --json"
        )
      ],
      usesStore: true, action: runRegister)
  }

  static var activate: CommandSpec {
    CommandSpec(
      "activate", abstract: "Activate an account with its letter code and a first password.",
      discussion: """
        The code and the password come from files (--code-file, --password-file; '-' reads standard input, for \
        one of them) or, on a terminal, from prompts with echo off. A wrong, expired or used code is refused \
        with its own message (exit 2), counts towards the temporary lock, and changes nothing else. The \
        password must have at least 8 characters, a letter and a digit, only printable ASCII (no Æ, Ø, Å), at \
        most 256 characters, not be a common password nor one word with digits added (Passord123, \
        Sommer2024, Januar2026, Mandag123, Norge2026: a common word, season, month, weekday, country or city, \
        Norwegian or English), and not contain the person's identity number, birth date, phone number or \
        e-mail name; every broken rule is named.
        """,
      options: [
        pidOption, letterCodeFile.spec, newPasswordFile.spec,
        AccountCommands.json(
          "the account as {id, pid (masked), kind, state, block_reason, phone, email, address, failed_attempts, locked_until, created_at, updated_at, activated_at, password_set, letter}"
        ),
      ],
      examples: [
        Example(
          description: "Activate from a CI script",
          command:
            "echo \"$CODE\" | minid account activate --pid 10915596784 --code-file - --password-file pw.txt")
      ],
      usesStore: true, action: runActivate)
  }

  static var show: CommandSpec {
    CommandSpec(
      "show", abstract: "Show one account: state, contact data, letter, lock, MinID app and code generator.",
      options: [
        pidOption, revealOption,
        AccountCommands.json(
          "the account as {id, pid (masked), kind, state, block_reason, phone, email, address, failed_attempts, locked_until, created_at, updated_at, activated_at, password_set, letter, app_device, totp} (unmasked with --reveal; app_device and totp only when enrolled)"
        ),
      ],
      examples: [
        Example(description: "An account as JSON", command: "minid account show --pid 10915596784 --json")
      ],
      usesStore: true, action: runShow)
  }

  static var list: CommandSpec {
    CommandSpec(
      "list", abstract: "List accounts, optionally in one state.",
      options: [
        state.spec,
        limit.spec,
        revealOption, AccountCommands.json("an array of accounts, each as 'account show --json' prints one"),
      ],
      examples: [
        Example(
          description: "Accounts waiting for activation", command: "minid account list --state letter_sent")
      ],
      usesStore: true, action: runList)
  }

  static var resendLetter: CommandSpec {
    CommandSpec(
      "resend-letter", abstract: "Send a new activation letter, revoking the old one.",
      discussion: """
        Refused while the current letter is still valid (exit 4) unless --force, as only support can order a \
        new letter early. The new letter is valid for the store's letter validity (60 days by default); a test \
        store prints its code.
        """,
      options: [
        pidOption, force.spec,
        caseOption, SupportCommands.dryRunOption,
        AccountCommands.json(
          "{dry_run, changes, account, letter}: what changed, the account after it, and any new letter (with its activation_code in a test store)"
        ),
      ],
      examples: [
        Example(
          description: "The letter never arrived",
          command: "minid account resend-letter --pid 10915596784 --force --case CASE-17")
      ],
      usesStore: true, action: runResendLetter)
  }

  static var recover: CommandSpec {
    CommandSpec(
      "recover", abstract: "Forgotten password: send codes, or set a new password with them.",
      discussion: """
        Without code files, sends a 5-digit code by SMS and a 6-character code by e-mail (to the outbox), valid \
        10 minutes, if the identity number has an active account; the answer is the same either way, so it \
        does not reveal who has MinID. At most 3 requests an hour per identity number (exit 1 after that). \
        With --sms-code-file, --email-code-file and --password-file, checks both codes and sets the new \
        password, ends every pending login, and tells the phone and e-mail on record. Wrong codes count \
        towards the same lockout as passwords; a locked account must wait for the lock to pass, a blocked one \
        needs support. At most one of the three files may be '-'. In a test store the SMS code 12345 is \
        accepted for synthetic numbers.
        """,
      options: [
        pidOption,
        smsCodeFile.spec,
        emailCodeFile.spec,
        newPasswordFile.spec,
        AccountCommands.json(
          "without codes {sent_if_recoverable: true, expires_at}, the same for every number (the codes are in the outbox: 'outbox show --json' gives them as code in a test store); with codes, the account as 'account show --json'"
        ),
      ],
      examples: [
        Example(description: "Send the codes", command: "minid account recover --pid 10915596784"),
        Example(
          description: "Set the new password",
          command:
            "minid account recover --pid 10915596784 --sms-code-file sms.txt --email-code-file mail.txt --password-file pw.txt"
        ),
      ],
      usesStore: true, action: runRecover)
  }

  struct RecoveryView: Encodable {
    /// Always true: whether anything was sent is not told.
    let sentIfRecoverable: Bool
    let expiresAt: Timestamp
  }

  private static func runRecover(_ context: CommandContext) throws -> ExitCode {
    let invocation = context.invocation
    let service = try context.accountService(try context.openStore())
    let pid = invocation[Self.pid]
    let files = [Self.smsCodeFile, Self.emailCodeFile, Self.newPasswordFile].compactMap { invocation[$0] }
    if files.isEmpty {
      let challenge = try service.startRecovery(pid: pid)
      if context.wantsJSON {
        try context.printJSON(RecoveryView(sentIfRecoverable: true, expiresAt: challenge.expiresAt))
      } else {
        context.console.out(
          "If this identity number has an active MinID, a code went by SMS to its mobile number and one by "
            + "e-mail to its address, valid until \(challenge.expiresAt).\n")
      }
      return .success
    }
    let sms = try context.secrets.read(Self.smsCodeFile, in: invocation, prompt: "SMS code: ")
    let email = try context.secrets.read(Self.emailCodeFile, in: invocation, prompt: "E-mail code: ")
    let password = try context.secrets.read(
      Self.newPasswordFile, in: invocation, prompt: "New password: ", confirm: true)
    let account = try service.completeRecovery(
      pid: pid, smsCode: sms.text ?? "", emailCode: email.text ?? "", password: password)
    if context.wantsJSON {
      try context.printJSON(
        AccountView(
          AccountDetails(
            account: account, state: account.state(at: context.time.timestamp), letters: [],
            now: context.time.timestamp), reveal: false))
    } else {
      context.console.out(
        "New password set for account \(account.id); state \(account.state(at: context.time.timestamp).rawValue).\n"
      )
    }
    return .success
  }

  // MARK: actions

  private static func runResendLetter(_ context: CommandContext) throws -> ExitCode {
    let invocation = context.invocation
    let receipt = try context.accountService(try context.openStore()).resendLetter(
      pid: invocation[Self.pid], force: invocation[Self.force],
      caseReference: invocation[AccountCommands.caseReference],
      dryRun: invocation[SupportCommands.dryRun])
    if context.wantsJSON {
      try context.printJSON(RegistrationView.ReceiptView(receipt))
    } else if receipt.isDryRun {
      context.console.out(
        "Dry run, nothing changed: would put a new activation letter in the outbox, valid until "
          + "\(receipt.expiresAt); earlier letters would stop working.\n")
    } else {
      var text =
        "Activation letter \(receipt.letterID) is in the outbox as message \(receipt.outboxID), valid until \(receipt.expiresAt).\n"
      if let code = receipt.code { text += "Activation code (test store): \(code.formatted)\n" }
      context.console.out(text)
    }
    return .success
  }

  private static func runRegister(_ context: CommandContext) throws -> ExitCode {
    let invocation = context.invocation
    let store = try context.openStore()
    let receipt = try context.accountService(store).register(
      RegistrationRequest(
        pid: invocation[Self.pid], phone: invocation[Self.phone], email: invocation[Self.email],
        address: invocation[Self.address], caseReference: invocation[AccountCommands.caseReference]))
    let details = AccountDetails(
      account: receipt.account, state: receipt.account.storedState, letters: [], now: context.time.timestamp)
    if context.wantsJSON {
      try context.printJSON(
        RegistrationView(
          account: AccountView(details, reveal: false),
          letter: .init(receipt.letter)))
    } else {
      var text =
        "Registered \(receipt.account.pid.map(Masking.identityNumber) ?? "") as account \(receipt.account.id) "
      text +=
        "(state letter_sent).\nActivation letter \(receipt.letter.letterID) is in the outbox as message "
      text += "\(receipt.letter.outboxID), valid until \(receipt.letter.expiresAt).\n"
      if let code = receipt.letter.code { text += "Activation code (test store): \(code.formatted)\n" }
      context.console.out(text)
    }
    return .success
  }

  /// The letter code and the new password, from their files or prompts, for activation (by
  /// `account activate` or `app enroll`): the code first, as the letter is read before a password is chosen.
  static func letterCodeAndNewPassword(_ context: CommandContext) throws -> (code: Secret, password: Secret) {
    let code = try context.secrets.read(
      Self.letterCodeFile, in: context.invocation, prompt: "Activation code: ")
    let password = try context.secrets.read(
      Self.newPasswordFile, in: context.invocation, prompt: "New password: ", confirm: true)
    return (code, password)
  }

  private static func runActivate(_ context: CommandContext) throws -> ExitCode {
    let invocation = context.invocation
    let store = try context.openStore()
    let (code, password) = try letterCodeAndNewPassword(context)
    let account = try context.accountService(store).activate(
      pid: invocation[Self.pid], code: code.text ?? "", password: password)
    if context.wantsJSON {
      try context.printJSON(
        AccountView(
          AccountDetails(
            account: account, state: account.storedState, letters: [], now: context.time.timestamp),
          reveal: false))
    } else {
      context.console.out("Activated account \(account.id): state active.\n")
    }
    return .success
  }

  private static func runShow(_ context: CommandContext) throws -> ExitCode {
    let store = try context.openStore()
    let details = try context.accountService(store).details(pid: context.invocation[Self.pid])
    let view = AccountView(details, reveal: context.invocation[AccountCommands.reveal])
    if context.wantsJSON {
      try context.printJSON(view)
      return .success
    }
    var rows: [(String, String)] = [
      ("Account", String(view.id)), ("Identity number", view.pid ?? "(purged)"), ("Kind", view.kind ?? "-"),
      ("State", view.state + (view.blockReason.map { " (\($0))" } ?? "")),
      ("Phone", view.phone ?? "-"), ("E-mail", view.email ?? "-"),
    ]
    if let address = view.address {
      rows.append(("Address", PostalAddress.singleLine(address)))
    }
    rows += [
      ("Password", view.passwordSet ? "set" : "not set"), ("Failed attempts", String(view.failedAttempts)),
    ]
    if let until = view.lockedUntil { rows.append(("Locked until", until.rfc3339)) }
    if let letter = view.letter {
      rows.append(("Letter", "\(letter.status), sent \(letter.sentAt), valid until \(letter.expiresAt)"))
    }
    if let device = view.appDevice {
      rows.append(
        (
          "MinID app",
          "device \(device.deviceId), enrolled \(device.enrolledAt.rfc3339), last used "
            + (device.lastUsedAt?.rfc3339 ?? "never")
        ))
    }
    if let totp = view.totp {
      rows.append(
        (
          "Code generator",
          "enrolled \(totp.enrolledAt.rfc3339), last used " + (totp.lastUsedAt?.rfc3339 ?? "never")
        ))
    }
    rows += [("Created", view.createdAt.rfc3339), ("Updated", view.updatedAt.rfc3339)]
    if let activated = view.activatedAt { rows.append(("Activated", activated.rfc3339)) }
    let width = rows.map(\.0.count).max() ?? 0
    context.console.out(
      rows.map {
        $0.0 + ":" + String(repeating: " ", count: width - $0.0.count + 2) + TerminalText.escaped($0.1)
      }.joined(
        separator: "\n") + "\n")
    return .success
  }

  private static func runList(_ context: CommandContext) throws -> ExitCode {
    let invocation = context.invocation
    let store = try context.openStore()
    let state = invocation[Self.state].flatMap(AccountState.init(rawValue:))
    let accounts = try context.accountService(store).list(
      state: state, limit: try invocation.integer(Self.limit))
    let reveal = invocation[AccountCommands.reveal]
    let views = accounts.map { AccountView($0, reveal: reveal) }
    if context.wantsJSON {
      try context.printJSON(views)
      return .success
    }
    var table = TextTable("ID", "IDENTITY NUMBER", "KIND", "STATE", "PHONE", "E-MAIL", "CREATED")
    for view in views {
      table.add(
        String(view.id), view.pid ?? "(purged)", view.kind ?? "-", view.state, view.phone ?? "-",
        view.email ?? "-",
        view.createdAt.rfc3339)
    }
    context.console.out(table.text)
    return .success
  }
}
