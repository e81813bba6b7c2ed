import MinIDKit

/// `minid init`: create a store for one environment, once.
enum InitCommand {
  static let issuer = OptionHandle.optional(
    "issuer", value: "url",
    help:
      "The token issuer: https://… without a trailing slash (default for a test store: https://minid.test; "
      + "required for production).")
  static let letterValidityDays = IntegerOptionHandle.optional(
    "letter-validity-days", value: "days", in: 1...365,
    help: "How long an activation letter is valid (default 60).")
  static let lockoutAttempts = IntegerOptionHandle.optional(
    "lockout-attempts", value: "n", in: 1...100,
    help: "Consecutive failures that lock an account for a while (default 5).")
  static let lockoutMinutes = IntegerOptionHandle.optional(
    "lockout-minutes", value: "minutes", in: 1...10_080,
    help: "How long the first lock lasts (default 60); each further consecutive lock lasts twice as long, "
      + "at most a week.")
  static let lockoutPeriods = IntegerOptionHandle.optional(
    "lockout-periods", value: "n", in: 1...100,
    help: "Consecutive locks after which the account is blocked until 'minid account unlock' (default 10; "
      + "attempts × periods at most 100).")
  static let keyAlgorithm = OptionHandle.optional(
    "key-alg", value: "alg", completion: .values(SigningAlgorithm.allCases.map(\.rawValue)),
    help: "The first token signing key: RS256 (3072-bit RSA, default, as ID-porten) or ES256.")

  static let environment = OptionHandle<StoreEnvironment>.requiredChoice(
    "environment", value: "environment", help: "'test' or 'production'; fixed for the store's life.")
  static let scryptCost = IntegerOptionHandle.optional(
    "scrypt-cost", value: "log2-n", in: ScryptParameters.lnRange.lowerBound...18,
    help:
      "scrypt's cost as log2(N) for new password hashes, 10 to 18 (default: 10 for a test store, so "
      + "'testuser create --count 100' takes well under a second; 17 for production, its minimum).")

  static var command: CommandSpec {
    CommandSpec(
      "init", abstract: "Create a store for the test or the production environment.",
      discussion: """
        Creates the store file (mode 0600) in its directory (0700), the schema, and the store's secrets: the \
        keys of account pseudonyms, code hashes and pairwise subjects. The environment is fixed for the \
        store's life. A test store takes only synthetic identity numbers, shows activation codes at once and \
        allows test users; a production store takes only fødselsnummer and D-nummer and never shows a code. \
        Refuses to run on an existing store (exit 4).
        """,
      options: [
        environment.spec,
        issuer.spec,
        letterValidityDays.spec,
        lockoutAttempts.spec,
        lockoutMinutes.spec,
        lockoutPeriods.spec,
        scryptCost.spec,
        keyAlgorithm.spec,
        OptionSpec("json", help: "Print the new store's settings as JSON."),
      ],
      examples: [
        Example(
          description: "A throw-away test store for a CI job",
          command: "minid --database /tmp/ci/minid.sqlite init --environment test"),
        Example(
          description: "A production store",
          command: "minid init --environment production --issuer https://login.example.no"),
      ],
      usesStore: true, action: run)
  }

  struct View: Encodable {
    let path: String
    let environment: String
    let issuer: String
    let letterValidityDays: Int
    let lockoutAttempts: Int
    let lockoutMinutes: Int
    let lockoutPeriods: Int
    let scrypt: String
    let createdAt: Timestamp
  }

  private static func run(_ context: CommandContext) throws -> ExitCode {
    let invocation = context.invocation
    let environment = invocation[Self.environment]
    // The policy is the library's; on the command line its refusals are usage errors naming the flag.
    let issuer: String
    do {
      issuer = try NewStorePolicy.issuer(invocation[Self.issuer], for: environment)
    } catch NewStoreError.issuerRequired {
      throw UsageError("A production store needs '--issuer <url>': the URL its tokens name as their issuer.")
    }
    let cost: Int
    do {
      cost = try NewStorePolicy.scryptCost(
        try invocation.integer(Self.scryptCost), for: environment)
    } catch NewStoreError.costTooLow(let cost, let minimum) {
      throw UsageError.invalidValue(
        String(cost), for: Self.scryptCost.spec, "a production store needs at least \(minimum)")
    }
    let settings = StoreSettings(
      environment: environment, issuer: issuer,
      letterValidityDays: try invocation.integer(Self.letterValidityDays) ?? 60,
      lockoutThreshold: try invocation.integer(Self.lockoutAttempts) ?? 5,
      lockoutMinutes: try invocation.integer(Self.lockoutMinutes) ?? 60,
      lockoutPeriodsBeforeBlock: try invocation.integer(Self.lockoutPeriods) ?? 10,
      scrypt: ScryptParameters(ln: cost, r: 8, p: 1)!, createdAt: context.time.timestamp)
    let location = try context.storeLocation()
    let algorithm = invocation[Self.keyAlgorithm].flatMap(SigningAlgorithm.init(rawValue:)) ?? .rs256
    let store = try StoreBackend.create(
      location, settings: settings, secrets: .generate(random: SystemRandomSource()),
      actor: context.actor,
      signingKey: try SigningKey.generate(algorithm, at: settings.createdAt))
    if context.wantsJSON {
      try context.printJSON(
        View(
          path: location.displayName, environment: environment.rawValue, issuer: issuer,
          letterValidityDays: store.settings.letterValidityDays,
          lockoutAttempts: store.settings.lockoutThreshold,
          lockoutMinutes: store.settings.lockoutMinutes,
          lockoutPeriods: store.settings.lockoutPeriodsBeforeBlock, scrypt: store.settings.scrypt.description,
          createdAt: store.settings.createdAt))
    } else {
      context.console.out(
        "Created a \(environment.rawValue) store at \(TerminalText.escaped(location.displayName)) (issuer \(issuer)).\n"
      )
    }
    return .success
  }
}
