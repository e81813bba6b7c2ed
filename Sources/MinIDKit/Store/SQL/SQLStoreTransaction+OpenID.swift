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
      "SELECT \(ClientColumn.selectList) FROM client WHERE client_id = ?", [.text(clientID)]
    ) { row in
      typealias C = ClientColumn
      var client = ClientRegistration(
        clientID: row.text(C.clientID), redirectURIs: Self.list(row.text(C.redirectURIs)),
        postLogoutRedirectURIs: Self.list(row.text(C.postLogoutRedirectURIs)),
        authMethod: ClientAuthenticationMethod(rawValue: row.text(C.authMethod)) ?? .clientSecretBasic,
        secretHash: row.optionalBlob(C.secretHash), jwks: row.optionalText(C.jwks),
        pkceRequired: row.int64(C.pkceRequired) == 1,
        scopes: row.text(C.scopes).split(separator: " ").map(String.init),
        accessTokenLifetime: row.int64(C.accessTokenLifetime),
        refreshTokenLifetime: row.int64(C.refreshTokenLifetime),
        authorizationLifetime: row.int64(C.authorizationLifetime),
        frontchannelLogoutURI: row.optionalText(C.frontchannelLogoutURI),
        backchannelLogoutURI: row.optionalText(C.backchannelLogoutURI))
      // Checked when registered; a value edited outside minid that is no longer valid is left out.
      client.organizationNumber = row.optionalText(C.organizationNumber).flatMap {
        try? OrganizationNumber($0)
      }
      return client
    }
  }

  func saveClient(_ client: ClientRegistration) throws {
    try connection.run("DELETE FROM client WHERE client_id = ?", [.text(client.clientID)])
    try connection.run(
      """
      INSERT INTO client (\(ClientColumn.selectList))
      VALUES \(SQLColumns.placeholders(columns: ClientColumn.allCases.count))
      """,
      [
        .text(client.clientID), .text(Self.list(client.redirectURIs)),
        .text(Self.list(client.postLogoutRedirectURIs)), .text(client.authMethod.rawValue),
        .optional(client.secretHash), .optional(client.jwks),
        .integer(client.pkceRequired ? 1 : 0), .text(client.scopes.joined(separator: " ")),
        .integer(client.accessTokenLifetime), .integer(client.refreshTokenLifetime),
        .integer(client.authorizationLifetime), .optional(client.frontchannelLogoutURI),
        .optional(client.backchannelLogoutURI), .optional(client.organizationNumber?.digits),
      ])
  }

  // MARK: grants

  func insertGrant(_ grant: OAuthGrant) throws {
    try connection.run(
      """
      INSERT INTO oauth_grant (\(OAuthGrantColumn.selectList))
      VALUES \(SQLColumns.placeholders(columns: OAuthGrantColumn.allCases.count))
      """,
      [
        .text(grant.id), .text(grant.clientID), .text(grant.pid), .optional(grant.accountID),
        .text(grant.scope.joined(separator: " ")), .text(grant.acr.rawValue),
        .text(grant.amr.joined(separator: " ")), .integer(grant.authTime.seconds), .text(grant.locale),
        .integer(grant.createdAt.seconds), .integer(grant.expiresAt.seconds),
        .optional(grant.revokedAt?.seconds), .optional(grant.sessionID), .optional(grant.resource),
      ])
  }

  func grant(id: String) throws -> OAuthGrant? {
    try connection.first(
      """
      SELECT \(Self.grantColumns) FROM oauth_grant WHERE id = ?
      """, [.text(id)], Self.grant)
  }

  static var grantColumns: String { OAuthGrantColumn.selectList }

  static func grant(_ row: Connection.Row) -> OAuthGrant {
    typealias C = OAuthGrantColumn
    var grant = OAuthGrant(
      id: row.text(C.id), clientID: row.text(C.clientID), pid: row.text(C.pid),
      accountID: row.optionalInt64(C.accountID),
      scope: row.text(C.scope).split(separator: " ").map(String.init),
      acr: SecurityLevel(rawValue: row.text(C.acr)) ?? .substantial,
      amr: row.text(C.amr).split(separator: " ").map(String.init), authTime: row.timestamp(C.authTime),
      locale: row.optionalText(C.locale) ?? "nb", createdAt: row.timestamp(C.createdAt),
      expiresAt: row.timestamp(C.expiresAt), revokedAt: row.optionalTimestamp(C.revokedAt),
      sessionID: row.optionalText(C.sessionID))
    grant.resource = row.optionalText(C.resource)
    return grant
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
      "SELECT \(AuthorizationCodeColumn.selectList) FROM authorization_code WHERE code_hash = ?",
      [.blob(hash)]
    ) { row in
      typealias C = AuthorizationCodeColumn
      return AuthorizationCodeRecord(
        codeHash: row.blob(C.codeHash), grantID: row.text(C.grantID), redirectURI: row.text(C.redirectURI),
        codeChallenge: row.optionalText(C.codeChallenge), nonce: row.optionalText(C.nonce),
        createdAt: row.timestamp(C.createdAt), expiresAt: row.timestamp(C.expiresAt),
        usedAt: row.optionalTimestamp(C.usedAt))
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
      "SELECT \(RefreshTokenColumn.selectList) FROM refresh_token WHERE token_hash = ?", [.blob(hash)]
    ) { row in
      typealias C = RefreshTokenColumn
      return RefreshTokenRecord(
        tokenHash: row.blob(C.tokenHash), grantID: row.text(C.grantID), createdAt: row.timestamp(C.createdAt),
        expiresAt: row.timestamp(C.expiresAt), usedAt: row.optionalTimestamp(C.usedAt))
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
      "SELECT \(AuthorizationRequestColumn.selectList) FROM authorization_request WHERE id = ?", [.text(id)]
    ) { row in
      typealias C = AuthorizationRequestColumn
      guard
        let request = try? JSONDecoder().decode(
          AuthorizationRequest.self, from: Data(row.text(C.parameters).utf8))
      else {
        throw StoreError.notAStore(path: connection.location)
      }
      return StoredAuthorizationRequest(
        id: row.text(C.id), request: request, browserHash: row.optionalBlob(C.browserHash),
        pushed: row.int64(C.pushed) == 1, createdAt: row.timestamp(C.createdAt),
        expiresAt: row.timestamp(C.expiresAt), usedAt: row.optionalTimestamp(C.usedAt))
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
