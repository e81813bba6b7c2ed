/// How the audit trail records the store's settings, so that a settings row changed behind minid's back
/// (production → test with an SQL editor) is found by `audit verify` and `db check`.
///
/// Every change of settings, `minid init` included, appends a `settings.change` entry whose detail names
/// each setting that changed with its old and new value, and ends with the digest of all settings after
/// the change:
///
///     environment: (none) → production; issuer: (none) → https://login.example.no; …; settings sha256 <b64>
///
/// The digest is SHA-256 over `name=value\n` for every `StoreSettings.recordedValues` pair sorted by name,
/// base64url. Settings values are validated before they are stored (no issuer has a space), so `"; "`
/// and `" → "` never occur inside a recorded value and the detail reads back unambiguously.
public enum SettingsRecord {
  /// What a setting had before it existed, in a detail.
  static let none = "(none)"
  static let digestPrefix = "settings sha256 "

  /// The digest of a set of settings.
  public static func digest(_ settings: StoreSettings) -> String {
    var text = ""
    for (name, value) in settings.recordedValues.sorted(by: { $0.name < $1.name }) {
      text += name + "=" + value + "\n"
    }
    return Base64.encode(Digest.sha256(Array(text.utf8)), urlSafe: true)
  }

  /// The detail of the `settings.change` entry for a change from `old` (nil when the store is new) to
  /// `new`; nil when nothing changed.
  public static func detail(from old: StoreSettings?, to new: StoreSettings) -> String? {
    let before = Dictionary(old?.recordedValues ?? [], uniquingKeysWith: { first, _ in first })
    let changes = new.recordedValues.filter { before[$0.name] != $0.value }
    guard !changes.isEmpty else { return nil }
    let parts = changes.map { "\($0.name): \(before[$0.name] ?? none) → \($0.value)" }
    return (parts + [digestPrefix + digest(new)]).joined(separator: "; ")
  }

  /// What the `settings.change` entries say the settings are: each setting's latest recorded value, and
  /// the digest of the latest entry that carries one.
  public struct Replay: Sendable, Equatable {
    /// Each setting's value as the trail last recorded it, by name.
    public private(set) var values: [String: String] = [:]
    /// The digest of the settings the trail last recorded.
    public private(set) var digest: String?

    /// A replay before the first entry.
    public init() {}

    /// Takes in one entry; entries of other actions are ignored.
    public mutating func apply(_ entry: AuditEntry) {
      guard entry.action == AuditAction.settingsChange.rawValue, entry.outcome == .ok else { return }
      for part in entry.detail.components(separatedBy: "; ") where !part.hasPrefix(AuditActor.labelPrefix) {
        if part.hasPrefix(SettingsRecord.digestPrefix) {
          digest = String(part.dropFirst(SettingsRecord.digestPrefix.count))
          continue
        }
        guard let colon = part.range(of: ": "),
          let arrow = part.range(of: " → ", range: colon.upperBound..<part.endIndex)
        else { continue }
        values[String(part[..<colon.lowerBound])] = String(part[arrow.upperBound...])
      }
    }

    /// The settings whose current value is not the recorded one, by name; empty when `current` matches
    /// the record, or when nothing was ever recorded (a store made before settings were recorded).
    public func changedOutsideMinID(_ current: StoreSettings) -> [String] {
      guard let digest, digest != SettingsRecord.digest(current) else { return [] }
      let named = current.recordedValues.filter { values[$0.name] != $0.value }.map(\.name)
      return named.isEmpty ? ["the settings digest"] : named
    }
  }
}
