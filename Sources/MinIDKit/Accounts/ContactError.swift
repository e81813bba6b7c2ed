/// Why a phone number, e-mail address or postal address was refused; names the field and the rule.
public enum ContactError: MinIDError, Equatable {
  case phone(String)
  case email(String)
  case address(String)
  case caseReference(String)
  case reason(String)

  /// The stable snake_case code scripts match on (`MinIDError.code`).
  public var code: String {
    switch self {
    case .phone: "invalid_phone"
    case .email: "invalid_email"
    case .address: "invalid_address"
    case .caseReference: "invalid_case_reference"
    case .reason: "invalid_reason"
    }
  }

  /// What kind of failure this is; the command line chooses the exit status from it.
  public var category: ErrorCategory { .invalidInput }

  /// The sentence shown: it names the field and the rule, never a secret or a full identity number.
  public var message: String {
    switch self {
    case .phone(let rule): "phone: \(rule)"
    case .email(let rule): "email: \(rule)"
    case .address(let rule): "address: \(rule)"
    case .caseReference(let rule): "case: \(rule)"
    case .reason(let rule): "reason: \(rule)"
    }
  }
}
