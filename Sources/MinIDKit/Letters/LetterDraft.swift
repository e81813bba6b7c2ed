/// An activation letter about to be sent: what its outbox message keeps until it is drained (the address
/// and the code) and what its letter row keeps for good (the code's keyed hash and the expiry).
public struct LetterDraft: Sendable {
  public let accountID: Int64
  /// The postal address as the letter prints it, its lines kept.
  public let address: String
  /// The message's recipient: the address on one line (`PostalAddress.singleLine`).
  public let recipient: String
  public let code: ActivationCode
  /// `code.hash(key:)` under the store's code key.
  public let codeHash: [UInt8]
  public let expiresAt: Timestamp

  public init(
    accountID: Int64, address: String, recipient: String, code: ActivationCode, codeHash: [UInt8],
    expiresAt: Timestamp
  ) {
    self.accountID = accountID
    self.address = address
    self.recipient = recipient
    self.code = code
    self.codeHash = codeHash
    self.expiresAt = expiresAt
  }
}
