/// Settings or signing keys differ from what the audit trail recorded: someone changed them without minid.
public struct AuditRecordError: MinIDError {
  /// The settings that differ, by name.
  public let settings: [String]
  /// One finding per key, naming the kid.
  public let keys: [String]

  public init(settings: [String], keys: [String]) {
    self.settings = settings
    self.keys = keys
  }

  public var code: String { "changed_outside_minid" }
  public var category: ErrorCategory { .io }
  public var message: String {
    var parts: [String] = []
    if !settings.isEmpty {
      parts.append("settings changed outside minid: " + settings.joined(separator: ", "))
    }
    if !keys.isEmpty { parts.append("keys changed outside minid: " + keys.joined(separator: ", ")) }
    return parts.joined(separator: "; ")
  }
}
