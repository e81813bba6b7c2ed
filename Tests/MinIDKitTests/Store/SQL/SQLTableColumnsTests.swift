import Testing

@testable import MinIDKit

/// Rows are read by the column declarations; each declaration must name the table's real columns, in a
/// SELECT both backends accept.
@Suite struct SQLTableColumnsTests {
  @Test func everyDeclaredColumnIsInItsTable() throws {
    let test = try TestStore()
    defer { test.remove() }
    for (table, list) in [
      ("account", AccountColumn.selectList), ("outbox", OutboxColumn.selectList),
      ("audit", AuditColumn.selectList), ("service", ServiceColumn.selectList),
      ("signing_key", SigningKeyColumn.selectList), ("signing_key", PublicSigningKeyColumn.selectList),
      ("recovery_attempt", RecoveryAttemptColumn.selectList),
      ("login_attempt", LoginAttemptColumn.selectList), ("login_factor", LoginFactorColumn.selectList),
      ("app_device", AppDeviceColumn.selectList), ("totp_credential", TOTPCredentialColumn.selectList),
      ("sso_session", SSOSessionColumn.selectList), ("client", ClientColumn.selectList),
      ("oauth_grant", OAuthGrantColumn.selectList),
      ("authorization_code", AuthorizationCodeColumn.selectList),
      ("refresh_token", RefreshTokenColumn.selectList),
      ("authorization_request", AuthorizationRequestColumn.selectList),
      (
        "login_factor f JOIN login_attempt a ON a.id = f.attempt_id",
        LoginFactorColumn.selectList(qualifiedBy: "f") + ", "
          + LoginAttemptColumn.selectList(qualifiedBy: "a")
      ),
    ] {
      #expect(throws: Never.self, "\(table)") {
        _ = try test.connection.scalarInt("SELECT count(*) FROM (SELECT \(list) FROM \(table)) AS t")
      }
    }
  }

  @Test func aRunOfCapitalsIsOneWordOfTheName() {
    #expect(AuditColumn.accountID.name == "account_id")
    #expect(AccountColumn.failedAttempts.name == "failed_attempts")
    #expect(AuditColumn.caseRef.name == "case_ref")
    #expect(ClientColumn.postLogoutRedirectURIs.name == "post_logout_redirect_uris")
    #expect(ClientColumn.backchannelLogoutURI.name == "backchannel_logout_uri")
    #expect(LoginAttemptColumn.outboxID.name == "outbox_id")
  }

  /// A joined row's second table is read by its own names after the first table's width.
  @Test func aJoinedRowIsReadTableByTable() throws {
    let test = try TestStore()
    defer { test.remove() }
    func afterTheFirst<Row: SQLRow>(_ row: Row) -> (String, Int64) {
      (row.suffix(after: 1).text(0), row.suffix(after: 1).int64(1))
    }
    let read = try test.connection.first("SELECT 'first', 'second', 42", []) { row in
      (row.text(0), afterTheFirst(row).0, afterTheFirst(row).1)
    }
    #expect(read?.0 == "first" && read?.1 == "second" && read?.2 == 42)
    #expect(LoginFactorColumn.width == 8)
  }
}
