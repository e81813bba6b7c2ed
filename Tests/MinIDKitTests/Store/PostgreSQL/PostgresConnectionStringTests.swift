import Testing

@testable import MinIDKit

/// The PostgreSQL connection rules that need no server: no password in any message, and TLS with the
/// server's certificate checked unless the server is on this machine.
@Suite struct PostgresConnectionStringTests {
  /// Each malformed shape libpq quotes back, and where the password sits in it.
  @Test(arguments: [
    ("postgresql://u:secret@host:notaport/db", "secret"),
    ("postgresql://u@h/db?password=secret&port=abc", "secret"),
    ("postgresql://u:secret@[::1/db", "secret"),
    ("postgresql://u:sec%zzret@h/db", "zzret"),
    ("postgresql://u:secret@h/db?bogus=1", "secret"),
    ("postgresql://u:p%40ss@h:notaport/db", "p@ss"),
    ("postgresql://u@h/db?password=sec%zzret", "zzret"),
    ("host=x password=secret port=abc", "secret"),
    ("host=x password = 'sec ret' port=abc", "sec ret"),
    ("host=x password='secret", "secret"),
  ])
  func malformedStringsNeverShowThePassword(_ uri: String, _ password: String) {
    let error = #expect(throws: (any Error).self) { _ = try PostgresConnection(uri: uri) }
    let message = (error as? any MinIDError)?.message ?? "\(String(describing: error))"
    #expect(!message.contains(password), "\(message)")
    #expect(error is PostgresConnectionError || error is PostgresError)
  }

  @Test func parseErrorsKeepOptionNames() throws {
    let error = #expect(throws: PostgresConnectionError.self) {
      _ = try PostgresConnectionString("postgresql://u:secret@h/db?bogus=1")
    }
    #expect(error?.message.contains("\"bogus\"") == true)
    #expect(error?.message.contains("u:***@h") == true)
    #expect(error?.category == .configuration)
  }

  func mode(_ uri: String, environment: [String: String] = [:]) throws -> String {
    try PostgresConnectionString(uri).sslMode(environment: environment)
  }

  @Test func verifyFullIsTheDefaultEverywhere() throws {
    #expect(try mode("postgresql://minid@db.example.no/minid") == "verify-full")
    #expect(try mode("postgresql://minid@/postgres?host=/tmp/pg") == "verify-full")
    #expect(try mode("postgresql://minid@db.example.no/minid?sslmode=verify-full") == "verify-full")
    // PGSSLMODE does not lower it: only the string's own sslmode counts.
    #expect(
      try mode("postgresql://minid@db.example.no/minid", environment: ["PGSSLMODE": "disable"])
        == "verify-full")
  }

  @Test func aWeakerModeIsAllowedForALocalServer() throws {
    #expect(try mode("postgresql://minid@/postgres?host=/tmp/pg-socket&sslmode=disable") == "disable")
    #expect(try mode("postgresql://minid@/postgres?sslmode=disable") == "disable")
    #expect(try mode("postgresql://minid@localhost/minid?sslmode=prefer") == "prefer")
    #expect(try mode("postgresql://minid@127.0.0.1:5432/minid?sslmode=require") == "require")
    #expect(try mode("postgresql://minid@[::1]/minid?sslmode=disable") == "disable")
    #expect(try mode("host=/var/run/postgresql sslmode=disable") == "disable")
  }

  @Test(arguments: ["disable", "allow", "prefer", "require", "verify-ca"])
  func aWeakerModeIsRefusedForARemoteServer(_ weak: String) throws {
    let uri = "postgresql://minid:pw@db.example.no/minid?sslmode=\(weak)"
    #expect(
      throws: PostgresConnectionError.weakTLS(
        location: "postgresql://minid:***@db.example.no/minid?sslmode=\(weak)", host: "db.example.no",
        mode: weak)
    ) { try mode(uri) }
    // Refused before any connection is tried.
    #expect(throws: PostgresConnectionError.self) { _ = try PostgresConnection(uri: uri) }
  }

  @Test func everyServerNamedMustBeLocal() throws {
    #expect(throws: PostgresConnectionError.self) {
      try mode("postgresql://minid@localhost,db.example.no/minid?sslmode=disable")
    }
    #expect(throws: PostgresConnectionError.self) {
      try mode("postgresql://minid@localhost/minid?hostaddr=192.0.2.7&sslmode=disable")
    }
    // With no host in the string libpq takes PGHOST, so that is the server checked.
    #expect(throws: PostgresConnectionError.self) {
      try mode("postgresql://minid@/minid?sslmode=disable", environment: ["PGHOST": "db.example.no"])
    }
    #expect(
      try mode("postgresql://minid@/minid?sslmode=disable", environment: ["PGHOST": "/run/pg"]) == "disable")
  }
}
