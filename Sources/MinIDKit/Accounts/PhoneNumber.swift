/// A mobile number in E.164 form (`+4791234567`); 8 Norwegian digits get `+47`.
public struct PhoneNumber: Hashable, Sendable, CustomStringConvertible {
  /// `+` and 8 to 15 digits.
  public let e164: String

  /// Parses what people type: spaces, `-`, `.`, `(`, `)` are ignored; `00` means `+`.
  /// - Throws: `ContactError` naming the rule.
  public init(_ text: String) throws(ContactError) {
    // On bytes: bulk import parses millions of numbers.
    var compact: [UInt8] = []
    compact.reserveCapacity(20)
    if text.utf8.allSatisfy({ $0 < 0x80 }) {
      for byte in text.utf8 where !Self.separatorBytes[Int(byte)] { compact.append(byte) }
    } else {
      compact = Array(
        String(text.unicodeScalars.filter { !" -.()\u{A0}\t".unicodeScalars.contains($0) }).utf8)
    }
    if compact.starts(with: [48, 48]) { compact.replaceSubrange(0..<2, with: [43]) }
    guard !compact.isEmpty else { throw .phone("is empty") }
    func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
    if compact[0] == 43 {
      let digits = compact.dropFirst()
      guard digits.allSatisfy(isDigit) else {
        throw .phone("may hold only digits after '+' (spaces and '-' are ignored)")
      }
      guard (8...15).contains(digits.count) else {
        throw .phone("must have 8 to 15 digits after '+' (E.164)")
      }
      guard digits.first != 48 else { throw .phone("country codes do not start with 0") }
      if digits.starts(with: [52, 55]) { try Self.checkNorwegian(digits.dropFirst(2)) }
      e164 = String(decoding: compact, as: UTF8.self)
    } else {
      guard compact.allSatisfy(isDigit) else {
        throw .phone("may hold only digits, '+' and separators")
      }
      guard compact.count == 8 else {
        throw .phone("a Norwegian number has 8 digits; a foreign number needs '+' and its country code")
      }
      try Self.checkNorwegian(compact[...])
      e164 = "+47" + String(decoding: compact, as: UTF8.self)
    }
  }

  /// Space, tab, `-`, `.`, `(` and `)`: what people put between digits.
  static let separatorBytes: [Bool] = (0..<256).map { [32, 9, 45, 46, 40, 41].contains($0) }

  private static func checkNorwegian(_ national: ArraySlice<UInt8>) throws(ContactError) {
    guard national.count == 8 else { throw .phone("a Norwegian (+47) number has 8 digits") }
    guard national.first == 52 || national.first == 57 else {
      throw .phone("a Norwegian mobile number starts with 4 or 9")
    }
  }

  /// A number read back from the store, where only checked numbers are written.
  init(stored: String) { e164 = stored }

  /// The country code and the last three digits: `+47*****567` (`Masking.phone(e164:)`).
  public var masked: String { Masking.phone(e164: e164) }

  public var description: String { masked }
}

/// An e-mail address, checked for the shape mail systems accept (no attempt at the full RFC 5322 grammar).
public struct EmailAddress: Hashable, Sendable, CustomStringConvertible {
  /// The address in lower case.
  public let address: String

  public init(_ text: String) throws(ContactError) {
    // On bytes: bulk import parses millions of addresses.
    var bytes = Array(text.utf8)
    while let last = bytes.last, Self.whitespace(last) { bytes.removeLast() }
    let leading = bytes.prefix { Self.whitespace($0) }.count
    if leading > 0 { bytes.removeFirst(leading) }
    guard bytes.count <= 254 else { throw .email("is longer than 254 characters") }
    guard let at = bytes.firstIndex(of: 64), bytes.lastIndex(of: 64) == at else {
      throw .email("must contain exactly one '@'")
    }
    let local = bytes[..<at]
    guard (1...64).contains(local.count) else {
      throw .email("the part before '@' must be 1 to 64 characters")
    }
    let hasDoubleDot = zip(local, local.dropFirst()).contains { $0 == 46 && $1 == 46 }
    guard local.allSatisfy({ Self.localBytes[Int($0)] }), local.first != 46, local.last != 46, !hasDoubleDot
    else {
      throw .email(
        "the part before '@' may hold letters, digits and !#$%&'*+/=?^_`{|}~.- (no leading, trailing or double dot)"
      )
    }
    // Lower-cased whole: mail systems treat the local part case-insensitively in practice, and support must
    // find "Kari@…" when "kari@…" was registered.
    let lower = bytes.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
    let domain = lower[(at + 1)...]
    let labels = domain.split(separator: 46, omittingEmptySubsequences: false)
    guard labels.count >= 2,
      labels.allSatisfy({
        (1...63).contains($0.count) && $0.allSatisfy { Self.labelBytes[Int($0)] } && $0.first != 45
          && $0.last != 45
      }),
      let top = labels.last, top.count >= 2, !top.allSatisfy({ $0 >= 48 && $0 <= 57 })
    else {
      throw .email("the domain must be names of letters, digits and '-' joined by dots, such as example.no")
    }
    address = String(decoding: lower, as: UTF8.self)
  }

  private static func whitespace(_ byte: UInt8) -> Bool {
    byte == 32 || byte == 9 || byte == 13 || byte == 10
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

  /// `o***@example.no` (`Masking.email(_:)`).
  public var masked: String { Masking.email(address) }

  public var description: String { masked }
}

/// The postal address a letter goes to: a multi-line field of one to 300 characters, held to
/// `TextField.postalAddress` (line feeds allowed; no other control, bidirectional or invisible character).
public struct PostalAddress: Hashable, Sendable {
  public let text: String

  /// - Throws: `ContactError.address` naming the rule and, for a refused character, its code point.
  public init(_ text: String) throws(ContactError) {
    do {
      self.text = try TextField.postalAddress.check(text)
    } catch {
      throw .address(error.rule)
    }
  }

  /// The address on one line, its lines joined by ", ": the form for a message's recipient header, where
  /// a line break would start a header line of its own.
  public var singleLine: String { Self.singleLine(text) }

  /// `text`'s lines, trimmed and without empty ones, joined by ", "; for addresses stored before line
  /// breaks were kept out of headers, too.
  public static func singleLine(_ text: String) -> String {
    // Most addresses are one line already, with no space at either end: kept as they are, without the
    // split and join, which a bulk import would pay once per row.
    let utf8 = text.utf8
    if let first = utf8.first, let last = utf8.last, first != 32, first != 9, last != 32, last != 9,
      !utf8.contains(where: { $0 == 10 || $0 == 13 })
    {
      return text
    }
    return text.split(whereSeparator: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
      .map { String($0).trimmingASCIIWhitespace() }.filter { !$0.isEmpty }.joined(separator: ", ")
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
