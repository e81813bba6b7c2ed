/// A stored scrypt password hash in passlib's PHC form: `$scrypt$ln=17,r=8,p=1$<salt>$<hash>`.
///
/// Parsing is strict: the identifier, the parameter order, plain decimal numbers without leading zeros,
/// unpadded standard base64, and bounds on every number, so a stored or imported string can neither break
/// the parser nor make verification exhaust memory.
public struct PasswordHash: Sendable, Hashable, CustomStringConvertible {
  /// The scrypt cost the hash was made with.
  public let parameters: ScryptParameters
  /// The salt, `saltBytes` long for hashes minid makes.
  public let salt: [UInt8]
  /// The derived key, `hashBytes` long.
  public let hash: [UInt8]

  /// Salt length minid uses: 16 bytes.
  public static let saltBytes = 16
  /// Derived key length minid uses: 32 bytes.
  public static let hashBytes = 32

  /// A hash of these parts.
  public init(parameters: ScryptParameters, salt: [UInt8], hash: [UInt8]) {
    self.parameters = parameters
    self.salt = salt
    self.hash = hash
  }

  /// Parses a PHC string.
  /// - Throws: `PasswordHashError` naming what is wrong.
  public init(phc: String) throws(PasswordHashError) {
    // Parsed on bytes: an import of a million rows parses a million of these.
    let bytes = Array(phc.utf8)
    guard bytes.count <= 256 else { throw .malformed("longer than 256 characters") }
    var fields: [ArraySlice<UInt8>] = []
    var start = 0
    for index in 0...bytes.count where index == bytes.count || bytes[index] == UInt8(ascii: "$") {
      fields.append(bytes[start..<index])
      start = index + 1
    }
    guard fields.count == 5, fields[0].isEmpty else {
      throw .malformed("expected $scrypt$ln=…,r=…,p=…$salt$hash")
    }
    guard fields[1].elementsEqual("scrypt".utf8) else {
      throw .unsupported(String(decoding: fields[1].prefix(32), as: UTF8.self))
    }
    var values: [Int] = []
    var pairs: [ArraySlice<UInt8>] = []
    var pairStart = fields[2].startIndex
    for index in fields[2].startIndex...fields[2].endIndex
    where index == fields[2].endIndex || bytes[index] == UInt8(ascii: ",") {
      pairs.append(bytes[pairStart..<index])
      pairStart = index + 1
    }
    guard pairs.count == 3 else { throw .malformed("expected the parameters ln, r and p") }
    for (pair, name) in zip(pairs, ["ln=", "r=", "p="]) {
      guard pair.starts(with: name.utf8) else {
        throw .malformed("expected the parameters ln, r and p, in that order")
      }
      let digits = pair.dropFirst(name.utf8.count)
      guard !digits.isEmpty, digits.count <= 3, digits.allSatisfy({ (48...57).contains($0) }),
        digits.count == 1 || digits.first != 48
      else { throw .malformed("parameter \(name.dropLast()) is not a plain decimal number") }
      values.append(digits.reduce(0) { $0 * 10 + Int($1 - 48) })
    }
    guard let parameters = ScryptParameters(ln: values[0], r: values[1], p: values[2]) else {
      throw .outOfBounds(
        "ln must be \(ScryptParameters.lnRange), r \(ScryptParameters.rRange), p \(ScryptParameters.pRange), "
          + "within \(ScryptParameters.maximumMemory >> 20) MiB")
    }
    guard let salt = Base64.decode(fields[3]), (8...64).contains(salt.count) else {
      throw .malformed("the salt is not 8 to 64 bytes of unpadded base64")
    }
    guard let hash = Base64.decode(fields[4]), (16...64).contains(hash.count) else {
      throw .malformed("the hash is not 16 to 64 bytes of unpadded base64")
    }
    self.init(parameters: parameters, salt: salt, hash: hash)
  }

  /// The PHC string.
  public var phc: String {
    "$scrypt$\(parameters)$\(Base64.encode(salt))$\(Base64.encode(hash))"
  }

  /// Never the hash itself.
  public var description: String { "$scrypt$\(parameters)$…" }
}

extension Character {
  var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

/// Why a PHC string is refused.
public enum PasswordHashError: MinIDError, Equatable {
  case malformed(String)
  case unsupported(String)
  case outOfBounds(String)
  /// Cheaper than the production store's own scrypt cost, or needing more memory than minid allows.
  case outsideStoreBounds(found: ScryptParameters, floor: ScryptParameters)

  /// The stable snake_case code scripts match on (`MinIDError.code`).
  public var code: String {
    switch self {
    case .malformed: "password_hash_malformed"
    case .unsupported: "password_hash_unsupported"
    case .outOfBounds: "password_hash_parameters"
    case .outsideStoreBounds: "password_hash_outside_store_bounds"
    }
  }

  /// What kind of failure this is; the command line chooses the exit status from it.
  public var category: ErrorCategory { .invalidInput }

  /// The sentence shown: it names the field and the rule, never a secret or a full identity number.
  public var message: String {
    switch self {
    case .malformed(let why): "password hash: \(why)"
    case .unsupported(let id): "password hash: the algorithm '\(id)' is not supported; only scrypt is"
    case .outOfBounds(let why): "password hash: parameters out of bounds: \(why)"
    case .outsideStoreBounds(let found, let floor):
      found.memoryBytes > ScryptParameters.maximumMemory
        ? "password hash: \(found) needs \(found.memoryBytes >> 20) MiB, more than the "
          + "\(ScryptParameters.maximumMemory >> 20) MiB minid lets scrypt use"
        : "password hash: \(found) is cheaper than this production store's scrypt cost \(floor); every one "
          + "of ln, r and p must be at least the store's (rehash, or have the person reset the password)"
    }
  }
}
