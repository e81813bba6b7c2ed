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
  case kid, alg, privateDer, publicJwk, createdAt, retiredAt, active, activatesAt
}

/// The `signing_key` table's columns without the private key, as `publicSigningKeys()` reads them.
enum PublicSigningKeyColumn: Int32, SQLColumnSet {
  case kid, alg, publicJwk, createdAt, retiredAt, active, activatesAt
}

/// The `recovery_attempt` table's columns as `SQLStoreTransaction` reads them.
enum RecoveryAttemptColumn: Int32, SQLColumnSet {
  case id, accountID, smsHash, emailHash, createdAt, expiresAt, usedAt
}
