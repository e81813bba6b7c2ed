extension AccountService {
  /// A person's single sign-on sessions, newest first, live or ended within the last day (older ones are
  /// pruned), for support (`minid session list`).
  /// - Throws: `IdentityNumberError` for a number that is not one.
  public func sessions(pid text: String) throws -> [SSOSession] {
    let pid = try checkedDigits(text)
    return try store.read { try $0.sessions(pid: pid) }
  }

  /// Ends a person's sessions that have not ended, or the one whose id starts with `prefix`, for support
  /// (`minid session end`): audited with the case reference. The clients are not told (as with a session
  /// that times out); the next login anywhere asks for the password.
  /// - Returns: the sessions ended, as they were before.
  /// - Throws: `SessionError.notFound` when `prefix` matches no session that has not ended, or several;
  ///   `ContactError` for a malformed case reference.
  public func endSessions(pid text: String, prefix: String?, caseReference: String) throws -> [SSOSession] {
    let pid = try checkedDigits(text)
    let caseReference = try CaseReference.check(caseReference)
    return try store.write { transaction in
      let now = time.timestamp
      let open = try transaction.sessions(pid: pid).filter { $0.endedAt == nil }
      var chosen = open
      if let prefix {
        chosen = open.filter { $0.id.hasPrefix(prefix) }
        guard chosen.count == 1, prefix.count >= 4 else {
          throw SessionError.notFound(
            chosen.count > 1
              ? "'\(prefix.prefix(16))' matches several sessions; give more of the id"
              : "no session of this person that has not ended starts with '\(prefix.prefix(16))' (at least 4 characters)"
          )
        }
      }
      let reason = "support" + (caseReference.map { " (\($0))" } ?? "")
      let ended = try chosen.filter { try transaction.endSession(id: $0.id, at: now, reason: reason) }
      let detail =
        "\(ended.count) sessions ended (\(ended.map { SessionIDPrefix.of($0.id) }.joined(separator: " "))): \(reason)"
      if let account = try transaction.account(pid: pid) {
        try record(
          transaction, account: account, action: .sessionEnd, caseReference: caseReference, detail: detail,
          now: now)
      } else {
        try transaction.audit(
          AuditDraft(
            actor: actor, action: .sessionEnd, account: store.secrets.pseudonym(of: pid),
            caseReference: caseReference, detail: detail), at: now)
      }
      return ended
    }
  }
}
