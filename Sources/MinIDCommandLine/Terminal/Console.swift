#if canImport(Glibc)
  import Glibc
#endif

/// The process's streams and what the terminal allows: results to stdout, everything else to stderr.
final class Console {
  let standardOutput: OutputStream
  let standardError: OutputStream
  let standardInputDescriptor: Int32
  let colorOnStandardError: Bool
  let standardInputIsTerminal: Bool
  /// Terminal width for help text: `COLUMNS`, else 80.
  let width: Int

  init(
    standardOutput: OutputStream, standardError: OutputStream, standardInputDescriptor: Int32,
    environment: [String: String], noColorFlag: Bool = false
  ) {
    self.standardOutput = standardOutput
    self.standardError = standardError
    self.standardInputDescriptor = standardInputDescriptor
    self.standardInputIsTerminal = isatty(standardInputDescriptor) == 1
    self.colorOnStandardError = ColorPolicy.allowsColor(
      isTerminal: standardError.isTerminal, environment: environment, noColorFlag: noColorFlag)
    self.width = environment["COLUMNS"].flatMap(Int.init).map { max(40, min($0, 200)) } ?? 80
  }

  static func standard(environment: [String: String]) -> Console {
    Console(
      standardOutput: OutputStream(descriptor: 1), standardError: OutputStream(descriptor: 2),
      standardInputDescriptor: 0, environment: environment,
      noColorFlag: CommandLine.arguments.contains("--no-color"))
  }

  func out(_ text: String) { standardOutput.write(text) }

  func err(_ text: String) { standardError.write(text) }

  /// `text` in bold red on a colour terminal.
  func errorLabel(_ text: String) -> String {
    colorOnStandardError ? "\u{1B}[1;31m\(text)\u{1B}[0m" : text
  }

  func flush() {
    standardOutput.flush()
    standardError.flush()
  }
}

/// When colour is allowed: only on a terminal, never with `NO_COLOR` (non-empty), `TERM=dumb` or
/// `--no-color` (clig.dev, no-color.org).
enum ColorPolicy {
  static func allowsColor(isTerminal: Bool, environment: [String: String], noColorFlag: Bool) -> Bool {
    guard isTerminal, !noColorFlag else { return false }
    if let value = environment["NO_COLOR"], !value.isEmpty { return false }
    if environment["TERM"] == "dumb" { return false }
    return true
  }
}
