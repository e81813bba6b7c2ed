extension Migration {
  /// Version 9. The `jti` of every client assertion (`private_key_jwt`, RFC 7523 §3 item 7) accepted
  /// and not yet expired, so an assertion authenticates once: the primary key makes a second use, even
  /// a racing one, fail to insert. Rows past `expires_at` are pruned as new assertions arrive.
  static let clientAssertionJTI = Migration(
    "client-assertion-jti",
    sqlite: """
      CREATE TABLE client_assertion (
        client_id TEXT NOT NULL,
        jti TEXT NOT NULL,
        expires_at INTEGER NOT NULL,
        PRIMARY KEY (client_id, jti)
      ) STRICT;
      CREATE INDEX client_assertion_expires ON client_assertion (expires_at);
      """,
    postgres: """
      CREATE TABLE client_assertion (
        client_id TEXT NOT NULL,
        jti TEXT NOT NULL,
        expires_at BIGINT NOT NULL,
        PRIMARY KEY (client_id, jti)
      );
      CREATE INDEX client_assertion_expires ON client_assertion (expires_at);
      """)
}
