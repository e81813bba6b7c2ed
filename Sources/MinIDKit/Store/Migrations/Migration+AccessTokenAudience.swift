extension Migration {
  /// Version 12. What ID-porten's access tokens carry beyond the login: the organisation a client acts
  /// for (`client.organization_number`, nine digits, giving the `consumer` claim) and the resource a grant
  /// was asked for (`oauth_grant.resource`, RFC 8707, giving `aud`). Both nullable: clients and grants
  /// from before have neither, as ID-porten's tokens without them do.
  static let accessTokenAudience = Migration(
    "access-token-audience",
    sqlite: """
      ALTER TABLE client ADD COLUMN organization_number TEXT;
      ALTER TABLE oauth_grant ADD COLUMN resource TEXT;
      """,
    postgres: """
      ALTER TABLE client ADD COLUMN organization_number TEXT;
      ALTER TABLE oauth_grant ADD COLUMN resource TEXT;
      """)
}
