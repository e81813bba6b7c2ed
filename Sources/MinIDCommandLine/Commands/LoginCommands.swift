import Foundation
import MinIDKit

/// `minid login`: password, then SMS code, then an ID token; in two non-interactive steps or one
/// interactive command.
enum LoginCommands {
  static var group: CommandSpec {
    CommandSpec(
      "login", abstract: "Log in with password and SMS code, and get a level-3 ID token.",
      discussion: """
        'login start' checks the password and sends a 5-digit code by SMS (to the outbox), valid 5 minutes; \
        'login finish' checks the code and prints the ID token. In a test store, synthetic identity numbers \
        also accept the static code 12345, as Digdir's test environment does. Five consecutive failures \
        across both steps lock the account for 60 minutes (both set at init). An account with the MinID app \
        is asked to approve in the app instead ('minid app'), and 'login finish' then takes no code; one with \
        a code generator ('minid totp') gives its code to 'login finish'. 'login sms' sends the SMS code \
        instead of either.
        """,
      subcommands: [start, resend, finish, sms, interactive])
  }

  static let client = OptionHandle.required("client", value: "client-id", help: "The service's client id.")
  static var clientOption: OptionSpec { client.spec }
  static let loginID = OptionHandle.required("login-id", value: "id", help: "The id 'login start' printed.")
  static let nonce = OptionHandle.optional(
    "nonce", value: "nonce", help: "Echoed in the token's nonce claim.")
  static var nonceOption: OptionSpec { nonce.spec }
  static let locale = OptionHandle.optional(
    "locale", value: "locale", completion: .values(IDTokenClaims.locales),
    help: "The token's locale claim (default nb).")
  static var localeOption: OptionSpec { locale.spec }
  static let passwordFile = OptionHandle.optional(
    "password-file", value: "path", completion: .file,
    help: "File holding the password ('-' for standard input).")
  static let codeFile = OptionHandle.optional(
    "code-file", value: "path", completion: .file,
    help: "File holding the SMS code or the code generator's code ('-' for standard input); none for the app."
  )

  static var start: CommandSpec {
    CommandSpec(
      "start", abstract: "Check the password and send the SMS code; prints the login id.",
      options: [
        AccountCommands.pidOption, clientOption, passwordFile.spec,
        AccountCommands.json(
          "{login_id, client, phone (masked), expires_at, sms_code, factor, approval_expires_at}; sms_code only in a test store when an SMS went, null otherwise; factor sms, app or totp"
        ),
      ],
      examples: [
        Example(
          description: "From a CI script",
          command: "minid login start --pid 10915596784 --client my-app --password-file pw.txt --json")
      ],
      usesStore: true, action: runStart)
  }

  static var sms: CommandSpec {
    CommandSpec(
      "sms", abstract: "Send the SMS code instead of waiting for the MinID app or using the code generator.",
      discussion:
        "For a login that waits for the app (also after its time ran out) or for a code generator: a 5-digit code goes out by SMS for the same login, valid 5 minutes; 'login finish' takes it (amr Minid-OTC). A login rejected in the app cannot fall back.",
      options: [
        loginID.spec,
        AccountCommands.json(
          "{login_id, client, phone (masked), expires_at, sms_code, factor, approval_expires_at}; sms_code only in a test store"
        ),
      ],
      examples: [
        Example(description: "Fall back to SMS", command: "minid login sms --login-id \"$LOGIN_ID\" --json")
      ],
      usesStore: true, action: runSMS)
  }

  static var resend: CommandSpec {
    CommandSpec(
      "resend", abstract: "Send a new SMS code for a login in progress; prints the new login id.",
      discussion: """
        The earlier code stops working. At most 3 new codes an hour per person (exit 1 with the time the \
        next may be asked for), none while the account is locked; the login pages' "send a new code" is the \
        same call.
        """,
      options: [
        loginID.spec.withHelp("The id 'login start' (or resend) printed."),
        AccountCommands.json(
          "{login_id, client, phone (masked), expires_at, sms_code}; sms_code only in a test store, null in production"
        ),
      ],
      examples: [
        Example(
          description: "A new code, from a script",
          command: "minid login resend --login-id \"$LOGIN_ID\" --json")
      ],
      usesStore: true, action: runResend)
  }

  static var finish: CommandSpec {
    CommandSpec(
      "finish",
      abstract: "Check the SMS code (or the code generator's, or the app's approval); print the ID token.",
      discussion: """
        Without --json, standard output is the compact token alone, ready for $(…). A login that waits for the \
        MinID app takes no code: it finishes once approved in the app (amr Minid-APP), exits 75 while it \
        still waits and 2 once rejected or expired. An account with a code generator gives its current \
        6-digit code (amr Minid-TOTP).
        """,
      options: [
        loginID.spec, codeFile.spec,
        nonceOption, localeOption,
        AccountCommands.json(
          "{id_token, token_type, kid, alg, expires_at, claims} rather than the bare token"),
      ],
      examples: [
        Example(
          description: "With the test store's static code",
          command: "echo 12345 | minid login finish --login-id \"$LOGIN_ID\" --code-file -")
      ],
      usesStore: true, action: runFinish)
  }

  static var interactive: CommandSpec {
    CommandSpec(
      "interactive", abstract: "Both steps on a terminal: prompts for the password, then the SMS code.",
      options: [
        AccountCommands.pidOption, clientOption, nonceOption, localeOption,
        AccountCommands.json(
          "{id_token, token_type, kid, alg, expires_at, claims} rather than the bare token"),
      ],
      examples: [
        Example(
          description: "Log in by hand", command: "minid login interactive --pid 10915596784 --client my-app")
      ],
      usesStore: true, action: runInteractive)
  }

  struct StartView: Encodable {
    let loginId: String
    let client: String
    let phone: String
    let expiresAt: Timestamp
    /// The SMS code, in a test store only; null in a production store.
    let smsCode: String?
    /// `sms`, `app` or `totp`: what 'login finish' waits for.
    let factor: String
    let approvalExpiresAt: Timestamp?

    init(_ challenge: LoginChallenge) {
      loginId = challenge.loginID
      client = challenge.clientID
      phone = challenge.maskedPhone
      expiresAt = challenge.expiresAt
      smsCode = challenge.testCode
      factor = challenge.factor?.rawValue ?? "sms"
      approvalExpiresAt = challenge.approvalExpiresAt
    }

    func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(loginId, forKey: .loginId)
      try container.encode(client, forKey: .client)
      try container.encode(phone, forKey: .phone)
      try container.encode(expiresAt, forKey: .expiresAt)
      try container.encode(smsCode, forKey: .smsCode)
      try container.encode(factor, forKey: .factor)
      try container.encode(approvalExpiresAt, forKey: .approvalExpiresAt)
    }

    enum CodingKeys: String, CodingKey {
      case loginId, client, phone, expiresAt, smsCode, factor, approvalExpiresAt
    }
  }

  struct TokenView: Encodable {
    let idToken: String
    let tokenType: String
    let kid: String
    let alg: String
    let expiresAt: Timestamp
    let claims: IDTokenClaims
  }

  private static func runStart(_ context: CommandContext) throws -> ExitCode {
    let invocation = context.invocation
    let service = try context.accountService(try context.openStore())
    // A level-4 service is refused before any credential is read.
    _ = try service.serviceForLogin(invocation[Self.client])
    let password = try context.secrets.read(Self.passwordFile, in: invocation, prompt: "Password: ")
    let challenge = try service.startLogin(
      pid: invocation[AccountCommands.pid], clientID: invocation[Self.client], password: password)
    try showChallenge(challenge, context)
    return .success
  }

  /// The login id on standard output (what to do next on standard error), or the JSON view.
  private static func showChallenge(_ challenge: LoginChallenge, _ context: CommandContext) throws {
    if context.wantsJSON {
      try context.printJSON(StartView(challenge))
      return
    }
    context.console.out(challenge.loginID + "\n")
    switch challenge.factor {
    case .app:
      context.console.err(
        "Approve the login in the MinID app by \(challenge.approvalExpiresAt ?? challenge.expiresAt) "
          + "('minid app approve'), then run 'login finish' without a code.\n")
    case .totp:
      context.console.err("Give the code from the code generator to 'login finish'.\n")
    case nil:
      context.console.err(
        "A one-time code was sent by SMS to \(challenge.maskedPhone); it is valid until \(challenge.expiresAt).\n"
      )
    }
  }

  private static func runSMS(_ context: CommandContext) throws -> ExitCode {
    let service = try context.accountService(try context.openStore())
    try showChallenge(try service.fallBackToSMS(loginID: context.invocation[Self.loginID]), context)
    return .success
  }

  private static func runResend(_ context: CommandContext) throws -> ExitCode {
    let service = try context.accountService(try context.openStore())
    try showChallenge(try service.resendLoginCode(loginID: context.invocation[Self.loginID]), context)
    return .success
  }

  private static func runFinish(_ context: CommandContext) throws -> ExitCode {
    let invocation = context.invocation
    let service = try context.accountService(try context.openStore())
    let loginID = invocation[Self.loginID]
    let factor = try service.waitingFactor(loginID: loginID)
    // An app login takes no code: the approval was given on the device.
    let code =
      factor == .app && invocation[Self.codeFile] == nil
      ? nil
      : try context.secrets.read(
        Self.codeFile, in: invocation,
        prompt: factor == .totp ? "Code from the code generator: " : "SMS code: ")
    let issued = try service.finishLogin(
      loginID: loginID, code: code?.text ?? "", nonce: invocation[Self.nonce],
      locale: invocation[Self.locale])
    try printToken(issued, context)
    return .success
  }

  private static func runInteractive(_ context: CommandContext) throws -> ExitCode {
    let invocation = context.invocation
    guard context.console.standardInputIsTerminal else {
      throw UsageError("'login interactive' needs a terminal; scripts use 'login start' and 'login finish'.")
    }
    let service = try context.accountService(try context.openStore())
    _ = try service.serviceForLogin(invocation[Self.client])
    let password = try context.secrets.read(option: "password-file", path: nil, prompt: "Password: ")
    let challenge = try service.startLogin(
      pid: invocation[AccountCommands.pid], clientID: invocation[Self.client], password: password)
    let issued: IssuedToken
    switch challenge.factor {
    case .app:
      context.console.err(
        "Approve the login in the MinID app; waiting until \(challenge.approvalExpiresAt!).\n")
      context.console.flush()
      while true {
        do {
          issued = try service.finishLogin(
            loginID: challenge.loginID, code: "", nonce: invocation[Self.nonce],
            locale: invocation[Self.locale])
          break
        } catch SecondFactorError.approvalPending {
          sleep(1)
        }
      }
    case .totp, nil:
      context.console.err(
        challenge.factor == .totp
          ? "Give the code from the code generator.\n"
          : "A one-time code was sent by SMS to \(challenge.maskedPhone).\n")
      context.console.flush()
      let code = try context.secrets.read(
        option: "code-file", path: nil,
        prompt: challenge.factor == .totp ? "Code from the code generator: " : "SMS code: ")
      issued = try service.finishLogin(
        loginID: challenge.loginID, code: code.text ?? "", nonce: invocation[Self.nonce],
        locale: invocation[Self.locale])
    }
    try printToken(issued, context)
    return .success
  }

  private static func printToken(_ issued: IssuedToken, _ context: CommandContext) throws {
    if context.wantsJSON {
      try context.printJSON(
        TokenView(
          idToken: issued.token, tokenType: "ID token", kid: issued.kid, alg: issued.algorithm.rawValue,
          expiresAt: Timestamp(seconds: issued.claims.exp), claims: issued.claims))
    } else {
      context.console.out(issued.token + "\n")
    }
  }
}
