/// The one place that builds and signs an ID token, for `minid login finish` and for `minid serve`'s token
/// endpoint alike (decisions §4 and §8): ID-porten's claims, a pairwise `sub`, 120 seconds, signed with the
/// store's active key.
struct IDTokenIssuer {
  let issuer: String
  let secrets: StoreSecrets

  /// - Parameters:
  ///   - jti: a fresh unique id (base64url of 128 random bits).
  ///   - sid: the session the login belongs to, for a client registered for logout
  ///     (`ClientRegistration.wantsSessionID`); nil leaves the claim out.
  /// - Returns: the compact JWS and its claims.
  /// - Throws: `CryptoError` when signing fails.
  func sign(
    person: AuthenticatedPerson, clientID: String, nonce: String?, locale: String, key: SigningKey,
    now: Timestamp, jti: String, sid: String? = nil
  ) throws -> (token: String, claims: IDTokenClaims) {
    var claims = IDTokenClaims(
      iss: issuer, aud: clientID, sub: secrets.pairwiseSubject(clientID: clientID, pid: person.pid),
      pid: person.pid, acr: person.acr.rawValue, amr: person.amr, authTime: person.authTime.seconds,
      iat: now.seconds, exp: now.seconds + IDTokenClaims.lifetime, jti: jti, nonce: nonce, locale: locale)
    claims.sid = sid
    let token = try CompactJWS.sign(
      header: ["alg": key.algorithm.rawValue, "kid": key.kid, "typ": "JWT"], claims: claims, key: key)
    return (token, claims)
  }
}
