extension Migration {
  /// Version 3. Support case references kept on the account.
  static let accountCases = Migration(
    "account-cases",
    sqlite: """
      CREATE TABLE account_case (
        account_id INTEGER NOT NULL REFERENCES account (id),
        case_ref TEXT NOT NULL,
        added_at INTEGER NOT NULL,
        PRIMARY KEY (account_id, case_ref)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX account_case_ref ON account_case (case_ref);
      """,
    postgres: """
      CREATE TABLE account_case (
        account_id BIGINT NOT NULL REFERENCES account (id),
        case_ref TEXT NOT NULL,
        added_at BIGINT NOT NULL,
        PRIMARY KEY (account_id, case_ref)
      );
      CREATE INDEX account_case_ref ON account_case (case_ref);
      """)
}
