import Foundation
import MinIDKit

/// `minid service`: the services (OpenID Connect clients) people log in to.
enum ServiceCommands {
  static var group: CommandSpec {
    CommandSpec(
      "service", abstract: "Register the services people log in to, and the level each needs.",
      subcommands: [add, update, rotateSecret, list, show, remove])
  }

  static let clientID = OptionHandle.required(
    "client-id", value: "id", help: "The service's OpenID Connect client id.")
  static var clientOption: OptionSpec { clientID.spec }
  static let name = OptionHandle.required("name", value: "name", help: "A name people recognise.")
  static let level = OptionHandle.required(
    "level", value: "level",
    completion: .values(["substantial", "high", "idporten-loa-substantial", "idporten-loa-high"]),
    help: "substantial (level 3) or high (level 4); the acr values are accepted too.")

  static var add: CommandSpec {
    CommandSpec(
      "add", abstract: "Add a service with its required security level.",
      discussion: """
        A service that needs level 4 (high: BankID, Buypass ID, Commfides) refuses MinID logins at once; \
        MinID is level 3 (substantial). With --redirect-uri the service is also registered as an OpenID \
        Connect client of 'minid serve': codes go only to the redirect URIs given (compared exactly; \
        https://, or http://localhost in a test store), the client authenticates with --auth-method \
        (client_secret_basic by default; a client secret is generated and printed once — only its hash \
        is kept), and PKCE S256 is required unless --no-pkce. With --auth-method private_key_jwt the client \
        signs a JWT for each request instead (RFC 7523), with a key from the JWK Set given by --jwks: RS256 \
        or ES256 public keys, each with a kid; a file holding a private key member (d, p, q, ...) or a key \
        of another type is refused. Tokens live as long as ID-porten's: access and ID tokens 120 s, refresh \
        tokens 600 s of inactivity, a login 7200 s at most.
        """,
      options: [
        clientOption, name.spec, level.spec,
      ] + registrationOptions + [
        AccountCommands.json(
          "the service as {client_id, name, level, acr, minid_allowed, created_at}, with its client registration "
            + "(redirect_uris, token_endpoint_auth_method, pkce_required, …) and, from add, client_secret once"
        )
      ],
      examples: [
        Example(
          description: "A service MinID can log in to",
          command: "minid service add --client-id my-app --name 'My app' --level substantial"),
        Example(
          description: "A web application that logs in through 'minid serve' (prints its client secret once)",
          command:
            "minid service add --client-id my-web --name 'My web' --level substantial --redirect-uri http://localhost:3000/callback"
        ),
        Example(
          description: "A server-side client that signs its requests with its own key (private_key_jwt)",
          command:
            "minid service add --client-id my-api-client --name 'My app' --level substantial --redirect-uri https://app.example/callback --auth-method private_key_jwt --jwks public-keys.json"
        ),
        Example(
          description: "The digital mailbox needs level 4",
          command: "minid service add --client-id digipost --name 'Digital postkasse' --level high"),
      ],
      usesStore: true, action: runAdd)
  }

  /// `--auth-method`, one of the client options below.
  static let authMethod = OptionHandle.optional(
    "auth-method", value: "method",
    completion: .values(ClientAuthenticationMethod.allCases.map(\.rawValue)),
    help:
      "How the client authenticates at the token endpoint: client_secret_basic (default), client_secret_post, "
      + "private_key_jwt (a JWT signed with a key from --jwks), or none (a public app; PKCE then required).")
  static let redirectURI = OptionHandle.repeated(
    "redirect-uri", value: "uri",
    help: "Where 'minid serve' may send codes (repeat for several); registers the service as a client.")
  static let postLogoutRedirectURI = OptionHandle.repeated(
    "post-logout-redirect-uri", value: "uri",
    help: "Where /logout may send the browser back to, with state (repeatable).")
  static let frontchannelLogoutURI = OptionHandle.optional(
    "frontchannel-logout-uri", value: "uri",
    help: "Loaded in a hidden frame at logout with iss and sid; ID tokens then carry sid.")
  static let backchannelLogoutURI = OptionHandle.optional(
    "backchannel-logout-uri", value: "uri",
    help: "Posted a logout token (logout_token=JWS) at logout; its host must be a redirect URI's. "
      + "ID tokens then carry sid.")
  static let organizationNumber = OptionHandle.optional(
    "organization-number", value: "number",
    help: "The organisation the client acts for (nine digits, Enhetsregisteret): access tokens then carry "
      + "consumer {\"authority\":\"iso6523-actorid-upis\",\"ID\":\"0192:<number>\"}, as ID-porten's.")
  static let jwks = OptionHandle.optional(
    "jwks", value: "file", completion: .file,
    help: "The client's public keys, a JWK Set (RS256 or ES256, each with a kid), for private_key_jwt.")
  static let noPKCE = OptionHandle.flag(
    "no-pkce", help: "Do not require PKCE (ID-porten allows this per client; not for public clients).")
  static let scope = OptionHandle.repeated(
    "scope", value: "scope", help: "An API scope the client may ask for (repeatable).")
  static let accessTokenLifetime = IntegerOptionHandle.optional(
    "access-token-lifetime", value: "seconds", in: 60...86_400,
    help: "Access token lifetime (default 120; at most 3600, or 86400 in a test store).")
  /// The OpenID Connect client options of `service add`.
  static let registrationOptions = [
    redirectURI.spec, postLogoutRedirectURI.spec, frontchannelLogoutURI.spec, backchannelLogoutURI.spec,
    authMethod.spec, jwks.spec, noPKCE.spec, scope.spec, accessTokenLifetime.spec, organizationNumber.spec,
  ]

  static var update: CommandSpec {
    CommandSpec(
      "update", abstract: "Change a client's logout registration; everything else, its secret too, is kept.",
      discussion: """
        Give only what changes. --post-logout-redirect-uri replaces the whole list (repeat it for several); \
        an empty --frontchannel-logout-uri or --backchannel-logout-uri removes that URI.
        """,
      options: [
        clientOption,
        postLogoutRedirectURI.spec.withHelp(
          "Where /logout may send the browser back to (repeatable; replaces the list)."),
        frontchannelLogoutURI.spec.withHelp(
          "Loaded in a hidden frame at logout with iss and sid ('' removes it)."),
        backchannelLogoutURI.spec.withHelp(
          "Posted a logout token at logout; its host must be a redirect URI's ('' removes it)."),
        AccountCommands.json("the service as 'service show --json' prints it"),
      ],
      examples: [
        Example(
          description: "Receive back-channel logout tokens",
          command:
            "minid service update --client-id my-app --backchannel-logout-uri https://my-app.example/logout/back"
        )
      ],
      usesStore: true, action: runUpdate)
  }

  static var rotateSecret: CommandSpec {
    CommandSpec(
      "rotate-secret",
      abstract: "Give a client a new secret, printed once; the old one stops working at once.",
      discussion: """
        For a client_secret_basic or client_secret_post client whose secret was lost or leaked. Only the \
        new secret's hash is kept. Tokens already issued stay valid until they expire: revoke them at \
        /token/revoke, or end the people's sessions ('minid session end'), if the secret leaked.
        """,
      options: [clientOption, AccountCommands.json("{client_id, client_secret}")],
      examples: [
        Example(
          description: "A new secret for a CI pipeline's variable",
          command: "minid service rotate-secret --client-id my-web --json")
      ],
      usesStore: true, action: runRotateSecret)
  }

  static var list: CommandSpec {
    CommandSpec(
      "list", abstract: "List services.",
      options: [AccountCommands.json("an array of services, each as 'service show --json' prints one")],
      examples: [Example(description: "All services", command: "minid service list")], usesStore: true,
      action: runList)
  }

  static var show: CommandSpec {
    CommandSpec(
      "show", abstract: "Show one service.",
      options: [
        clientOption,
        AccountCommands.json("the service as {client_id, name, level, acr, minid_allowed, created_at}"),
      ],
      examples: [Example(description: "One service", command: "minid service show --client-id my-app")],
      usesStore: true,
      action: runShow)
  }

  static var remove: CommandSpec {
    CommandSpec(
      "remove", abstract: "Remove a service; logins to it are refused from then on.",
      options: [clientOption, AccountCommands.json("{removed: client_id}")],
      examples: [
        Example(description: "Remove a service", command: "minid service remove --client-id my-app")
      ],
      usesStore: true, action: runRemove)
  }

  struct View: Encodable {
    let clientId: String
    let name: String
    let level: String
    let acr: String
    let minidAllowed: Bool
    let createdAt: Timestamp
    let redirectUris: [String]?
    let postLogoutRedirectUris: [String]?
    let frontchannelLogoutUri: String?
    let backchannelLogoutUri: String?
    let organizationNumber: String?
    let tokenEndpointAuthMethod: String?
    let pkceRequired: Bool?
    let scopes: [String]?
    let accessTokenLifetime: Int64?
    /// The public keys of a `private_key_jwt` client.
    let jwks: JSONWebKeySet?
    /// Only when `service add` just made it.
    let clientSecret: String?

    init(_ service: Service, client: ClientRegistration? = nil, secret: String? = nil) {
      clientId = service.clientID
      name = service.name
      level = service.level == .substantial ? "substantial" : "high"
      acr = service.level.rawValue
      minidAllowed = service.level <= .substantial
      createdAt = service.createdAt
      redirectUris = client?.redirectURIs
      postLogoutRedirectUris = client?.postLogoutRedirectURIs
      frontchannelLogoutUri = client?.frontchannelLogoutURI
      backchannelLogoutUri = client?.backchannelLogoutURI
      organizationNumber = client?.organizationNumber?.digits
      tokenEndpointAuthMethod = client?.authMethod.rawValue
      pkceRequired = client?.pkceRequired
      scopes = client?.scopes
      accessTokenLifetime = client?.accessTokenLifetime
      jwks = client?.jwks.flatMap { try? JSONWebKeySet(json: Array($0.utf8)) }
      clientSecret = secret
    }
  }

  private static func catalog(_ context: CommandContext) throws -> ServiceCatalog {
    ServiceCatalog(store: try context.openStore(), time: context.time, actor: context.actor)
  }

  private static func runAdd(_ context: CommandContext) throws -> ExitCode {
    let invocation = context.invocation
    guard let level = SecurityLevel(name: invocation[Self.level]) else {
      throw UsageError.invalidValue(
        invocation[Self.level], for: Self.level.spec, "expected substantial or high")
    }
    let redirects = invocation[Self.redirectURI]
    let catalog = try catalog(context)
    var options: ServiceCatalog.ClientOptions?
    if !redirects.isEmpty {
      var given = ServiceCatalog.ClientOptions(redirectURIs: redirects)
      given.postLogoutRedirectURIs = invocation[Self.postLogoutRedirectURI]
      given.frontchannelLogoutURI = invocation[Self.frontchannelLogoutURI]
      given.backchannelLogoutURI = invocation[Self.backchannelLogoutURI]
      given.organizationNumber = try invocation[Self.organizationNumber].map { try OrganizationNumber($0) }
      if let method = invocation[Self.authMethod] {
        guard let parsed = ClientAuthenticationMethod(rawValue: method) else {
          throw UsageError.invalidValue(
            method, for: Self.authMethod.spec,
            "expected client_secret_basic, client_secret_post, private_key_jwt or none")
        }
        given.authMethod = parsed
      }
      if let path = invocation[Self.jwks] {
        guard let data = FileManager.default.contents(atPath: path) else {
          throw SecretInputError.unreadable(
            option: "jwks", path: path, reason: "no such file or not readable")
        }
        given.jwks = String(decoding: data, as: UTF8.self)
      }
      given.pkceRequired = !invocation[Self.noPKCE]
      given.scopes = invocation[Self.scope]
      given.accessTokenLifetime = try invocation.integer(Self.accessTokenLifetime).map(Int64.init)
      options = given
    } else if let stray = registrationOptions.first(where: {
      invocation.values[$0.long] != nil || invocation.flags.contains($0.long)
    })?.long {
      throw UsageError(
        "--\(stray) registers a client of 'minid serve' and needs at least one --redirect-uri.")
    }
    let (service, client, secret) = try catalog.add(
      clientID: invocation[Self.clientID], name: invocation[Self.name], level: level, client: options
    )
    if context.wantsJSON {
      try context.printJSON(View(service, client: client, secret: secret))
    } else {
      context.console.out(
        "Added service \(TerminalText.escaped(service.clientID)) (\(TerminalText.escaped(service.name))), level \(View(service).level) (\(service.level.rawValue)).\n"
      )
      if let client {
        context.console.out(
          "Registered as a client of 'minid serve': \(client.authMethod.rawValue), PKCE \(client.pkceRequired ? "required" : "optional"), "
            + "redirect URIs \(client.redirectURIs.map { TerminalText.escaped($0) }.joined(separator: " ")).\n"
        )
      }
      if let secret {
        context.console.out("Client secret (shown once; only its hash is kept): \(secret)\n")
      }
    }
    return .success
  }

  private static func runList(_ context: CommandContext) throws -> ExitCode {
    let views = try catalog(context).services().map { View($0) }
    if context.wantsJSON {
      try context.printJSON(views)
      return .success
    }
    var table = TextTable("CLIENT ID", "LEVEL", "MINID", "NAME")
    for view in views {
      table.add(view.clientId, view.acr, view.minidAllowed ? "yes" : "no (level 4)", view.name)
    }
    context.console.out(table.text)
    return .success
  }

  private static func runUpdate(_ context: CommandContext) throws -> ExitCode {
    let invocation = context.invocation
    var changes = ServiceCatalog.LogoutChanges()
    let postLogout = invocation[Self.postLogoutRedirectURI]
    changes.postLogoutRedirectURIs = postLogout.isEmpty ? nil : postLogout
    changes.frontchannelLogoutURI = invocation[Self.frontchannelLogoutURI]
    changes.backchannelLogoutURI = invocation[Self.backchannelLogoutURI]
    guard
      changes.postLogoutRedirectURIs != nil || changes.frontchannelLogoutURI != nil
        || changes.backchannelLogoutURI != nil
    else {
      throw UsageError(
        "give what to change: --post-logout-redirect-uri, --frontchannel-logout-uri or --backchannel-logout-uri."
      )
    }
    let catalog = try catalog(context)
    let clientID = invocation[Self.clientID]
    let client = try catalog.updateLogout(clientID: clientID, changes)
    let view = View(try catalog.service(clientID: clientID), client: client)
    if context.wantsJSON {
      try context.printJSON(view)
    } else {
      context.console.out(
        "Updated \(TerminalText.escaped(clientID)): post-logout redirect URIs "
          + (client.postLogoutRedirectURIs.isEmpty
            ? "none" : client.postLogoutRedirectURIs.map { TerminalText.escaped($0) }.joined(separator: " "))
          + "; front-channel \(client.frontchannelLogoutURI.map { TerminalText.escaped($0) } ?? "none")"
          + "; back-channel \(client.backchannelLogoutURI.map { TerminalText.escaped($0) } ?? "none").\n")
    }
    return .success
  }

  private static func runRotateSecret(_ context: CommandContext) throws -> ExitCode {
    let clientID = context.invocation[Self.clientID]
    let secret = try catalog(context).rotateSecret(clientID: clientID)
    if context.wantsJSON {
      try context.printJSON(["client_id": clientID, "client_secret": secret])
    } else {
      context.console.out(
        "New client secret for \(TerminalText.escaped(clientID)) (shown once; only its hash is kept): \(secret)\n"
      )
    }
    return .success
  }

  private static func runShow(_ context: CommandContext) throws -> ExitCode {
    let catalog = try catalog(context)
    let clientID = context.invocation[Self.clientID]
    let view = View(try catalog.service(clientID: clientID), client: try catalog.client(clientID: clientID))
    if context.wantsJSON {
      try context.printJSON(view)
    } else {
      context.console.out(
        "Client id:  \(TerminalText.escaped(view.clientId))\nName:       \(TerminalText.escaped(view.name))\nLevel:      \(view.level) (\(view.acr))\n"
          + "MinID:      \(view.minidAllowed ? "allowed" : "refused: needs level 4")\nCreated:    \(view.createdAt)\n"
      )
      if let method = view.tokenEndpointAuthMethod {
        context.console.out(
          "Client:     \(method), PKCE \(view.pkceRequired == true ? "required" : "optional"), access tokens "
            + "\(view.accessTokenLifetime ?? 0) s\nRedirects:  "
            + (view.redirectUris ?? []).map { TerminalText.escaped($0) }.joined(separator: " ") + "\n")
      }
      if let keys = view.jwks {
        context.console.out(
          "Keys:       "
            + keys.keys.map { "\(TerminalText.escaped($0.kid ?? "")) (\($0.alg ?? $0.kty))" }.joined(
              separator: " ")
            + "\n")
      }
    }
    return .success
  }

  private static func runRemove(_ context: CommandContext) throws -> ExitCode {
    let clientID = context.invocation[Self.clientID]
    try catalog(context).remove(clientID: clientID)
    if context.wantsJSON {
      try context.printJSON(["removed": clientID])
    } else {
      context.console.out("Removed service \(TerminalText.escaped(clientID)).\n")
    }
    return .success
  }
}
