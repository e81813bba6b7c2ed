/// An e-mail address, checked for the shape mail systems accept (no attempt at the full RFC 5322 grammar).
public struct EmailAddress: Hashable, Sendable, CustomStringConvertible {
  /// The address in lower case.
  public let address: String

  /// Checks `text` and keeps it in lower case.
  /// - Throws: `ContactError.email` naming the rule broken.
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

  /// The masked form, so an address never reaches a log whole by interpolation.
  public var description: String { masked }
}
