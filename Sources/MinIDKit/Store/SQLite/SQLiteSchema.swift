/// The store's schema as an append-only list of migrations. A shipped migration is never edited; a change
/// is a new entry. Each runs in one transaction together with its `user_version` bump.
enum SQLiteSchema {
  static let migrations: [String] = [
    // 1: accounts, letters, outbox, audit, settings and secrets.
    """
    CREATE TABLE store_info (
      key TEXT PRIMARY KEY NOT NULL,
      value TEXT NOT NULL
    ) STRICT;
    CREATE TABLE store_secret (
      name TEXT PRIMARY KEY NOT NULL,
      value BLOB NOT NULL
    ) STRICT;
    CREATE TABLE account (
      id INTEGER PRIMARY KEY,
      pid TEXT UNIQUE,
      pseudonym TEXT NOT NULL,
      kind TEXT,
      phone TEXT,
      email TEXT,
      address TEXT,
      state TEXT NOT NULL CHECK (state IN ('letter_sent', 'active', 'blocked', 'closed')),
      block_reason TEXT,
      password_hash TEXT,
      failed_attempts INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
      locked_until INTEGER,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      activated_at INTEGER
    ) STRICT;
    CREATE INDEX account_pseudonym ON account (pseudonym);
    CREATE INDEX account_phone ON account (phone);
    CREATE INDEX account_email ON account (email);
    CREATE INDEX account_state ON account (state);
    CREATE TABLE outbox (
      id INTEGER PRIMARY KEY,
      account_id INTEGER REFERENCES account (id),
      kind TEXT NOT NULL CHECK (kind IN ('letter', 'sms', 'email')),
      recipient TEXT NOT NULL,
      subject TEXT NOT NULL,
      body TEXT,
      created_at INTEGER NOT NULL,
      drained_at INTEGER,
      drained_to TEXT
    ) STRICT;
    CREATE INDEX outbox_account ON outbox (account_id);
    CREATE TABLE activation_letter (
      id INTEGER PRIMARY KEY,
      account_id INTEGER NOT NULL REFERENCES account (id),
      code_hash BLOB NOT NULL,
      created_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL,
      used_at INTEGER,
      revoked_at INTEGER,
      outbox_id INTEGER REFERENCES outbox (id)
    ) STRICT;
    CREATE INDEX activation_letter_account ON activation_letter (account_id);
    CREATE TABLE audit (
      seq INTEGER PRIMARY KEY,
      at INTEGER NOT NULL,
      actor TEXT NOT NULL,
      action TEXT NOT NULL,
      account TEXT,
      case_ref TEXT,
      outcome TEXT NOT NULL,
      detail TEXT NOT NULL,
      prev_hash BLOB NOT NULL,
      hash BLOB NOT NULL
    ) STRICT;
    CREATE INDEX audit_account ON audit (account, seq);
    CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
      BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;
    CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
      BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END;
    """,
    // 2: services, signing keys, login attempts and password recovery.
    """
    CREATE TABLE service (
      client_id TEXT PRIMARY KEY NOT NULL,
      name TEXT NOT NULL,
      level TEXT NOT NULL CHECK (level IN ('idporten-loa-substantial', 'idporten-loa-high')),
      created_at INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE signing_key (
      kid TEXT PRIMARY KEY NOT NULL,
      alg TEXT NOT NULL CHECK (alg IN ('RS256', 'ES256')),
      private_der BLOB NOT NULL,
      public_jwk TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      retired_at INTEGER,
      active INTEGER NOT NULL DEFAULT 0 CHECK (active IN (0, 1))
    ) STRICT;
    CREATE UNIQUE INDEX signing_key_one_active ON signing_key (active) WHERE active = 1;
    CREATE TABLE login_attempt (
      id TEXT PRIMARY KEY NOT NULL,
      account_id INTEGER NOT NULL REFERENCES account (id),
      client_id TEXT NOT NULL,
      code_hash BLOB NOT NULL,
      created_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL,
      used_at INTEGER,
      outbox_id INTEGER REFERENCES outbox (id)
    ) STRICT;
    CREATE INDEX login_attempt_account ON login_attempt (account_id);
    CREATE TABLE recovery_attempt (
      id INTEGER PRIMARY KEY,
      account_id INTEGER NOT NULL REFERENCES account (id),
      sms_hash BLOB NOT NULL,
      email_hash BLOB NOT NULL,
      created_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL,
      used_at INTEGER
    ) STRICT;
    CREATE INDEX recovery_attempt_account ON recovery_attempt (account_id);
    """,
    // 3: support case references kept on the account.
    """
    CREATE TABLE account_case (
      account_id INTEGER NOT NULL REFERENCES account (id),
      case_ref TEXT NOT NULL,
      added_at INTEGER NOT NULL,
      PRIMARY KEY (account_id, case_ref)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX account_case_ref ON account_case (case_ref);
    """,
    // 4: nothing looks accounts up by pseudonym (the audit trail has its own index); one random-key index
    // less makes bulk import faster.
    """
    DROP INDEX account_pseudonym;
    """,
    // 5: an account's audit entries are found through its row id, an index that grows in row order, rather
    // than through the random pseudonym, whose index made every import batch rewrite pages all over it.
    // Entries before this version, and those naming a person without an account, stay findable by pseudonym
    // through a partial index; closed accounts (purged ones have no identity number left) by pseudonym too.
    """
    ALTER TABLE audit ADD COLUMN account_id INTEGER REFERENCES account (id);
    DROP INDEX audit_account;
    CREATE INDEX audit_account ON audit (account, seq) WHERE account_id IS NULL;
    CREATE INDEX audit_account_id ON audit (account_id, seq) WHERE account_id IS NOT NULL;
    CREATE INDEX account_closed ON account (pseudonym) WHERE state = 'closed';
    """,
    // 6: OpenID Connect clients (redirect URIs, client authentication, lifetimes) and the grants, codes and
    // refresh tokens `minid serve` issues; every one lives in the store, so several servers share them.
    """
    CREATE TABLE client (
      client_id TEXT PRIMARY KEY NOT NULL REFERENCES service (client_id) ON DELETE CASCADE,
      redirect_uris TEXT NOT NULL,
      post_logout_redirect_uris TEXT NOT NULL,
      auth_method TEXT NOT NULL
        CHECK (auth_method IN ('client_secret_basic', 'client_secret_post', 'private_key_jwt', 'none')),
      secret_hash BLOB,
      jwks TEXT,
      pkce_required INTEGER NOT NULL CHECK (pkce_required IN (0, 1)),
      scopes TEXT NOT NULL,
      access_token_lifetime INTEGER NOT NULL,
      refresh_token_lifetime INTEGER NOT NULL,
      authorization_lifetime INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE oauth_grant (
      id TEXT PRIMARY KEY NOT NULL,
      client_id TEXT NOT NULL,
      pid TEXT NOT NULL,
      account_id INTEGER REFERENCES account (id),
      scope TEXT NOT NULL,
      acr TEXT NOT NULL,
      amr TEXT NOT NULL,
      auth_time INTEGER NOT NULL,
      locale TEXT,
      created_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL,
      revoked_at INTEGER
    ) STRICT;
    CREATE INDEX oauth_grant_pid ON oauth_grant (pid);
    CREATE TABLE authorization_code (
      code_hash BLOB PRIMARY KEY NOT NULL,
      grant_id TEXT NOT NULL REFERENCES oauth_grant (id),
      redirect_uri TEXT NOT NULL,
      code_challenge TEXT,
      nonce TEXT,
      created_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL,
      used_at INTEGER
    ) STRICT;
    CREATE INDEX authorization_code_grant ON authorization_code (grant_id);
    CREATE TABLE refresh_token (
      token_hash BLOB PRIMARY KEY NOT NULL,
      grant_id TEXT NOT NULL REFERENCES oauth_grant (id),
      created_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL,
      used_at INTEGER
    ) STRICT;
    CREATE INDEX refresh_token_grant ON refresh_token (grant_id);
    CREATE TABLE authorization_request (
      id TEXT PRIMARY KEY NOT NULL,
      client_id TEXT NOT NULL,
      parameters TEXT NOT NULL,
      browser_hash BLOB,
      pushed INTEGER NOT NULL CHECK (pushed IN (0, 1)),
      created_at INTEGER NOT NULL,
      expires_at INTEGER NOT NULL,
      used_at INTEGER
    ) STRICT;
    """,
    // 7: a signing key's activation time, so a new key is published before it signs and the signing key
    // is chosen by time (NULL: the key predates scheduling, and `active` alone says whether it signs).
    """
    ALTER TABLE signing_key ADD COLUMN activates_at INTEGER;
    """,
    // 8: an activation letter's outbox message keeps what the letter needs (the address in `body`, the code
    // in `letter_code`) rather than its printed text, which is composed when the message is read: a bulk
    // import writes a few dozen bytes per letter instead of two kilobytes and draws no QR code.
    """
    ALTER TABLE outbox ADD COLUMN letter_code TEXT;
    """,
    // 9: the `jti` of every client assertion (`private_key_jwt`, RFC 7523 §3 item 7) accepted and not yet
    // expired, so an assertion authenticates once: the primary key makes a second use, even a racing one,
    // fail to insert. Rows past `expires_at` are pruned as new assertions arrive.
    """
    CREATE TABLE client_assertion (
      client_id TEXT NOT NULL,
      jti TEXT NOT NULL,
      expires_at INTEGER NOT NULL,
      PRIMARY KEY (client_id, jti)
    ) STRICT;
    CREATE INDEX client_assertion_expires ON client_assertion (expires_at);
    """,
    // 10: single sign-on sessions (`minid serve`): the cookie's keyed hash, the login they stand for, their
    // idle and hard limits, and why they ended; each grant names the session it was issued in, so logout
    // finds the session's clients and grants. Clients register front- and back-channel logout URIs.
    """
    CREATE TABLE sso_session (
      id TEXT PRIMARY KEY NOT NULL,
      cookie_hash BLOB NOT NULL UNIQUE,
      pid TEXT NOT NULL,
      account_id INTEGER REFERENCES account (id),
      acr TEXT NOT NULL,
      amr TEXT NOT NULL,
      auth_time INTEGER NOT NULL,
      created_at INTEGER NOT NULL,
      last_used_at INTEGER NOT NULL,
      idle_seconds INTEGER NOT NULL CHECK (idle_seconds > 0),
      expires_at INTEGER NOT NULL,
      ended_at INTEGER,
      end_reason TEXT
    ) STRICT;
    CREATE INDEX sso_session_pid ON sso_session (pid);
    CREATE INDEX sso_session_expires ON sso_session (expires_at);
    ALTER TABLE oauth_grant ADD COLUMN session_id TEXT;
    CREATE INDEX oauth_grant_session ON oauth_grant (session_id) WHERE session_id IS NOT NULL;
    ALTER TABLE client ADD COLUMN frontchannel_logout_uri TEXT;
    ALTER TABLE client ADD COLUMN backchannel_logout_uri TEXT;
    """,
    // 11: second factors beside SMS (decisions §9). `app_device`: the one MinID app device of an account,
    // its public JWK (the private key stays with the device) and when it was enrolled and last used.
    // `totp_credential`: an account's RFC 6238 secret, sealed (AES-256-GCM) under a key derived from the
    // store's code key, and the last time step used, so each code works once. `login_factor`: which second
    // factor a login attempt waits for (no row: the SMS code), an app approval's nonce, expiry and decision,
    // and when the person chose SMS instead. Depends on nothing after migration 9.
    """
    CREATE TABLE app_device (
      account_id INTEGER PRIMARY KEY REFERENCES account (id),
      device_id TEXT NOT NULL UNIQUE,
      public_jwk TEXT NOT NULL,
      enrolled_at INTEGER NOT NULL,
      last_used_at INTEGER
    ) STRICT;
    CREATE TABLE totp_credential (
      account_id INTEGER PRIMARY KEY REFERENCES account (id),
      sealed_secret BLOB NOT NULL,
      enrolled_at INTEGER NOT NULL,
      last_step INTEGER,
      last_used_at INTEGER
    ) STRICT;
    CREATE TABLE login_factor (
      attempt_id TEXT PRIMARY KEY NOT NULL REFERENCES login_attempt (id),
      method TEXT NOT NULL CHECK (method IN ('app', 'totp')),
      nonce TEXT,
      service_name TEXT,
      approval_expires_at INTEGER,
      decision TEXT CHECK (decision IN ('approve', 'reject')),
      decided_at INTEGER,
      sms_fallback_at INTEGER
    ) STRICT;
    """,
  ]

  static var latestVersion: Int { migrations.count }

  /// Brings the store up to the latest version; refuses a store made by a newer minid.
  static func migrate(_ connection: SQLiteConnection) throws {
    try connection.writeTransaction {
      let version = try connection.userVersion
      guard version <= latestVersion else {
        throw StoreError.newerSchema(found: version, supported: latestVersion)
      }
      for index in version..<latestVersion {
        try connection.execute(migrations[index])
        try connection.execute("PRAGMA user_version = \(index + 1)")
      }
      let violations = try connection.scalarInt("SELECT count(*) FROM pragma_foreign_key_check")
      guard violations == 0 else {
        throw SQLiteError(
          extendedCode: 787, sqliteMessage: "foreign key check failed after migration", operation: "migrating"
        )
      }
    }
  }
}
