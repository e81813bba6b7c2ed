/// The MinID app device enrolled on an account: one per account (as the 2021 pilot's registry kept one app
/// per person), identified by the RFC 7638 thumbprint of its P-256 public key. Only the public key is
/// stored; the private key stays with the device (here, the tester's key file).
public struct AppDevice: Sendable, Equatable {
  /// The account it is enrolled on.
  public let accountID: Int64
  /// The public key's thumbprint, base64url: the `kid` of every approval the device signs.
  public let deviceID: String
  /// The device's P-256 public key, with the device id as its `kid`.
  public let publicKey: JSONWebKey
  /// When it was enrolled.
  public let enrolledAt: Timestamp
  /// When the device last approved a login; nil before the first.
  public var lastUsedAt: Timestamp?

  /// A device with these fields, as the store keeps it.
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
