import Foundation
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

  /// Opens the store at the resolved location; a missing store is an error that says how to create one.
  func openStore() throws -> any AdministeredStore {
    try StoreBackend.open(storeLocation())
  }

  /// Who is acting, for the audit trail: the operating-system account running minid (never `$USER`,
  /// which any caller sets), with the `--actor` or `MINID_ACTOR` label as an unverified annotation.
  var actor: AuditActor {
    AuditActor.operatingSystemAccount(label: invocation.values["actor"]?.last ?? environment["MINID_ACTOR"])
  }

  /// The account service over an opened store, with `--today` when given.
  func accountService(_ store: any Store) throws -> AccountService {
    AccountService(
      store: store, time: time, random: SystemRandomSource(), actor: actor,
      referenceDate: invocation.spec("today") == nil ? nil : try invocation.date("today"))
  }

  /// Writes one JSON document (Codable, snake_case keys, sorted) and a newline to standard output.
  func printJSON<T: Encodable>(_ value: T) throws {
    let encoder = JSONEncoder()
    encoder.keyEncodingStrategy = .convertToSnakeCase
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    console.standardOutput.write(Array(try encoder.encode(value)))
    console.out("\n")
  }
}
