import MinIDKit

/// `minid totp`: enrol a code generator (RFC 6238), the `Minid-TOTP` second factor (decisions §9).
enum TOTPCommands {
  static var group: CommandSpec {
    CommandSpec(
      "totp", abstract: "Time-based codes from an authenticator app (Minid-TOTP): enrol.",
      discussion: """
        Digdir publishes only the amr value Minid-TOTP; how a person enrols is minid's modelling choice \
        (docs/second-factors.md). After enrolment the account's logins ask for the generator's 6-digit code \
        instead of the SMS code ('login finish --code-file'), each code once, one 30-second step either side.
        """,
      subcommands: [enroll])
  }

  static let codeFile = OptionHandle.optional(
    "code-file", value: "path", completion: .file,
    help: "File holding the SMS code ('-' for standard input), read after the SMS is sent.")

  static var enroll: CommandSpec {
    CommandSpec(
      "enroll", abstract: "Enrol a code generator after the password and an SMS code; shows the secret once.",
      discussion: """
        Checks the password, sends an SMS code (to the outbox), then reads the code: --code-file is read \
        after the SMS went out, so a terminal prompt, a pipe or, in a test store for a synthetic number, \
        a file holding 12345 all work. Prints the otpauth:// URI and its QR code (scan it with an \
        authenticator app); the secret is stored sealed and never shown again. Enrolling again replaces the \
        old generator and tells the person by SMS and e-mail. Wrong codes count towards the lockout.
        """,
      options: [
        AccountCommands.pidOption, LoginCommands.passwordFile.spec, codeFile.spec,
        AccountCommands.json(
          "{account_id, secret, otpauth_uri, replaced}; secret in base32, shown this once"),
      ],
      examples: [
        Example(
          description: "In a test store, for a synthetic number",
          command:
            "echo 12345 | minid totp enroll --pid 10915596784 --password-file pw.txt --code-file - --json")
      ],
      usesStore: true, action: runEnroll)
  }

  struct EnrollView: Encodable {
    let accountId: Int64
    let secret: String
    let otpauthUri: String
    let replaced: Bool
  }

  private static func runEnroll(_ context: CommandContext) throws -> ExitCode {
    let invocation = context.invocation
    let service = try context.accountService(try context.openStore())
    let password = try context.secrets.read(LoginCommands.passwordFile, in: invocation, prompt: "Password: ")
    let challenge = try service.startTOTPEnrollment(pid: invocation[AccountCommands.pid], password: password)
    if !context.wantsJSON {
      context.console.err("A one-time code was sent by SMS to \(challenge.maskedPhone).\n")
      context.console.flush()
    }
    let code = try context.secrets.read(Self.codeFile, in: invocation, prompt: "SMS code: ")
    let enrollment = try service.finishTOTPEnrollment(loginID: challenge.loginID, code: code.text ?? "")
    if context.wantsJSON {
      try context.printJSON(
        EnrollView(
          accountId: enrollment.account.id, secret: enrollment.secret, otpauthUri: enrollment.uri,
          replaced: enrollment.replacedPrevious))
    } else {
      context.console.out(
        (QRCode(enrollment.uri)?.text ?? "") + "\n" + enrollment.uri + "\nSecret (shown once): "
          + enrollment.secret + "\n")
      if enrollment.replacedPrevious {
        context.console.err(
          "The previous code generator no longer works; the person was told by SMS and e-mail.\n")
      }
    }
    return .success
  }
}
