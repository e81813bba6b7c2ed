import MinIDKit

/// `minid testuser`: active test users in one command, for CI.
enum TestUserCommands {
  static let count = IntegerOptionHandle.optional(
    "count", value: "n", in: 1...1000, help: "How many users (default 1, at most 1000).")
  static let age = IntegerOptionHandle.optional(
    "age", value: "years", in: 13...120, help: "Their age in whole years (default: 18 to 80).")
  static let phone = OptionHandle.optional(
    "phone", value: "number", help: "Their mobile number (default +4799999999; users may share one).")
  static let email = OptionHandle.optional(
    "email", value: "address", help: "Their e-mail address (default: a distinct address under minid.test).")
  static let address = OptionHandle.optional(
    "address", value: "text", help: "Their postal address (default: Testveien 1, 0000 Testby).")

  static var group: CommandSpec {
    CommandSpec(
      "testuser", abstract: "Create ready-to-use test users in a test store.", subcommands: [create])
  }

  static var create: CommandSpec {
    CommandSpec(
      "create", abstract: "Create active test users with synthetic identity numbers and generated passwords.",
      discussion: """
        Each user gets a Tenor synthetic identity number (month + 80), an active account and a generated \
        20-character password that passes the policy. The password is printed once and never stored in \
        clear: save the output. Works only in a test store. Each password is hashed at the store's scrypt \
        cost: a test store made with the default cost (10) makes 100 users in well under a second; one made \
        with --scrypt-cost 17 takes about half a second per user. On a terminal, a progress line on standard \
        error counts the users made.
        """,
      options: [
        count.spec,
        age.spec,
        phone.spec,
        email.spec,
        address.spec,
        IdCommands.todayOption,
        AccountCommands.json("an array of {account_id, pid, password, birth_date, phone, email, state}"),
      ],
      examples: [
        Example(description: "A test user for a CI job", command: "minid testuser create --json"),
        Example(description: "Five 13-year-olds", command: "minid testuser create --age 13 --count 5 --json"),
      ],
      usesStore: true, action: run)
  }

  struct View: Encodable {
    let accountId: Int64
    let pid: String
    let password: String
    let birthDate: String
    let phone: String
    let email: String
    let state: String
  }

  private static func run(_ context: CommandContext) throws -> ExitCode {
    let invocation = context.invocation
    let store = try context.openStore()
    let count = try invocation.integer(Self.count) ?? 1
    var progressLine = ProgressLine(console: context.console)
    let users = try context.accountService(store).createTestUsers(
      count: count,
      age: try invocation.integer(Self.age),
      phone: invocation[Self.phone] ?? "+4799999999", email: invocation[Self.email],
      address: invocation[Self.address] ?? "Testveien 1, 0000 Testby",
      progress: { made in progressLine.update("\(made) of \(count) test users made…") })
    progressLine.finish()
    let views = users.map {
      View(
        accountId: $0.account.id, pid: $0.pid, password: $0.password.text ?? "",
        birthDate: $0.birthDate.description,
        phone: $0.account.phone?.e164 ?? "", email: $0.account.email?.address ?? "",
        state: $0.account.storedState.rawValue)
    }
    if context.wantsJSON {
      try context.printJSON(views)
    } else {
      var table = TextTable("ACCOUNT", "IDENTITY NUMBER", "PASSWORD", "BORN", "PHONE", "E-MAIL")
      for view in views {
        table.add(String(view.accountId), view.pid, view.password, view.birthDate, view.phone, view.email)
      }
      context.console.out(table.text)
    }
    return .success
  }
}
