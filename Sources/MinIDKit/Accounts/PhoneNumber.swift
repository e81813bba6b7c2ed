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

  /// The masked form, so a number never reaches a log whole by interpolation.
  public var description: String { masked }
}
