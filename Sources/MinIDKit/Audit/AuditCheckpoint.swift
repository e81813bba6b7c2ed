import Foundation

/// A signed statement of how far the audit trail reached at a moment, in the manner of Certificate
/// Transparency's signed tree head (RFC 6962 §3.5): the number of entries, the hash of the last of them,
/// the time, and which store. Kept outside the store, it lets `audit verify --checkpoint` prove that the
/// trail still extends it: nothing cut off the end, nothing before it rewritten.
///
/// It travels as a compact JWS (RFC 7515) with `typ` `minid-audit-checkpoint+jwt`, signed with the store's
/// active token-signing key, so anyone with the store's JWKS can check it. Hashes are base64url without
/// padding; times are seconds since 1970 UTC.
public struct AuditCheckpoint: Sendable, Equatable, Codable {
  /// The store's issuer (`iss`).
  public let issuer: String
  /// Which history: the hash of entry 1 (`store.init`), which no other store shares.
  public let store: String
  /// How many entries the trail held.
  public let count: Int64
  /// The hash of entry `count` (of the all-zero genesis hash when `count` is 0).
  public let head: String
  /// When the checkpoint was made (`iat`).
  public let issuedAt: Int64

  enum CodingKeys: String, CodingKey {
    case issuer = "iss"
    case store, count, head
    case issuedAt = "iat"
  }

  /// The JOSE `typ` of a checkpoint: distinct from an ID token's `JWT`, so neither passes for the other.
  public static let type = "minid-audit-checkpoint+jwt"

  /// A checkpoint with these claims.
  public init(issuer: String, store: String, count: Int64, head: String, issuedAt: Int64) {
    self.issuer = issuer
    self.store = store
    self.count = count
    self.head = head
    self.issuedAt = issuedAt
  }

  /// `issuedAt` as a `Timestamp`.
  public var time: Timestamp { Timestamp(seconds: issuedAt) }

  /// The compact JWS of this checkpoint, signed with `key`.
  /// - Throws: `CryptoError` when OpenSSL fails.
  public func signed(with key: SigningKey) throws -> String {
    try CompactJWS.sign(
      header: ["alg": key.algorithm.rawValue, "kid": key.kid, "typ": Self.type], claims: self, key: key)
  }

  /// The checkpoint in `token` once its signature holds under `keys` (the rules of
  /// `CompactJWS.verifiedHeader`) and its `typ` is a checkpoint's.
  /// - Parameter keys: the key set, and how to name it in an error ("the store's keys").
  /// - Throws: `AuditCheckpointError.malformed` or `.signature`.
  public static func verified(_ token: String, line: Int, keys: (set: JSONWebKeySet, name: String))
    throws(AuditCheckpointError) -> AuditCheckpoint
  {
    let jws: CompactJWS
    let header: [String: Any]
    do throws(TokenError) {
      jws = try CompactJWS(parsing: token)
      header = try jws.verifiedHeader(keys: keys.set).header
    } catch .malformed(let why) {
      throw .malformed(line: line, why)
    } catch {
      throw .signature(line: line, keys: keys.name, error)
    }
    guard header["typ"] as? String == type else {
      throw .malformed(line: line, "its typ is not \(type) (an ID token is not a checkpoint)")
    }
    guard let checkpoint = try? JSONDecoder().decode(AuditCheckpoint.self, from: Data(jws.payloadBytes)),
      checkpoint.count >= 0, Base64.decode(checkpoint.head, urlSafe: true)?.count == 32
    else {
      throw .malformed(line: line, "the payload is not a checkpoint (iss, store, count, head, iat)")
    }
    return checkpoint
  }
}

/// A checkpoint given to `audit verify --checkpoint` that is unusable, or that the trail no longer extends.
public enum AuditCheckpointError: MinIDError, Equatable {
  /// Not a checkpoint at all.
  case malformed(line: Int, String)
  /// The signature does not hold under the key set named.
  case signature(line: Int, keys: String, TokenError)
  /// Made for a store with another issuer.
  case otherIssuer(line: Int, String)
  /// Entry 1 is not the one the checkpoint names: another store's checkpoint, or a trail rewritten from
  /// its start.
  case otherStore(line: Int)
  /// The trail has fewer entries than the checkpoint covers.
  case truncated(line: Int, missing: Int64, covered: Int64, at: Timestamp)
  /// The entry at the checkpoint's count has another hash: the trail up to it was rewritten.
  case rewritten(line: Int, sequence: Int64, at: Timestamp)

  /// The stable snake_case code scripts match on (`MinIDError.code`).
  public var code: String {
    switch self {
    case .malformed: "checkpoint_malformed"
    case .signature: "checkpoint_signature"
    case .otherIssuer: "checkpoint_other_issuer"
    case .otherStore: "checkpoint_other_store"
    case .truncated: "audit_truncated"
    case .rewritten: "audit_rewritten"
    }
  }

  /// What kind of failure this is; the command line chooses the exit status from it.
  public var category: ErrorCategory {
    switch self {
    case .malformed, .otherIssuer: .invalidInput
    case .signature: .authenticationFailed
    // What a broken chain is: the store's evidence does not hold.
    case .otherStore, .truncated, .rewritten: .io
    }
  }

  /// The sentence shown: it names the field and the rule, never a secret or a full identity number.
  public var message: String {
    switch self {
    case .malformed(let line, let why): "checkpoint on line \(line): malformed: \(why)"
    case .signature(let line, let keys, let error):
      "checkpoint on line \(line): not signed by any of \(keys): "
        + (error.message.hasPrefix("token: ") ? String(error.message.dropFirst(7)) : error.message)
    case .otherIssuer(let line, let issuer):
      "checkpoint on line \(line): made for issuer '\(issuer.prefix(200))', not this store's"
    case .otherStore(let line):
      "checkpoint on line \(line): entry 1 is not the one it names: a checkpoint of another store, or the "
        + "trail was rewritten from its start"
    case .truncated(let line, let missing, let covered, let at):
      "audit trail truncated: \(missing) entr\(missing == 1 ? "y" : "ies") missing (the checkpoint on line "
        + "\(line), made \(at.rfc3339), covers \(covered); the store has \(covered - missing))"
    case .rewritten(let line, let sequence, let at):
      "audit trail rewritten: entry \(sequence) is not the one the checkpoint on line \(line), made "
        + "\(at.rfc3339), signed"
    }
  }
}
