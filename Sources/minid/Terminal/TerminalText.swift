/// Makes untrusted input safe to echo on a terminal: control characters shown as `\xNN`, invalid UTF-8
/// replaced, cut lines marked.
enum TerminalText {
  static func sanitized(_ bytes: UnsafeRawBufferPointer, truncated: Bool = false) -> String {
    var clean =
      bytes.allSatisfy { $0 >= 32 && $0 < 127 }
      ? String(decoding: bytes, as: UTF8.self)
      : String(
        String(decoding: bytes, as: UTF8.self).unicodeScalars.map { scalar -> String in
          if scalar.value < 32 || scalar.value == 127 || (0x80..<0xA0).contains(scalar.value) {
            let hex = String(scalar.value, radix: 16)
            return "\\x" + (hex.count < 2 ? "0" + hex : hex)
          }
          return String(scalar)
        }.joined())
    if truncated { clean += "…" }
    return clean
  }
}
