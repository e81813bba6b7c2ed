import CCrypto

/// SHA-256, HMAC-SHA-256 and constant-time comparison through OpenSSL's libcrypto.
///
/// OpenSSL 3's one-shot `SHA256()` and `HMAC()` look the algorithm up in the provider on every call, which
/// costs more than the hashing of short inputs; bulk import hashes millions. So the algorithms are fetched
/// once, and each HMAC key gets a keyed context that every call duplicates.
public enum Digest {
  private struct Fetched: @unchecked Sendable {
    let sha256: OpaquePointer
    let hmac: OpaquePointer
  }

  private static let fetched = Fetched(
    sha256: EVP_MD_fetch(nil, "SHA256", nil)!, hmac: EVP_MAC_fetch(nil, "HMAC", nil)!)

  /// Keyed HMAC contexts by key; store keys are few and live as long as the process.
  private final class KeyedContexts: @unchecked Sendable {
    var contexts: [[UInt8]: OpaquePointer] = [:]
    let lock = NSLockLike()
  }

  private static let keyed = KeyedContexts()

  /// SHA-256 of `data` (FIPS 180-4): 32 bytes.
  public static func sha256(_ data: [UInt8]) -> [UInt8] {
    var output = [UInt8](repeating: 0, count: 32)
    guard let context = EVP_MD_CTX_new() else { preconditionFailure("OpenSSL could not allocate a digest") }
    defer { EVP_MD_CTX_free(context) }
    var length: UInt32 = 32
    let ok = data.withUnsafeBytes { input in
      output.withUnsafeMutableBufferPointer { out in
        EVP_DigestInit_ex2(context, fetched.sha256, nil) == 1
          && EVP_DigestUpdate(context, input.baseAddress, input.count) == 1
          && EVP_DigestFinal_ex(context, out.baseAddress, &length) == 1
      }
    }
    precondition(ok, "OpenSSL failed to compute SHA-256")
    return output
  }

  /// HMAC-SHA-256 of `data` under `key` (RFC 2104): 32 bytes. The keyed pseudonyms, code hashes and
  /// pairwise subjects are made with it.
  public static func hmacSHA256(key: [UInt8], _ data: [UInt8]) -> [UInt8] {
    let template = keyed.lock.withLock { () -> OpaquePointer in
      if let existing = keyed.contexts[key] { return existing }
      let context = EVP_MAC_CTX_new(fetched.hmac)!
      var params = [
        OSSL_PARAM_construct_utf8_string(
          UnsafeRawPointer(("digest" as StaticString).utf8Start).assumingMemoryBound(to: CChar.self),
          UnsafeMutableRawPointer(mutating: ("SHA256" as StaticString).utf8Start).assumingMemoryBound(
            to: CChar.self), 0),
        OSSL_PARAM_construct_end(),
      ]
      let ok = key.withUnsafeBufferPointer { k in
        params.withUnsafeMutableBufferPointer {
          EVP_MAC_init(context, k.baseAddress, k.count, $0.baseAddress)
        }
      }
      precondition(ok == 1, "OpenSSL could not key HMAC")
      keyed.contexts[key] = context
      return context
    }
    guard let context = EVP_MAC_CTX_dup(template) else {
      preconditionFailure("OpenSSL could not copy an HMAC context")
    }
    defer { EVP_MAC_CTX_free(context) }
    var output = [UInt8](repeating: 0, count: 32)
    var length = 0
    let ok = data.withUnsafeBytes { input in
      output.withUnsafeMutableBufferPointer { out in
        EVP_MAC_update(context, input.baseAddress?.assumingMemoryBound(to: UInt8.self), input.count) == 1
          && EVP_MAC_final(context, out.baseAddress, &length, 32) == 1
      }
    }
    precondition(ok && length == 32, "OpenSSL failed to compute HMAC-SHA-256")
    return output
  }

  /// True when equal, in time that depends only on the length (`CRYPTO_memcmp`).
  public static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    guard a.count == b.count else { return false }
    guard !a.isEmpty else { return true }
    return a.withUnsafeBytes { x in
      b.withUnsafeBytes { y in CRYPTO_memcmp(x.baseAddress, y.baseAddress, a.count) == 0 }
    }
  }
}

/// RFC 4648 base64 and base64url, without padding (PHC strings and JOSE both omit it).
public enum Base64 {
  static let standard = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
  static let url = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

  static let reverseStandard = reverseTable(standard)
  static let reverseURL = reverseTable(url)

  static func reverseTable(_ table: [UInt8]) -> [Int8] {
    var reverse = [Int8](repeating: -1, count: 256)
    for (index, byte) in table.enumerated() { reverse[Int(byte)] = Int8(index) }
    return reverse
  }

  /// `data` in base64 (RFC 4648 §4), or, with `urlSafe`, in base64url without padding (§5), as JOSE
  /// uses it.
  public static func encode(_ data: [UInt8], urlSafe: Bool = false) -> String {
    let table = urlSafe ? url : standard
    var out: [UInt8] = []
    out.reserveCapacity((data.count + 2) / 3 * 4)
    var index = 0
    while index + 3 <= data.count {
      let n = UInt32(data[index]) << 16 | UInt32(data[index + 1]) << 8 | UInt32(data[index + 2])
      out += [
        table[Int(n >> 18 & 63)], table[Int(n >> 12 & 63)], table[Int(n >> 6 & 63)], table[Int(n & 63)],
      ]
      index += 3
    }
    let rest = data.count - index
    if rest == 1 {
      let n = UInt32(data[index]) << 16
      out += [table[Int(n >> 18 & 63)], table[Int(n >> 12 & 63)]]
    } else if rest == 2 {
      let n = UInt32(data[index]) << 16 | UInt32(data[index + 1]) << 8
      out += [table[Int(n >> 18 & 63)], table[Int(n >> 12 & 63)], table[Int(n >> 6 & 63)]]
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Decodes unpadded base64 (or base64url); nil on any other character, on padding, or on non-zero
  /// trailing bits (the PHC spec lets consumers reject those, and a canonical form is safer to compare).
  public static func decode(_ text: String, urlSafe: Bool = false) -> [UInt8]? {
    decode(Array(text.utf8)[...], urlSafe: urlSafe)
  }

  /// Decodes unpadded base64 from bytes.
  public static func decode(_ bytes: ArraySlice<UInt8>, urlSafe: Bool = false) -> [UInt8]? {
    let reverse = urlSafe ? reverseURL : reverseStandard
    guard bytes.count % 4 != 1 else { return nil }
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count * 3 / 4)
    var buffer: UInt32 = 0
    var bits = 0
    for byte in bytes {
      let value = reverse[Int(byte)]
      guard value >= 0 else { return nil }
      buffer = buffer << 6 | UInt32(value)
      bits += 6
      if bits >= 8 {
        bits -= 8
        out.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
      }
    }
    guard buffer & ((1 << UInt32(bits)) - 1) == 0 else { return nil }
    return out
  }
}
