import Testing

@testable import MinIDCommandLine

/// minid's cookies stay under the issuer: with an issuer that has a path (a host shared with other
/// applications behind one proxy), no other path on the host receives the session or browser cookie.
@Suite struct CookieScopeTests {
  @Test(arguments: [
    ("https://login.example.no/idporten", "/idporten"), ("https://login.example.no", "/"),
    ("http://localhost:8080/idp", "/idp"),
  ])
  func everyCookieIsScopedToTheIssuersPath(issuer: String, path: String) {
    let browser = PageLayout.cookie(OpenIDRoutes.browserCookie, "secret", publicURL: issuer)
    let language = PageLayout.cookie(PageRoutes.languageCookie, "nn", publicURL: issuer, maxAge: 60)
    let session = SessionCookie.header("\(SessionCookie.name)=value; Max-Age=60", publicURL: issuer)
    let cleared = SessionCookie.header("\(SessionCookie.name)=; Max-Age=0", publicURL: issuer)
    for cookie in [browser, language, session, cleared] {
      let attributes = cookie.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
      #expect(attributes.filter { $0.hasPrefix("Path=") } == ["Path=\(path)"], "\(cookie)")
      #expect(attributes.contains("HttpOnly") && attributes.contains("SameSite=Lax"))
      #expect(attributes.contains("Secure") == issuer.hasPrefix("https:"))
    }
  }

  /// An issuer is kept as given (`HTTPS://Login.Example.no` is accepted and compared exactly), and its
  /// scheme is https whatever its case: the cookies still say `Secure`.
  @Test func anHTTPSIssuerWrittenInCapitalsStillGetsSecureCookies() {
    let issuer = "HTTPS://LOGIN.EXAMPLE.NO"
    for cookie in [
      PageLayout.cookie(OpenIDRoutes.browserCookie, "secret", publicURL: issuer),
      SessionCookie.header("\(SessionCookie.name)=value; Max-Age=60", publicURL: issuer),
    ] {
      #expect(cookie.hasSuffix("; Secure"), "\(cookie)")
    }
  }
}
