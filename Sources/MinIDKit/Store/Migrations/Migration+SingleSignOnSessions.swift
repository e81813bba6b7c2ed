extension Migration {
  /// Version 10. Single sign-on sessions (`minid serve`): the cookie's keyed hash, the login they stand
  /// for, their idle and hard limits, and why they ended; each grant names the session it was issued in,
  /// so logout finds the session's clients and grants. Clients register front- and back-channel logout
  /// URIs (OpenID Connect Front-Channel and Back-Channel Logout 1.0; decisions §8).
  static let singleSignOnSessions = Migration(
    "single-sign-on-sessions",
    sqlite: """
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
    postgres: """
      CREATE TABLE sso_session (
        id TEXT PRIMARY KEY NOT NULL,
        cookie_hash BYTEA NOT NULL UNIQUE,
        pid TEXT NOT NULL,
        account_id BIGINT REFERENCES account (id),
        acr TEXT NOT NULL,
        amr TEXT NOT NULL,
        auth_time BIGINT NOT NULL,
        created_at BIGINT NOT NULL,
        last_used_at BIGINT NOT NULL,
        idle_seconds BIGINT NOT NULL CHECK (idle_seconds > 0),
        expires_at BIGINT NOT NULL,
        ended_at BIGINT,
        end_reason TEXT
      );
      CREATE INDEX sso_session_pid ON sso_session (pid);
      CREATE INDEX sso_session_expires ON sso_session (expires_at);
      ALTER TABLE oauth_grant ADD COLUMN session_id TEXT;
      CREATE INDEX oauth_grant_session ON oauth_grant (session_id) WHERE session_id IS NOT NULL;
      ALTER TABLE client ADD COLUMN frontchannel_logout_uri TEXT;
      ALTER TABLE client ADD COLUMN backchannel_logout_uri TEXT;
      """)
}
