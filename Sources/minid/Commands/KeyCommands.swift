import Foundation
import MinIDKit

/// `minid keys`, `minid discovery` and `minid token verify`: what clients need to trust the store's tokens.
enum KeyCommands {
  static var group: CommandSpec {
    CommandSpec(
      "keys", abstract: "Manage the keys that sign ID tokens, and print the JWKS.",
      discussion: """
        Tokens are signed RS256 with a 3072-bit RSA key by default (ID-porten signs only RS256, so clients \
        built for it work unchanged); ES256 is available. 'keys rotate' makes a new key the signing key and \
        keeps the old public keys in the JWKS until 'keys retire' takes them out. The private keys live in the \
        store: protect the store file like a key.
        """,
      subcommands: [list, rotate, retire, jwks])
  }

  static var list: CommandSpec {
    CommandSpec(
      "list", abstract: "List signing keys: kid, algorithm, state.", options: [AccountCommands.jsonOption],
      examples: [Example(description: "Which key signs now", command: "minid keys list")], usesStore: true,
      action: runList)
  }

  static var rotate: CommandSpec {
    CommandSpec(
      "rotate", abstract: "Make a new signing key; the old one stays published until retired.",
      options: [
        OptionSpec(
          "alg", value: "alg", completion: .values(SigningAlgorithm.allCases.map(\.rawValue)),
          help: "RS256 (default) or ES256."),
        AccountCommands.jsonOption,
      ],
      examples: [Example(description: "Switch to ES256", command: "minid keys rotate --alg ES256")],
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
      options: [AccountCommands.jsonOption],
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
      examples: [Example(description: "Publish the keys", command: "minid keys jwks > public/jwks.json")],
      usesStore: true,
      action: runJWKS)
  }

  static var discovery: CommandSpec {
    CommandSpec(
      "discovery", abstract: "Print the OpenID Provider configuration for the store's issuer.",
      discussion: """
        The document a client fetches from <issuer>/.well-known/openid-configuration; its jwks_uri is \
        <issuer>/jwks.json. With --write-dir, writes both files under a directory laid out for a static web \
        server, so a client configured with the issuer finds them. Both are created new (mode 0644): files \
        already there, or a .well-known that is a link or not minid's user's own, are refused; remove them to \
        publish again.
        """,
      options: [
        OptionSpec(
          "write-dir", value: "directory", completion: .directory,
          help: "Write .well-known/openid-configuration and jwks.json there.")
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
        OptionSpec("client", value: "client-id", help: "The audience the token must be for."),
        OptionSpec(
          "jwks", value: "file", completion: .file,
          help: "Verify against this JWK Set instead of the store's keys."),
        OptionSpec("issuer", value: "url", help: "The issuer expected (default: the store's)."),
        OptionSpec(
          "level", value: "level", completion: .values(["substantial", "high"]),
          help: "The lowest acceptable level (default substantial)."),
        AccountCommands.jsonOption,
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
    let retiredAt: Timestamp?
    let jwk: JSONWebKey

    init(_ key: PublicSigningKey) {
      kid = key.kid
      alg = key.algorithm.rawValue
      state = key.isActive ? "active" : (key.retiredAt == nil ? "published" : "retired")
      createdAt = key.createdAt
      retiredAt = key.retiredAt
      jwk = key.publicKey
    }
  }

  private static func service(_ context: CommandContext, _ store: any Store) -> KeyService {
    KeyService(store: store, time: context.time, actor: context.actor)
  }

  private static func runList(_ context: CommandContext) throws -> ExitCode {
    let views = try service(context, try context.openStore()).keys().map(KeyView.init)
    if context.wantsJSON {
      try context.printJSON(views)
      return .success
    }
    var table = TextTable("KID", "ALG", "STATE", "CREATED", "RETIRED")
    for view in views {
      table.add(view.kid, view.alg, view.state, view.createdAt.rfc3339, view.retiredAt?.rfc3339 ?? "-")
    }
    context.console.out(table.text)
    return .success
  }

  private static func runRotate(_ context: CommandContext) throws -> ExitCode {
    let algorithm = context.invocation.value("alg").flatMap(SigningAlgorithm.init(rawValue:)) ?? .rs256
    let key = try service(context, try context.openStore()).rotate(algorithm: algorithm)
    if context.wantsJSON {
      try context.printJSON(KeyView(key.publicPart))
    } else {
      context.console.out(
        "New \(algorithm.rawValue) signing key \(key.kid); earlier keys stay published until retired.\n")
    }
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
    guard let directory = context.invocation.value("write-dir") else {
      context.console.out(document + "\n")
      return .success
    }
    // Public documents for a web server to serve, so 0644; created new all the same, so a link planted in
    // a shared folder cannot turn the write against a file minid's user may change.
    // The directory named is the user's choice and may be anyone's; .well-known, which minid makes in it,
    // must be minid's own and not a link.
    if mkdir(directory, 0o755) != 0, errno != EEXIST {
      throw NewFileError.cannotCreate(path: directory, reason: String(cString: strerror(errno)))
    }
    let wellKnown = directory + "/.well-known"
    try NewFile.makeDirectory(wellKnown, mode: 0o755)
    try NewFile.write(Array((document + "\n").utf8), to: wellKnown + "/openid-configuration", mode: 0o644)
    try NewFile.write(Array((keys.json + "\n").utf8), to: directory + "/jwks.json", mode: 0o644)
    context.console.out(
      "Wrote \(TerminalText.escaped(directory))/.well-known/openid-configuration and "
        + "\(TerminalText.escaped(directory))/jwks.json for issuer \(store.settings.issuer).\n"
    )
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
    if let text = invocation.value("level") {
      guard let parsed = SecurityLevel(name: text) else {
        throw UsageError.invalidValue(text, for: invocation.spec("level")!, "expected substantial or high")
      }
      level = parsed
    }
    let keys: JSONWebKeySet
    let issuer: String
    var audiences: Set<String> = []
    if let path = invocation.value("jwks") {
      guard let data = FileManager.default.contents(atPath: path) else {
        throw SecretInputError.unreadable(option: "jwks", path: path, reason: "no such file or not readable")
      }
      keys = try JSONWebKeySet(json: Array(data))
      if let given = invocation.value("issuer") {
        issuer = try StoreSettings.normalizedIssuer(given)
      } else {
        issuer = try context.openStore().settings.issuer
      }
      if invocation.value("client") == nil {
        audiences = Set(try context.openStore().read { try $0.services() }.map(\.clientID))
      }
    } else {
      let store = try context.openStore()
      keys = try service(context, store).jwks()
      issuer = try invocation.value("issuer").map(StoreSettings.normalizedIssuer) ?? store.settings.issuer
      audiences = Set(try store.read { try $0.services() }.map(\.clientID))
    }
    let verified = try TokenVerifier(
      keys: keys, issuer: issuer, audience: invocation.value("client"), knownAudiences: audiences,
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
      let chosen = invocation.value("client") == nil ? " (a registered service; --client names one)" : ""
      context.console.err(
        "Token valid: signed by \(verified.algorithm.rawValue) key \(TerminalText.escaped(verified.kid)), "
          + "for \(TerminalText.escaped(verified.acceptedAudience))\(chosen), \(verified.acr).\n")
    }
    return .success
  }
}
