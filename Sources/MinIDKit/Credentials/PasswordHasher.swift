import CCrypto

/// Hashes and verifies passwords with scrypt through OpenSSL's EVP_KDF API.
public struct PasswordHasher: Sendable {
  /// The parameters new hashes get.
  public let parameters: ScryptParameters
  let random: any RandomSource

  /// A hasher that makes new hashes with `parameters` and salts from `random`.
  public init(parameters: ScryptParameters = .recommended, random: any RandomSource = SystemRandomSource()) {
    self.parameters = parameters
    self.random = random
  }

  /// A new hash of `password` with a fresh 16-byte salt.
  public func hash(_ password: Secret) throws(PasswordHashError) -> PasswordHash {
    let salt = random.bytes(PasswordHash.saltBytes)
    let key = try Self.derive(
      password.utf8, salt: salt, parameters: parameters, length: PasswordHash.hashBytes)
    return PasswordHash(parameters: parameters, salt: salt, hash: key)
  }

  /// True when `password` matches `stored`, compared in constant time.
  public func verify(_ password: Secret, against stored: PasswordHash) throws(PasswordHashError) -> Bool {
    let key = try Self.derive(
      password.utf8, salt: stored.salt, parameters: stored.parameters, length: stored.hash.count)
    return Digest.constantTimeEqual(key, stored.hash)
  }

  /// True when a stored hash should be replaced by one with the current parameters.
  public func needsRehash(_ stored: PasswordHash) -> Bool { stored.parameters != parameters }

  /// scrypt with explicit `maxmem_bytes`. OSSL_PARAM keeps pointers, not copies, so every value and name
  /// lives in storage that outlasts the derive call (names are static strings).
  static func derive(
    _ password: [UInt8], salt: [UInt8], parameters: ScryptParameters, length: Int
  ) throws(PasswordHashError) -> [UInt8] {
    guard let kdf = EVP_KDF_fetch(nil, "SCRYPT", nil) else { throw .malformed("OpenSSL has no scrypt") }
    defer { EVP_KDF_free(kdf) }
    guard let context = EVP_KDF_CTX_new(kdf) else { throw .malformed("OpenSSL could not start scrypt") }
    defer { EVP_KDF_CTX_free(context) }
    var n = parameters.n
    var r = UInt32(parameters.r)
    var p = UInt32(parameters.p)
    var maxmem = ScryptParameters.maximumMemory + (1 << 20)
    var output = [UInt8](repeating: 0, count: length)
    // A non-nil pointer even for an empty password.
    let passwordBytes = password.isEmpty ? [0] : password
    let status = passwordBytes.withUnsafeBytes { pass in
      salt.withUnsafeBytes { saltBytes in
        withUnsafeMutablePointer(to: &n) { nPointer in
          withUnsafeMutablePointer(to: &r) { rPointer in
            withUnsafeMutablePointer(to: &p) { pPointer in
              withUnsafeMutablePointer(to: &maxmem) { maxmemPointer in
                var params = [
                  OSSL_PARAM_construct_octet_string(
                    name("pass"), UnsafeMutableRawPointer(mutating: pass.baseAddress), password.count),
                  OSSL_PARAM_construct_octet_string(
                    name("salt"), UnsafeMutableRawPointer(mutating: saltBytes.baseAddress), salt.count),
                  OSSL_PARAM_construct_uint64(name("n"), nPointer),
                  OSSL_PARAM_construct_uint32(name("r"), rPointer),
                  OSSL_PARAM_construct_uint32(name("p"), pPointer),
                  OSSL_PARAM_construct_uint64(name("maxmem_bytes"), maxmemPointer),
                  OSSL_PARAM_construct_end(),
                ]
                return output.withUnsafeMutableBufferPointer { out in
                  params.withUnsafeMutableBufferPointer {
                    EVP_KDF_derive(context, out.baseAddress, length, $0.baseAddress)
                  }
                }
              }
            }
          }
        }
      }
    }
    guard status == 1 else { throw .outOfBounds("OpenSSL refused to derive the key") }
    return output
  }

  private static func name(_ text: StaticString) -> UnsafePointer<CChar> {
    UnsafeRawPointer(text.utf8Start).assumingMemoryBound(to: CChar.self)
  }
}
