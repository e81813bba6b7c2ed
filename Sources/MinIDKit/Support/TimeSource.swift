import Foundation

/// Where the library reads the current time; injected so tests and `--today` runs reproduce.
public protocol TimeSource: Sendable {
  /// Seconds since 1970-01-01T00:00:00Z.
  func now() -> Int64
}

extension TimeSource {
  /// The current UTC calendar day.
  public func today() -> CalendarDate { CalendarDate(utcSecondsSinceEpoch: now()) }
}

/// The machine's real clock.
public struct SystemTimeSource: TimeSource {
  /// The system clock.
  public init() {}
  /// Whole seconds since 1970-01-01T00:00:00Z, rounded down.
  public func now() -> Int64 { Int64(Date().timeIntervalSince1970.rounded(.down)) }
}

/// A clock that stands still at a given moment, for tests and reproducible runs.
public struct FixedTimeSource: TimeSource {
  /// The moment, in seconds since 1970-01-01T00:00:00Z.
  public let seconds: Int64
  /// A clock stopped at `seconds` since 1970-01-01T00:00:00Z.
  public init(seconds: Int64) { self.seconds = seconds }
  /// Midday UTC of `date`, so the calendar day is the same in every Norwegian time zone.
  public init(date: CalendarDate) { self.seconds = Int64(date.daysSinceEpoch) * 86400 + 43200 }
  /// The moment it stands at.
  public func now() -> Int64 { seconds }
}
