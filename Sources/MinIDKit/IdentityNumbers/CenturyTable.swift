/// The individnummer series of Folkeregister regulation §2-2, which give a two-digit year its century.
///
/// minid applies the ordinary table to every kind that encodes a date, as python-stdnum does.
public enum CenturyTable {
  /// The four-digit year for `yy` and `individnummer`, or nil where the table gives no century.
  @inlinable
  public static func year(yy: Int, individnummer: Int) -> Int? {
    switch individnummer {
    case 0...499: return 1900 + yy
    case 500...749 where yy >= 54: return 1800 + yy
    case 500...999 where yy <= 39: return 2000 + yy
    case 900...999 where yy >= 40: return 1900 + yy
    default: return nil
    }
  }

  /// The individnummer ranges a person born in `year` can have, or an empty list outside 1854–2039.
  public static func individnummerRanges(forYear year: Int) -> [ClosedRange<Int>] {
    switch year {
    case 1854...1899: return [500...749]
    case 1900...1939: return [0...499]
    case 1940...1999: return [0...499, 900...999]
    case 2000...2039: return [500...999]
    default: return []
    }
  }
}
