import Foundation
import MinIDKit
import Testing

@testable import MinIDCommandLine

@Suite struct AccessLogTests {
  let entry = AccessLog.Entry(
    time: Timestamp(seconds: 1_795_000_000), method: "POST", path: "/token", status: 200, milliseconds: 12.34,
    clientID: "my-app", errorCode: nil)

  @Test func textLine() {
    #expect(
      AccessLog(json: false).line(entry) == "2026-11-18T11:06:40Z POST /token 200 12.3ms client=my-app\n")
  }

  @Test func jsonLine() throws {
    let line = AccessLog(json: true).line(entry)
    #expect(line.hasSuffix("}\n") && line.filter { $0 == "\n" }.count == 1)
    let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    #expect(object["time"] as? String == "2026-11-18T11:06:40Z")
    #expect(object["method"] as? String == "POST" && object["path"] as? String == "/token")
    #expect(object["status"] as? Int == 200 && object["duration_ms"] as? Double == 12.3)
    #expect(object["client_id"] as? String == "my-app" && object["error"] == nil)
  }

  @Test func whatTheClientChoseIsEscapedAndCut() {
    let hostile = AccessLog.Entry(
      time: Timestamp(seconds: 0), method: "GET", path: "/a\u{1B}[2J" + String(repeating: "x", count: 400),
      status: 404, milliseconds: 0, clientID: nil, errorCode: nil)
    let line = AccessLog(json: false).line(hostile)
    #expect(!line.contains("\u{1B}") && line.contains("\\u{1B}"))
    #expect(line.count < 300 && line.contains("…"))
  }
}
