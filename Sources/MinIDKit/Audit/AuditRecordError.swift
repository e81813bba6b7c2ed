/// Settings or signing keys differ from what the audit trail recorded: someone changed them without minid.
public struct AuditRecordError: MinIDError {
  /// The settings that differ, by name.
  public let settings: [String]
  /// One finding per key, naming the kid.
  public let keys: [String]

  /// The findings: settings by name, keys by kid.
  public init(settings: [String], keys: [String]) {
    self.settings = settings
    self.keys = keys
  }

  /// The stable snake_case code scripts match on (`MinIDError.code`).
  public var code: String { "changed_outside_minid" }
  /// What kind of failure this is; the command line chooses the exit status from it.
  public var category: ErrorCategory { .io }
  /// The sentence shown: it names the field and the rule, never a secret or a full identity number.
  public var message: String {
    var parts: [String] = []
    if !settings.isEmpty {
      parts.append("settings changed outside minid: " + settings.joined(separator: ", "))
    }
    if !keys.isEmpty { parts.append("keys changed outside minid: " + keys.joined(separator: ", ")) }
    return parts.joined(separator: "; ")
  }
}
