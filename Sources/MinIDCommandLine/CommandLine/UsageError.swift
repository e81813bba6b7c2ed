/// A mistake in how minid was called: always exit 64, followed by the command's usage lines.
struct UsageError: Error, Equatable {
  let message: String
  /// The command the user was calling, for the usage lines; filled in by the parser or the runner.
  var commandPath: [String]?

  init(_ message: String, commandPath: [String]? = nil) {
    self.message = message
    self.commandPath = commandPath
  }

  static func invalidValue(_ value: String, for option: OptionSpec, _ reason: String) -> UsageError {
    UsageError("The value '\(value)' is invalid for '\(option.synopsis)': \(reason).")
  }

  static func invalidValue(_ value: String, forName name: String, _ reason: String) -> UsageError {
    UsageError("The value '\(value)' is invalid for '\(name)': \(reason).")
  }
}
