import Testing

@testable import MinIDCommandLine

@Suite struct ListenAddressTests {
  @Test func hostAndPort() {
    #expect(ListenAddress(parsing: "127.0.0.1:8080") == ListenAddress(host: "127.0.0.1", port: 8080))
    #expect(ListenAddress(parsing: "[::1]:0") == ListenAddress(host: "::1", port: 0))
    #expect(ListenAddress(parsing: "0.0.0.0:65535")?.isLoopback == false)
    #expect(ListenAddress(parsing: "[::1]:443")?.text == "[::1]:443")
  }

  @Test(arguments: [
    "8080", ":8080", "127.0.0.1:", "127.0.0.1:65536", "::1:80", "[::1]80", "h:+1", "h:-1", "h:1x",
  ])
  func malformed(_ text: String) {
    #expect(ListenAddress(parsing: text) == nil)
  }

  @Test func theBasePathIsTheIssuersPath() {
    #expect(ServeCommand.basePath(of: "https://minid.test") == "")
    #expect(ServeCommand.basePath(of: "https://login.example.no/idporten") == "/idporten")
  }
}
