extension Migration {
  /// Version 4. Nothing looks accounts up by pseudonym (the audit trail has its own index); one
  /// random-key index less makes bulk import faster.
  static let dropAccountPseudonymIndex = Migration(
    "drop-account-pseudonym-index",
    sqlite: """
      DROP INDEX account_pseudonym;
      """,
    postgres: """
      DROP INDEX account_pseudonym;
      """)
}
