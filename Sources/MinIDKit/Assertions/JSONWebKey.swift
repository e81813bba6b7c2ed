import CCrypto
import Foundation

/// A public key as a JWK (RFC 7517, 7518 §6): RSA with `n` and `e`, or EC P-256 with `x` and `y`.
public struct JSONWebKey: Codable, Sendable, Equatable {
  /// `kty`: `RSA` or `EC`.
  public let kty: String
  /// `kid`: the key id.
  public let kid: String?
  /// `sig` for a key that verifies signatures (RFC 7517 §4.2); nil says nothing.
  public let use: String?
  /// What the key may do (RFC 7517 §4.3), such as `verify`; nil says nothing.
  public let keyOps: [String]?
  /// `alg`: the algorithm the key is for, such as `RS256`.
  public let alg: String?
  /// `n`: an RSA key's modulus, base64url.
  public let n: String?
  /// `e`: an RSA key's exponent, base64url.
  public let e: String?
  /// `crv`: an EC key's curve, `P-256`.
  public let crv: String?
  /// `x`: an EC key's x coordinate, base64url.
  public let x: String?
  /// `y`: an EC key's y coordinate, base64url.
  public let y: String?

  enum CodingKeys: String, CodingKey {
    case kty, kid, use, alg, n, e, crv, x, y
    case keyOps = "key_ops"
  }

  init(
    kty: String, kid: String?, alg: String?, n: String? = nil, e: String? = nil, crv: String? = nil,
    x: String? = nil, y: String? = nil, use: String? = "sig", keyOps: [String]? = nil
  ) {
    self.kty = kty
    self.kid = kid
    self.use = use
    self.keyOps = keyOps
    self.alg = alg
    self.n = n
    self.e = e
    self.crv = crv
    self.x = x
    self.y = y
  }

  func with(kid: String) -> JSONWebKey {
    JSONWebKey(kty: kty, kid: kid, alg: alg, n: n, e: e, crv: crv, x: x, y: y, use: use, keyOps: keyOps)
  }

  /// The public half of an OpenSSL key: RSA `n` and `e` in their minimal octets, EC coordinates in full
  /// 32 bytes (RFC 7518 §6.2.1).
  init(publicKeyOf key: OpaquePointer, algorithm: SigningAlgorithm) throws(CryptoError) {
    func bignum(_ name: String, width: Int32?) throws(CryptoError) -> [UInt8] {
      var number: OpaquePointer?
      guard EVP_PKEY_get_bn_param(key, name, &number) == 1, let number else {
        throw .openSSL("reading \(name)")
      }
      defer { BN_free(number) }
      let count = width.map(Int.init) ?? Int((BN_num_bits(number) + 7) / 8)
      var bytes = [UInt8](repeating: 0, count: count)
      _ = bytes.withUnsafeMutableBufferPointer { buffer in
        width == nil
          ? BN_bn2bin(number, buffer.baseAddress) : BN_bn2binpad(number, buffer.baseAddress, width!)
      }
      return bytes
    }
    switch algorithm {
    case .rs256:
      self.init(
        kty: "RSA", kid: nil, alg: algorithm.rawValue,
        n: Base64.encode(try bignum("n", width: nil), urlSafe: true),
        e: Base64.encode(try bignum("e", width: nil), urlSafe: true))
    case .es256:
      self.init(
        kty: "EC", kid: nil, alg: algorithm.rawValue, crv: "P-256",
        x: Base64.encode(try bignum("qx", width: 32), urlSafe: true),
        y: Base64.encode(try bignum("qy", width: 32), urlSafe: true))
    }
  }

  /// The RFC 7638 thumbprint: SHA-256 over the required members in lexicographic order, base64url.
  public var thumbprint: String {
    let canonical: String
    if kty == "RSA" {
      canonical = #"{"e":"\#(e ?? "")","kty":"RSA","n":"\#(n ?? "")"}"#
    } else {
      canonical = #"{"crv":"\#(crv ?? "")","kty":"EC","x":"\#(x ?? "")","y":"\#(y ?? "")"}"#
    }
    return Base64.encode(Digest.sha256(Array(canonical.utf8)), urlSafe: true)
  }

  /// Whether the key may verify signatures: `use`, if present, is `sig`, and `key_ops`, if present, holds
  /// `verify` (RFC 7517 §4.2–4.3; a key published for encryption is never used to verify).
  public var verifiesSignatures: Bool {
    (use == nil || use == "sig") && (keyOps == nil || keyOps!.contains("verify"))
  }

  /// The algorithm this key may verify; a key without `alg` is taken by its type.
  public var algorithm: SigningAlgorithm? {
    if let alg { return SigningAlgorithm(rawValue: alg) }
    return kty == "RSA" ? .rs256 : (kty == "EC" && crv == "P-256" ? .es256 : nil)
  }

  /// Verifies `signature` over `input` with this key; true only when OpenSSL says exactly 1.
  func verify(_ signature: [UInt8], over input: [UInt8], algorithm: SigningAlgorithm) -> Bool {
    guard let key = publicKey(), self.algorithm == algorithm else { return false }
    defer { EVP_PKEY_free(key) }
    let der: [UInt8]
    if algorithm == .es256 {
      guard let converted = ECDSASignature.derFromJOSE(signature) else { return false }
      der = converted
    } else {
      der = signature
    }
    guard let context = EVP_MD_CTX_new() else { return false }
    defer { EVP_MD_CTX_free(context) }
    guard EVP_DigestVerifyInit(context, nil, EVP_sha256(), nil, key) == 1 else { return false }
    let status = der.withUnsafeBufferPointer { sig in
      input.withUnsafeBufferPointer {
        EVP_DigestVerify(context, sig.baseAddress, sig.count, $0.baseAddress, $0.count)
      }
    }
    return status == 1
  }

  /// OSSL_PARAM_BLD keeps the name and value pointers until `to_param`, so they must be static strings, not
  /// the temporary C strings Swift makes for a `String` argument.
  static func cName(_ text: StaticString) -> UnsafePointer<CChar> {
    UnsafeRawPointer(text.utf8Start).assumingMemoryBound(to: CChar.self)
  }

  /// An OpenSSL public key built from the JWK's members, rejected unless OpenSSL's public check passes
  /// (an EC point must lie on the curve, RFC 8725 §3.4).
  func publicKey() -> OpaquePointer? {
    guard let builder = OSSL_PARAM_BLD_new() else { return nil }
    defer { OSSL_PARAM_BLD_free(builder) }
    var numbers: [OpaquePointer] = []
    defer { numbers.forEach { BN_free($0) } }
    let typeName: String
    // The builder keeps this pointer until to_param, so the point lives in memory we own until then.
    let point = UnsafeMutableRawBufferPointer.allocate(byteCount: 65, alignment: 1)
    defer { point.deallocate() }
    switch (kty, algorithm) {
    case ("RSA", .rs256?):
      guard let n = n.flatMap({ Base64.decode($0, urlSafe: true) }),
        let e = e.flatMap({ Base64.decode($0, urlSafe: true) }),
        n.count >= 256, !e.isEmpty, e.count <= 8
      else { return nil }
      guard let nn = n.withUnsafeBufferPointer({ BN_bin2bn($0.baseAddress, Int32($0.count), nil) }),
        let ee = e.withUnsafeBufferPointer({ BN_bin2bn($0.baseAddress, Int32($0.count), nil) })
      else { return nil }
      numbers = [nn, ee]
      guard OSSL_PARAM_BLD_push_BN(builder, Self.cName("n"), nn) == 1,
        OSSL_PARAM_BLD_push_BN(builder, Self.cName("e"), ee) == 1
      else { return nil }
      typeName = "RSA"
    case ("EC", .es256?):
      guard crv == "P-256", let x = x.flatMap({ Base64.decode($0, urlSafe: true) }),
        let y = y.flatMap({ Base64.decode($0, urlSafe: true) }), x.count == 32, y.count == 32
      else { return nil }
      point.copyBytes(from: [4] + x + y)
      guard OSSL_PARAM_BLD_push_utf8_string(builder, Self.cName("group"), Self.cName("P-256"), 0) == 1 else {
        return nil
      }
      guard OSSL_PARAM_BLD_push_octet_string(builder, Self.cName("pub"), point.baseAddress, 65) == 1 else {
        return nil
      }
      typeName = "EC"
    default:
      return nil
    }
    guard let params = OSSL_PARAM_BLD_to_param(builder) else { return nil }
    defer { OSSL_PARAM_free(params) }
    guard let context = EVP_PKEY_CTX_new_from_name(nil, typeName, nil) else { return nil }
    defer { EVP_PKEY_CTX_free(context) }
    var key: OpaquePointer?
    guard EVP_PKEY_fromdata_init(context) == 1,
      EVP_PKEY_fromdata(context, &key, minid_evp_pkey_public_key_selection(), params) == 1, let key
    else { return nil }
    guard let check = EVP_PKEY_CTX_new_from_pkey(nil, key, nil) else {
      EVP_PKEY_free(key)
      return nil
    }
    defer { EVP_PKEY_CTX_free(check) }
    guard EVP_PKEY_public_check(check) == 1 else {
      EVP_PKEY_free(key)
      return nil
    }
    return key
  }
}

/// A JWK Set (RFC 7517 §5).
public struct JSONWebKeySet: Codable, Sendable, Equatable {
  /// The keys, in order.
  public let keys: [JSONWebKey]

  /// A set of `keys`.
  public init(keys: [JSONWebKey]) { self.keys = keys }

  /// Parses a JWKS document; members other than the ones minid uses are ignored.
  public init(json: [UInt8]) throws(TokenError) {
    do {
      self = try JSONDecoder().decode(JSONWebKeySet.self, from: Data(json))
    } catch {
      throw .malformedKeySet
    }
  }

  /// The set as JSON, keys sorted, slashes unescaped: what `keys jwks` prints and `/jwks` serves.
  public var json: String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return String(decoding: (try? encoder.encode(self)) ?? Data("{\"keys\":[]}".utf8), as: UTF8.self)
  }
}
