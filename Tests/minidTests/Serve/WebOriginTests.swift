import Testing

@testable import MinIDCommandLine

/// The pages' policies name a client's origin and nothing wider or malformed: no user information, no
/// path; the port kept; a URI without a host allows nothing.
@Suite struct WebOriginTests {
  func policy(_ response: HTTPResponse) -> String {
    response.headers.first { $0.name == "Content-Security-Policy" }?.value ?? ""
  }

  @Test func anOriginIsSchemeHostAndPortOnly() {
    #expect(WebOrigin.of("https://user:secret@rp.example:8443/cb?x=1#f") == "https://rp.example:8443")
    #expect(WebOrigin.of("http://localhost:5173/") == "http://localhost:5173")
    #expect(WebOrigin.of("not a uri") == nil && WebOrigin.source("/relative") == "'none'")
  }

  @Test func theFormPostPageAllowsPostingToTheClientOriginOnly() {
    let page = LoginPages.formPost(to: "https://user:secret@rp.example:8443/cb", parameters: [("code", "c")])
    #expect(policy(page).contains("form-action https://rp.example:8443;"))
    #expect(!policy(page).contains("secret"))
  }

  @Test func theLogoutPageFramesEachClientOriginOnce() {
    let page = LogoutPage.loggedOut(
      frontChannel: [
        "https://a.example/logout?sid=1", "https://a.example/other", "https://b.example:444/fc",
      ],
      redirect: nil,
      page: PageContext(
        base: "", login: "", token: "", language: .nb, service: "", testStore: false, redirectURI: ""))
    #expect(policy(page).contains("frame-src https://a.example https://b.example:444;"))
    #expect(page.headers.contains { $0.name == "Referrer-Policy" && $0.value == "no-referrer" })
  }
}
