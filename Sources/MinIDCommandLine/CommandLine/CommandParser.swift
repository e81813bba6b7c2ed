/// What the command line asked for.
enum ParseOutcome {
  case run(Invocation)
  case help([String])
  case version(verbose: Bool)
  case completionScript(String)
  case generatedDocument(String)
}

/// Turns arguments into a command and its values, following swift-argument-parser's rules: `--name value`
/// and `--name=value`, combined short flags, `--` to end options, `-` as a value, help flags anywhere.
struct CommandParser {
  let root: CommandSpec
  let globals: [OptionSpec]

  /// Options only the root understands; they end parsing at once.
  static let rootOnly: Set<String> = [
    "version", "verbose", "generate-completion-script", "generate-manpage", "generate-cli-reference",
  ]

  func parse(_ arguments: [String]) throws(UsageError) -> ParseOutcome {
    // Help flags win wherever they stand (before `--`), even next to mistakes.
    let beforeTerminator = arguments.prefix { $0 != "--" }
    if beforeTerminator.contains("-h") || beforeTerminator.contains("--help") {
      var command = root
      var path = [root.name]
      for token in beforeTerminator where !token.hasPrefix("-") {
        guard let next = command.subcommand(named: token) else { continue }
        command = next
        path.append(token)
      }
      return .help(path)
    }
    var command = root
    var path = [root.name]
    var invocation: Invocation?
    var positional: [String] = []
    var flags: Set<String> = []
    var values: [String: [String]] = [:]
    var helpRequested = false
    var index = 0
    var optionsEnded = false

    // Global options are accepted at every level, before or after the command; help lists `--database`
    // only where it matters.
    func options() -> [OptionSpec] { command.options + globals }

    // A value may start with a single '-' (a negative number, an id), as getopt allows; a word that starts
    // with '--' or names a short option is a forgotten value, so `--case --dry-run` never swallows the flag.
    func looksLikeOption(_ word: String) -> Bool {
      if word.hasPrefix("--") {
        return true
      }
      guard word.count == 2, word.hasPrefix("-"), let short = word.last else { return false }
      return short == "h" || options().contains { $0.short == short } || shortGlobal(short) != nil
    }

    while index < arguments.count {
      let token = arguments[index]
      index += 1
      if optionsEnded || token == "-" || !token.hasPrefix("-") {
        if !optionsEnded, positional.isEmpty, !command.subcommands.isEmpty {
          guard let next = command.subcommand(named: token) else {
            var message = "Unknown subcommand '\(token)'."
            let names = command.visibleSubcommands.map(\.name)
            if let guess = EditDistance.suggestion(for: token, among: names) {
              message += " Did you mean '\(guess)'?"
            }
            throw UsageError(message, commandPath: path)
          }
          command = next
          path.append(token)
          continue
        }
        positional.append(token)
        continue
      }
      if token == "--" {
        optionsEnded = true
        continue
      }
      // Split `--name=value` and expand `-abc`.
      var names: [(name: String, inline: String?, display: String)] = []
      if token.hasPrefix("--") {
        let body = token.dropFirst(2)
        if let equals = body.firstIndex(of: "=") {
          names.append((String(body[..<equals]), String(body[body.index(after: equals)...]), token))
        } else {
          names.append((String(body), nil, token))
        }
      } else {
        for character in token.dropFirst() {
          guard let option = options().first(where: { $0.short == character }) ?? shortGlobal(character)
          else {
            throw UsageError("Unknown option '-\(character)'.", commandPath: path)
          }
          names.append((option.long, nil, "-\(character)"))
        }
      }
      for (name, inline, display) in names {
        if name == "help" {
          helpRequested = true
          continue
        }
        if Self.rootOnly.contains(name), let option = globals.first(where: { $0.long == name }) {
          if option.takesValue {
            guard let value = inline ?? (index < arguments.count ? arguments[index] : nil) else {
              throw UsageError("Missing value for '\(option.synopsis)'.", commandPath: path)
            }
            if inline == nil { index += 1 }
            values[name, default: []].append(value)
          } else {
            flags.insert(name)
          }
          continue
        }
        guard let option = options().first(where: { $0.long == name && !Self.rootOnly.contains($0.long) })
        else {
          var message = "Unknown option '\(display)'."
          let candidates =
            command.allOptions(globals: globals).filter { !$0.isHidden }.map { "--\($0.long)" } + ["--help"]
          if let guess = EditDistance.suggestion(for: "--\(name)", among: candidates) {
            message += " Did you mean '\(guess)'?"
          }
          throw UsageError(message, commandPath: path)
        }
        switch option.arity {
        case .flag:
          if inline != nil {
            throw UsageError("The flag '--\(option.long)' does not take a value.", commandPath: path)
          }
          flags.insert(option.long)
        case .single, .repeated:
          let value: String
          if let inline {
            value = inline
          } else if index < arguments.count, !looksLikeOption(arguments[index]) {
            value = arguments[index]
            index += 1
          } else {
            throw UsageError("Missing value for '\(option.synopsis)'.", commandPath: path)
          }
          if option.arity == .single, values[option.long] != nil {
            throw UsageError("The option '--\(option.long)' was given more than once.", commandPath: path)
          }
          if let choices = option.choices, !choices.contains(value) {
            let list = choices.map { "'\($0)'" }
            let joined =
              list.count > 1 ? list.dropLast().joined(separator: ", ") + " or " + list.last! : list[0]
            throw UsageError(
              "The value '\(value)' is invalid for '\(option.synopsis)'. Please provide one of \(joined).",
              commandPath: path)
          }
          values[option.long, default: []].append(value)
        }
      }
    }

    if helpRequested { return .help(path) }
    if let shell = values["generate-completion-script"]?.last { return .completionScript(shell) }
    if flags.contains("generate-manpage") { return .generatedDocument("manpage") }
    if flags.contains("generate-cli-reference") { return .generatedDocument("cli-reference") }
    if flags.contains("version") { return .version(verbose: flags.contains("verbose")) }
    if flags.contains("verbose") {
      throw UsageError("'--verbose' is used with '--version'.", commandPath: path)
    }

    guard command.action != nil else {
      // A group on its own: show its help, as swift-argument-parser does.
      if !positional.isEmpty {
        throw UsageError("Unexpected argument '\(positional[0])'.", commandPath: path)
      }
      return .help(path)
    }

    // Arguments and required options.
    if command.arguments.isEmpty, let extra = positional.first {
      throw UsageError("Unexpected argument '\(extra)'.", commandPath: path)
    }
    let required = command.arguments.filter { !$0.isOptional }
    if positional.count < required.count {
      let missing = required[positional.count]
      throw UsageError("Missing expected argument '<\(missing.name)>'.", commandPath: path)
    }
    if !command.arguments.contains(where: \.isRepeating), positional.count > command.arguments.count {
      throw UsageError("Unexpected argument '\(positional[command.arguments.count])'.", commandPath: path)
    }
    // A required `--X` may come as `--X-file` instead (ValueFromFile).
    for option in options()
    where option.isRequired && values[option.long] == nil
      && values[option.long + "-file"] == nil
    {
      throw UsageError("Missing expected argument '\(option.synopsis)'.", commandPath: path)
    }
    invocation = Invocation(
      path: path, command: command, options: options(), flags: flags, values: values, arguments: positional)
    return .run(invocation!)
  }

  private func shortGlobal(_ character: Character) -> OptionSpec? {
    if character == "h" { return OptionSpec("help", short: "h", help: "") }
    return globals.first { $0.short == character }
  }
}
