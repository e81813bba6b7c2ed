/// MinID's password rule plus what current guidance adds (decisions §2): each rule is checked and every
/// one that fails is named.
public struct PasswordPolicy: Sendable {
  /// MinID's minimum: 8 characters.
  public static let minimumLength = 8
  /// The most accepted, never truncated: 256 characters (NIST SP 800-63B asks for at least 64).
  public static let maximumLength = 256

  /// One rule a password can break.
  public enum Rule: String, Sendable, CaseIterable {
    case tooShort = "password_too_short"
    case tooLong = "password_too_long"
    case characters = "password_characters"
    case needsLetter = "password_needs_letter"
    case needsDigit = "password_needs_digit"
    case common = "password_common"
    case commonWord = "password_common_word"
    case season = "password_season"
    case month = "password_month"
    case weekday = "password_weekday"
    case place = "password_place"
    case personalData = "password_personal_data"

    /// The rule in words, as a refusal names it.
    public var explanation: String {
      switch self {
      case .tooShort: "must have at least \(PasswordPolicy.minimumLength) characters"
      case .tooLong: "must have at most \(PasswordPolicy.maximumLength) characters (nothing is ever cut off)"
      case .characters:
        "must use only printable ASCII: A-Z, a-z, 0-9, space and !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ (no Æ, Ø, Å)"
      case .needsLetter: "must contain a letter"
      case .needsDigit: "must contain a digit"
      case .common: "must not be one of the \(CommonPasswords.count) most common passwords"
      case .commonWord:
        "must not be a common word with digits added, such as Passord123 or hemmelig1 (add more words instead)"
      case .season: "must not be a season with a year or digits, such as Sommer2024 or Winter2025!"
      case .month: "must not be a month with a year or digits, such as Januar2026 or May2025"
      case .weekday: "must not be a weekday with digits, such as Mandag123 or Friday1"
      case .place: "must not be a country or city with a year or digits, such as Norge2026 or Oslo123"
      case .personalData: "must not contain the identity number, birth date, phone number or e-mail name"
      }
    }
  }

  /// What the password must not contain.
  public struct PersonalData: Sendable {
    /// The 11 digits of the person's identity number.
    public var identityNumber: String?
    /// The birth date, refused as DDMMYY, DDMMYYYY, YYYYMMDD, YYYY-MM-DD or DD.MM.YYYY in the password.
    public var birthDate: CalendarDate?
    /// The mobile number.
    public var phone: PhoneNumber?
    /// The e-mail address, whose name part is refused.
    public var email: EmailAddress?

    /// Personal data to check against; any part may be missing.
    public init(
      identityNumber: String? = nil, birthDate: CalendarDate? = nil, phone: PhoneNumber? = nil,
      email: EmailAddress? = nil
    ) {
      self.identityNumber = identityNumber
      self.birthDate = birthDate
      self.phone = phone
      self.email = email
    }

    /// Lower-case fragments a password may not contain.
    var fragments: [String] {
      var result: [String] = []
      if let identityNumber {
        result.append(identityNumber)
        result.append(String(identityNumber.prefix(6)))
      }
      if let date = birthDate {
        let text = date.description
        let dd = String(text.suffix(2))
        let mm = String(text.dropFirst(5).prefix(2))
        let yyyy = String(text.prefix(4))
        result += [dd + mm + yyyy.suffix(2), dd + mm + yyyy, yyyy + mm + dd, text, "\(dd).\(mm).\(yyyy)"]
      }
      if let phone {
        result.append(String(phone.e164.dropFirst()))
        result.append(String(phone.e164.suffix(8)))
      }
      if let email, email.localPart.count >= 4 {
        result.append(email.localPart.lowercased())
      }
      return result
    }
  }

  /// The policy as decisions §2 states it.
  public init() {}

  /// Every rule `password` breaks, in a fixed order; empty when it is acceptable.
  public func violations(of password: Secret, personal: PersonalData) -> [Rule] {
    let bytes = password.utf8
    var broken: [Rule] = []
    // Count characters, not bytes, so a non-ASCII password is judged on its length too.
    let characterCount = password.text?.count ?? bytes.count
    if characterCount < Self.minimumLength { broken.append(.tooShort) }
    if characterCount > Self.maximumLength { broken.append(.tooLong) }
    if !bytes.allSatisfy({ (32...126).contains($0) }) { broken.append(.characters) }
    if !bytes.contains(where: { (65...90).contains($0) || (97...122).contains($0) }) {
      broken.append(.needsLetter)
    }
    if !bytes.contains(where: { (48...57).contains($0) }) { broken.append(.needsDigit) }
    if let text = password.text {
      // One reason per password: a listed password is not also reported for the pattern it follows.
      if CommonPasswords.contains(text) {
        broken.append(.common)
      } else {
        switch PasswordPatterns.match(text) {
        case .commonWord?: broken.append(.commonWord)
        case .season?: broken.append(.season)
        case .month?: broken.append(.month)
        case .weekday?: broken.append(.weekday)
        case .place?: broken.append(.place)
        case nil: break
        }
      }
      let lower = text.lowercased()
      if personal.fragments.contains(where: { !$0.isEmpty && lower.contains($0.lowercased()) }) {
        broken.append(.personalData)
      }
    }
    return broken
  }

  /// - Throws: `PasswordPolicyError` naming every broken rule.
  public func check(_ password: Secret, personal: PersonalData) throws(PasswordPolicyError) {
    let broken = violations(of: password, personal: personal)
    if !broken.isEmpty { throw PasswordPolicyError(rules: broken) }
  }
}

/// A password that breaks the policy, with every broken rule.
public struct PasswordPolicyError: MinIDError, Equatable {
  /// Every rule the password breaks, in the policy's order.
  public let rules: [PasswordPolicy.Rule]
  /// The stable snake_case code scripts match on (`MinIDError.code`).
  public var code: String { rules.first?.rawValue ?? "password_policy" }
  /// What kind of failure this is; the command line chooses the exit status from it.
  public var category: ErrorCategory { .invalidInput }
  /// The sentence shown: it names the field and the rule, never a secret or a full identity number.
  public var message: String {
    "password: " + rules.map(\.explanation).joined(separator: "; ")
      + " [" + rules.map(\.rawValue).joined(separator: ", ") + "]"
  }
}
