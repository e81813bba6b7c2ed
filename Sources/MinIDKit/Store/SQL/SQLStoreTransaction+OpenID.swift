import Foundation

extension SQLStoreTransaction {
  // MARK: clients

  private static func list(_ values: [String]) -> String {
    String(decoding: (try? JSONEncoder().encode(values)) ?? Data("[]".utf8), as: UTF8.self)
  }

  private static func list(_ text: String) -> [String] {
    (try? JSONDecoder().decode([String].self, from: Data(text.utf8))) ?? []
  }

  func client(clientID: String) throws -> ClientRegistration? {
    try connection.first(
      """
      SELECT client_id, redirect_uris, post_logout_redirect_uris, auth_method, secret_hash, jwks, pkce_required,
        scopes, access_token_lifetime, refresh_token_lifetime, authorization_lifetime, frontchannel_logout_uri,
        backchannel_logout_uri
      FROM client WHERE client_id = ?
      """, [.text(clientID)]
    ) { row in
      ClientRegistration(
        clientID: row.text(0), redirectURIs: Self.list(row.text(1)),
        postLogoutRedirectURIs: Self.list(row.text(2)),
        authMethod: ClientAuthenticationMethod(rawValue: row.text(3)) ?? .clientSecretBasic,
        secretHash: row.optionalBlob(4), jwks: row.optionalText(5), pkceRequired: row.int64(6) == 1,
        scopes: row.text(7).split(separator: " ").map(String.init), accessTokenLifetime: row.int64(8),
        refreshTokenLifetime: row.int64(9), authorizationLifetime: row.int64(10),
        frontchannelLogoutURI: row.optionalText(11), backchannelLogoutURI: row.optionalText(12))
    }
  }

  func saveClient(_ client: ClientRegistration) throws {
    try connection.run("DELETE FROM client WHERE client_id = ?", [.text(client.clientID)])
    try connection.run(
      """
      INSERT INTO client (client_id, redirect_uris, post_logout_redirect_uris, auth_method, secret_hash, jwks,
        pkce_required, scopes, access_token_lifetime, refresh_token_lifetime, authorization_lifetime,
        frontchannel_logout_uri, backchannel_logout_uri)
      VALUES \(SQLColumns.placeholders(columns: 13))
      """,
      [
        .text(client.clientID), .text(Self.list(client.redirectURIs)),
        .text(Self.list(client.postLogoutRedirectURIs)), .text(client.authMethod.rawValue),
        .optional(client.secretHash), .optional(client.jwks),
        .integer(client.pkceRequired ? 1 : 0), .text(client.scopes.joined(separator: " ")),
        .integer(client.accessTokenLifetime), .integer(client.refreshTokenLifetime),
        .integer(client.authorizationLifetime), .optional(client.frontchannelLogoutURI),
        .optional(client.backchannelLogoutURI),
      ])
  }

  // MARK: grants

  func insertGrant(_ grant: OAuthGrant) throws {
    try connection.run(
      """
      INSERT INTO oauth_grant (id, client_id, pid, account_id, scope, acr, amr, auth_time, locale, created_at,
        expires_at, revoked_at, session_id)
      VALUES \(SQLColumns.placeholders(columns: 13))
      """,
      [
        .text(grant.id), .text(grant.clientID), .text(grant.pid), .optional(grant.accountID),
        .text(grant.scope.joined(separator: " ")), .text(grant.acr.rawValue),
        .text(grant.amr.joined(separator: " ")), .integer(grant.authTime.seconds), .text(grant.locale),
        .integer(grant.createdAt.seconds), .integer(grant.expiresAt.seconds),
        .optional(grant.revokedAt?.seconds), .optional(grant.sessionID),
      ])
  }

  func grant(id: String) throws -> OAuthGrant? {
    try connection.first(
      """
      SELECT \(Self.grantColumns) FROM oauth_grant WHERE id = ?
      """, [.text(id)], Self.grant)
  }

  static var grantColumns: String {
    "id, client_id, pid, account_id, scope, acr, amr, auth_time, locale, created_at, expires_at, revoked_at, session_id"
  }

  static func grant(_ row: Connection.Row) -> OAuthGrant {
    OAuthGrant(
      id: row.text(0), clientID: row.text(1), pid: row.text(2), accountID: row.optionalInt64(3),
      scope: row.text(4).split(separator: " ").map(String.init),
      acr: SecurityLevel(rawValue: row.text(5)) ?? .substantial,
      amr: row.text(6).split(separator: " ").map(String.init), authTime: Timestamp(seconds: row.int64(7)),
      locale: row.optionalText(8) ?? "nb", createdAt: Timestamp(seconds: row.int64(9)),
      expiresAt: Timestamp(seconds: row.int64(10)),
      revokedAt: row.optionalInt64(11).map(Timestamp.init(seconds:)), sessionID: row.optionalText(12))
  }

  func revokeGrant(id: String, at: Timestamp) throws -> Bool {
    try connection.run(
      "UPDATE oauth_grant SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
      [.integer(at.seconds), .text(id)])
      == 1
  }

  // MARK: codes and refresh tokens

  func insertAuthorizationCode(_ code: AuthorizationCodeRecord) throws {
    try connection.run(
      """
      INSERT INTO authorization_code (code_hash, grant_id, redirect_uri, code_challenge, nonce, created_at, expires_at)
      VALUES \(SQLColumns.placeholders(columns: 7))
      """,
      [
        .blob(code.codeHash), .text(code.grantID), .text(code.redirectURI), .optional(code.codeChallenge),
        .optional(code.nonce), .integer(code.createdAt.seconds), .integer(code.expiresAt.seconds),
      ])
  }

  func authorizationCode(hash: [UInt8]) throws -> AuthorizationCodeRecord? {
    try connection.first(
      """
      SELECT code_hash, grant_id, redirect_uri, code_challenge, nonce, created_at, expires_at, used_at
      FROM authorization_code WHERE code_hash = ?
      """, [.blob(hash)]
    ) { row in
      AuthorizationCodeRecord(
        codeHash: row.blob(0), grantID: row.text(1), redirectURI: row.text(2),
        codeChallenge: row.optionalText(3),
        nonce: row.optionalText(4), createdAt: Timestamp(seconds: row.int64(5)),
        expiresAt: Timestamp(seconds: row.int64(6)),
        usedAt: row.optionalInt64(7).map(Timestamp.init(seconds:)))
    }
  }

  func markAuthorizationCodeUsed(hash: [UInt8], at: Timestamp) throws -> Bool {
    try connection.run(
      "UPDATE authorization_code SET used_at = ? WHERE code_hash = ? AND used_at IS NULL",
      [.integer(at.seconds), .blob(hash)]) == 1
  }

  func insertRefreshToken(_ token: RefreshTokenRecord) throws {
    try connection.run(
      "INSERT INTO refresh_token (token_hash, grant_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
      [
        .blob(token.tokenHash), .text(token.grantID), .integer(token.createdAt.seconds),
        .integer(token.expiresAt.seconds),
      ])
  }

  func refreshToken(hash: [UInt8]) throws -> RefreshTokenRecord? {
    try connection.first(
      "SELECT token_hash, grant_id, created_at, expires_at, used_at FROM refresh_token WHERE token_hash = ?",
      [.blob(hash)]
    ) { row in
      RefreshTokenRecord(
        tokenHash: row.blob(0), grantID: row.text(1), createdAt: Timestamp(seconds: row.int64(2)),
        expiresAt: Timestamp(seconds: row.int64(3)),
        usedAt: row.optionalInt64(4).map(Timestamp.init(seconds:)))
    }
  }

  func markRefreshTokenUsed(hash: [UInt8], at: Timestamp) throws -> Bool {
    try connection.run(
      "UPDATE refresh_token SET used_at = ? WHERE token_hash = ? AND used_at IS NULL",
      [.integer(at.seconds), .blob(hash)]) == 1
  }

  // MARK: stored authorization requests

  func insertAuthorizationRequest(_ stored: StoredAuthorizationRequest) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    try connection.run(
      """
      INSERT INTO authorization_request (id, client_id, parameters, browser_hash, pushed, created_at, expires_at)
      VALUES \(SQLColumns.placeholders(columns: 7))
      """,
      [
        .text(stored.id), .text(stored.request.clientID),
        .text(String(decoding: try encoder.encode(stored.request), as: UTF8.self)),
        .optional(stored.browserHash), .integer(stored.pushed ? 1 : 0),
        .integer(stored.createdAt.seconds), .integer(stored.expiresAt.seconds),
      ])
  }

  func authorizationRequest(id: String) throws -> StoredAuthorizationRequest? {
    try connection.first(
      """
      SELECT id, parameters, browser_hash, pushed, created_at, expires_at, used_at
      FROM authorization_request WHERE id = ?
      """, [.text(id)]
    ) { row in
      guard let request = try? JSONDecoder().decode(AuthorizationRequest.self, from: Data(row.text(1).utf8))
      else {
        throw StoreError.notAStore(path: connection.location)
      }
      return StoredAuthorizationRequest(
        id: row.text(0), request: request, browserHash: row.optionalBlob(2), pushed: row.int64(3) == 1,
        createdAt: Timestamp(seconds: row.int64(4)), expiresAt: Timestamp(seconds: row.int64(5)),
        usedAt: row.optionalInt64(6).map(Timestamp.init(seconds:)))
    }
  }

  func markAuthorizationRequestUsed(id: String, at: Timestamp) throws -> Bool {
    try connection.run(
      "UPDATE authorization_request SET used_at = ? WHERE id = ? AND used_at IS NULL",
      [.integer(at.seconds), .text(id)])
      == 1
  }

  func deleteGrants(pid: String) throws {
    let grants = "SELECT id FROM oauth_grant WHERE pid = ?"
    try connection.run("DELETE FROM authorization_code WHERE grant_id IN (\(grants))", [.text(pid)])
    try connection.run("DELETE FROM refresh_token WHERE grant_id IN (\(grants))", [.text(pid)])
    try connection.run("DELETE FROM oauth_grant WHERE pid = ?", [.text(pid)])
  }

  // MARK: client assertions

  func useClientAssertion(clientID: String, jti: String, expiresAt: Timestamp, now: Timestamp) throws -> Bool
  {
    try connection.run("DELETE FROM client_assertion WHERE expires_at <= ?", [.integer(now.seconds)])
    // ON CONFLICT DO NOTHING (SQLite and PostgreSQL alike): a used jti inserts no row, and no error
    // aborts the transaction, so the refusal can be audited in it.
    return try connection.run(
      """
      INSERT INTO client_assertion (client_id, jti, expires_at) VALUES (?, ?, ?)
      ON CONFLICT (client_id, jti) DO NOTHING
      """, [.text(clientID), .text(jti), .integer(expiresAt.seconds)]) == 1
  }
}
