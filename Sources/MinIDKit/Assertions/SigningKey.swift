import CCrypto

/// The JWS algorithms minid signs with: RS256 (what ID-porten uses, so clients built for it work unchanged)
/// and ES256. A key serves exactly one algorithm (RFC 8725 §3.1).
public enum SigningAlgorithm: String, Sendable, CaseIterable, Codable {
  case rs256 = "RS256"
  case es256 = "ES256"

  /// RSA keys are 3072 bits: 128-bit security, as ASVS 11.2.3 asks.
  public static let rsaBits: Int32 = 3072
}

/// A private signing key held as DER, made and used through OpenSSL's EVP API.
public struct SigningKey: Sendable {
  /// The key id: the RFC 7638 thumbprint of the public key.
  public let kid: String
  /// The one algorithm the key signs with.
  public let algorithm: SigningAlgorithm
  let privateDER: [UInt8]
  /// The public half, as published in the JWKS.
  public let publicKey: JSONWebKey
  /// When the key was made.
  public let createdAt: Timestamp
  /// When the key was retired: it no longer signs and leaves the JWKS.
  public var retiredAt: Timestamp?
  /// Whether the key signs (from `activatesAt`, when that is set).
  public var isActive: Bool
  /// When the key starts to sign (`PublicSigningKey.activatesAt`).
  public var activatesAt: Timestamp?

  init(
    kid: String, algorithm: SigningAlgorithm, privateDER: [UInt8], publicKey: JSONWebKey,
    createdAt: Timestamp,
    retiredAt: Timestamp?, isActive: Bool, activatesAt: Timestamp? = nil
  ) {
    self.kid = kid
    self.algorithm = algorithm
    self.privateDER = privateDER
    self.publicKey = publicKey
    self.createdAt = createdAt
    self.retiredAt = retiredAt
    self.isActive = isActive
    self.activatesAt = activatesAt
  }

  /// A new key pair; its `kid` is the RFC 7638 thumbprint of the public key.
  public static func generate(_ algorithm: SigningAlgorithm, at: Timestamp) throws(CryptoError) -> SigningKey
  {
    let name = algorithm == .rs256 ? "RSA" : "EC"
    guard let context = EVP_PKEY_CTX_new_from_name(nil, name, nil) else {
      throw .openSSL("creating a key context")
    }
    defer { EVP_PKEY_CTX_free(context) }
    guard EVP_PKEY_keygen_init(context) == 1 else { throw .openSSL("starting key generation") }
    switch algorithm {
    case .rs256:
      guard EVP_PKEY_CTX_set_rsa_keygen_bits(context, SigningAlgorithm.rsaBits) == 1 else {
        throw .openSSL("setting RSA bits")
      }
    case .es256:
      guard EVP_PKEY_CTX_set_group_name(context, "P-256") == 1 else { throw .openSSL("choosing P-256") }
    }
    var key: OpaquePointer?
    guard EVP_PKEY_generate(context, &key) == 1, let key else { throw .openSSL("generating the key") }
    defer { EVP_PKEY_free(key) }
    let der = try Self.privateDER(key)
    let jwk = try JSONWebKey(publicKeyOf: key, algorithm: algorithm)
    return SigningKey(
      kid: jwk.thumbprint, algorithm: algorithm, privateDER: der, publicKey: jwk.with(kid: jwk.thumbprint),
      createdAt: at,
      retiredAt: nil, isActive: false)
  }

  static func privateDER(_ key: OpaquePointer) throws(CryptoError) -> [UInt8] {
    let length = i2d_PrivateKey(key, nil)
    guard length > 0 else { throw .openSSL("encoding the private key") }
    var der = [UInt8](repeating: 0, count: Int(length))
    let written = der.withUnsafeMutableBufferPointer { buffer -> Int32 in
      var cursor: UnsafeMutablePointer<UInt8>? = buffer.baseAddress
      return i2d_PrivateKey(key, &cursor)
    }
    guard written == length else { throw .openSSL("encoding the private key") }
    return der
  }

  /// Signs `input` (the JWS signing input): RSASSA-PKCS1-v1_5 with SHA-256, or ECDSA P-256 with SHA-256
  /// turned into the 64-byte R‖S form JOSE needs.
  public func sign(_ input: [UInt8]) throws(CryptoError) -> [UInt8] {
    let key: OpaquePointer? = privateDER.withUnsafeBufferPointer { buffer in
      var cursor: UnsafePointer<UInt8>? = buffer.baseAddress
      return d2i_AutoPrivateKey(nil, &cursor, buffer.count)
    }
    guard let key else { throw .openSSL("reading the private key") }
    defer { EVP_PKEY_free(key) }
    guard let context = EVP_MD_CTX_new() else { throw .openSSL("creating a digest context") }
    defer { EVP_MD_CTX_free(context) }
    guard EVP_DigestSignInit(context, nil, EVP_sha256(), nil, key) == 1 else {
      throw .openSSL("starting to sign")
    }
    var length = 0
    guard
      input.withUnsafeBufferPointer({ EVP_DigestSign(context, nil, &length, $0.baseAddress, $0.count) }) == 1
    else {
      throw .openSSL("sizing the signature")
    }
    var signature = [UInt8](repeating: 0, count: length)
    let status = input.withUnsafeBufferPointer { data in
      signature.withUnsafeMutableBufferPointer {
        EVP_DigestSign(context, $0.baseAddress, &length, data.baseAddress, data.count)
      }
    }
    guard status == 1 else { throw .openSSL("signing") }
    signature.removeSubrange(length...)
    return algorithm == .es256 ? try ECDSASignature.joseFromDER(signature) : signature
  }
}

/// ECDSA signatures between OpenSSL's DER and JOSE's fixed 64-byte R‖S (RFC 7518 §3.4).
enum ECDSASignature {
  static func joseFromDER(_ der: [UInt8]) throws(CryptoError) -> [UInt8] {
    let signature: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
      var cursor: UnsafePointer<UInt8>? = buffer.baseAddress
      return d2i_ECDSA_SIG(nil, &cursor, buffer.count)
    }
    guard let signature else { throw .openSSL("reading an ECDSA signature") }
    defer { ECDSA_SIG_free(signature) }
    var r: OpaquePointer?
    var s: OpaquePointer?
    ECDSA_SIG_get0(signature, &r, &s)
    var out = [UInt8](repeating: 0, count: 64)
    let ok = out.withUnsafeMutableBufferPointer { buffer in
      BN_bn2binpad(r, buffer.baseAddress, 32) == 32 && BN_bn2binpad(s, buffer.baseAddress! + 32, 32) == 32
    }
    guard ok else { throw .openSSL("encoding R and S") }
    return out
  }

  /// nil unless exactly 64 bytes.
  static func derFromJOSE(_ raw: [UInt8]) -> [UInt8]? {
    guard raw.count == 64, let signature = ECDSA_SIG_new() else { return nil }
    defer { ECDSA_SIG_free(signature) }
    let r = raw.withUnsafeBufferPointer { BN_bin2bn($0.baseAddress, 32, nil) }
    let s = raw.withUnsafeBufferPointer { BN_bin2bn($0.baseAddress! + 32, 32, nil) }
    guard let r, let s, ECDSA_SIG_set0(signature, r, s) == 1 else { return nil }
    let length = i2d_ECDSA_SIG(signature, nil)
    guard length > 0 else { return nil }
    var der = [UInt8](repeating: 0, count: Int(length))
    _ = der.withUnsafeMutableBufferPointer { buffer -> Int32 in
      var cursor: UnsafeMutablePointer<UInt8>? = buffer.baseAddress
      return i2d_ECDSA_SIG(signature, &cursor)
    }
    return der
  }
}

/// OpenSSL failed at something that should not fail.
public enum CryptoError: MinIDError, Equatable {
  case openSSL(String)

  /// The stable snake_case code scripts match on (`MinIDError.code`).
  public var code: String { "crypto_failed" }
  /// What kind of failure this is; the command line chooses the exit status from it.
  public var category: ErrorCategory { .internal }
  /// The sentence shown: it names the field and the rule, never a secret or a full identity number.
  public var message: String {
    switch self {
    case .openSSL(let step): "OpenSSL failed while \(step)"
    }
  }
}
