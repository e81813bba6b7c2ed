extension Migration {
  /// Version 6. OpenID Connect clients (redirect URIs, client authentication, lifetimes) and the
  /// grants, codes and refresh tokens `minid serve` issues; every one lives in the store, so several
  /// servers share them.
  static let openIDConnect = Migration(
    "openid-connect",
    sqlite: """
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
    postgres: """
      CREATE TABLE client (
        client_id TEXT PRIMARY KEY NOT NULL REFERENCES service (client_id) ON DELETE CASCADE,
        redirect_uris TEXT NOT NULL,
        post_logout_redirect_uris TEXT NOT NULL,
        auth_method TEXT NOT NULL
          CHECK (auth_method IN ('client_secret_basic', 'client_secret_post', 'private_key_jwt', 'none')),
        secret_hash BYTEA,
        jwks TEXT,
        pkce_required INTEGER NOT NULL CHECK (pkce_required IN (0, 1)),
        scopes TEXT NOT NULL,
        access_token_lifetime BIGINT NOT NULL,
        refresh_token_lifetime BIGINT NOT NULL,
        authorization_lifetime BIGINT NOT NULL
      );
      CREATE TABLE oauth_grant (
        id TEXT PRIMARY KEY NOT NULL,
        client_id TEXT NOT NULL,
        pid TEXT NOT NULL,
        account_id BIGINT REFERENCES account (id),
        scope TEXT NOT NULL,
        acr TEXT NOT NULL,
        amr TEXT NOT NULL,
        auth_time BIGINT NOT NULL,
        locale TEXT,
        created_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL,
        revoked_at BIGINT
      );
      CREATE INDEX oauth_grant_pid ON oauth_grant (pid);
      CREATE TABLE authorization_code (
        code_hash BYTEA PRIMARY KEY NOT NULL,
        grant_id TEXT NOT NULL REFERENCES oauth_grant (id),
        redirect_uri TEXT NOT NULL,
        code_challenge TEXT,
        nonce TEXT,
        created_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL,
        used_at BIGINT
      );
      CREATE INDEX authorization_code_grant ON authorization_code (grant_id);
      CREATE TABLE refresh_token (
        token_hash BYTEA PRIMARY KEY NOT NULL,
        grant_id TEXT NOT NULL REFERENCES oauth_grant (id),
        created_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL,
        used_at BIGINT
      );
      CREATE INDEX refresh_token_grant ON refresh_token (grant_id);
      CREATE TABLE authorization_request (
        id TEXT PRIMARY KEY NOT NULL,
        client_id TEXT NOT NULL,
        parameters TEXT NOT NULL,
        browser_hash BYTEA,
        pushed INTEGER NOT NULL CHECK (pushed IN (0, 1)),
        created_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL,
        used_at BIGINT
      );
      """)
}
