/// A signing key without its private half: all that publishing keys and verifying tokens need, so those
/// commands never bring a private key into memory (or into a core file).
public struct PublicSigningKey: Sendable {
  /// The key id: the RFC 7638 thumbprint of the public key.
  public let kid: String
  /// The one algorithm the key signs with.
  public let algorithm: SigningAlgorithm
  /// The public half, as published in the JWKS.
  public let publicKey: JSONWebKey
  /// When the key was made.
  public let createdAt: Timestamp
  /// When the key was retired: it no longer signs and leaves the JWKS.
  public let retiredAt: Timestamp?
  /// Whether the key signs (from `activatesAt`, when that is set).
  public let isActive: Bool
  /// When the key starts to sign, if it was activated by `keys activate` or `keys rotate`; nil for a key
  /// only published, or one activated before activation times were kept (then `isActive` says).
  public let activatesAt: Timestamp?

  /// A key with these fields.
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

  /// The key whose public part is `publicPart` and whose private half is `privateDER`, as the store
  /// reads it back.
  init(publicPart: PublicSigningKey, privateDER: [UInt8]) {
    self.init(
      kid: publicPart.kid, algorithm: publicPart.algorithm, privateDER: privateDER,
      publicKey: publicPart.publicKey, createdAt: publicPart.createdAt, retiredAt: publicPart.retiredAt,
      isActive: publicPart.isActive, activatesAt: publicPart.activatesAt)
  }
}
