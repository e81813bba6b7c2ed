/// A login in progress: the password was right and a one-time code went out by SMS. Bound to one account
/// and one service; valid five minutes; used once.
public struct LoginAttempt: Sendable, Equatable {
  public let id: String
  public let accountID: Int64
  public let clientID: String
  public let codeHash: [UInt8]
  public let createdAt: Timestamp
  public let expiresAt: Timestamp
  public let usedAt: Timestamp?
  public let outboxID: Int64?

  public init(
    id: String, accountID: Int64, clientID: String, codeHash: [UInt8], createdAt: Timestamp,
    expiresAt: Timestamp,
    usedAt: Timestamp?, outboxID: Int64?
  ) {
    self.id = id
    self.accountID = accountID
    self.clientID = clientID
    self.codeHash = codeHash
    self.createdAt = createdAt
    self.expiresAt = expiresAt
    self.usedAt = usedAt
    self.outboxID = outboxID
  }

  /// A new login id: 127 random bits in base64url whose first character is a letter, because scripts pass
  /// it as `--login-id ID` and a leading '-' would read as an option (the top bit is cleared for that).
  public static func newID(random: any RandomSource) -> String {
    var bytes = random.bytes(16)
    bytes[0] &= 0x7F
    return Base64.encode(bytes, urlSafe: true)
  }
}

/// A forgotten-password recovery: an SMS code and an e-mail code, both needed.
public struct RecoveryAttempt: Sendable, Equatable {
  public let id: Int64
  public let accountID: Int64
  public let smsHash: [UInt8]
  public let emailHash: [UInt8]
  public let createdAt: Timestamp
  public let expiresAt: Timestamp
  public let usedAt: Timestamp?

  public init(
    id: Int64, accountID: Int64, smsHash: [UInt8], emailHash: [UInt8], createdAt: Timestamp,
    expiresAt: Timestamp,
    usedAt: Timestamp?
  ) {
    self.id = id
    self.accountID = accountID
    self.smsHash = smsHash
    self.emailHash = emailHash
    self.createdAt = createdAt
    self.expiresAt = expiresAt
    self.usedAt = usedAt
  }
}
