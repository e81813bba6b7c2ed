/// A Norwegian organisation number (organisasjonsnummer) from Enhetsregisteret: nine digits, the last a
/// modulus-11 check digit over the first eight with the weights 3, 2, 7, 6, 5, 4, 3, 2 (Brønnøysundregistrene,
/// «Organisasjonsnummer»). A remainder of 0 gives the check digit 0; a check digit of 10 is never issued,
/// so such a number is invalid.
///
/// minid keeps it for a client so its access tokens carry ID-porten's `consumer` claim
/// (`{"authority": "iso6523-actorid-upis", "ID": "0192:<number>"}`, Digdir «Access token»).
public struct OrganizationNumber: Sendable, Equatable, Hashable, CustomStringConvertible {
  /// The nine digits.
  public let digits: String

  /// The weights of the first eight digits.
  static let weights = [3, 2, 7, 6, 5, 4, 3, 2]

  /// Checks `text`: nine ASCII digits (spaces between groups, as in «974 760 673», are allowed) with a right
  /// check digit.
  /// - Throws: `OrganizationNumberError.notNineDigits` or `.checkDigit`.
  public init(_ text: String) throws(OrganizationNumberError) {
    let digits = text.filter { $0 != " " }
    guard digits.count == 9, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
      throw .notNineDigits
    }
    let values = digits.compactMap(\.wholeNumberValue)
    let sum = zip(values, Self.weights).reduce(0) { $0 + $1.0 * $1.1 }
    let remainder = sum % 11
    let check = remainder == 0 ? 0 : 11 - remainder
    guard check < 10, check == values[8] else { throw .checkDigit }
    self.digits = digits
  }

  /// The nine digits.
  public var description: String { digits }

  /// ID-porten's `consumer` claim for this organisation: ISO 6523 scheme 0192 (Enhetsregisteret).
  public var consumer: Consumer { Consumer(authority: "iso6523-actorid-upis", id: "0192:\(digits)") }
}

/// The `consumer` claim of an access token: the organisation the client acts for.
public struct Consumer: Codable, Sendable, Equatable {
  /// `iso6523-actorid-upis`.
  public let authority: String
  /// `0192:<organisation number>`.
  public let id: String

  enum CodingKeys: String, CodingKey {
    case authority
    case id = "ID"
  }
}

/// Why a text is not an organisation number; names the field and the rule, and is safe to show (an
/// organisation number is public).
public enum OrganizationNumberError: MinIDError, Equatable {
  /// Not nine digits.
  case notNineDigits
  /// The ninth digit is not the modulus-11 check digit of the first eight.
  case checkDigit

  /// `invalid_organization_number`.
  public var code: String { "invalid_organization_number" }
  /// `.invalidInput`.
  public var category: ErrorCategory { .invalidInput }
  /// The rule broken.
  public var message: String {
    switch self {
    case .notNineDigits: "organization number: nine digits (Enhetsregisteret)"
    case .checkDigit:
      "organization number: the last digit is not the modulus-11 check digit of the first eight "
        + "(weights 3 2 7 6 5 4 3 2)"
    }
  }
}
