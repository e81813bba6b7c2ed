import MinIDKit
import Testing

/// What `init --issuer` and `token verify --issuer` accept, exactly (StoreSettings.normalizedIssuer).
@Suite struct IssuerTests {
  @Test func accepted() throws {
    for (given, normalized) in [
      ("https://login.example.no/", "https://login.example.no"),
      ("http://localhost:8080/idp/", "http://localhost:8080/idp"),
      ("http://127.0.0.1:9000", "http://127.0.0.1:9000"),
      ("http://[::1]:8080/a/b-c_d.e~f", "http://[::1]:8080/a/b-c_d.e~f"),
      ("HTTPS://Login.Example.no:443", "HTTPS://Login.Example.no:443"),
    ] {
      #expect(try StoreSettings.normalizedIssuer(given) == normalized)
    }
  }

  @Test func refused() {
    for bad in [
      "http://localhost.example.com", "http://localhostx:80", "http://example.no", "ftp://x.no",
      "https://user@x.no", "https://x.no:0", "https://x.no:70000", "https://x.no:abc", "https://x.no/../etc",
      "https://x.no/a/./b", "https://x.no/a//b", "https://x.no/%2e%2e", "https://x.no/a b", "https://x.no/?a",
      "https://", "https://:80",
    ] {
      #expect(throws: StoreError.self, "\(bad)") { try StoreSettings.normalizedIssuer(bad) }
    }
  }

  @Test func theIssuersPathIsWhereItsDocumentsGo() throws {
    #expect(try StoreSettings.issuerPath("http://localhost:8080/idp") == ["idp"])
    #expect(try StoreSettings.issuerPath("https://x.no/a/b") == ["a", "b"])
    #expect(try StoreSettings.issuerPath("https://x.no") == [])
    #expect(throws: StoreError.self) { try StoreSettings.issuerPath("https://x.no/../b") }
  }
}
