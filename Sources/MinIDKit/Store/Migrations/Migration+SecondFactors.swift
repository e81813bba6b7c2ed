extension Migration {
  /// Version 11. Second factors beside SMS (decisions §9). `app_device`: the one MinID app device of an
  /// account, its public JWK (the private key stays with the device) and when it was enrolled and last
  /// used. `totp_credential`: an account's RFC 6238 secret, sealed (AES-256-GCM) under a key derived from
  /// the store's code key, and the last time step used, so each code works once. `login_factor`: which
  /// second factor a login attempt waits for (no row: the SMS code), an app approval's nonce, expiry and
  /// decision, and when the person chose SMS instead. Depends on nothing after version 9.
  static let secondFactors = Migration(
    "second-factors",
    sqlite: """
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
    postgres: """
      CREATE TABLE app_device (
        account_id BIGINT PRIMARY KEY REFERENCES account (id),
        device_id TEXT NOT NULL UNIQUE,
        public_jwk TEXT NOT NULL,
        enrolled_at BIGINT NOT NULL,
        last_used_at BIGINT
      );
      CREATE TABLE totp_credential (
        account_id BIGINT PRIMARY KEY REFERENCES account (id),
        sealed_secret BYTEA NOT NULL,
        enrolled_at BIGINT NOT NULL,
        last_step BIGINT,
        last_used_at BIGINT
      );
      CREATE TABLE login_factor (
        attempt_id TEXT PRIMARY KEY NOT NULL REFERENCES login_attempt (id),
        method TEXT NOT NULL CHECK (method IN ('app', 'totp')),
        nonce TEXT,
        service_name TEXT,
        approval_expires_at BIGINT,
        decision TEXT CHECK (decision IN ('approve', 'reject')),
        decided_at BIGINT,
        sms_fallback_at BIGINT
      );
      """)
}
