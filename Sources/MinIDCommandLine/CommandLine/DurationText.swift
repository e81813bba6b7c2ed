/// A length of time as options take it: a whole number followed by `s`, `m`, `h` or `d` (`90m`, `24h`,
/// `7d`), or a bare `0`.
enum DurationText {
  static let units: [Character: Int64] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400]
  /// At most a year: a key scheduled further ahead is a typing error.
  static let maximum: Int64 = 366 * 86_400

  /// The number of seconds `text` names, or nil when it is not a duration.
  static func seconds(_ text: String) -> Int64? {
    if text == "0" { return 0 }
    guard let unit = text.last, let factor = units[unit], let number = Int64(text.dropLast()), number >= 0,
      number <= maximum / factor
    else { return nil }
    return number * factor
  }
}

extension Invocation {
  /// A duration option in seconds (`DurationText`), or nil when not given.
  func duration(_ name: String) throws(UsageError) -> Int64? {
    guard let text = value(name), let option = spec(name) else { return nil }
    guard let seconds = DurationText.seconds(text) else {
      throw .invalidValue(
        text, for: option, "expected a whole number with s, m, h or d (as 90m, 24h, 7d), at most 366d, or 0")
    }
    return seconds
  }
}
