/// How the audit trail records the signing keys, so that a key added, swapped, activated or retired
/// behind minid's back is found by `audit verify` and `db check`.
///
/// Every key event appends an entry (`key.add`, `key.activate`, `key.retire`) whose detail names each key
/// whose state changed, and ends with the digest of the whole key set after the event:
///
///     <kid>: (none) → published; ES256; keys sha256 <b64>
///     <kid>: published → active; <old kid>: active → published; keys sha256 <b64>
///
/// A state is `published`, `active`, `active from <RFC 3339 time>` (a key activated at a time, which signs
/// from then on: `SigningKeySchedule`) or `retired`; a state never depends on the clock, so the digest
/// changes only with an event. The digest is SHA-256 over `kid alg thumbprint state\n`
/// per key, sorted by kid, base64url, where the thumbprint is the RFC 7638 one of the stored public key.
/// A kid is itself that thumbprint, so a key whose stored public key no longer matches its kid was
/// swapped. Details name kids, algorithms and states only, never key material.
public enum KeySetRecord {
  static let none = "(none)"
  static let digestPrefix = "keys sha256 "

  /// A key's state as the record names it.
  public static func state(of key: PublicSigningKey) -> String {
    if key.isActive { return "active" }
    if key.retiredAt != nil { return "retired" }
    if let activation = key.activatesAt { return activeFrom(activation) }
    return "published"
  }

  /// The state of a key activated at `time`.
  public static func activeFrom(_ time: Timestamp) -> String { "active from \(time.rfc3339)" }

  /// The digest of a key set.
  public static func digest(_ keys: [PublicSigningKey]) -> String {
    var text = ""
    for key in keys.sorted(by: { $0.kid < $1.kid }) {
      text += "\(key.kid) \(key.algorithm.rawValue) \(key.publicKey.thumbprint) \(state(of: key))\n"
    }
    return Base64.encode(Digest.sha256(Array(text.utf8)), urlSafe: true)
  }

  /// One key's change of state.
  public struct Change: Sendable, Equatable {
    /// The key.
    public let kid: String
    /// nil when the key did not exist before.
    public let from: String?
    /// Its state after: `published`, `active` or `retired`.
    public let to: String

    /// A change of `kid` from `from` to `to`.
    public init(kid: String, from: String?, to: String) {
      self.kid = kid
      self.from = from
      self.to = to
    }
  }

  /// The detail of a key entry: the changes, the algorithm when a key was added, and the digest of `keys`,
  /// the whole set after the event.
  public static func detail(_ changes: [Change], algorithm: SigningAlgorithm? = nil, keys: [PublicSigningKey])
    -> String
  {
    var parts = changes.map { "\($0.kid): \($0.from ?? none) → \($0.to)" }
    if let algorithm { parts.append(algorithm.rawValue) }
    parts.append(digestPrefix + digest(keys))
    return parts.joined(separator: "; ")
  }

  /// What the key entries say the key set is: each kid's latest recorded state, and the digest of the
  /// latest entry that carries one. Entries written before keys were recorded (`key.create`,
  /// `key.rotate`, a `key.retire` whose detail is the bare kid) are read too, for their states.
  public struct Replay: Sendable, Equatable {
    /// Each key's state as the trail last recorded it, by kid.
    public private(set) var states: [String: String] = [:]
    /// The digest of the key set the trail last recorded.
    public private(set) var digest: String?

    /// A replay before the first entry.
    public init() {}

    /// Takes in one entry; entries of other actions are ignored.
    public mutating func apply(_ entry: AuditEntry) {
      guard entry.outcome == .ok else { return }
      let parts = entry.detail.components(separatedBy: "; ").filter { !$0.hasPrefix(AuditActor.labelPrefix) }
      switch entry.action {
      case AuditAction.keyAdd.rawValue, AuditAction.keyActivate.rawValue, AuditAction.keyRetire.rawValue:
        var changed = false
        for part in parts {
          if part.hasPrefix(KeySetRecord.digestPrefix) {
            digest = String(part.dropFirst(KeySetRecord.digestPrefix.count))
          } else if let colon = part.range(of: ": "),
            let arrow = part.range(of: " → ", range: colon.upperBound..<part.endIndex)
          {
            states[String(part[..<colon.lowerBound])] = String(part[arrow.upperBound...])
            changed = true
          }
        }
        if !changed, entry.action == AuditAction.keyRetire.rawValue, let kid = parts.first {
          states[kid] = "retired"
        }
      case AuditAction.keyCreate.rawValue, AuditAction.keyRotate.rawValue:
        // "<alg> <kid>; active"
        guard let kid = parts.first?.split(separator: " ").last.map(String.init) else { return }
        for (other, state) in states where state == "active" { states[other] = "published" }
        states[kid] = "active"
      default:
        return
      }
    }

    /// What differs between `current` and the record: keys whose public key is not the one their kid
    /// names (always checked), and, when a digest was recorded and differs, each kid whose state differs.
    public func changedOutsideMinID(_ current: [PublicSigningKey]) -> [String] {
      var findings = current.filter { $0.publicKey.thumbprint != $0.kid }.map {
        "\($0.kid.prefix(64)) (public key replaced: not the one its kid names)"
      }
      if let digest, digest != KeySetRecord.digest(current) {
        let found = Dictionary(
          current.map { ($0.kid, KeySetRecord.state(of: $0)) }, uniquingKeysWith: { a, _ in a })
        for kid in Set(states.keys).union(found.keys).sorted() where states[kid] != found[kid] {
          findings.append(
            "\(kid.prefix(64)) (recorded \(states[kid] ?? KeySetRecord.none), found \(found[kid] ?? KeySetRecord.none))"
          )
        }
        if findings.isEmpty { findings.append("the key set digest") }
      }
      return findings
    }
  }
}
