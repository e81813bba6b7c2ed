extension Migration {
  /// Version 5. An account's audit entries are found through its row id, an index that grows in row
  /// order, rather than through the random pseudonym, whose index made every import batch rewrite pages
  /// all over it. Entries before this version, and those naming a person without an account, stay
  /// findable by pseudonym through a partial index; closed accounts (purged ones have no identity
  /// number left) by pseudonym too.
  static let auditAccountID = Migration(
    "audit-account-id",
    sqlite: """
      ALTER TABLE audit ADD COLUMN account_id INTEGER REFERENCES account (id);
      DROP INDEX audit_account;
      CREATE INDEX audit_account ON audit (account, seq) WHERE account_id IS NULL;
      CREATE INDEX audit_account_id ON audit (account_id, seq) WHERE account_id IS NOT NULL;
      CREATE INDEX account_closed ON account (pseudonym) WHERE state = 'closed';
      """,
    postgres: """
      ALTER TABLE audit ADD COLUMN account_id BIGINT REFERENCES account (id);
      DROP INDEX audit_account;
      CREATE INDEX audit_account ON audit (account, seq) WHERE account_id IS NULL;
      CREATE INDEX audit_account_id ON audit (account_id, seq) WHERE account_id IS NOT NULL;
      CREATE INDEX account_closed ON account (pseudonym) WHERE state = 'closed';
      """)
}
