/// What kind of failure an error is, so the command line can choose an exit code in one place.
public enum ErrorCategory: String, Sendable, CaseIterable {
  /// Input data broke a rule (a bad identity number, phone, e-mail or import row).
  case invalidInput
  /// A file or stream the user named could not be opened or read.
  case missingInput
  /// The account or object asked for does not exist.
  case notFound
  /// The thing to create exists already.
  case conflict
  /// A password, one-time code or letter code was wrong.
  case authenticationFailed
  /// The account's state forbids the action.
  case stateForbids
  /// The store is busy after every retry; trying again later may work.
  case busy
  /// A file or the store could not be created.
  case cannotCreate
  /// The store or a file could not be read or written, or is corrupt.
  case io
  /// The environment or the store's configuration is wrong.
  case configuration
  /// The caller may not do this.
  case permission
  /// Another refusal by a domain rule.
  case refused
  /// A bug in minid.
  case `internal`
}

/// An error from the library with a stable machine-readable code and a human sentence.
///
/// Messages name the field and the rule; they never contain a password, a code, a key or a full
/// identity number.
public protocol MinIDError: Error, CustomStringConvertible, Sendable {
  /// Stable snake_case code for `--json` output and scripts.
  var code: String { get }
  var category: ErrorCategory { get }
  /// One or more human sentences.
  var message: String { get }
}

extension MinIDError {
  /// The message, so an error prints as its sentence.
  public var description: String { message }
}
