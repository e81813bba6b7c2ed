/// The MinID app device enrolled on an account: one per account (as the 2021 pilot's registry kept one app
/// per person), identified by the RFC 7638 thumbprint of its P-256 public key. Only the public key is
/// stored; the private key stays with the device (here, the tester's key file).
public struct AppDevice: Sendable, Equatable {
  public let accountID: Int64
  /// The public key's thumbprint, base64url: the `kid` of every approval the device signs.
  public let deviceID: String
  public let publicKey: JSONWebKey
  public let enrolledAt: Timestamp
  /// When the device last approved a login; nil before the first.
  public var lastUsedAt: Timestamp?

  public init(
    accountID: Int64, deviceID: String, publicKey: JSONWebKey, enrolledAt: Timestamp, lastUsedAt: Timestamp?
  ) {
    self.accountID = accountID
    self.deviceID = deviceID
    self.publicKey = publicKey
    self.enrolledAt = enrolledAt
    self.lastUsedAt = lastUsedAt
  }
}
