import CCrypto
import Foundation

/// The public keys a `private_key_jwt` client registers (RFC 7523 §2.2; OpenID Connect Core §9), checked
/// once at registration so the token endpoint only ever reads keys it can use.
///
/// ID-porten's rules: RS256 (RSA, at least 2048 bits) or ES256 (EC P-256) public keys, each with a `kid`
/// (the assertion's header names it). A private key member anywhere is refused outright: a file holding
/// one is a key that has leaked to the provider, and minid will not keep it.
public enum ClientJWKS {
  /// At most this many keys (a current one and one being rolled in, with room to spare).
  public static let maximumKeys = 10
  /// At most this many bytes of JWK Set.
  public static let maximumBytes = 65_536
  /// The members only a private key has: RSA's `d p q dp dq qi oth` (RFC 7518 §6.3.2), EC's `d`
  /// (§6.2.2), a symmetric key's `k` (§6.4.1).
  public static let privateMembers = ["d", "p", "q", "dp", "dq", "qi", "oth", "k"]

  /// Checks a JWK Set document and returns it as minid stores it: the members minid reads, sorted keys.
  /// - Throws: `ClientRegistrationError.jwks` naming the key (by position and kid) and the rule.
  public static func check(_ text: String) throws(ClientRegistrationError) -> JSONWebKeySet {
    guard text.utf8.count <= maximumBytes else {
      throw .jwks("at most \(maximumBytes / 1024) KiB")
    }
    guard let document = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any],
      let members = document["keys"] as? [Any]
    else { throw .jwks("not a JWK Set: a JSON object {\"keys\": [...]} (RFC 7517 §5)") }
    guard !members.isEmpty else { throw .jwks("the set has no keys") }
    guard members.count <= maximumKeys else { throw .jwks("at most \(maximumKeys) keys") }
    var keys: [JSONWebKey] = []
    for (index, member) in members.enumerated() {
      keys.append(try key(member, position: index + 1))
    }
    let kids = keys.compactMap(\.kid)
    if let twice = kids.first(where: { kid in kids.filter { $0 == kid }.count > 1 }) {
      throw .jwks("kid '\(twice.prefix(64))' is used by two keys; each key needs its own kid")
    }
    return JSONWebKeySet(keys: keys)
  }

  private static func key(_ member: Any, position: Int) throws(ClientRegistrationError) -> JSONWebKey {
    guard let object = member as? [String: Any] else { throw .jwks("key \(position) is not a JSON object") }
    let kid = object["kid"] as? String
    let name = "key \(position)" + (kid.map { " (kid '\($0.prefix(64))')" } ?? "")
    if let secret = privateMembers.first(where: { object[$0] != nil }) {
      throw .jwks(
        "\(name) has the private member '\(secret)': register public keys only, and keep the private key "
          + "with the client")
    }
    guard let kid, !kid.isEmpty, kid.count <= 256 else {
      throw .jwks("\(name) has no kid (1 to 256 characters); the assertion's header names its key by kid")
    }
    let kty = object["kty"] as? String ?? ""
    guard kty == "RSA" || kty == "EC" else {
      throw .jwks(
        "\(name) has kty '\(kty.prefix(20))'; only RSA (RS256) and EC P-256 (ES256) keys are accepted")
    }
    let alg = object["alg"] as? String
    let expected: SigningAlgorithm = kty == "RSA" ? .rs256 : .es256
    if let alg, alg != expected.rawValue {
      throw .jwks("\(name) has alg '\(alg.prefix(20))'; a \(kty) key must be \(expected.rawValue)")
    }
    let use = object["use"] as? String
    if object["use"] != nil, use != "sig" { throw .jwks("\(name) has a use other than 'sig'") }
    let keyOps = object["key_ops"] as? [String]
    if object["key_ops"] != nil, keyOps?.contains("verify") != true {
      throw .jwks("\(name) has key_ops without 'verify'")
    }
    let key = JSONWebKey(
      kty: kty, kid: kid, alg: expected.rawValue, n: object["n"] as? String, e: object["e"] as? String,
      crv: object["crv"] as? String, x: object["x"] as? String, y: object["y"] as? String, use: use,
      keyOps: keyOps)
    // OpenSSL builds the key or refuses it: RSA of at least 2048 bits, a P-256 point on the curve.
    guard let built = key.publicKey() else {
      throw .jwks(
        kty == "RSA"
          ? "\(name) is not a usable RSA public key (n and e, base64url; n of at least 2048 bits)"
          : "\(name) is not a usable EC public key (crv P-256, x and y of 32 bytes each, on the curve)")
    }
    EVP_PKEY_free(built)
    return key
  }
}
