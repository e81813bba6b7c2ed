/// Which rule a number's first check digit satisfies.
///
/// The 1964 rule needs the weighted sum including K1 to leave remainder 0 mod 11. Skatteetaten's rule for
/// numbers issued from 2032 also allows remainders 1, 2 and 3. K2 is the same under both.
public enum ChecksumRule: String, Sendable, CaseIterable {
  /// Remainder 0: valid under the 1964 rule (and under the 2032 rule too).
  case legacy = "legacy"
  /// Remainder 1, 2 or 3: valid only under the 2032 rule, so not issued before 2032-01-01.
  case rule2032 = "2032"

  /// The first day a number under this rule can have been issued.
  public var firstIssueDate: CalendarDate? {
    self == .rule2032 ? CalendarDate(year: 2032, month: 1, day: 1) : nil
  }
}

/// The two mod-11 check digits.
public enum CheckDigits {
  static let weights1: (Int, Int, Int, Int, Int, Int, Int, Int, Int) = (3, 7, 6, 1, 8, 9, 4, 5, 2)
  static let weights2: (Int, Int, Int, Int, Int, Int, Int, Int, Int, Int) = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)

  /// The remainders `r1` (digits 1–10 with weight 1 on K1) and `r2` (digits 1–11 with weight 1 on K2).
  @inlinable
  public static func remainders(_ d: [Int]) -> (r1: Int, r2: Int) {
    precondition(d.count == 11)
    return remainders(
      d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7], d[8], d[9], d[10])
  }

  /// The remainders of the eleven digits given one by one, for the validator's hot path, which has no
  /// array to pass.
  @inlinable
  public static func remainders(
    _ d0: Int, _ d1: Int, _ d2: Int, _ d3: Int, _ d4: Int, _ d5: Int, _ d6: Int, _ d7: Int, _ d8: Int,
    _ d9: Int, _ d10: Int
  ) -> (r1: Int, r2: Int) {
    let s1 = 3 * d0 + 7 * d1 + 6 * d2 + 1 * d3 + 8 * d4 + 9 * d5 + 4 * d6 + 5 * d7 + 2 * d8 + d9
    let s2 = 5 * d0 + 4 * d1 + 3 * d2 + 2 * d3 + 7 * d4 + 6 * d5 + 5 * d6 + 4 * d7 + 3 * d8 + 2 * d9 + d10
    return (s1 % 11, s2 % 11)
  }

  /// The K1 values that make a valid number from the first nine digits under `rule`, with the K2 each
  /// forces; candidates whose K1 or K2 would have to be 10 are left out.
  public static func completions(of prefix: [Int], rule: ChecksumRule) -> [(k1: Int, k2: Int)] {
    precondition(prefix.count == 9)
    let w1 = [3, 7, 6, 1, 8, 9, 4, 5, 2]
    let w2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]
    let s1 = zip(prefix, w1).reduce(0) { $0 + $1.0 * $1.1 }
    let remainders = rule == .legacy ? [0] : [1, 2, 3]
    var result: [(Int, Int)] = []
    for remainder in remainders {
      let k1 = ((remainder - s1) % 11 + 11) % 11
      guard k1 <= 9 else { continue }
      let s2 = zip(prefix + [k1], w2).reduce(0) { $0 + $1.0 * $1.1 }
      let k2 = (11 - s2 % 11) % 11
      guard k2 <= 9 else { continue }
      result.append((k1, k2))
    }
    return result
  }
}
