import Foundation
import MinIDKit

/// `minid keys`, `minid discovery` and `minid token verify`: what clients need to trust the store's tokens.
enum KeyCommands {
  static let algorithm = OptionHandle.optional(
    "alg", value: "alg", completion: .values(SigningAlgorithm.allCases.map(\.rawValue)),
    help: "RS256 (default) or ES256.")
  static let writeDirectory = OptionHandle.optional(
    "write-dir", value: "directory", completion: .directory,
    help: "Write .well-known/openid-configuration and jwks.json there, under the issuer's path.")
  static let client = OptionHandle.optional(
    "client", value: "client-id", help: "The audience the token must be for.")
  static let jwksFile = OptionHandle.optional(
    "jwks", value: "file", completion: .file, help: "Verify against this JWK Set instead of the store's keys."
  )
  static let issuer = OptionHandle.optional(
    "issuer", value: "url", help: "The issuer expected (default: the store's).")

  static let verifyLevel = OptionHandle.optional(
    "level", value: "level", completion: .values(["substantial", "high"]),
    help: "The lowest acceptable level (default substantial).")

  static var group: CommandSpec {
    CommandSpec(
      "keys", abstract: "Manage the keys that sign ID tokens, and print the JWKS.",
      discussion: """
        Tokens are signed RS256 with a 3072-bit RSA key by default (ID-porten signs only RS256, so clients \
        built for it work unchanged); ES256 is available. Relying parties cache the JWKS, so a new key is \
        published before it signs: 'keys add' puts a key in the JWKS, 'keys activate' makes it sign from a \
        time on, and 'keys rotate' does both, signing after --activate-after (default 1h). Until then the \
        key that signed before goes on signing; which key signs is chosen by time at each signature. After \
        adding a key, republish the JWKS ('minid discovery --write-dir', or 'minid keys jwks' where jwks_uri \
        points). Old public keys stay in the JWKS until 'keys retire' takes them out. Every change is an \
        audit entry (key.add, key.activate, key.retire) with a digest of the key set, so 'audit verify' finds \
        keys changed outside minid. The private keys live in the store: protect the store file like a key.
        """,
      subcommands: [list, add, activate, rotate, retire, jwks])
  }

  static var list: CommandSpec {
    CommandSpec(
      "list", abstract: "List signing keys: kid, algorithm, state.",
      discussion: """
        A key is active (it signs now), scheduled (it signs from its activation time), published (in the \
        JWKS, not signing) or retired.
        """,
      options: [
        OptionSpec(
          "json",
          help:
            "Print an array of {kid, alg, state, created_at, activates_at, retired_at, jwk}, newest first.")
      ],
      examples: [Example(description: "Which key signs now", command: "minid keys list")], usesStore: true,
      action: runList)
  }

  static let algOption = algorithm.spec
  static let keyJSONOption = OptionSpec(
    "json", help: "Print the key as {kid, alg, state, created_at, activates_at, retired_at, jwk}.")

  static var add: CommandSpec {
    CommandSpec(
      "add", abstract: "Make a new key and publish it in the JWKS; it does not sign until activated.",
      discussion: """
        Republish the JWKS after this (the line on standard error says how), wait until relying parties \
        have fetched it, then run 'minid keys activate <kid>'.
        """,
      options: [algOption, keyJSONOption],
      examples: [Example(description: "A new ES256 key", command: "minid keys add --alg ES256")],
      usesStore: true, action: runAdd)
  }

  static var activate: CommandSpec {
    CommandSpec(
      "activate", abstract: "Make a published key sign tokens, now or after a while.",
      discussion: """
        The key that signs now goes on signing until the activation time; then the new one signs. The \
        JWKS that relying parties fetch must list the key before that time. A kid may start with '-': put \
        '--' before it.
        """,
      arguments: [ArgumentSpec("kid", help: "The key id from 'keys add' or 'keys list'.")],
      options: [
        OptionSpec(
          "after", value: "duration",
          help: "Sign from this long from now: a whole number with s, m, h or d (default 0: at once)."),
        keyJSONOption,
      ],
      examples: [
        Example(
          description: "Sign with a published key from tomorrow",
          command: "minid keys activate --after 1d 3oXy…")
      ],
      usesStore: true, action: runActivate)
  }

  static var rotate: CommandSpec {
    CommandSpec(
      "rotate", abstract: "Add a key and activate it after a while; the old one signs until then.",
      discussion: """
        'keys add' and 'keys activate' in one step. Republish the JWKS at once (the line on standard error \
        says how): the new key signs after --activate-after, and the old one stays published until retired.
        """,
      options: [
        algOption,
        OptionSpec(
          "activate-after", value: "duration",
          help:
            "When the new key starts to sign: a whole number with s, m, h or d (default 1h, longer than the "
            + "JWKS caches of common client libraries); 0 signs at once, for a JWKS nothing caches."),
        keyJSONOption,
      ],
      examples: [
        Example(description: "Switch to ES256 in an hour", command: "minid keys rotate --alg ES256"),
        Example(
          description: "A CI job that republishes before its next token",
          command: "minid keys rotate --activate-after 0"),
      ],
      usesStore: true,
      action: runRotate)
  }

  static var retire: CommandSpec {
    CommandSpec(
      "retire", abstract: "Take a key out of the JWKS; tokens it signed stop verifying.",
      discussion: """
        A kid is a base64url thumbprint and may start with '-': put '--' before it, as in \
        'minid keys retire -- -Nq8…', so it is not read as an option.
        """,
      arguments: [ArgumentSpec("kid", help: "The key id from 'keys list'.")],
      options: [OptionSpec("json", help: "Print {\"retired\": kid}.")],
      examples: [
        Example(description: "Retire an old key", command: "minid keys retire 3oXy…"),
        Example(description: "A kid that starts with '-'", command: "minid keys retire -- -Nq8…"),
      ],
      usesStore: true,
      action: runRetire)
  }

  static var jwks: CommandSpec {
    CommandSpec(
      "jwks", abstract: "Print the JWK Set (RFC 7517) of every key not retired.",
      discussion: """
        The set is JSON already: --json prints the same document, accepted so that a script may pass --json \
        to every command.
        """,
      options: [OptionSpec("json", help: "Print the JWK Set (the same as without --json).")],
      examples: [Example(description: "Publish the keys", command: "minid keys jwks > public/jwks.json")],
      usesStore: true,
      action: runJWKS)
  }

  static var discovery: CommandSpec {
    CommandSpec(
      "discovery", abstract: "Print the OpenID Provider configuration for the store's issuer.",
      discussion: """
        The document a client fetches from <issuer>/.well-known/openid-configuration; its jwks_uri is \
        <issuer>/jwks.json. With --write-dir, writes both files for a static web server that serves the \
        directory as the issuer's host, at the issuer's own path: for the issuer http://localhost:8080/idp, \
        <dir>/idp/.well-known/openid-configuration and <dir>/idp/jwks.json. Both are created new (mode \
        0644): files already there are refused (remove them to publish again), and so are a directory, the \
        issuer's path or .well-known that is a link, another user's, or writable by others and not sticky \
        (exit 77), since whoever could swap jwks.json would publish keys clients then trust.
        """,
      options: [
        writeDirectory.spec,
        OptionSpec(
          "json",
          help: "Print the discovery document; with --write-dir, {issuer, files} naming the files written."),
      ],
      examples: [
        Example(
          description: "Serve the issuer's documents for a CI job",
          command: "minid discovery --write-dir public && python3 -m http.server -d public 8080")
      ],
      usesStore: true, action: runDiscovery)
  }

  static var token: CommandSpec {
    CommandSpec(
      "token", abstract: "Check ID tokens as a careful client would.", subcommands: [verify])
  }

  static var verify: CommandSpec {
    CommandSpec(
      "verify", abstract: "Verify an ID token and print its claims; non-zero exit with the reason otherwise.",
      discussion: """
        Checks, as RFC 8725 and the JOSE libraries do: RS256 or ES256 only (never alg none), typ absent or \
        JWT, no crit; the kid among the store's published keys (or a --jwks file), skipping keys whose use is \
        not sig or whose key_ops lack verify, and the key whose type fits the alg; the signature; then iss, \
        aud (it must contain --client; without --client, one registered service, and the line on standard \
        error says which was accepted), azp (required, and the client, when aud has several values), exp, nbf \
        and iat with 60 s of leeway (whole seconds from 0 to 2^53-1), and acr at least --level. Prints the \
        token's claims as the token has them. The token comes as an argument or on standard input.
        """,
      arguments: [
        ArgumentSpec("token", optional: true, help: "The compact token; standard input when left out or '-'.")
      ],
      options: [
        client.spec,
        jwksFile.spec,
        issuer.spec,
        verifyLevel.spec,
        AccountCommands.json(
          "the token's claims as the token has them, as one JSON object, with no line on standard error"),
      ],
      examples: [
        Example(
          description: "Check a token for a client", command: "minid token verify --client my-app \"$TOKEN\""),
        Example(
          description: "Without the store",
          command: "minid token verify --jwks jwks.json --issuer https://minid.test --client my-app < token"),
      ],
      usesStore: true, action: runVerify)
  }

  struct KeyView: Encodable {
    let kid: String
    let alg: String
    let state: String
    let createdAt: Timestamp
    let activatesAt: Timestamp?
    let retiredAt: Timestamp?
    let jwk: JSONWebKey

    init(_ key: PublicSigningKey, among keys: [PublicSigningKey], at now: Timestamp) {
      kid = key.kid
      alg = key.algorithm.rawValue
      state = SigningKeySchedule.state(of: key, among: keys, at: now)
      createdAt = key.createdAt
      activatesAt = key.activatesAt
      retiredAt = key.retiredAt
      jwk = key.publicKey
    }

    // Absent values are null rather than left out, so every object has the same fields.
    func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(kid, forKey: .kid)
      try container.encode(alg, forKey: .alg)
      try container.encode(state, forKey: .state)
      try container.encode(createdAt, forKey: .createdAt)
      try container.encode(activatesAt, forKey: .activatesAt)
      try container.encode(retiredAt, forKey: .retiredAt)
      try container.encode(jwk, forKey: .jwk)
    }

    enum CodingKeys: String, CodingKey { case kid, alg, state, createdAt, activatesAt, retiredAt, jwk }
  }

  private static func service(_ context: CommandContext, _ store: any Store) -> KeyService {
    KeyService(store: store, time: context.time, actor: context.actor)
  }

  private static func runList(_ context: CommandContext) throws -> ExitCode {
    let keys = try service(context, try context.openStore()).keys()
    let views = keys.map { KeyView($0, among: keys, at: context.time.timestamp) }
    if context.wantsJSON {
      try context.printJSON(views)
      return .success
    }
    var table = TextTable("KID", "ALG", "STATE", "CREATED", "SIGNS FROM", "RETIRED")
    for view in views {
      table.add(
        view.kid, view.alg, view.state, view.createdAt.rfc3339, view.activatesAt?.rfc3339 ?? "-",
        view.retiredAt?.rfc3339 ?? "-")
    }
    context.console.out(table.text)
    return .success
  }

  /// Prints `key` (JSON, or a line for people) and, on standard error, what to republish and when.
  private static func report(
    _ context: CommandContext, _ store: any Store, kid: String, text: String
  ) throws {
    let keys = try service(context, store).keys()
    guard let key = keys.first(where: { $0.kid == kid }) else { throw KeyError.notFound(kid) }
    let view = KeyView(key, among: keys, at: context.time.timestamp)
    if context.wantsJSON {
      try context.printJSON(view)
    } else {
      context.console.out(text + "\n")
    }
    let issuer = store.settings.issuer
    var advice =
      "Republish the JWKS now, so relying parties can fetch the new key: 'minid discovery --write-dir <dir>' "
      + "(after removing the files written before) or 'minid keys jwks', served at \(issuer)/jwks.json."
    if let activation = key.activatesAt, activation > context.time.timestamp {
      advice += " It signs from \(activation.rfc3339); until then the key that signs now goes on signing."
    } else if key.activatesAt == nil {
      advice += " It does not sign until 'minid keys activate \(kid)'."
    }
    context.console.err(advice + "\n")
  }

  private static func runAdd(_ context: CommandContext) throws -> ExitCode {
    let algorithm = context.invocation[Self.algorithm].flatMap(SigningAlgorithm.init(rawValue:)) ?? .rs256
    let store = try context.openStore()
    let key = try service(context, store).add(algorithm: algorithm)
    try report(
      context, store, kid: key.kid, text: "New \(algorithm.rawValue) key \(key.kid), published, not signing.")
    return .success
  }

  private static func runActivate(_ context: CommandContext) throws -> ExitCode {
    let kid = context.invocation.arguments[0]
    let after = try context.invocation.duration("after") ?? 0
    let store = try context.openStore()
    let key = try service(context, store).activate(
      kid: kid, at: context.time.timestamp.adding(seconds: after))
    try report(
      context, store, kid: key.kid,
      text: "Key \(key.kid) signs from \(key.activatesAt?.rfc3339 ?? context.time.timestamp.rfc3339).")
    return .success
  }

  private static func runRotate(_ context: CommandContext) throws -> ExitCode {
    let algorithm = context.invocation[Self.algorithm].flatMap(SigningAlgorithm.init(rawValue:)) ?? .rs256
    let after = try context.invocation.duration("activate-after") ?? 3_600
    let store = try context.openStore()
    let key = try service(context, store).rotate(algorithm: algorithm, activateAfter: after)
    try report(
      context, store, kid: key.kid,
      text:
        "New \(algorithm.rawValue) key \(key.kid), signing from \(key.activatesAt?.rfc3339 ?? "now"); "
        + "earlier keys stay published until retired.")
    return .success
  }

  private static func runRetire(_ context: CommandContext) throws -> ExitCode {
    let kid = context.invocation.arguments[0]
    try service(context, try context.openStore()).retire(kid: kid)
    if context.wantsJSON {
      try context.printJSON(["retired": kid])
    } else {
      context.console.out("Retired key \(TerminalText.escaped(kid)); tokens it signed no longer verify.\n")
    }
    return .success
  }

  // --json changes nothing: the JWK Set is JSON already.
  private static func runJWKS(_ context: CommandContext) throws -> ExitCode {
    context.console.out(try service(context, try context.openStore()).jwks().json + "\n")
    return .success
  }

  /// The algorithms of the published keys, for `id_token_signing_alg_values_supported`.
  static func algorithms(of keys: JSONWebKeySet) -> [SigningAlgorithm] {
    SigningAlgorithm.allCases.filter { alg in keys.keys.contains { $0.algorithm == alg } }
  }

  private static func discoveryJSON(_ store: any Store, keys: JSONWebKeySet) throws -> String {
    let algorithms = algorithms(of: keys)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted]
    return String(
      decoding: try encoder.encode(
        DiscoveryDocument.make(issuer: store.settings.issuer, algorithms: algorithms)), as: UTF8.self)
  }

  private static func runDiscovery(_ context: CommandContext) throws -> ExitCode {
    let store = try context.openStore()
    let keys = try service(context, store).jwks()
    let document = try discoveryJSON(store, keys: keys)
    guard let directory = context.invocation[Self.writeDirectory] else {
      context.console.out(document + "\n")
      return .success
    }
    // Public documents for a web server to serve, so 0644; created new all the same, so a link planted in
    // a shared folder cannot turn the write against a file minid's user may change. The directory, the
    // issuer's path under it and .well-known must be minid's own, not links, and not writable by others:
    // whoever could swap jwks.json there would publish keys that relying parties then trust.
    try NewFile.makeDirectory(directory, mode: 0o755)
    // The issuer's path, so <issuer>/.well-known/openid-configuration and jwks_uri are where a server
    // serving the directory as the issuer's host answers them.
    var base = directory
    for segment in try StoreSettings.issuerPath(store.settings.issuer) {
      base += "/" + segment
      try NewFile.makeDirectory(base, mode: 0o755)
    }
    let wellKnown = base + "/.well-known"
    try NewFile.makeDirectory(wellKnown, mode: 0o755)
    let files = [wellKnown + "/openid-configuration", base + "/jwks.json"]
    try NewFile.write(Array((document + "\n").utf8), to: files[0], mode: 0o644)
    try NewFile.write(Array((keys.json + "\n").utf8), to: files[1], mode: 0o644)
    if context.wantsJSON {
      try context.printJSON(["issuer": .string(store.settings.issuer), "files": DiscoveryValue.list(files)])
    } else {
      context.console.out(
        "Wrote \(TerminalText.escaped(files[0])) and \(TerminalText.escaped(files[1])) for issuer "
          + "\(store.settings.issuer) (served as \(store.settings.issuer)/.well-known/openid-configuration "
          + "and \(store.settings.issuer)/jwks.json).\n")
    }
    return .success
  }

  private static func runVerify(_ context: CommandContext) throws -> ExitCode {
    let invocation = context.invocation
    var token = invocation.arguments.first ?? "-"
    if token == "-" {
      var bytes: [UInt8] = []
      try LineReader(descriptor: context.console.standardInputDescriptor).forEachLine { line, _ in
        if bytes.isEmpty { bytes = Array(line) }
      }
      token = String(decoding: bytes, as: UTF8.self)
    }
    var level = SecurityLevel.substantial
    if let text = invocation[Self.verifyLevel] {
      guard let parsed = SecurityLevel(name: text) else {
        throw UsageError.invalidValue(text, for: Self.verifyLevel.spec, "expected substantial or high")
      }
      level = parsed
    }
    let keys: JSONWebKeySet
    let issuer: String
    let audience = invocation[Self.client]
    let audiences: Set<String>
    if let path = invocation[Self.jwksFile] {
      guard let data = FileManager.default.contents(atPath: path) else {
        throw SecretInputError.unreadable(option: "jwks", path: path, reason: "no such file or not readable")
      }
      keys = try JSONWebKeySet(json: Array(data))
      if let given = invocation[Self.issuer] {
        issuer = try StoreSettings.normalizedIssuer(given)
      } else {
        issuer = try context.openStore().settings.issuer
      }
      audiences = try TokenVerifier.knownAudiences(whenNaming: audience) {
        try context.openStore().read { try $0.services() }.map(\.clientID)
      }
    } else {
      let store = try context.openStore()
      keys = try service(context, store).jwks()
      issuer = try invocation[Self.issuer].map(StoreSettings.normalizedIssuer) ?? store.settings.issuer
      audiences = try TokenVerifier.knownAudiences(whenNaming: audience) {
        try store.read { try $0.services() }.map(\.clientID)
      }
    }
    let verified = try TokenVerifier(
      keys: keys, issuer: issuer, audience: audience, knownAudiences: audiences,
      minimumLevel: level,
      now: context.time.timestamp
    ).verify(token)
    // The token's own claims, every one of them, as it has them (aud an array if it is one).
    if context.wantsJSON {
      context.console.standardOutput.write(verified.claimsJSON)
      context.console.out("\n")
    } else {
      let object = try JSONSerialization.jsonObject(with: Data(verified.claimsJSON))
      let pretty = try JSONSerialization.data(
        withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted])
      context.console.out(TerminalText.escaped(lines: String(decoding: pretty, as: UTF8.self)) + "\n")
      let chosen = invocation[Self.client] == nil ? " (a registered service; --client names one)" : ""
      context.console.err(
        "Token valid: signed by \(verified.algorithm.rawValue) key \(TerminalText.escaped(verified.kid)), "
          + "for \(TerminalText.escaped(verified.acceptedAudience))\(chosen), \(verified.acr).\n")
    }
    return .success
  }
}
