/// An activation letter about to be sent: what its outbox message keeps until it is drained (the address
/// and the code) and what its letter row keeps for good (the code's keyed hash and the expiry).
public struct LetterDraft: Sendable {
  /// The account the letter is for.
  public let accountID: Int64
  /// The postal address as the letter prints it, its lines kept.
  public let address: String
  /// The message's recipient: the address on one line (`PostalAddress.singleLine`).
  public let recipient: String
  /// The code the letter carries; only its hash is kept once the letter is drained.
  public let code: ActivationCode
  /// `code.hash(key:)` under the store's code key.
  public let codeHash: [UInt8]
  /// When the code stops working.
  public let expiresAt: Timestamp

  /// A letter with these parts.
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
