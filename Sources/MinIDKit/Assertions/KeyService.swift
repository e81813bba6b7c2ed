/// Token signing keys: rotate, retire, publish (decisions §4). Old public keys stay in the JWKS until they
/// are retired, so tokens signed before a rotation still verify.
public struct KeyService {
  public let store: any Store
  public let time: any TimeSource
  public let actor: AuditActor

  public init(store: any Store, time: any TimeSource, actor: AuditActor) {
    self.store = store
    self.time = time
    self.actor = actor
  }

  /// Every key, newest first, without the private halves.
  public func keys() throws -> [PublicSigningKey] { try store.read { try $0.publicSigningKeys() } }

  /// A new key that signs from now on. Key generation (RSA 3072 takes a moment) happens before the
  /// transaction. Appends `key.add` and `key.activate` entries, each with the key set's digest
  /// (`KeySetRecord`).
  public func rotate(algorithm: SigningAlgorithm) throws -> SigningKey {
    let key = try SigningKey.generate(algorithm, at: time.timestamp)
    return try store.write { transaction in
      try Self.add(key, in: transaction, actor: actor, at: time.timestamp)
      var active = key
      active.isActive = true
      return active
    }
  }

  /// Inserts `key` and makes it the active key, with its `key.add` and `key.activate` entries: what
  /// `rotate` and a new store do.
  static func add(
    _ key: SigningKey, in transaction: any StoreTransaction, actor: AuditActor, at time: Timestamp
  )
    throws
  {
    let previous = try transaction.signingKeys().filter(\.isActive).map(\.kid)
    try transaction.insertSigningKey(key)
    try transaction.audit(
      AuditDraft(
        actor: actor, action: KeySetRecord.addAction,
        detail: KeySetRecord.detail(
          [.init(kid: key.kid, from: nil, to: "published")], algorithm: key.algorithm,
          keys: try transaction.publicSigningKeys())),
      at: time)
    try transaction.activateSigningKey(kid: key.kid)
    let changes =
      [KeySetRecord.Change(kid: key.kid, from: "published", to: "active")]
      + previous.map { KeySetRecord.Change(kid: $0, from: "active", to: "published") }
    try transaction.audit(
      AuditDraft(
        actor: actor, action: KeySetRecord.activateAction,
        detail: KeySetRecord.detail(changes, keys: try transaction.publicSigningKeys())),
      at: time)
  }

  /// Takes a key out of the JWKS; tokens it signed no longer verify. The active key cannot be retired:
  /// rotate first. Appends a `key.retire` entry with the key set's digest.
  public func retire(kid: String) throws {
    try store.write { transaction in
      guard let key = try transaction.signingKeys().first(where: { $0.kid == kid }) else {
        throw KeyError.notFound(kid)
      }
      guard !key.isActive else { throw KeyError.active(kid) }
      guard key.retiredAt == nil else { throw KeyError.alreadyRetired(kid) }
      try transaction.retireSigningKey(kid: kid, at: time.timestamp)
      try transaction.audit(
        AuditDraft(
          actor: actor, action: KeySetRecord.retireAction,
          detail: KeySetRecord.detail(
            [.init(kid: kid, from: "published", to: "retired")], keys: try transaction.publicSigningKeys())),
        at: time.timestamp)
    }
  }

  /// The published keys: every key not retired; no private key is read.
  public func jwks() throws -> JSONWebKeySet {
    JSONWebKeySet(keys: try keys().filter { $0.retiredAt == nil }.map(\.publicKey))
  }
}

public enum KeyError: MinIDError, Equatable {
  case notFound(String)
  case active(String)
  case alreadyRetired(String)

  public var code: String {
    switch self {
    case .notFound: "key_not_found"
    case .active: "key_active"
    case .alreadyRetired: "key_retired"
    }
  }

  public var category: ErrorCategory {
    switch self {
    case .notFound: .notFound
    case .active, .alreadyRetired: .stateForbids
    }
  }

  public var message: String {
    switch self {
    case .notFound(let kid): "no signing key has kid '\(kid.prefix(64))'; see 'minid keys list'"
    case .active(let kid):
      "key '\(kid)' is the active signing key; run 'minid keys rotate' before retiring it"
    case .alreadyRetired(let kid): "key '\(kid)' is already retired"
    }
  }
}

/// The OpenID Provider configuration document for a store's issuer (OpenID Connect Discovery 1.0 §3), in
/// ID-porten's shape and at ID-porten's paths under the issuer, listing exactly the endpoints `minid serve`
/// answers: `minid discovery` prints the document the server serves.
public enum DiscoveryDocument {
  public static func make(issuer: String, algorithms: [SigningAlgorithm]) -> [String: DiscoveryValue] {
    [
      "issuer": .string(issuer),
      "authorization_endpoint": .string(issuer + "/authorize"),
      "pushed_authorization_request_endpoint": .string(issuer + "/par"),
      "token_endpoint": .string(issuer + "/token"),
      "userinfo_endpoint": .string(issuer + "/userinfo"),
      "jwks_uri": .string(issuer + "/jwks.json"),
      "revocation_endpoint": .string(issuer + "/token/revoke"),
      "introspection_endpoint": .string(issuer + "/token/introspect"),
      "response_types_supported": .list(["code"]),
      "response_modes_supported": .list(["query", "form_post"]),
      "grant_types_supported": .list(["authorization_code", "refresh_token"]),
      "subject_types_supported": .list(["pairwise"]),
      "id_token_signing_alg_values_supported": .list(algorithms.map(\.rawValue)),
      "scopes_supported": .list(["openid", "profile"]),
      "claims_supported": .list([
        "iss", "aud", "sub", "pid", "acr", "amr", "auth_time", "iat", "exp", "jti", "nonce", "locale",
      ]),
      "acr_values_supported": .list(SecurityLevel.allCases.map(\.rawValue)),
      "ui_locales_supported": .list(IDTokenClaims.locales),
      "prompt_values_supported": .list(["login"]),
      "code_challenge_methods_supported": .list(["S256"]),
      "token_endpoint_auth_methods_supported": .list(["client_secret_basic", "client_secret_post", "none"]),
      "authorization_response_iss_parameter_supported": .bool(true),
      "request_parameter_supported": .bool(false),
      "request_uri_parameter_supported": .bool(false),
      "claims_parameter_supported": .bool(false),
    ]
  }
}

/// A string, a list of strings or a flag, for the discovery document.
public enum DiscoveryValue: Encodable, Sendable, Equatable {
  case string(String)
  case list([String])
  case bool(Bool)

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .string(let value): try container.encode(value)
    case .list(let values): try container.encode(values)
    case .bool(let value): try container.encode(value)
    }
  }
}
