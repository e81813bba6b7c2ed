/// Token signing keys: add, activate, rotate, retire, publish (decisions §4). A new key is published (in
/// the JWKS) before it signs: it signs only from the activation time stored with it
/// (`SigningKeySchedule`), so relying parties that cache the JWKS can fetch it first. Old public keys stay
/// in the JWKS until they are retired, so tokens signed before a rotation still verify.
public struct KeyService: Sendable {
  /// The store whose keys these are.
  public let store: any Store
  /// The clock keys are made, activated and retired by.
  public let time: any TimeSource
  /// Who acts, for the audit trail.
  public let actor: AuditActor

  /// A service over `store`'s keys.
  public init(store: any Store, time: any TimeSource, actor: AuditActor) {
    self.store = store
    self.time = time
    self.actor = actor
  }

  /// Every key, newest first, without the private halves.
  public func keys() throws -> [PublicSigningKey] { try store.read { try $0.publicSigningKeys() } }

  /// The key that signs tokens now, or nil when none may.
  public func signingKey() throws -> PublicSigningKey? {
    SigningKeySchedule.signing(try keys(), at: time.timestamp)
  }

  /// A new key, published (in the JWKS) but not signing until `activate`. Key generation (RSA 3072 takes a
  /// moment) happens before the transaction. Appends a `key.add` entry with the key set's digest.
  /// - Throws: `CryptoError` when OpenSSL cannot make the key; store errors.
  public func add(algorithm: SigningAlgorithm) throws -> PublicSigningKey {
    let key = try SigningKey.generate(algorithm, at: time.timestamp)
    try store.write { transaction in try Self.publish(key, in: transaction, actor: actor, at: time.timestamp)
    }
    return key.publicPart
  }

  /// Makes `kid` sign from `at` on (now, if `at` is now or earlier), leaving the key that signs now
  /// signing until then. Appends a `key.activate` entry with the key set's digest.
  /// - Returns: the key with its activation time.
  /// - Throws: `KeyError.notFound`, `.alreadyRetired`, or `.alreadySigning` when the key signs already.
  public func activate(kid: String, at requested: Timestamp) throws -> PublicSigningKey {
    let now = time.timestamp
    let at = max(requested, now)
    return try store.write { transaction in
      let keys = try transaction.publicSigningKeys()
      guard let key = keys.first(where: { $0.kid == kid }) else { throw KeyError.notFound(kid) }
      guard key.retiredAt == nil else { throw KeyError.alreadyRetired(kid) }
      guard SigningKeySchedule.signing(keys, at: now)?.kid != kid else { throw KeyError.alreadySigning(kid) }
      try Self.schedule(key, at: at, in: transaction, actor: actor, now: now)
      return try transaction.publicSigningKeys().first { $0.kid == kid }!
    }
  }

  /// A new key, published now and signing from `now + activateAfter` seconds: `add` and `activate` in one
  /// transaction, with their `key.add` and `key.activate` entries.
  /// - Parameter activateAfter: seconds, at least 0; 0 signs at once (only safe when nothing caches the
  ///   JWKS, or the JWKS is republished before the next token).
  /// - Throws: `CryptoError` when OpenSSL cannot make the key; store errors.
  public func rotate(algorithm: SigningAlgorithm, activateAfter: Int64) throws -> PublicSigningKey {
    let key = try SigningKey.generate(algorithm, at: time.timestamp)
    let now = time.timestamp
    return try store.write { transaction in
      try Self.publish(key, in: transaction, actor: actor, at: now)
      try Self.schedule(
        key.publicPart, at: now.adding(seconds: max(0, activateAfter)), in: transaction, actor: actor,
        now: now)
      return try transaction.publicSigningKeys().first { $0.kid == key.kid }!
    }
  }

  private static func publish(
    _ key: SigningKey, in transaction: any StoreTransaction, actor: AuditActor, at time: Timestamp
  ) throws {
    try transaction.insertSigningKey(key)
    try transaction.audit(
      AuditDraft(
        actor: actor, action: .keyAdd,
        detail: KeySetRecord.detail(
          [.init(kid: key.kid, from: nil, to: "published")], algorithm: key.algorithm,
          keys: try transaction.publicSigningKeys())),
      at: time)
  }

  private static func schedule(
    _ key: PublicSigningKey, at activation: Timestamp, in transaction: any StoreTransaction,
    actor: AuditActor, now: Timestamp
  ) throws {
    try transaction.scheduleSigningKey(kid: key.kid, at: activation)
    try transaction.audit(
      AuditDraft(
        actor: actor, action: .keyActivate,
        detail: KeySetRecord.detail(
          [.init(kid: key.kid, from: KeySetRecord.state(of: key), to: KeySetRecord.activeFrom(activation))],
          keys: try transaction.publicSigningKeys())),
      at: now)
  }

  /// Inserts `key` and makes it the active key at once, with its `key.add` and `key.activate` entries:
  /// what a new store does (nothing can have cached its JWKS yet).
  static func add(
    _ key: SigningKey, in transaction: any StoreTransaction, actor: AuditActor, at time: Timestamp
  )
    throws
  {
    let previous = try transaction.signingKeys().filter(\.isActive).map(\.kid)
    try publish(key, in: transaction, actor: actor, at: time)
    try transaction.activateSigningKey(kid: key.kid)
    let changes =
      [KeySetRecord.Change(kid: key.kid, from: "published", to: "active")]
      + previous.map { KeySetRecord.Change(kid: $0, from: "active", to: "published") }
    try transaction.audit(
      AuditDraft(
        actor: actor, action: .keyActivate,
        detail: KeySetRecord.detail(changes, keys: try transaction.publicSigningKeys())),
      at: time)
  }

  /// Takes a key out of the JWKS; tokens it signed no longer verify. The key that signs now cannot be
  /// retired: activate another first, and wait for its activation time. A key scheduled to sign may be
  /// retired (that cancels it). Appends a `key.retire` entry with the key set's digest.
  /// - Throws: `KeyError.notFound`, `.active` (it signs now), `.alreadyRetired`.
  public func retire(kid: String) throws {
    let now = time.timestamp
    try store.write { transaction in
      let keys = try transaction.publicSigningKeys()
      guard let key = keys.first(where: { $0.kid == kid }) else { throw KeyError.notFound(kid) }
      guard key.retiredAt == nil else { throw KeyError.alreadyRetired(kid) }
      guard SigningKeySchedule.signing(keys, at: now)?.kid != kid else { throw KeyError.active(kid) }
      try transaction.retireSigningKey(kid: kid, at: now)
      try transaction.audit(
        AuditDraft(
          actor: actor, action: .keyRetire,
          detail: KeySetRecord.detail(
            [.init(kid: kid, from: KeySetRecord.state(of: key), to: "retired")],
            keys: try transaction.publicSigningKeys())),
        at: now)
    }
  }

  /// The published keys: every key not retired; no private key is read.
  public func jwks() throws -> JSONWebKeySet {
    JSONWebKeySet(keys: try keys().filter { $0.retiredAt == nil }.map(\.publicKey))
  }
}

/// Why a key action was refused.
public enum KeyError: MinIDError, Equatable {
  case notFound(String)
  case active(String)
  case alreadyRetired(String)
  case alreadySigning(String)

  /// The stable snake_case code scripts match on (`MinIDError.code`).
  public var code: String {
    switch self {
    case .notFound: "key_not_found"
    case .active: "key_active"
    case .alreadyRetired: "key_retired"
    case .alreadySigning: "key_signing"
    }
  }

  /// What kind of failure this is; the command line chooses the exit status from it.
  public var category: ErrorCategory {
    switch self {
    case .notFound: .notFound
    case .active, .alreadyRetired, .alreadySigning: .stateForbids
    }
  }

  /// The sentence shown: it names the field and the rule, never a secret or a full identity number.
  public var message: String {
    switch self {
    case .notFound(let kid): "no signing key has kid '\(kid.prefix(64))'"
    case .active(let kid):
      "key '\(kid)' signs tokens now; activate another key and wait for its activation time before retiring it"
    case .alreadyRetired(let kid): "key '\(kid)' is already retired"
    case .alreadySigning(let kid): "key '\(kid)' signs tokens already"
    }
  }
}

/// A string, a list of strings or a flag, for the discovery document.
public enum DiscoveryValue: Encodable, Sendable, Equatable {
  case string(String)
  case list([String])
  case bool(Bool)

  /// Encodes the bare value: a string, an array of strings or a Boolean.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .string(let value): try container.encode(value)
    case .list(let values): try container.encode(values)
    case .bool(let value): try container.encode(value)
    }
  }
}
