import CCrypto

/// SHA-256, HMAC-SHA-256 and constant-time comparison through OpenSSL's libcrypto.
public enum Digest {
  public static func sha256(_ data: [UInt8]) -> [UInt8] {
    var output = [UInt8](repeating: 0, count: 32)
    data.withUnsafeBufferPointer { input in
      output.withUnsafeMutableBufferPointer { out in
        _ = SHA256(input.baseAddress, input.count, out.baseAddress)
      }
    }
    return output
  }

  public static func hmacSHA256(key: [UInt8], _ data: [UInt8]) -> [UInt8] {
    var output = [UInt8](repeating: 0, count: 32)
    var length: UInt32 = 32
    key.withUnsafeBufferPointer { k in
      data.withUnsafeBufferPointer { d in
        output.withUnsafeMutableBufferPointer { out in
          _ = HMAC(
            EVP_sha256(), k.baseAddress, Int32(k.count), d.baseAddress, d.count, out.baseAddress, &length)
        }
      }
    }
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
