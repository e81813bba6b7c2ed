import Foundation

/// A route for minid's own end-to-end tests of draining and of the lanes, in test stores only and only
/// with `MINID_SERVE_TEST_GATE` naming a directory: `POST /test/gate` (`.work` lane) leaves a file
/// `entered-<n>` there, then waits until a file `open` appears (or the request timeout passes, 503), so a
/// test can hold a request in flight for as long as it needs without any timing of its own.
enum TestGateRoute {
  static let variable = "MINID_SERVE_TEST_GATE"

  static func register(in router: inout Router, directory: String, timeoutSeconds: Int) {
    router.add("POST", "/test/gate", lane: .work) { _, context in
      let manager = FileManager.default
      _ = manager.createFile(
        atPath: directory + "/entered-\(context.index)-\(UUID().uuidString)", contents: nil)
      let deadline = Date(timeIntervalSinceNow: Double(timeoutSeconds))
      while !manager.fileExists(atPath: directory + "/open") {
        guard Date() < deadline else { return .jsonError(status: 503, code: "temporarily_unavailable") }
        usleep(10_000)
      }
      return try .json(["gate": "open"])
    }
  }
}
