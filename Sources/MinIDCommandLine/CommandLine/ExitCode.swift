import MinIDKit

/// Every exit status minid uses, with its meaning: the one table behind `minid help exit-codes`.
enum ExitCode: Int32, CaseIterable {
  case success = 0
  case failure = 1
  case authenticationFailed = 2
  case stateForbids = 3
  case conflict = 4
  case usage = 64
  case dataError = 65
  case noInput = 66
  case notFound = 67
  case software = 70
  case cannotCreate = 73
  case ioError = 74
  case tempFail = 75
  case noPermission = 77
  case configuration = 78
  case interrupted = 130

  var meaning: String {
    switch self {
    case .success: "Success, including a --dry-run that found no problem."
    case .failure: "Refused by a rule not covered below."
    case .authenticationFailed: "Authentication failed: a wrong password, one-time code or letter code."
    case .stateForbids: "The account's state forbids the action (locked, blocked, not activated, closed)."
    case .conflict: "Conflict: the account or object exists already."
    case .usage: "Usage error: unknown or missing option, bad value, or a secret passed the wrong way."
    case .dataError: "Invalid input data: an identity number, phone, e-mail or import row broke a rule."
    case .noInput: "An input file is missing or unreadable, or the store does not exist yet."
    case .notFound: "The account or object was not found."
    case .software: "Internal error: a bug in minid. Please report it."
    case .cannotCreate: "The store or an output file could not be created."
    case .ioError: "Input/output error, or the store is corrupt."
    case .tempFail: "The store stayed busy after every retry; try again."
    case .noPermission: "Permission denied."
    case .configuration: "Configuration error (environment or store settings)."
    case .interrupted: "Interrupted (Ctrl-C)."
    }
  }

  /// The exit status for a library error category: decided here and nowhere else.
  init(_ category: ErrorCategory) {
    switch category {
    case .invalidInput: self = .dataError
    case .missingInput: self = .noInput
    case .notFound: self = .notFound
    case .conflict: self = .conflict
    case .authenticationFailed: self = .authenticationFailed
    case .stateForbids: self = .stateForbids
    case .busy: self = .tempFail
    case .cannotCreate: self = .cannotCreate
    case .io: self = .ioError
    case .configuration: self = .configuration
    case .permission: self = .noPermission
    case .refused: self = .failure
    case .internal: self = .software
    }
  }
}
