import CCrypto
import Foundation

/// The simulated MinID app's private key: the phone's key, held in a file by the tester or a CI script
/// instead of a phone's secure element. A P-256 key made through OpenSSL; the file is PEM (SEC 1
/// `EC PRIVATE KEY`), so `openssl ec -in FILE -pubout` reads it too. The store only ever sees its public half.
public struct DeviceKey: Sendable {
  let key: SigningKey

  /// The public key, with its thumbprint as `kid`.
  public var publicKey: JSONWebKey { key.publicKey }
  /// The device id: the RFC 7638 thumbprint of the public key.
  public var deviceID: String { key.kid }

  /// A new key pair.
  public static func generate(at time: Timestamp) throws(CryptoError) -> DeviceKey {
    DeviceKey(key: try SigningKey.generate(.es256, at: time))
  }

  /// Reads a key file written by `pem`.
  /// - Throws: `SecondFactorError.unreadableDeviceKey` for anything but a P-256 private key in PEM.
  public init(pem: String) throws(SecondFactorError) {
    let body = pem.split(whereSeparator: \.isNewline).filter { !$0.hasPrefix("-----") }.joined()
    guard pem.contains("-----BEGIN EC PRIVATE KEY-----"),
      let der = Base64.decode(String(body)) ?? Self.padded(body)
    else { throw .unreadableDeviceKey }
    let parsed: OpaquePointer? = der.withUnsafeBufferPointer { buffer in
      var cursor: UnsafePointer<UInt8>? = buffer.baseAddress
      return d2i_AutoPrivateKey(nil, &cursor, buffer.count)
    }
    guard let parsed else { throw .unreadableDeviceKey }
    defer { EVP_PKEY_free(parsed) }
    guard EVP_PKEY_get_bits(parsed) == 256, let jwk = try? JSONWebKey(publicKeyOf: parsed, algorithm: .es256),
      jwk.crv == "P-256"
    else { throw .unreadableDeviceKey }
    key = SigningKey(
      kid: jwk.thumbprint, algorithm: .es256, privateDER: der, publicKey: jwk.with(kid: jwk.thumbprint),
      createdAt: Timestamp(seconds: 0), retiredAt: nil, isActive: false)
  }

  init(key: SigningKey) { self.key = key }

  /// PEM with padding, as OpenSSL writes it; `Base64.decode` takes only unpadded text.
  private static func padded(_ body: String) -> [UInt8]? {
    Base64.decode(String(body.prefix { $0 != "=" }))
  }

  /// The private key as PEM, 64 characters a line with padding, as OpenSSL writes it.
  public var pem: String {
    var text = Base64.encode(key.privateDER)
    while text.count % 4 != 0 { text += "=" }
    var lines: [String] = []
    var rest = Substring(text)
    while !rest.isEmpty {
      lines.append(String(rest.prefix(64)))
      rest = rest.dropFirst(64)
    }
    return "-----BEGIN EC PRIVATE KEY-----\n" + lines.joined(separator: "\n")
      + "\n-----END EC PRIVATE KEY-----\n"
  }

  /// The device's answer to one waiting login: a compact JWS (ES256, `kid` the device id, `typ`
  /// `minid-app-approval+jwt`) over `{attempt, nonce, aud, decision, iat}`.
  public func sign(_ approval: AppApproval.Claims) throws -> String {
    try CompactJWS.sign(
      header: ["alg": "ES256", "kid": deviceID, "typ": AppApproval.type], claims: approval, key: key)
  }
}
