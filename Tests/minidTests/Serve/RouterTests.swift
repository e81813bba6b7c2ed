import Testing

@testable import MinIDCommandLine

@Suite struct RouterTests {
  func router() -> Router {
    var router = Router()
    router.add("GET", "/jwks.json", lane: .fast) { _, _ in HTTPResponse(status: 200) }
    router.add("POST", "/token", lane: .work) { _, _ in HTTPResponse(status: 200) }
    router.add("GET", "/logout", lane: .work) { _, _ in HTTPResponse(status: 200) }
    router.add("POST", "/logout", lane: .work) { _, _ in HTTPResponse(status: 200) }
    return router
  }

  @Test func exactMethodAndPath() {
    guard case .route(let route) = router().match(method: "POST", path: "/token") else {
      Issue.record("no route")
      return
    }
    #expect(route.lane == .work && route.path == "/token")
    guard case .route(let head) = router().match(method: "HEAD", path: "/jwks.json") else {
      Issue.record("HEAD is answered as GET")
      return
    }
    #expect(head.method == "GET")
  }

  @Test func aKnownPathWithAnotherMethodListsTheAllowedOnes() {
    guard case .wrongMethod(let allowed) = router().match(method: "GET", path: "/token") else {
      Issue.record("expected 405")
      return
    }
    #expect(allowed == ["POST"])
    guard case .wrongMethod(let both) = router().match(method: "PUT", path: "/logout") else {
      Issue.record("expected 405")
      return
    }
    #expect(both == ["GET", "POST", "HEAD"])
  }

  @Test(arguments: ["/token/", "/TOKEN", "/jwks.json/x", "/", ""])
  func anythingElseIsNotFound(_ path: String) {
    guard case .notFound = router().match(method: "GET", path: path) else {
      Issue.record("\(path) should not match")
      return
    }
  }

  @Test func theServedPathsAreTheRoutesPaths() {
    #expect(router().paths == ["/jwks.json", "/token", "/logout"])
  }
}
