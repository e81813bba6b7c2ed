extension Migration {
  /// Version 7. A signing key's activation time, so a new key is published before it signs and the
  /// signing key is chosen by time (NULL: the key predates scheduling, and `active` alone says whether
  /// it signs).
  static let signingKeyActivation = Migration(
    "signing-key-activation",
    sqlite: """
      ALTER TABLE signing_key ADD COLUMN activates_at INTEGER;
      """,
    postgres: """
      ALTER TABLE signing_key ADD COLUMN activates_at BIGINT;
      """)
}
