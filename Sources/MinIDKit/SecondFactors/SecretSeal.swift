import CCrypto

/// Seals a secret the store must be able to read again (a TOTP secret, which a hash cannot replace) with
/// AES-256-GCM through OpenSSL. The key is derived from the store's code key (HMAC-SHA-256 over a label),
/// so no new store secret is needed; the additional data binds a sealed value to its purpose and account,
/// so a value copied to another account's row does not open.
///
/// The store holds its keys beside the rows, so this protects a secret from whatever sees the row but not
/// the keys (a query's output, a table copied out, a log), not from someone who holds the whole store.
/// Layout: 12-byte nonce ‖ ciphertext ‖ 16-byte tag.
struct SecretSeal {
  let key: [UInt8]

  init(codeKey: [UInt8]) {
    key = Digest.hmacSHA256(key: codeKey, Array("minid secret seal v1".utf8))
  }

  func seal(_ plaintext: [UInt8], context: String, nonce: [UInt8]) throws(CryptoError) -> [UInt8] {
    precondition(nonce.count == 12)
    guard let cipher = EVP_CIPHER_fetch(nil, "AES-256-GCM", nil) else {
      throw .openSSL("fetching AES-256-GCM")
    }
    defer { EVP_CIPHER_free(cipher) }
    guard let state = EVP_CIPHER_CTX_new() else { throw .openSSL("creating a cipher context") }
    defer { EVP_CIPHER_CTX_free(state) }
    let aad = Array(context.utf8)
    var out = [UInt8](repeating: 0, count: plaintext.count + 16)
    var tag = [UInt8](repeating: 0, count: 16)
    var length: Int32 = 0
    guard EVP_EncryptInit_ex2(state, cipher, key, nonce, nil) == 1,
      EVP_EncryptUpdate(state, nil, &length, aad, Int32(aad.count)) == 1,
      EVP_EncryptUpdate(state, &out, &length, plaintext, Int32(plaintext.count)) == 1
    else { throw .openSSL("sealing a secret") }
    let written = Int(length)
    var tail = [UInt8](repeating: 0, count: 16)
    guard EVP_EncryptFinal_ex(state, &tail, &length) == 1,
      EVP_CIPHER_CTX_ctrl(state, EVP_CTRL_GCM_GET_TAG, 16, &tag) == 1
    else { throw .openSSL("sealing a secret") }
    return nonce + out.prefix(written) + tail.prefix(Int(length)) + tag
  }

  /// The plaintext, or nil when the value was not sealed under this key for this context (or was altered).
  func open(_ sealed: [UInt8], context: String) -> [UInt8]? {
    guard sealed.count >= 28, let cipher = EVP_CIPHER_fetch(nil, "AES-256-GCM", nil) else { return nil }
    defer { EVP_CIPHER_free(cipher) }
    guard let state = EVP_CIPHER_CTX_new() else { return nil }
    defer { EVP_CIPHER_CTX_free(state) }
    let nonce = Array(sealed.prefix(12))
    let body = Array(sealed.dropFirst(12).dropLast(16))
    var tag = Array(sealed.suffix(16))
    let aad = Array(context.utf8)
    var out = [UInt8](repeating: 0, count: body.count + 16)
    var length: Int32 = 0
    guard EVP_DecryptInit_ex2(state, cipher, key, nonce, nil) == 1,
      EVP_DecryptUpdate(state, nil, &length, aad, Int32(aad.count)) == 1,
      EVP_DecryptUpdate(state, &out, &length, body, Int32(body.count)) == 1
    else { return nil }
    let written = Int(length)
    var tail = [UInt8](repeating: 0, count: 16)
    guard EVP_CIPHER_CTX_ctrl(state, EVP_CTRL_GCM_SET_TAG, 16, &tag) == 1,
      EVP_DecryptFinal_ex(state, &tail, &length) == 1
    else { return nil }
    return Array(out.prefix(written)) + tail.prefix(Int(length))
  }
}
