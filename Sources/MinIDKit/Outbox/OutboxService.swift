#if canImport(Glibc)
  import Glibc
#endif

/// Reads the outbox and hands messages on (`outbox drain`), after which only their metadata stays.
public struct OutboxService: Sendable {
  /// The store whose outbox this is.
  public let store: any Store
  /// The clock for drain times and audit entries.
  public let time: any TimeSource
  /// Who acts, for the audit trail.
  public let actor: AuditActor

  /// A service over `store`'s outbox.
  public init(store: any Store, time: any TimeSource, actor: AuditActor) {
    self.store = store
    self.time = time
    self.actor = actor
  }

  /// The messages `filter` selects, oldest first.
  /// - Throws: the store's error when it cannot be read.
  public func messages(_ filter: OutboxFilter) throws -> [OutboxMessage] {
    try store.read { try $0.messages(filter) }
  }

  /// The message with `id`.
  /// - Throws: `OutboxError.notFound`; the store's error when it cannot be read.
  public func message(id: Int64) throws -> OutboxMessage {
    guard let message = try store.read({ try $0.message(id: id) }) else { throw OutboxError.notFound(id) }
    return message
  }

  /// Writes each undrained message to `directory` as `<id>-<kind>.txt` (mode 0600, synced, created new by
  /// `NewFile`: a link or another file at that name is refused, never followed or overwritten), then, in
  /// one transaction, forgets their bodies and audits the hand-over. Header values are folded to one line,
  /// so no stored text can add a header line of its own. A crash in between leaves the bodies in the
  /// store, and a second drain finds the same files already written and goes on. The directory must pass
  /// `NewFile.checkDirectory`: not a link, minid's user's own, not writable by others unless sticky.
  /// - Throws: `OutboxError.noDirectory`; `NewFileError` naming the directory or file it refused.
  public func drain(to directory: String) throws -> [OutboxMessage] {
    var info = stat()
    guard stat(directory, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
      throw OutboxError.noDirectory(directory)
    }
    // The letters hold activation codes: never into a directory reached through a link someone planted,
    // nor one whose owner (or anyone, if it is writable and not sticky) could swap the files afterwards.
    try NewFile.checkDirectory(directory)
    let pending = try store.read { try $0.messages(OutboxFilter(undrainedOnly: true)) }.filter {
      $0.body != nil
    }
    var written: [(OutboxMessage, String)] = []
    for message in pending {
      let path = directory + "/" + "\(message.id)-\(message.kind.rawValue).txt"
      let text =
        "To: \(PostalAddress.singleLine(message.recipient))\nSubject: \(PostalAddress.singleLine(message.subject))\n"
        + "Date: \(message.createdAt.rfc3339)\n\n\(message.body ?? "")"
      try NewFile.writeOrConfirm(Array(text.utf8), to: path)
      written.append((message, path))
    }
    guard !written.isEmpty else { return [] }
    return try store.write { transaction in
      let now = time.timestamp
      for (message, path) in written { try transaction.markDrained(id: message.id, to: path, at: now) }
      try transaction.audit(
        AuditDraft(actor: actor, action: .outboxDrain, detail: "\(written.count) messages to \(directory)"),
        at: now)
      return try written.compactMap { try transaction.message(id: $0.0.id) }
    }
  }
}

/// Why an outbox action was refused.
public enum OutboxError: MinIDError, Equatable {
  case notFound(Int64)
  case noDirectory(String)

  /// The stable snake_case code scripts match on (`MinIDError.code`).
  public var code: String {
    switch self {
    case .notFound: "message_not_found"
    case .noDirectory: "no_directory"
    }
  }

  /// What kind of failure this is; the command line chooses the exit status from it.
  public var category: ErrorCategory {
    switch self {
    case .notFound: .notFound
    case .noDirectory: .missingInput
    }
  }

  /// The sentence shown: it names the field and the rule, never a secret or a full identity number.
  public var message: String {
    switch self {
    case .notFound(let id): "no outbox message has id \(id)"
    case .noDirectory(let path): "--to-dir: \(path) is not a directory; create it first"
    }
  }
}
