/// The `account` table's columns as `SQLStoreTransaction` reads them.
enum AccountColumn: Int32, SQLColumnSet {
  case id, pid, pseudonym, kind, phone, email, address, state, blockReason, passwordHash, failedAttempts
  case lockedUntil, createdAt, updatedAt, activatedAt
}

/// The `outbox` table's columns as `SQLStoreTransaction` reads them, with a letter's expiry from its letter
/// row, found through the account's letters, for messages that keep a letter's parts rather than its text.
enum OutboxColumn: Int32, SQLColumnSet {
  case id, accountID, kind, recipient, subject, body, createdAt, drainedAt, drainedTo, letterCode
  case letterExpiresAt

  var expression: String {
    switch self {
    case .letterExpiresAt:
      """
      CASE WHEN letter_code IS NULL THEN NULL ELSE (SELECT expires_at FROM activation_letter
        WHERE activation_letter.account_id = outbox.account_id AND activation_letter.outbox_id = outbox.id)
      END
      """
    default: name
    }
  }
}

/// The `audit` table's columns, read and (all of them) written in this order.
enum AuditColumn: Int32, SQLColumnSet {
  case seq, at, actor, action, account, caseRef, outcome, detail, prevHash, hash, accountID
}

/// The `service` table's columns as `SQLStoreTransaction` reads them.
enum ServiceColumn: Int32, SQLColumnSet {
  case clientID, name, level, createdAt
}

/// The `signing_key` table's columns, private key included, as `signingKeys()` reads them.
enum SigningKeyColumn: Int32, SQLColumnSet {
  // The private key last, so the columns before it are `PublicSigningKeyColumn`'s, read by one reader.
  case kid, alg, publicJwk, createdAt, retiredAt, active, activatesAt, privateDer
}

/// The `signing_key` table's columns without the private key, as `publicSigningKeys()` reads them.
enum PublicSigningKeyColumn: Int32, SQLColumnSet {
  case kid, alg, publicJwk, createdAt, retiredAt, active, activatesAt
}

/// The `recovery_attempt` table's columns as `SQLStoreTransaction` reads them.
enum RecoveryAttemptColumn: Int32, SQLColumnSet {
  case id, accountID, smsHash, emailHash, createdAt, expiresAt, usedAt
}

/// The `login_attempt` table's columns.
enum LoginAttemptColumn: Int32, SQLColumnSet {
  case id, accountID, clientID, codeHash, createdAt, expiresAt, usedAt, outboxID
}

/// The `login_factor` table's columns, read and written in this order.
enum LoginFactorColumn: Int32, SQLColumnSet {
  case attemptID, method, nonce, serviceName, approvalExpiresAt, decision, decidedAt, smsFallbackAt
}

/// The `app_device` table's columns, read and written in this order.
enum AppDeviceColumn: Int32, SQLColumnSet {
  case accountID, deviceID, publicJwk, enrolledAt, lastUsedAt
}

/// The `totp_credential` table's columns, read and written in this order.
enum TOTPCredentialColumn: Int32, SQLColumnSet {
  case accountID, sealedSecret, enrolledAt, lastStep, lastUsedAt
}

/// The `sso_session` table's columns as `SQLStoreTransaction` reads them (never the cookie's hash).
enum SSOSessionColumn: Int32, SQLColumnSet {
  case id, pid, accountID, acr, amr, authTime, createdAt, lastUsedAt, idleSeconds, expiresAt, endedAt,
    endReason
}

/// The `client` table's columns, read and written in this order.
enum ClientColumn: Int32, SQLColumnSet {
  case clientID, redirectURIs, postLogoutRedirectURIs, authMethod, secretHash, jwks, pkceRequired, scopes
  case accessTokenLifetime, refreshTokenLifetime, authorizationLifetime, frontchannelLogoutURI
  case backchannelLogoutURI, organizationNumber
}

/// The `oauth_grant` table's columns, read and written in this order.
enum OAuthGrantColumn: Int32, SQLColumnSet {
  case id, clientID, pid, accountID, scope, acr, amr, authTime, locale, createdAt, expiresAt, revokedAt
  case sessionID, resource
}

/// The `authorization_code` table's columns as `SQLStoreTransaction` reads them.
enum AuthorizationCodeColumn: Int32, SQLColumnSet {
  case codeHash, grantID, redirectURI, codeChallenge, nonce, createdAt, expiresAt, usedAt
}

/// The `refresh_token` table's columns as `SQLStoreTransaction` reads them.
enum RefreshTokenColumn: Int32, SQLColumnSet {
  case tokenHash, grantID, createdAt, expiresAt, usedAt
}

/// The `authorization_request` table's columns as `SQLStoreTransaction` reads them.
enum AuthorizationRequestColumn: Int32, SQLColumnSet {
  case id, parameters, browserHash, pushed, createdAt, expiresAt, usedAt
}
