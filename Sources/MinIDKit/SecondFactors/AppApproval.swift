import Foundation

/// An approval (or rejection) of one login by the MinID app: a compact JWS the device signs with its
/// enrolled key over the attempt's id and nonce, the provider's issuer, the decision and the time
/// (decisions §9). The store checks it against the account's enrolled public key and lets it act once.
///
/// This is stronger than the 2021 pilot's protocol, where the app approved with a bearer access token:
/// whoever held that token could approve any login of the person, while a signature proves possession of
/// the device's private key and answers exactly one attempt.
public enum AppApproval {
  /// The JWS `typ`, so an approval cannot be mistaken for (or replayed as) another kind of token.
  public static let type = "minid-app-approval+jwt"
  /// How far `iat` may be from the store's clock, either way, in seconds.
  public static let leeway: Int64 = 60
  /// How long an approval waits after the password: 60 seconds, the page's countdown.
  public static let lifetime: Int64 = 60

  /// What the device signs.
  public struct Claims: Codable, Sendable, Equatable {
    /// The login attempt's id.
    public let attempt: String
    /// The attempt's nonce, as `minid app pending` shows it.
    public let nonce: String
    /// The provider's issuer: an approval for one provider means nothing to another.
    public let aud: String
    /// Approve or reject.
    public let decision: LoginFactor.Decision
    /// Seconds since the Unix epoch.
    public let iat: Int64

    /// Claims with these fields.
    public init(attempt: String, nonce: String, aud: String, decision: LoginFactor.Decision, iat: Int64) {
      self.attempt = attempt
      self.nonce = nonce
      self.aud = aud
      self.decision = decision
      self.iat = iat
    }
  }

  /// The claims of `jws` once its signature holds under `device`'s key, naming the device as `kid`.
  /// - Throws: `SecondFactorError.badApproval` naming the rule broken.
  static func verify(_ jws: String, device: AppDevice) throws(SecondFactorError) -> Claims {
    let parsed: CompactJWS
    let header: [String: Any]
    do {
      parsed = try CompactJWS(parsing: jws)
      header = try parsed.verifiedHeader(
        keys: JSONWebKeySet(keys: [device.publicKey.with(kid: device.deviceID)])
      )
      .header
    } catch {
      throw .badApproval("the signature is not the enrolled device's (ES256 with its key, kid the device id)")
    }
    guard header["alg"] as? String == "ES256" else { throw .badApproval("alg must be ES256") }
    guard header["typ"] as? String == type else { throw .badApproval("typ must be \(type)") }
    guard let claims = try? JSONDecoder().decode(Claims.self, from: Data(parsed.payloadBytes)) else {
      throw .badApproval("the payload must be {attempt, nonce, aud, decision, iat}")
    }
    return claims
  }

  /// The device id an approval claims to come from, before anything is verified: which key to check it with.
  static func claimedDevice(_ jws: String) -> String? {
    guard let parsed = try? CompactJWS(parsing: jws),
      let header = (try? JSONSerialization.jsonObject(with: Data(parsed.headerBytes))) as? [String: Any]
    else { return nil }
    return header["kid"] as? String
  }
}
