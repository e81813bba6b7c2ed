import MinIDKit
import Testing

@Suite struct CalendarDateTests {
  @Test func leapYears() {
    #expect(CalendarDate(year: 1900, month: 2, day: 29) == nil)
    #expect(CalendarDate(year: 2000, month: 2, day: 29) != nil)
    #expect(CalendarDate(year: 1996, month: 2, day: 29) != nil)
    #expect(CalendarDate(year: 2026, month: 4, day: 31) == nil)
  }

  @Test func isoParsing() {
    #expect(CalendarDate(iso: "2026-11-25") == CalendarDate(year: 2026, month: 11, day: 25))
    for bad in ["2026-02-30", "26-11-25", "2026/11/25", "2026-1-25", "", "2026-11-2x"] {
      #expect(CalendarDate(iso: bad) == nil, "\(bad)")
    }
  }

  @Test func daysSinceEpochRoundTrips() {
    #expect(CalendarDate(year: 1970, month: 1, day: 1)!.daysSinceEpoch == 0)
    for days in stride(from: -60_000, through: 60_000, by: 37) {
      #expect(CalendarDate(daysSinceEpoch: days).daysSinceEpoch == days)
    }
    #expect(CalendarDate(utcSecondsSinceEpoch: -1) == CalendarDate(year: 1969, month: 12, day: 31))
  }

  @Test func completedYears() {
    let born = CalendarDate(year: 2000, month: 2, day: 29)!
    #expect(born.completedYears(until: CalendarDate(year: 2013, month: 2, day: 28)!) == 12)
    #expect(born.completedYears(until: CalendarDate(year: 2013, month: 3, day: 1)!) == 13)
  }

  @Test func fixedTimeSourceGivesItsDay() {
    let day = CalendarDate(year: 2032, month: 1, day: 1)!
    #expect(FixedTimeSource(date: day).today() == day)
  }
}
