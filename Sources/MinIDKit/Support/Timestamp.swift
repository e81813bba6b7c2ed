/// A moment in whole seconds since 1970-01-01T00:00:00Z: how the store keeps every time.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
  /// Seconds since 1970-01-01T00:00:00Z.
  public let seconds: Int64

  /// The moment `seconds` after 1970-01-01T00:00:00Z.
  public init(seconds: Int64) { self.seconds = seconds }

  /// Whether `lhs` is the earlier moment.
  public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.seconds < rhs.seconds }

  /// The moment `delta` seconds later (earlier when negative).
  public func adding(seconds delta: Int64) -> Timestamp { Timestamp(seconds: seconds + delta) }
  /// The moment `days` × 86,400 seconds later; no leap seconds, as Unix time.
  public func adding(days: Int) -> Timestamp { adding(seconds: Int64(days) * 86_400) }

  /// The UTC calendar day of this moment.
  public var date: CalendarDate { CalendarDate(utcSecondsSinceEpoch: seconds) }

  /// RFC 3339 in UTC: `2026-11-25T10:00:00Z`.
  public var rfc3339: String {
    let day = ((seconds % 86_400) + 86_400) % 86_400
    func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
    return "\(date)T\(two(day / 3600)):\(two(day / 60 % 60)):\(two(day % 60))Z"
  }

  /// Parses `YYYY-MM-DD` (midnight UTC) or `YYYY-MM-DDTHH:MM:SSZ`.
  public init?(rfc3339 text: String) {
    if let date = CalendarDate(iso: text) {
      self.init(seconds: Int64(date.daysSinceEpoch) * 86_400)
      return
    }
    let bytes = Array(text.utf8)
    guard bytes.count == 20, bytes[10] == UInt8(ascii: "T"), bytes[19] == UInt8(ascii: "Z"),
      bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
      let date = CalendarDate(iso: String(decoding: bytes[0..<10], as: UTF8.self)),
      let hour = Int(String(decoding: bytes[11..<13], as: UTF8.self)), (0..<24).contains(hour),
      let minute = Int(String(decoding: bytes[14..<16], as: UTF8.self)), (0..<60).contains(minute),
      let second = Int(String(decoding: bytes[17..<19], as: UTF8.self)), (0..<60).contains(second)
    else { return nil }
    self.init(seconds: Int64(date.daysSinceEpoch) * 86_400 + Int64(hour * 3600 + minute * 60 + second))
  }

  /// The RFC 3339 UTC form, as `rfc3339`.
  public var description: String { rfc3339 }

  /// Encodes the RFC 3339 UTC form, as every `--json` time is.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(rfc3339)
  }

  /// Decodes an RFC 3339 UTC time.
  /// - Throws: `DecodingError.dataCorrupted` for any other string.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    guard let value = Timestamp(rfc3339: text) else {
      throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an RFC 3339 UTC time")
    }
    self = value
  }
}

extension TimeSource {
  /// The current moment as a `Timestamp`.
  public var timestamp: Timestamp { Timestamp(seconds: now()) }
}
