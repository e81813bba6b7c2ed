/// Writes JSON straight into bytes: fast enough to stream a JSON Lines record per number for millions of
/// numbers, with correct escaping of control characters and invalid UTF-8.
struct JSONWriter {
  private(set) var bytes: [UInt8] = []
  private var needsComma: [Bool] = []

  init() { bytes.reserveCapacity(256) }

  mutating func reset() {
    bytes.removeAll(keepingCapacity: true)
    needsComma.removeAll(keepingCapacity: true)
  }

  private mutating func separate() {
    if let last = needsComma.last {
      if last { bytes.append(UInt8(ascii: ",")) }
      needsComma[needsComma.count - 1] = true
    }
  }

  mutating func beginObject() {
    separate()
    bytes.append(UInt8(ascii: "{"))
    needsComma.append(false)
  }

  mutating func endObject() {
    needsComma.removeLast()
    bytes.append(UInt8(ascii: "}"))
  }

  mutating func beginArray() {
    separate()
    bytes.append(UInt8(ascii: "["))
    needsComma.append(false)
  }

  mutating func endArray() {
    needsComma.removeLast()
    bytes.append(UInt8(ascii: "]"))
  }

  /// A key inside an object; the next value written belongs to it.
  mutating func key(_ name: StaticString) {
    separate()
    bytes.append(UInt8(ascii: "\""))
    bytes.append(contentsOf: UnsafeRawBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
    bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
    needsComma[needsComma.count - 1] = false
  }

  mutating func key(_ name: String) {
    separate()
    appendString(Array(name.utf8))
    bytes.append(UInt8(ascii: ":"))
    needsComma[needsComma.count - 1] = false
  }

  mutating func string(_ value: String) {
    separate()
    appendString(Array(value.utf8))
  }

  /// A string from raw bytes; invalid UTF-8 becomes U+FFFD.
  mutating func string(bytes value: UnsafeRawBufferPointer) {
    separate()
    let isASCII = value.allSatisfy { $0 < 0x80 }
    if isASCII {
      appendString(value)
    } else {
      appendString(Array(String(decoding: value, as: UTF8.self).utf8))
    }
  }

  /// Ends a JSON Lines record.
  mutating func newline() { bytes.append(10) }

  mutating func bool(_ value: Bool) {
    separate()
    bytes.append(contentsOf: value ? Array("true".utf8) : Array("false".utf8))
  }

  mutating func int(_ value: Int) {
    separate()
    bytes.append(contentsOf: Array(String(value).utf8))
  }

  /// A finite number as Swift prints it (`0.4`, `12.0`); not finite is `null`, which JSON has instead.
  mutating func number(_ value: Double) {
    guard value.isFinite else { return null() }
    separate()
    bytes.append(contentsOf: String(value).utf8)
  }

  mutating func null() {
    separate()
    bytes.append(contentsOf: Array("null".utf8))
  }

  mutating func optionalString(_ value: String?) {
    if let value { string(value) } else { null() }
  }

  private mutating func appendString<C: Collection<UInt8>>(_ value: C) {
    bytes.append(UInt8(ascii: "\""))
    let hex: [UInt8] = Array("0123456789abcdef".utf8)
    for byte in value {
      switch byte {
      case UInt8(ascii: "\""): bytes.append(contentsOf: [92, 34])
      case UInt8(ascii: "\\"): bytes.append(contentsOf: [92, 92])
      case 10: bytes.append(contentsOf: [92, UInt8(ascii: "n")])
      case 13: bytes.append(contentsOf: [92, UInt8(ascii: "r")])
      case 9: bytes.append(contentsOf: [92, UInt8(ascii: "t")])
      case 0..<32, 127:
        bytes.append(contentsOf: [92, UInt8(ascii: "u"), 48, 48, hex[Int(byte >> 4)], hex[Int(byte & 15)]])
      default: bytes.append(byte)
      }
    }
    bytes.append(UInt8(ascii: "\""))
  }
}
