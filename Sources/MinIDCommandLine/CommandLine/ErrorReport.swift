import MinIDKit

/// An error turned into what the user sees: the one funnel from any thrown error to text and status.
struct ErrorReport {
  let code: String
  let message: String
  let status: ExitCode
  /// For usage errors: the command whose usage lines follow the message.
  let usagePath: [String]?

  init(_ error: any Error) {
    switch error {
    case let usage as UsageError:
      code = "usage"
      message = usage.message
      status = .usage
      usagePath = usage.commandPath
    case let error as any MinIDError:
      code = error.code
      message = CommandLineErrorText.message(for: error)
      status = ExitCode(error.category)
      usagePath = nil
    default:
      code = "internal"
      message =
        "Internal error (\(String(describing: type(of: error)))). This is a bug in minid; please report it."
      status = .software
      usagePath = nil
    }
  }
}
