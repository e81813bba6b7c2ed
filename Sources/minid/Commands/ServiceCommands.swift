import MinIDKit

/// `minid service`: the services (OpenID Connect clients) people log in to.
enum ServiceCommands {
  static var group: CommandSpec {
    CommandSpec(
      "service", abstract: "Register the services people log in to, and the level each needs.",
      subcommands: [add, list, show, remove])
  }

  static let clientOption = OptionSpec(
    "client-id", value: "id", required: true, help: "The service's OpenID Connect client id.")

  static var add: CommandSpec {
    CommandSpec(
      "add", abstract: "Add a service with its required security level.",
      discussion: """
        A service that needs level 4 (high: BankID, Buypass ID, Commfides) refuses MinID logins at once; \
        MinID is level 3 (substantial).
        """,
      options: [
        clientOption, OptionSpec("name", value: "name", required: true, help: "A name people recognise."),
        OptionSpec(
          "level", value: "level", required: true,
          completion: .values(["substantial", "high", "idporten-loa-substantial", "idporten-loa-high"]),
          help: "substantial (level 3) or high (level 4); the acr values are accepted too."),
        AccountCommands.json("the service as {client_id, name, level, acr, minid_allowed, created_at}"),
      ],
      examples: [
        Example(
          description: "A service MinID can log in to",
          command: "minid service add --client-id my-app --name 'My app' --level substantial"),
        Example(
          description: "The digital mailbox needs level 4",
          command: "minid service add --client-id digipost --name 'Digital postkasse' --level high"),
      ],
      usesStore: true, action: runAdd)
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

    init(_ service: Service) {
      clientId = service.clientID
      name = service.name
      level = service.level == .substantial ? "substantial" : "high"
      acr = service.level.rawValue
      minidAllowed = service.level <= .substantial
      createdAt = service.createdAt
    }
  }

  private static func catalog(_ context: CommandContext) throws -> ServiceCatalog {
    ServiceCatalog(store: try context.openStore(), time: context.time, actor: context.actor)
  }

  private static func runAdd(_ context: CommandContext) throws -> ExitCode {
    let invocation = context.invocation
    guard let level = SecurityLevel(name: invocation.value("level")!) else {
      throw UsageError.invalidValue(
        invocation.value("level")!, for: invocation.spec("level")!, "expected substantial or high")
    }
    let service = try catalog(context).add(
      clientID: invocation.value("client-id")!, name: invocation.value("name")!, level: level)
    if context.wantsJSON {
      try context.printJSON(View(service))
    } else {
      context.console.out(
        "Added service \(TerminalText.escaped(service.clientID)) (\(TerminalText.escaped(service.name))), level \(View(service).level) (\(service.level.rawValue)).\n"
      )
    }
    return .success
  }

  private static func runList(_ context: CommandContext) throws -> ExitCode {
    let views = try catalog(context).services().map(View.init)
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

  private static func runShow(_ context: CommandContext) throws -> ExitCode {
    let view = View(try catalog(context).service(clientID: context.invocation.value("client-id")!))
    if context.wantsJSON {
      try context.printJSON(view)
    } else {
      context.console.out(
        "Client id:  \(TerminalText.escaped(view.clientId))\nName:       \(TerminalText.escaped(view.name))\nLevel:      \(view.level) (\(view.acr))\n"
          + "MinID:      \(view.minidAllowed ? "allowed" : "refused: needs level 4")\nCreated:    \(view.createdAt)\n"
      )
    }
    return .success
  }

  private static func runRemove(_ context: CommandContext) throws -> ExitCode {
    let clientID = context.invocation.value("client-id")!
    try catalog(context).remove(clientID: clientID)
    if context.wantsJSON {
      try context.printJSON(["removed": clientID])
    } else {
      context.console.out("Removed service \(TerminalText.escaped(clientID)).\n")
    }
    return .success
  }
}
