/// A mobile number in E.164 form (`+4791234567`); 8 Norwegian digits get `+47`.
public struct PhoneNumber: Hashable, Sendable, CustomStringConvertible {
  /// `+` and 8 to 15 digits.
  public let e164: String

  /// Parses what people type: spaces, `-`, `.`, `(`, `)` are ignored; `00` means `+`.
  /// - Throws: `ContactError` naming the rule.
  public init(_ text: String) throws(ContactError) {
    var compact = String(text.unicodeScalars.filter { !" -.()\u{A0}\t".unicodeScalars.contains($0) })
    if compact.hasPrefix("00") { compact = "+" + compact.dropFirst(2) }
    guard !compact.isEmpty else { throw .phone("is empty") }
    if compact.hasPrefix("+") {
      let digits = compact.dropFirst()
      guard digits.allSatisfy(\.isASCIIDigit) else {
        throw .phone("may hold only digits after '+' (spaces and '-' are ignored)")
      }
      guard (8...15).contains(digits.count) else {
        throw .phone("must have 8 to 15 digits after '+' (E.164)")
      }
      guard digits.first != "0" else { throw .phone("country codes do not start with 0") }
      if digits.hasPrefix("47") {
        try Self.checkNorwegian(digits.dropFirst(2))
      }
      e164 = compact
    } else {
      guard compact.allSatisfy(\.isASCIIDigit) else {
        throw .phone("may hold only digits, '+' and separators")
      }
      guard compact.count == 8 else {
        throw .phone("a Norwegian number has 8 digits; a foreign number needs '+' and its country code")
      }
      try Self.checkNorwegian(Substring(compact))
      e164 = "+47" + compact
    }
  }

  private static func checkNorwegian(_ national: Substring) throws(ContactError) {
    guard national.count == 8 else { throw .phone("a Norwegian (+47) number has 8 digits") }
    guard national.first == "4" || national.first == "9" else {
      throw .phone("a Norwegian mobile number starts with 4 or 9")
    }
  }

  /// A number read back from the store, where only checked numbers are written.
  init(stored: String) { e164 = stored }

  /// All but the last two digits hidden: `+47******67`.
  public var masked: String {
    let digits = e164.dropFirst()
    let country = digits.hasPrefix("47") ? "+47" : "+" + digits.prefix(2)
    let shown = e164.suffix(2)
    return country + String(repeating: "*", count: max(0, e164.count - country.count - 2)) + shown
  }

  public var description: String { masked }
}

/// An e-mail address, checked for the shape mail systems accept (no attempt at the full RFC 5322 grammar).
public struct EmailAddress: Hashable, Sendable, CustomStringConvertible {
  /// The address in lower case.
  public let address: String

  public init(_ text: String) throws(ContactError) {
    let trimmed = text.trimmingASCIIWhitespace()
    guard trimmed.utf8.count <= 254 else { throw .email("is longer than 254 characters") }
    let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
    guard parts.count == 2 else { throw .email("must contain exactly one '@'") }
    let local = parts[0]
    let domain = parts[1].lowercased()
    guard (1...64).contains(local.utf8.count) else {
      throw .email("the part before '@' must be 1 to 64 characters")
    }
    guard local.utf8.allSatisfy({ Self.localBytes[Int($0)] }), !local.hasPrefix("."), !local.hasSuffix("."),
      !local.contains("..")
    else {
      throw .email(
        "the part before '@' may hold letters, digits and !#$%&'*+/=?^_`{|}~.- (no leading, trailing or double dot)"
      )
    }
    let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
    guard labels.count >= 2,
      labels.allSatisfy({
        (1...63).contains($0.count) && $0.utf8.allSatisfy { Self.labelBytes[Int($0)] } && !$0.hasPrefix("-")
          && !$0.hasSuffix("-")
      }),
      let top = labels.last, top.count >= 2, !top.allSatisfy(\.isASCIIDigit)
    else {
      throw .email("the domain must be names of letters, digits and '-' joined by dots, such as example.no")
    }
    // Lower-cased whole: mail systems treat the local part case-insensitively in practice, and support must
    // find "Kari@…" when "kari@…" was registered.
    address = local.lowercased() + "@" + domain
  }

  /// Which bytes may stand in the local part and in a domain label; tables, because import checks
  /// millions of addresses.
  static let localBytes: [Bool] = (0..<256).map {
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+/=?^_`{|}~.-".utf8.contains(
      UInt8($0))
  }
  static let labelBytes: [Bool] = (0..<256).map {
    "abcdefghijklmnopqrstuvwxyz0123456789-".utf8.contains(UInt8($0))
  }

  /// An address read back from the store, where only checked addresses are written.
  init(stored: String) { address = stored }

  /// The part before `@`.
  public var localPart: String { String(address.prefix { $0 != "@" }) }

  /// `o***@example.no`.
  public var masked: String {
    let local = localPart
    return String(local.prefix(1)) + "***@" + address.dropFirst(local.count + 1)
  }

  public var description: String { masked }
}

/// The postal address a letter goes to: free text, one to 300 characters, no control characters but
/// newlines.
public struct PostalAddress: Hashable, Sendable {
  public let text: String

  public init(_ text: String) throws(ContactError) {
    let trimmed = text.trimmingASCIIWhitespace()
    guard !trimmed.isEmpty else { throw .address("is empty") }
    guard trimmed.count <= 300 else { throw .address("is longer than 300 characters") }
    guard
      !trimmed.unicodeScalars.contains(where: {
        ($0.value < 32 && $0 != "\n") || (0x7F..<0xA0).contains($0.value)
      })
    else {
      throw .address("contains control characters")
    }
    self.text = trimmed
  }
}

/// Why a phone number, e-mail address or postal address was refused; names the field and the rule.
public enum ContactError: MinIDError, Equatable {
  case phone(String)
  case email(String)
  case address(String)
  case caseReference(String)
  case reason(String)

  public var code: String {
    switch self {
    case .phone: "invalid_phone"
    case .email: "invalid_email"
    case .address: "invalid_address"
    case .caseReference: "invalid_case_reference"
    case .reason: "invalid_reason"
    }
  }

  public var category: ErrorCategory { .invalidInput }

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

extension String {
  func trimmingASCIIWhitespace() -> String {
    let scalars = unicodeScalars
    guard let start = scalars.firstIndex(where: { !" \t\r\n".unicodeScalars.contains($0) }) else { return "" }
    let end = scalars.lastIndex(where: { !" \t\r\n".unicodeScalars.contains($0) })!
    return String(scalars[start...end])
  }
}
