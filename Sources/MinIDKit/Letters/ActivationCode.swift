/// The one-time code on an activation letter: 16 characters of Crockford base32 (80 bits), printed in
/// groups of four. Only a keyed hash of it is stored.
public struct ActivationCode: Sendable, Equatable, CustomStringConvertible {
  static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
  /// Characters in a code: 16 of Crockford base32, 80 bits (decisions §2 asks for at least 64).
  public static let length = 16

  /// The 16 characters, without separators.
  public let characters: String

  /// A new random code.
  public init(random: any RandomSource) {
    characters = random.string(count: Self.length, from: Self.alphabet)
  }

  /// Reads a code as a person types it: any case, with `-` or spaces, and Crockford's readings of the
  /// look-alikes (O → 0, I and L → 1).
  /// - Throws: `LetterError.malformedCode` when it cannot be a code.
  public init(typed: String) throws(LetterError) {
    var result = ""
    for character in typed.uppercased() where character != "-" && character != " " {
      let mapped: Character
      switch character {
      case "O": mapped = "0"
      case "I", "L": mapped = "1"
      default: mapped = character
      }
      guard Self.alphabet.contains(mapped) else { throw .malformedCode }
      result.append(mapped)
    }
    guard result.count == Self.length else { throw .malformedCode }
    characters = result
  }

  /// `ABCD-EFGH-JKMN-PQRS`.
  public var formatted: String {
    stride(from: 0, to: Self.length, by: 4).map { offset in
      let start = characters.index(characters.startIndex, offsetBy: offset)
      return String(characters[start..<characters.index(start, offsetBy: 4)])
    }.joined(separator: "-")
  }

  /// The stored form: HMAC-SHA-256 under the store's code key. 80 random bits make a fast keyed hash
  /// enough (reference §2.4); the key keeps a stolen store from being searched offline.
  public func hash(key: [UInt8]) -> [UInt8] { Digest.hmacSHA256(key: key, Array(characters.utf8)) }

  /// A placeholder, so a code never reaches a log or a message by interpolation.
  public var description: String { "<activation code>" }
}

/// An activation letter as stored: when it was sent, until when it is valid, and whether it was used.
public struct ActivationLetter: Sendable, Equatable {
  /// The letter's row.
  public let id: Int64
  /// The account it was sent to.
  public let accountID: Int64
  /// The code's keyed hash (`ActivationCode.hash(key:)`); the code itself is not kept.
  public let codeHash: [UInt8]
  /// When it was sent.
  public let createdAt: Timestamp
  /// When its code stops working.
  public let expiresAt: Timestamp
  /// When its code activated the account, if it did.
  public let usedAt: Timestamp?
  /// When a newer letter replaced it, if one did.
  public let revokedAt: Timestamp?
  /// The outbox message that carries it, if it is still there.
  public let outboxID: Int64?

  /// Where a letter stands at a given time.
  public enum Status: String, Sendable, Codable {
    case valid
    case used
    case expired
    case revoked
  }

  /// Where the letter stands at `now`: used and revoked first, then expired (at `expiresAt` or later).
  public func status(at now: Timestamp) -> Status {
    if usedAt != nil { return .used }
    if revokedAt != nil { return .revoked }
    if expiresAt <= now { return .expired }
    return .valid
  }
}

/// Why a letter code was refused; each case has its own message, as the issue asks.
public enum LetterError: MinIDError, Equatable {
  case malformedCode
  /// The code is not right for this identity number, or the number has no account or no letter: one
  /// answer, so activation does not reveal who is registered.
  case wrongCode
  case expired(Timestamp)
  case used
  case replaced
  case noLetter
  case letterOutstanding(until: Timestamp)

  /// The stable snake_case code scripts match on (`MinIDError.code`).
  public var code: String {
    switch self {
    case .malformedCode: "letter_code_malformed"
    case .wrongCode: "letter_code_wrong"
    case .expired: "letter_code_expired"
    case .used: "letter_code_used"
    case .replaced: "letter_code_replaced"
    case .noLetter: "no_letter"
    case .letterOutstanding: "letter_outstanding"
    }
  }

  /// What kind of failure this is; the command line chooses the exit status from it.
  public var category: ErrorCategory {
    switch self {
    case .malformedCode: .invalidInput
    case .wrongCode, .expired, .used, .replaced: .authenticationFailed
    case .noLetter: .stateForbids
    case .letterOutstanding: .conflict
    }
  }

  /// The sentence shown: it names the field and the rule, never a secret or a full identity number.
  public var message: String {
    switch self {
    case .malformedCode:
      "letter code: an activation code has 16 characters of 0-9 and A-Z (without I, L, O, U), as printed"
    case .wrongCode:
      "letter code: the code is not right for this identity number; check both against the letter "
        + "(repeated failures lock the account for a while)"
    case .expired(let at): "letter code: the letter expired at \(at.rfc3339); ask support to send a new one"
    case .used: "letter code: this letter has already been used"
    case .replaced:
      "letter code: this letter was replaced by a newer one; use the code from the newest letter"
    case .noLetter: "letter code: no activation letter has been sent to this account"
    case .letterOutstanding(let until):
      "an activation letter is still valid until \(until.rfc3339)"
    }
  }
}
