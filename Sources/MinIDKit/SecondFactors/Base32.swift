/// RFC 4648 §6 base32, upper case and without padding: how an `otpauth://` URI carries a TOTP secret
/// (Google Authenticator's Key Uri Format) and how a person types one in by hand.
public enum Base32 {
  static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

  /// `data` in base32, upper case, unpadded.
  public static func encode(_ data: [UInt8]) -> String {
    var out: [UInt8] = []
    var buffer: UInt32 = 0
    var bits = 0
    for byte in data {
      buffer = buffer << 8 | UInt32(byte)
      bits += 8
      while bits >= 5 {
        bits -= 5
        out.append(alphabet[Int(buffer >> UInt32(bits) & 31)])
      }
    }
    if bits > 0 { out.append(alphabet[Int(buffer << UInt32(5 - bits) & 31)]) }
    return String(decoding: out, as: UTF8.self)
  }
}
