import Foundation

/// Reads and verifies the audit trail, and signs checkpoints of it.
public struct AuditService: Sendable {
  /// The store whose trail this is.
  public let store: any Store
  /// The clock whose day identity numbers are judged on (`IdentityNumberValidator.lookupDigits`).
  public let time: any TimeSource

  /// A service over `store`'s trail.
  public init(store: any Store, time: any TimeSource = SystemTimeSource()) {
    self.store = store
    self.time = time
  }

  /// Entries, optionally for one identity number (11 digits, through its pseudonym) and from a time, oldest
  /// first.
  public func entries(pid: String?, since: Timestamp?, limit: Int? = nil) throws -> [AuditEntry] {
    try entries(AuditFilter(person: person(pid), since: since, limit: limit))
  }

  /// The entries `query` asks for. An identity number is checked for shape (length, check digits, a real
  /// date), not for an account: entries about a number nobody has registered, such as failed logins, are
  /// found by its keyed pseudonym.
  /// - Throws: `IdentityNumberError` for a malformed number, `ContactError.caseReference` for a malformed
  ///   case reference.
  public func entries(_ query: AuditQuery) throws -> [AuditEntry] {
    let pid = try query.pid.map { text throws(IdentityNumberError) in
      try IdentityNumberValidator.lookupDigits(text, today: time.today())
    }
    var filter = AuditFilter(
      person: person(pid), since: query.since, action: query.action,
      caseReference: try CaseReference.check(query.caseReference))
    switch query.selection {
    case .all: filter.descending = query.newestFirst
    case .first(let count):
      filter.descending = query.newestFirst
      filter.limit = count
    case .last(let count):
      filter.descending = true
      filter.limit = count
    }
    let found = try entries(filter)
    return filter.descending == query.newestFirst ? found : found.reversed()
  }

  private func entries(_ filter: AuditFilter) throws -> [AuditEntry] {
    try store.read { try $0.auditEntries(filter) }
  }

  private func person(_ pid: String?) -> (pid: String, pseudonym: String)? {
    pid.map { (pid: $0, pseudonym: store.secrets.pseudonym(of: $0)) }
  }

  /// Walks the whole chain and compares the settings and keys with what it recorded; returns how many
  /// entries hold.
  /// - Throws: `AuditChainError` at the first broken link, `AuditRecordError` when settings or keys were
  ///   changed outside minid.
  public func verify() throws -> Int64 { try verify(checkpoints: []).entries }

  /// What `verify(checkpoints:trustedKeys:)` found: the trail holds.
  public struct Verification: Sendable, Equatable {
    /// How many entries were checked.
    public let entries: Int64
    /// The hash of the last entry.
    public let head: [UInt8]
    /// How many checkpoints were given and hold.
    public let checkpoints: Int
  }

  /// Verifies the trail as `verify()` does, and that it still extends each checkpoint: one per line of
  /// `checkpoints` (blank lines skipped), each a compact JWS or the JSON `audit checkpoint --json` prints.
  /// A checkpoint's signature must hold under the store's keys (retired ones included: a checkpoint
  /// outlives the key that signed it) and, when `trustedKeys` is given, under that set too; its issuer
  /// must be the store's; entry 1 must be the one it names; the trail must have at least `count` entries,
  /// and entry `count` the hash it names. When several fail, the error names the one covering the most
  /// entries.
  /// - Throws: `AuditCheckpointError` for a checkpoint that is malformed, badly signed, another store's,
  ///   or that the trail no longer extends (truncated, rewritten); `AuditChainError`; `AuditRecordError`.
  public func verify(checkpoints lines: [String], trustedKeys: JSONWebKeySet? = nil) throws -> Verification {
    try store.read { transaction in
      let settings = try transaction.storeSettings()
      // Verifying needs only public keys: no private key is read (nor could it end in a core file).
      let keys = try transaction.publicSigningKeys()
      let storeKeys = JSONWebKeySet(keys: keys.map(\.publicKey))
      var checkpoints: [(line: Int, checkpoint: AuditCheckpoint)] = []
      for (index, raw) in lines.enumerated() {
        let line = index + 1
        guard let token = try Self.token(in: raw, line: line) else { continue }
        let checkpoint = try AuditCheckpoint.verified(
          token, line: line, keys: (storeKeys, "the store's keys"))
        if let trustedKeys {
          _ = try AuditCheckpoint.verified(token, line: line, keys: (trustedKeys, "the trusted keys"))
        }
        guard checkpoint.issuer == settings.issuer else {
          throw AuditCheckpointError.otherIssuer(line: line, checkpoint.issuer)
        }
        checkpoints.append((line, checkpoint))
      }
      let walk = try Self.walk(transaction, keeping: Set(checkpoints.map(\.checkpoint.count) + [1]))
      // The newest checkpoint first: it shows how much is missing.
      for (line, checkpoint) in checkpoints.sorted(by: { $0.checkpoint.count > $1.checkpoint.count }) {
        if let first = walk.hashes[1], Base64.encode(first, urlSafe: true) != checkpoint.store {
          throw AuditCheckpointError.otherStore(line: line)
        }
        guard checkpoint.count <= walk.entries else {
          throw AuditCheckpointError.truncated(
            line: line, missing: checkpoint.count - walk.entries, covered: checkpoint.count,
            at: checkpoint.time)
        }
        let hash = checkpoint.count == 0 ? AuditChain.genesis : walk.hashes[checkpoint.count] ?? []
        guard let expected = Base64.decode(checkpoint.head, urlSafe: true),
          Digest.constantTimeEqual(hash, expected)
        else {
          throw AuditCheckpointError.rewritten(line: line, sequence: checkpoint.count, at: checkpoint.time)
        }
      }
      try Self.compareRecords(walk, settings: settings, keys: keys)
      return Verification(entries: walk.entries, head: walk.head, checkpoints: checkpoints.count)
    }
  }

  /// A checkpoint of the trail as it is now, signed with the store's active key, after verifying the
  /// trail as `verify()` does: minid signs only a trail that holds.
  /// - Throws: `TokenError.noSigningKey` when no key is active; what `verify()` throws.
  public func checkpoint(at time: Timestamp) throws -> (
    checkpoint: AuditCheckpoint, token: String, kid: String
  ) {
    try store.read { transaction in
      let settings = try transaction.storeSettings()
      let keys = try transaction.signingKeys()
      let walk = try Self.walk(transaction, keeping: [1])
      try Self.compareRecords(walk, settings: settings, keys: keys.map(\.publicPart))
      guard let key = SigningKeySchedule.signing(keys, at: time) else { throw TokenError.noSigningKey }
      let checkpoint = AuditCheckpoint(
        issuer: settings.issuer, store: Base64.encode(walk.hashes[1] ?? AuditChain.genesis, urlSafe: true),
        count: walk.entries, head: Base64.encode(walk.head, urlSafe: true), issuedAt: time.seconds)
      return (checkpoint, try checkpoint.signed(with: key), key.kid)
    }
  }

  /// What one pass over the chain gathers.
  struct Walk {
    var entries: Int64 = 0
    var head = AuditChain.genesis
    /// The hashes of the entries asked for, by sequence.
    var hashes: [Int64: [UInt8]] = [:]
    var settings = SettingsRecord.Replay()
    var keys = KeySetRecord.Replay()
  }

  /// Verifies every link, keeping the hashes of the entries in `keeping` and replaying the settings and
  /// key records.
  /// - Throws: `AuditChainError` at the first break, or for a misfiled entry.
  static func walk(_ transaction: any StoreTransaction, keeping: Set<Int64>) throws -> Walk {
    var walk = Walk()
    var expected: Int64 = 1
    var problem: AuditBreak?
    try transaction.forEachAuditEntry { result in
      switch result {
      case .failure(let error):
        problem = error
      case .success(let entry):
        problem = AuditChain.verify(entry, previous: walk.head, expectedSequence: expected)
        walk.head = entry.hash
        if keeping.contains(entry.sequence) { walk.hashes[entry.sequence] = entry.hash }
        walk.settings.apply(entry)
        walk.keys.apply(entry)
      }
      if problem != nil { return false }
      expected += 1
      return true
    }
    if let problem { throw AuditChainError(problem: problem, checked: expected - 1) }
    if let misfiled = try transaction.firstMisfiledAuditEntry() {
      throw AuditChainError(problem: .misfiled(sequence: misfiled), checked: expected - 1)
    }
    walk.entries = expected - 1
    return walk
  }

  /// - Throws: `AuditRecordError` when the settings or keys differ from what the trail recorded.
  static func compareRecords(_ walk: Walk, settings: StoreSettings, keys: [PublicSigningKey]) throws {
    let error = AuditRecordError(
      settings: walk.settings.changedOutsideMinID(settings), keys: walk.keys.changedOutsideMinID(keys))
    if !error.settings.isEmpty || !error.keys.isEmpty { throw error }
  }

  /// The compact JWS on one line of a checkpoint file: the line itself, or the `checkpoint` member of the
  /// JSON object `audit checkpoint --json` prints; nil for a blank line.
  static func token(in line: String, line number: Int) throws(AuditCheckpointError) -> String? {
    let trimmed = line.trimmingASCIIWhitespace()
    guard !trimmed.isEmpty else { return nil }
    guard trimmed.hasPrefix("{") else { return trimmed }
    guard
      let object = (try? JSONSerialization.jsonObject(with: Data(trimmed.utf8))) as? [String: Any],
      let token = object["checkpoint"] as? String
    else {
      throw .malformed(line: number, "a JSON line must be an object with a 'checkpoint' member")
    }
    return token
  }
}
