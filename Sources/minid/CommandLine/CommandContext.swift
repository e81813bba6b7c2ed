import MinIDKit

/// What a command's action gets: its parsed invocation, the streams, the environment and the clock.
final class CommandContext {
  let invocation: Invocation
  let console: Console
  let environment: [String: String]
  let time: TimeSource
  let secrets: SecretReader

  init(invocation: Invocation, console: Console, environment: [String: String], time: TimeSource) {
    self.invocation = invocation
    self.console = console
    self.environment = environment
    self.time = time
    self.secrets = SecretReader(console: console)
  }

  /// `--today`, or the clock's UTC day.
  func referenceDate() throws(UsageError) -> CalendarDate {
    try invocation.date("today") ?? time.today()
  }

  /// The store location by the precedence rule (decisions §3).
  func storeLocation() throws -> StoreLocation {
    try StoreLocation.resolve(option: invocation.values["database"]?.last, environment: environment)
  }

  var wantsJSON: Bool { invocation.flags.contains("json") }
}
