import MinIDKit
import Testing

@Suite struct StoreLocationTests {
  @Test func optionWinsOverEverything() throws {
    let location = try StoreLocation.resolve(
      option: "/tmp/a.sqlite", environment: ["MINID_DATABASE": "/tmp/b.sqlite", "HOME": "/home/x"])
    #expect(location == StoreLocation(path: "/tmp/a.sqlite", source: .option))
  }

  @Test func environmentThenXDGThenHome() throws {
    #expect(
      try StoreLocation.resolve(option: nil, environment: ["MINID_DATABASE": "/db", "XDG_DATA_HOME": "/xdg"])
        .source
        == .environment)
    #expect(
      try StoreLocation.resolve(option: nil, environment: ["XDG_DATA_HOME": "/xdg", "HOME": "/home/x"]).path
        == "/xdg/minid/minid.sqlite")
    #expect(
      try StoreLocation.resolve(option: nil, environment: ["XDG_DATA_HOME": "relative", "HOME": "/home/x"])
        .path
        == "/home/x/.local/share/minid/minid.sqlite")
    #expect(
      try StoreLocation.resolve(option: nil, environment: ["MINID_DATABASE": "", "HOME": "/home/x/"]).path
        == "/home/x/.local/share/minid/minid.sqlite")
  }

  @Test func refusals() {
    #expect(throws: StoreLocationError.empty("--database")) {
      try StoreLocation.resolve(option: "", environment: [:])
    }
    #expect(throws: StoreLocationError.noHome) { try StoreLocation.resolve(option: nil, environment: [:]) }
  }

  @Test func directory() {
    #expect(StoreLocation(path: "/a/b/minid.sqlite", source: .option).directory == "/a/b")
    #expect(StoreLocation(path: "minid.sqlite", source: .option).directory == ".")
    #expect(StoreLocation(path: "/minid.sqlite", source: .option).directory == "/")
  }

  @Test func secretsNeverPrint() {
    let secret = Secret("hunter2hunter2")
    #expect("\(secret)" == "<secret>")
    #expect(String(reflecting: secret) == "<secret>")
  }
}
