/// A one-time code sent by SMS (5 digits, as MinID's) or e-mail (6 characters), stored only as a keyed hash
/// bound to the attempt it belongs to.
public struct OneTimeCode: Sendable, Equatable, CustomStringConvertible {
  /// The code as the person types it.
  public let text: String

  /// Digdir's test environment accepts this SMS code for synthetic identity numbers; a minid test store
  /// does too. A production store never does. The rule is `AuthenticationGate`'s; this is its value, for
  /// the pages that mention it.
  public static let staticTestCode = AuthenticationGate.fixedTestCode

  /// A new SMS code: 5 digits, as MinID's.
  public static func sms(random: any RandomSource) -> OneTimeCode {
    OneTimeCode(text: random.string(count: 5, from: Array("0123456789")))
  }

  /// A new e-mail code: 6 characters.
  public static func email(random: any RandomSource) -> OneTimeCode {
    OneTimeCode(text: random.string(count: 6, from: ActivationCode.alphabet))
  }

  /// The code `text`, as typed.
  public init(text: String) { self.text = text }

  /// The code as typed: spaces removed, letters upper-cased.
  public init(typed: String) {
    text = String(typed.uppercased().filter { $0 != " " && $0 != "-" })
  }

  /// HMAC-SHA-256 under the store's code key over the purpose, the attempt and the code: a hash from one
  /// attempt is worthless for another.
  public func hash(key: [UInt8], purpose: String, attempt: String) -> [UInt8] {
    Digest.hmacSHA256(key: key, Array("\(purpose):\(attempt):\(text)".utf8))
  }

  /// A placeholder, so a code never reaches a log or a message by interpolation.
  public var description: String { "<one-time code>" }
}
