/// Rows in the text format of PostgreSQL's `COPY … FROM STDIN`: fields separated by tabs, rows ended by a
/// newline, `\N` for NULL, and a backslash before the characters the format gives a meaning (backslash,
/// tab, newline, carriage return), so no value can end its field or row early.
struct PostgresCopyText {
  private(set) var bytes: [UInt8] = []

  mutating func reserve(_ count: Int) { bytes.reserveCapacity(count) }

  mutating func append(_ value: SQLValue) {
    switch value {
    case .null: bytes += [0x5C, 0x4E]  // \N
    case .integer(let number): bytes += String(number).utf8
    case .text(let text): escape(text.utf8)
    case .blob(let data):
      // bytea's hex form, `\x…`, with its backslash escaped for COPY.
      bytes += [0x5C, 0x5C, 0x78]
      let digits = Array("0123456789abcdef".utf8)
      for byte in data {
        bytes.append(digits[Int(byte >> 4)])
        bytes.append(digits[Int(byte & 0xF)])
      }
    }
  }

  /// Ends a field: the row too when `row`.
  mutating func end(field row: Bool) { bytes.append(row ? 0x0A : 0x09) }

  private mutating func escape(_ text: String.UTF8View) {
    for byte in text {
      switch byte {
      case 0x5C: bytes += [0x5C, 0x5C]
      case 0x09: bytes += [0x5C, 0x74]
      case 0x0A: bytes += [0x5C, 0x6E]
      case 0x0D: bytes += [0x5C, 0x72]
      default: bytes.append(byte)
      }
    }
  }
}
