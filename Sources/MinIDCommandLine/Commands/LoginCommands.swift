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
        across both steps lock the account for 60 minutes (both set at init).
        """,
      subcommands: [start, finish, interactive])
  }

  static let client = OptionHandle.required("client", value: "client-id", help: "The service's client id.")
  static var clientOption: OptionSpec { client.spec }
  static let loginID = OptionHandle.required("login-id", value: "id", help: "The id 'login start' printed.")
  static let nonceOption = OptionSpec("nonce", value: "nonce", help: "Echoed in the token's nonce claim.")
  static let localeOption = OptionSpec(
    "locale", value: "locale", completion: .values(IDTokenClaims.locales),
    help: "The token's locale claim (default nb).")

  static var start: CommandSpec {
    CommandSpec(
      "start", abstract: "Check the password and send the SMS code; prints the login id.",
      options: [
        AccountCommands.pidOption, clientOption,
        OptionSpec(
          "password-file", value: "path", completion: .file,
          help: "File holding the password ('-' for standard input)."),
        AccountCommands.json(
          "{login_id, client, phone (masked), expires_at, sms_code}; sms_code only in a test store, null in production"
        ),
      ],
      examples: [
        Example(
          description: "From a CI script",
          command: "minid login start --pid 10915596784 --client my-app --password-file pw.txt --json")
      ],
      usesStore: true, action: runStart)
  }

  static var finish: CommandSpec {
    CommandSpec(
      "finish", abstract: "Check the SMS code and print the ID token.",
      discussion: "Without --json, standard output is the compact token alone, ready for $(…).",
      options: [
        loginID.spec,
        OptionSpec(
          "code-file", value: "path", completion: .file,
          help: "File holding the SMS code ('-' for standard input)."),
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

    func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(loginId, forKey: .loginId)
      try container.encode(client, forKey: .client)
      try container.encode(phone, forKey: .phone)
      try container.encode(expiresAt, forKey: .expiresAt)
      try container.encode(smsCode, forKey: .smsCode)
    }

    enum CodingKeys: String, CodingKey { case loginId, client, phone, expiresAt, smsCode }
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
    let password = try context.secrets.read(
      option: "password-file", path: invocation.value("password-file"), prompt: "Password: ")
    let challenge = try service.startLogin(
      pid: invocation[AccountCommands.pid], clientID: invocation[Self.client], password: password)
    let view = StartView(
      loginId: challenge.loginID, client: challenge.clientID, phone: challenge.maskedPhone,
      expiresAt: challenge.expiresAt, smsCode: challenge.testCode)
    if context.wantsJSON {
      try context.printJSON(view)
    } else {
      context.console.out(challenge.loginID + "\n")
      context.console.err(
        "A one-time code was sent by SMS to \(challenge.maskedPhone); it is valid until \(challenge.expiresAt).\n"
      )
    }
    return .success
  }

  private static func runFinish(_ context: CommandContext) throws -> ExitCode {
    let invocation = context.invocation
    let service = try context.accountService(try context.openStore())
    let code = try context.secrets.read(
      option: "code-file", path: invocation.value("code-file"), prompt: "SMS code: ")
    let issued = try service.finishLogin(
      loginID: invocation[Self.loginID], code: code.text ?? "", nonce: invocation.value("nonce"),
      locale: invocation.value("locale"))
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
    context.console.err("A one-time code was sent by SMS to \(challenge.maskedPhone).\n")
    context.console.flush()
    let code = try context.secrets.read(option: "code-file", path: nil, prompt: "SMS code: ")
    let issued = try service.finishLogin(
      loginID: challenge.loginID, code: code.text ?? "", nonce: invocation.value("nonce"),
      locale: invocation.value("locale"))
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
