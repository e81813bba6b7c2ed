/// A login in progress: the password was right and a one-time code went out by SMS. Bound to one account
/// and one service; valid five minutes; used once.
public struct LoginAttempt: Sendable, Equatable {
  /// The attempt's random id.
  public let id: String
  /// The account logging in.
  public let accountID: Int64
  /// The service logged in to.
  public let clientID: String
  /// The SMS code's keyed hash, bound to this attempt.
  public let codeHash: [UInt8]
  /// When the password step passed and the code was sent.
  public let createdAt: Timestamp
  /// When the code stops working.
  public let expiresAt: Timestamp
  /// When the code was used, if it was.
  public let usedAt: Timestamp?
  /// The SMS in the outbox, if it is still there.
  public let outboxID: Int64?

  /// An attempt with these fields.
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
  /// The recovery's row.
  public let id: Int64
  /// The account being recovered.
  public let accountID: Int64
  /// The SMS code's keyed hash.
  public let smsHash: [UInt8]
  /// The e-mail code's keyed hash.
  public let emailHash: [UInt8]
  /// When the codes were sent.
  public let createdAt: Timestamp
  /// When they stop working.
  public let expiresAt: Timestamp
  /// When they were used, if they were.
  public let usedAt: Timestamp?

  /// A recovery with these fields.
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
