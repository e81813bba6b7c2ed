/// The fields that decide whether a key signs at a given time; both key types have them.
public protocol ScheduledSigningKey {
  var kid: String { get }
  var isActive: Bool { get }
  var activatesAt: Timestamp? { get }
  var retiredAt: Timestamp? { get }
}

extension SigningKey: ScheduledSigningKey {}
extension PublicSigningKey: ScheduledSigningKey {}

/// Which key signs at a given moment. Relying parties fetch the JWKS and cache it, so a new key must be
/// published before it signs (the JWKS rollover of OpenID Connect Core §10.1.1): a key activated by
/// `keys activate` or `keys rotate` carries the time it starts to sign, and the signing key is chosen by
/// time when a token or checkpoint is signed, with no write when that time passes.
///
/// Of the keys not retired, those that may sign are the ones whose activation time has come, and a key
/// without one that carries the `active` flag (a store's first key, and keys activated before activation
/// times were kept). Among them the latest activation wins (the flagged key counts as the earliest); equal
/// times go to the smaller kid, so every reader picks the same key.
public enum SigningKeySchedule {
  /// The key that signs at `now`, or nil when none may.
  public static func signing<Key: ScheduledSigningKey>(_ keys: [Key], at now: Timestamp) -> Key? {
    keys.filter { key in
      key.retiredAt == nil && (key.activatesAt.map { $0 <= now } ?? key.isActive)
    }.min { a, b in
      let (ta, tb) = (a.activatesAt?.seconds ?? Int64.min, b.activatesAt?.seconds ?? Int64.min)
      return ta != tb ? ta > tb : a.kid < b.kid
    }
  }

  /// A key's state at `now` as `keys list` shows it: `active` (signs now), `scheduled` (signs from its
  /// activation time), `published` (in the JWKS, not signing) or `retired`.
  public static func state<Key: ScheduledSigningKey>(of key: Key, among keys: [Key], at now: Timestamp)
    -> String
  {
    if key.retiredAt != nil { return "retired" }
    if signing(keys, at: now)?.kid == key.kid { return "active" }
    if let activation = key.activatesAt, activation > now { return "scheduled" }
    return "published"
  }
}
