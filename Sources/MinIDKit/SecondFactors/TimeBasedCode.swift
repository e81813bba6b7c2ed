import CCrypto

/// Time-based one-time passwords (RFC 6238 over RFC 4226's HOTP): HMAC-SHA-1 through OpenSSL, 30-second
/// steps from the Unix epoch, 6 digits, as authenticator apps make them by default (decisions §9).
public struct TimeBasedCode: Sendable {
  /// The shared secret: 20 random bytes (160 bits, RFC 4226 §4 R6) for a new enrolment.
  public let secret: [UInt8]
  /// The step length in seconds (RFC 6238 §4.1 X).
  public let period: Int64
  /// The code's length in digits (RFC 4226 §5.3 Digit).
  public let digits: Int

  /// How many steps either side of the current one a code may come from: one (RFC 6238 §5.2 recommends at
  /// most one step of network delay), so a code is good for about 90 seconds.
  public static let allowedSkew: Int64 = 1

  /// A generator for `secret`; `period` in seconds, `digits` 6 by default, as authenticator apps use.
  public init(secret: [UInt8], period: Int64 = 30, digits: Int = 6) {
    self.secret = secret
    self.period = period
    self.digits = digits
  }

  /// The step a time falls in: `floor(seconds / period)` (RFC 6238 §4.2, T0 = 0).
  public func step(at seconds: Int64) -> Int64 {
    seconds >= 0 ? seconds / period : (seconds - period + 1) / period
  }

  /// The code of one step, zero-padded to `digits` (RFC 4226 §5.3, dynamic truncation).
  public func code(step: Int64) -> String {
    var counter = [UInt8](repeating: 0, count: 8)
    for index in 0..<8 {
      counter[7 - index] = UInt8(truncatingIfNeeded: UInt64(bitPattern: step) >> (8 * index))
    }
    let mac = Self.hmacSHA1(key: secret, counter)
    let offset = Int(mac[19] & 0x0F)
    let binary =
      (UInt32(mac[offset] & 0x7F) << 24) | (UInt32(mac[offset + 1]) << 16) | (UInt32(mac[offset + 2]) << 8)
      | UInt32(mac[offset + 3])
    var modulus: UInt32 = 1
    for _ in 0..<digits { modulus *= 10 }
    let text = String(binary % modulus)
    return String(repeating: "0", count: digits - text.count) + text
  }

  /// The step whose code `typed` is, looking `allowedSkew` steps either way of `seconds` and only at steps
  /// after `usedStep` (RFC 6238 §5.2: a code is accepted once); nil when none matches. Every candidate is
  /// compared in constant time.
  public func matchingStep(_ typed: String, at seconds: Int64, after usedStep: Int64?) -> Int64? {
    let given = Array(typed.filter { $0 != " " }.utf8)
    guard given.count == digits, given.allSatisfy({ (48...57).contains($0) }) else { return nil }
    let now = step(at: seconds)
    var found: Int64?
    for candidate in (now - Self.allowedSkew)...(now + Self.allowedSkew) {
      if let usedStep, candidate <= usedStep { continue }
      if Digest.constantTimeEqual(Array(code(step: candidate).utf8), given), found == nil {
        found = candidate
      }
    }
    return found
  }

  /// HMAC-SHA-1 (RFC 2104) through OpenSSL's one-shot `EVP_Q_mac`.
  static func hmacSHA1(key: [UInt8], _ data: [UInt8]) -> [UInt8] {
    var output = [UInt8](repeating: 0, count: 20)
    var length = 0
    let result = key.withUnsafeBytes { k in
      data.withUnsafeBytes { d in
        output.withUnsafeMutableBytes { out in
          EVP_Q_mac(
            nil, "HMAC", nil, "SHA1", nil, k.baseAddress, k.count,
            d.baseAddress?.assumingMemoryBound(to: UInt8.self),
            d.count, out.baseAddress?.assumingMemoryBound(to: UInt8.self), 20, &length)
        }
      }
    }
    precondition(result != nil && length == 20, "OpenSSL failed to compute HMAC-SHA-1")
    return output
  }
}
