/// Ends an account's single sign-on sessions inside the transaction that changes the account, so a
/// blocked, locked, reset, closed or recovered account's browsers cannot log in to another service on the
/// old login (issue #13: "a blocked or reset account's sessions end at once"). No logout message goes to
/// the clients: as with a session that times out, they learn at their next token refresh or login.
enum AccountSessionEnding {
  /// - Returns: how many sessions were ended; audited as `session.end` when any was.
  @discardableResult
  static func end(
    _ account: Account, reason: String, actor: AuditActor, transaction: any StoreTransaction, now: Timestamp
  ) throws -> Int {
    guard let pid = account.pid else { return 0 }
    let ended = try transaction.endSessions(pid: pid, at: now, reason: reason)
    guard !ended.isEmpty else { return 0 }
    try transaction.audit(
      AuditDraft(
        actor: actor, action: .sessionEnd, about: account,
        detail:
          "\(ended.count) sessions ended (\(ended.map(SessionIDPrefix.of).joined(separator: " "))): \(reason)"
      ), at: now)
    return ended.count
  }
}

/// The part of a session id support and the audit trail show: enough to tell sessions apart, not enough to
/// guess the `sid` a client holds.
public enum SessionIDPrefix {
  /// The characters shown: 8 (48 bits of the `sid`).
  public static let length = 8
  /// The first `length` characters of a session id.
  public static func of(_ id: String) -> String { String(id.prefix(length)) }
}
