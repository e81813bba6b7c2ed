/// Renders help in swift-argument-parser's layout: OVERVIEW, USAGE, ARGUMENTS, OPTIONS, SUBCOMMANDS,
/// then EXAMPLES, with labels in a 26-column gutter.
struct HelpFormatter {
  let root: CommandSpec
  let globals: [OptionSpec]
  let width: Int

  static let labelColumn = 26
  static let helpOption = OptionSpec("help", short: "h", help: "Show help information.")

  func help(for path: [String]) -> String {
    let command = Self.resolve(path, in: root)
    var sections: [String] = []
    var overview = "OVERVIEW: \(command.abstract)"
    if !command.discussion.isEmpty { overview += "\n\n" + wrap(command.discussion, indent: 0) }
    sections.append(overview)
    sections.append("USAGE: " + usage(for: path))

    if !command.arguments.isEmpty {
      sections.append(
        "ARGUMENTS:\n" + command.arguments.map { row("<\($0.name)>", $0.help) }.joined(separator: "\n"))
    }
    var options = command.allOptions(globals: globals).filter {
      !$0.isHidden && !(path.count > 1 && CommandParser.rootOnly.contains($0.long))
    }
    options.append(Self.helpOption)
    sections.append("OPTIONS:\n" + options.map { row($0.label, optionHelp($0)) }.joined(separator: "\n"))

    let subcommands = command.visibleSubcommands
    if !subcommands.isEmpty {
      var text = "SUBCOMMANDS:\n" + subcommands.map { row($0.name, $0.abstract) }.joined(separator: "\n")
      text += "\n\n  See '\(path.joined(separator: " ")) help <subcommand>' for detailed help."
      if path.count > 1 {
        text = text.replacingOccurrences(
          of: "'\(path.joined(separator: " ")) help",
          with: "'\(path[0]) help \(path.dropFirst().joined(separator: " "))")
      }
      sections.append(text)
    }
    if !command.examples.isEmpty {
      sections.append(
        "EXAMPLES:\n"
          + command.examples.map { "  \($0.description):\n    $ \($0.command)" }.joined(separator: "\n\n"))
    }
    return sections.joined(separator: "\n\n") + "\n"
  }

  /// `minid id validate [--json] ... [<number> ...]`, shortened to `[<options>]` when long.
  func usage(for path: [String]) -> String {
    let command = Self.resolve(path, in: root)
    let name = path.joined(separator: " ")
    if command.action == nil {
      return "\(name) <subcommand>"
    }
    let options = command.options.filter { !$0.isHidden }
    let required = options.filter(\.isRequired).map(\.synopsis)
    let optional = options.filter { !$0.isRequired }.map { "[\($0.synopsis)]" }
    let arguments = command.arguments.map(\.synopsis)
    let full = ([name] + required + optional + arguments).joined(separator: " ")
    if full.count + 7 <= width { return full }
    return ([name] + required + (optional.isEmpty ? [] : ["[<options>]"]) + arguments).joined(separator: " ")
  }

  private func optionHelp(_ option: OptionSpec) -> String {
    var text = option.help
    if let choices = option.choices, !text.contains("(values:") {
      text += " (values: \(choices.joined(separator: ", ")))"
    }
    return text
  }

  /// A label in the gutter and its help beside it, wrapped; long labels push the help to the next line.
  private func row(_ label: String, _ help: String) -> String {
    let gutter = Self.labelColumn
    let indent = String(repeating: " ", count: gutter)
    let wrapped = wrap(help, indent: gutter)
    let lead = "  " + label
    if lead.count < gutter - 1 {
      return lead + String(repeating: " ", count: gutter - lead.count) + wrapped.dropFirst(gutter)
    }
    return lead + "\n" + (wrapped.hasPrefix(indent) ? wrapped : indent + wrapped)
  }

  /// Wraps words to the width, every line indented by `indent`.
  func wrap(_ text: String, indent: Int) -> String {
    let pad = String(repeating: " ", count: indent)
    var lines: [String] = []
    for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if paragraph.hasPrefix("  ") || paragraph.isEmpty {
        lines.append(paragraph.isEmpty ? "" : pad + paragraph)
        continue
      }
      var line = pad
      for word in paragraph.split(separator: " ") {
        if line.count > indent, line.count + 1 + word.count > width {
          lines.append(line)
          line = pad
        }
        line += (line.count > indent ? " " : "") + word
      }
      lines.append(line)
    }
    return lines.joined(separator: "\n")
  }

  static func resolve(_ path: [String], in root: CommandSpec) -> CommandSpec {
    var command = root
    for name in path.dropFirst() {
      guard let next = command.subcommand(named: name) else { break }
      command = next
    }
    return command
  }
}
