import MinIDKit

/// How the shell should complete a value.
enum CompletionKind: Equatable {
  case none
  case file
  case directory
  /// Only these values are accepted.
  case values([String])
  /// These are offered, but any other value is passed on for the library to judge (a block reason code).
  case suggestions([String])
}

/// One option of a command, from which parsing, help, completions and the man page are all derived.
struct OptionSpec {
  enum Arity: Equatable {
    /// A flag with no value.
    case flag
    /// Takes one value; given twice is a usage error.
    case single
    /// Takes a value and may be repeated.
    case repeated
  }

  let long: String
  let short: Character?
  let arity: Arity
  let valueName: String
  let help: String
  let completion: CompletionKind
  let isRequired: Bool
  let isHidden: Bool

  init(
    _ long: String, short: Character? = nil, value valueName: String? = nil, repeated: Bool = false,
    required: Bool = false, hidden: Bool = false, completion: CompletionKind = .none, help: String
  ) {
    self.long = long
    self.short = short
    self.arity = valueName == nil ? .flag : (repeated ? .repeated : .single)
    self.valueName = valueName ?? ""
    self.help = help
    self.completion = completion
    self.isRequired = required
    self.isHidden = hidden
  }

  var takesValue: Bool { arity != .flag }

  /// The same option with other help text.
  func withHelp(_ help: String) -> OptionSpec {
    OptionSpec(
      long, short: short, value: takesValue ? valueName : nil, repeated: arity == .repeated,
      required: isRequired,
      hidden: isHidden, completion: completion, help: help)
  }

  /// `--name <value>` as help and errors show it.
  var synopsis: String { takesValue ? "--\(long) <\(valueName)>" : "--\(long)" }

  /// The help label: `-h, --help` or `--count <n>`.
  var label: String {
    let names = short.map { "-\($0), --\(long)" } ?? "--\(long)"
    return takesValue ? "\(names) <\(valueName)>" : names
  }

  /// The allowed values, if the option has a fixed set.
  var choices: [String]? {
    if case .values(let values) = completion { return values }
    return nil
  }
}

/// A positional argument.
struct ArgumentSpec {
  let name: String
  let help: String
  let isRepeating: Bool
  let isOptional: Bool
  let completion: CompletionKind

  init(
    _ name: String, repeating: Bool = false, optional: Bool = false, completion: CompletionKind = .none,
    help: String
  ) {
    self.name = name
    self.help = help
    self.isRepeating = repeating
    self.isOptional = optional || repeating
    self.completion = completion
  }

  var synopsis: String {
    let base = "<\(name)>" + (isRepeating ? " ..." : "")
    return isOptional ? "[\(base)]" : base
  }
}

/// An example shown in help, the man page and the CLI reference.
struct Example {
  let description: String
  let command: String
}

/// The result of running a command: the process exit status.
typealias CommandAction = (CommandContext) throws -> ExitCode

/// A command or group of commands: the one table everything is derived from.
struct CommandSpec {
  let name: String
  let abstract: String
  let discussion: String
  let arguments: [ArgumentSpec]
  let options: [OptionSpec]
  let subcommands: [CommandSpec]
  let examples: [Example]
  /// Whether the command reads or writes the store, so `--database` belongs in its help.
  let usesStore: Bool
  let isHidden: Bool
  let action: CommandAction?

  init(
    _ name: String, abstract: String, discussion: String = "", arguments: [ArgumentSpec] = [],
    options: [OptionSpec] = [], subcommands: [CommandSpec] = [], examples: [Example] = [],
    usesStore: Bool = false, hidden: Bool = false, action: CommandAction? = nil
  ) {
    self.name = name
    self.abstract = abstract
    self.discussion = discussion
    self.arguments = arguments
    self.options = options.flatMap { option -> [OptionSpec] in
      guard ValueFromFile.options.contains(option.long),
        !options.contains(where: { $0.long == option.long + "-file" })
      else { return [option] }
      return [
        option.withHelp(ValueFromFile.help(option.help, name: option.long)),
        ValueFromFile.sibling(of: option.long),
      ]
    }
    self.subcommands = subcommands
    self.examples = examples
    self.usesStore = usesStore
    self.isHidden = hidden
    self.action = action
  }

  func subcommand(named name: String) -> CommandSpec? {
    subcommands.first { $0.name == name }
  }

  var visibleSubcommands: [CommandSpec] { subcommands.filter { !$0.isHidden } }

  /// Every command below this one, depth first, with its full path.
  func walk(path: [String] = []) -> [(path: [String], command: CommandSpec)] {
    let here = path + [name]
    return [(here, self)] + subcommands.flatMap { $0.walk(path: here) }
  }

  /// Global options that mean something only to a command that opens the store.
  static let storeOnlyGlobals: Set<String> = ["database", "actor"]

  /// Options a user can pass to this command: its own plus the global ones that apply.
  func allOptions(globals: [OptionSpec]) -> [OptionSpec] {
    options + globals.filter { !Self.storeOnlyGlobals.contains($0.long) || usesStore }
  }
}
