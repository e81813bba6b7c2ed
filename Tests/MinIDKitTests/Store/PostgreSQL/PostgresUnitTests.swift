import Testing

@testable import MinIDKit

/// The parts of the PostgreSQL backend that need no server (the rest runs with MINID_TEST_POSTGRES).
@Suite struct PostgresUnitTests {
  @Test func placeholdersAreNumberedOutsideQuotedText() {
    #expect(
      PostgresConnection.numberedPlaceholders("UPDATE t SET a = ?, b = 'why?' WHERE c = ? AND d = ''")
        == "UPDATE t SET a = $1, b = 'why?' WHERE c = $2 AND d = ''")
  }

  @Test func retryableStatesAndCategories() {
    let serialization = PostgresError(sqlState: "40001", serverMessage: "could not serialize", operation: "x")
    #expect(serialization.isRetryable && serialization.category == .busy)
    #expect(PostgresError(sqlState: "40P01", serverMessage: "deadlock", operation: "x").isRetryable)
    let unique = PostgresError(sqlState: "23505", serverMessage: "duplicate key", operation: "x")
    #expect(!unique.isRetryable && unique.category == .conflict)
    #expect(PostgresError(sqlState: "08006", serverMessage: "no server", operation: "x").category == .io)
    #expect(PostgresError(sqlState: "28P01", serverMessage: "auth", operation: "x").category == .permission)
    #expect(
      PostgresError(sqlState: "3D000", serverMessage: "no db", operation: "x").category == .missingInput)
  }

  /// libpq refuses to connect to nothing; the message names the redacted URI, never the password.
  @Test func connectionFailuresNeverShowThePassword() {
    let error = #expect(throws: PostgresError.self) {
      _ = try PostgresConnection(uri: "postgresql://ci:s3cret@/minid?host=/nonexistent-minid-socket")
    }
    #expect(error?.sqlState == "08006")
    #expect(error?.message.contains("s3cret") == false)
    #expect(error?.message.contains("ci:***@") == true)
  }

  @Test func uriPasswordsAreRedacted() {
    #expect(StoreLocation.redacted("postgresql://u:p@h:5432/db") == "postgresql://u:***@h:5432/db")
    #expect(
      StoreLocation.redacted("postgresql://u@h/db?password=p&sslmode=require")
        == "postgresql://u@h/db?password=***&sslmode=require")
    #expect(StoreLocation.redacted("postgres://h/db") == "postgres://h/db")
  }
}
