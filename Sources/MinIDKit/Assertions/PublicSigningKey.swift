/// A signing key without its private half: all that publishing keys and verifying tokens need, so those
/// commands never bring a private key into memory (or into a core file).
public struct PublicSigningKey: Sendable {
  public let kid: String
  public let algorithm: SigningAlgorithm
  public let publicKey: JSONWebKey
  public let createdAt: Timestamp
  public let retiredAt: Timestamp?
  public let isActive: Bool
  /// When the key starts to sign, if it was activated by `keys activate` or `keys rotate`; nil for a key
  /// only published, or one activated before activation times were kept (then `isActive` says).
  public let activatesAt: Timestamp?

  public init(
    kid: String, algorithm: SigningAlgorithm, publicKey: JSONWebKey, createdAt: Timestamp,
    retiredAt: Timestamp?, isActive: Bool, activatesAt: Timestamp? = nil
  ) {
    self.kid = kid
    self.algorithm = algorithm
    self.publicKey = publicKey
    self.createdAt = createdAt
    self.retiredAt = retiredAt
    self.isActive = isActive
    self.activatesAt = activatesAt
  }
}

extension SigningKey {
  /// The key as `keys list` and the JWKS show it.
  public var publicPart: PublicSigningKey {
    PublicSigningKey(
      kid: kid, algorithm: algorithm, publicKey: publicKey, createdAt: createdAt, retiredAt: retiredAt,
      isActive: isActive, activatesAt: activatesAt)
  }
}
