/// An account's time-based code generator (`Minid-TOTP`): its secret, sealed (`SecretSeal`), and the last
/// time step whose code was accepted, so no code works twice.
public struct TOTPCredential: Sendable, Equatable {
  /// The account the code generator belongs to.
  public let accountID: Int64
  /// The 20-byte secret sealed under the store's key, bound to the account.
  public let sealedSecret: [UInt8]
  /// When it was enrolled.
  public let enrolledAt: Timestamp
  /// The newest RFC 6238 step (30-second period since the Unix epoch) a code was accepted for; nil before
  /// the first.
  public let lastStep: Int64?
  /// When a code was last accepted; nil before the first.
  public let lastUsedAt: Timestamp?

  /// A credential with these fields, as the store keeps it.
  public init(
    accountID: Int64, sealedSecret: [UInt8], enrolledAt: Timestamp, lastStep: Int64?, lastUsedAt: Timestamp?
  ) {
    self.accountID = accountID
    self.sealedSecret = sealedSecret
    self.enrolledAt = enrolledAt
    self.lastStep = lastStep
    self.lastUsedAt = lastUsedAt
  }

  /// What the sealed secret is bound to: its purpose and the account row.
  static func sealContext(accountID: Int64) -> String { "totp:\(accountID)" }
}
