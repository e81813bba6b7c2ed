/// Passwords too common to allow: Django's list of 20,000 common passwords (BSD-3-Clause), reduced to the
/// entries minid's other rules would let through; the data file, its source and licence are in
/// `CommonPasswords/`. Compared case-insensitively, whole password only (NIST SP 800-63B: a blocklist of
/// commonly used values).
public enum CommonPasswords {
  /// Built once, on first use.
  static let entries: Set<String> = Set(list.split(separator: "\n").map(String.init))

  /// Whether `password`, lower-cased, is on the list.
  public static func contains(_ password: String) -> Bool { entries.contains(password.lowercased()) }

  /// How many passwords the list has.
  public static var count: Int { entries.count }
}
