import Foundation

/// A refusal of a login page step in words a citizen understands, in one language, with the form field
/// it is about (so the page can tie the text to the field, WCAG 2.1 SC 3.3.1).
///
/// Wording follows the library's one-answer rules: an unknown identity number reads as a wrong password,
/// a recovery or activation code as wrong codes, never "no MinID for that number". Times are Norwegian
/// local time (Europe/Oslo), HH:MM, since a person reads them off a clock.
public struct CitizenMessage: Sendable, Equatable {
  /// A field of a login page.
  public enum Field: String, Sendable {
    case pid, password, code, smsCode = "sms_code", emailCode = "email_code", newPassword = "new_password"
    case letterCode = "letter_code"
  }

  /// The refusal, in the page's language.
  public let text: String
  /// The field the refusal is about, nil for one about the whole step (a lock, a blocked account).
  public let field: Field?
  /// The password rules broken, each in the page's language, for a `PasswordPolicyError`.
  public let details: [String]

  /// A message with these fields.
  public init(text: String, field: Field?, details: [String] = []) {
    self.text = text
    self.field = field
    self.details = details
  }

  /// The message for `error`, thrown by a step of the login pages, in `language`.
  public init(_ error: any Error, language: PageLanguage) {
    let words = language.text
    switch error {
    case let error as LoginError:
      switch error {
      case .wrongCredentials: self.init(text: words.wrongCredentials, field: .password)
      case .wrongCode(let left) where left > 0:
        self.init(text: PageText.fill(words.wrongCodeAttemptsLeft, "\(left)"), field: .code)
      case .wrongCode: self.init(text: words.wrongCodeNowLocked, field: .code)
      case .attemptExpired: self.init(text: words.codeExpired, field: .code)
      case .attemptUsed, .unknownAttempt, .noRecovery: self.init(text: words.codeUsed, field: nil)
      case .wrongRecoveryCodes: self.init(text: words.wrongRecoveryCodes, field: .smsCode)
      case .tooManyCodeRequests(let at):
        self.init(text: PageText.fill(words.tooManyCodes, Self.clock(at)), field: nil)
      case .invalidNonce, .invalidLocale: self.init(text: words.somethingWentWrong, field: nil)
      }
    case AccountError.temporarilyLocked(let until):
      self.init(text: PageText.fill(words.temporarilyLocked, Self.clock(until)), field: nil)
    case AccountError.stateForbids(_, .blocked): self.init(text: words.blocked, field: nil)
    case AccountError.stateForbids(_, .letterSent): self.init(text: words.notActivated, field: nil)
    case AccountError.stateForbids(_, .temporarilyLocked): self.init(text: words.notUsable, field: nil)
    case is AccountError: self.init(text: words.notUsable, field: nil)
    case is IdentityNumberError: self.init(text: words.invalidIdentityNumber, field: .pid)
    case let error as PasswordPolicyError:
      self.init(
        text: words.passwordRefused, field: .newPassword,
        details: error.rules.map { words.passwordRules[$0] ?? $0.explanation })
    case let error as LetterError:
      switch error {
      case .expired: self.init(text: words.letterExpired, field: nil)
      case .used: self.init(text: words.letterUsed, field: nil)
      case .replaced: self.init(text: words.letterReplaced, field: .letterCode)
      default: self.init(text: words.wrongLetterCode, field: .letterCode)
      }
    case let error as SecondFactorError:
      switch error {
      case .wrongTOTPCode(let left) where left > 0:
        self.init(text: PageText.fill(words.wrongTOTPCodeAttemptsLeft, "\(left)"), field: .code)
      case .wrongTOTPCode: self.init(text: words.wrongTOTPCodeNowLocked, field: .code)
      case .approvalExpired: self.init(text: words.appExpiredText, field: nil)
      case .rejected: self.init(text: words.appRejected, field: nil)
      case .approvalUsed, .notAnApprovalAttempt: self.init(text: words.codeUsed, field: nil)
      default: self.init(text: words.somethingWentWrong, field: nil)
      }
    case is ServiceError: self.init(text: words.serviceUnavailable, field: nil)
    default: self.init(text: words.somethingWentWrong, field: nil)
    }
  }

  /// `moment` as HH:MM in Norwegian local time.
  public static func clock(_ moment: Timestamp) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "Europe/Oslo") ?? TimeZone(secondsFromGMT: 3600)!
    let parts = calendar.dateComponents(
      [.hour, .minute], from: Date(timeIntervalSince1970: TimeInterval(moment.seconds)))
    return String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
  }
}
