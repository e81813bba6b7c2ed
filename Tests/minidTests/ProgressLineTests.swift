import Foundation
import Testing

@testable import MinIDCommandLine

#if canImport(Glibc)
  import Glibc
#endif

/// The progress line of `testuser create` and `account import`: on a terminal only, plain under NO_COLOR.
@Suite struct ProgressLineTests {
  final class Collected: @unchecked Sendable { var text = "" }

  @Test func nothingIsWrittenWhenStandardErrorIsNotATerminal() {
    let out = Collected()
    var line = ProgressLine(isTerminal: false, usesEscapes: true) { out.text += $0 }
    line.update("1 of 2")
    line.finish()
    #expect(out.text.isEmpty)
  }

  @Test func aColourTerminalGetsTheLineClearedByEscape() {
    let out = Collected()
    var line = ProgressLine(isTerminal: true, usesEscapes: true) { out.text += $0 }
    line.update("10 of 100 test users made…")
    #expect(out.text == "\r\u{1B}[2K10 of 100 test users made…")
  }

  @Test func withoutColourTheLineIsPaddedWithSpacesAndNoEscape() {
    let out = Collected()
    var line = ProgressLine(isTerminal: true, usesEscapes: false) { out.text += $0 }
    line.update("100 of 100")
    line.update("9 of 9")
    line.finish()
    #expect(!out.text.contains("\u{1B}"))
    #expect(out.text == "\r100 of 100\r9 of 9    \r      \r")
  }

  /// A real terminal (a pseudo-terminal) with NO_COLOR set: the console's policy reaches the line.
  @Test func theConsoleOnATerminalHonoursNoColor() throws {
    // posix_openpt and its kin need _XOPEN_SOURCE, which the Glibc module is not built with.
    let libc = dlopen(nil, RTLD_NOW)
    typealias IntFunction = @convention(c) (Int32) -> Int32
    typealias NameFunction = @convention(c) (Int32) -> UnsafeMutablePointer<CChar>?
    struct Missing: Error { let name: String }
    func function<T>(_ name: String, as type: T.Type) throws -> T {
      guard let symbol = dlsym(libc, name) else { throw Missing(name: name) }
      return unsafeBitCast(symbol, to: type)
    }
    let master = try function("posix_openpt", as: IntFunction.self)(O_RDWR | O_NOCTTY)
    try #require(master >= 0)
    defer { close(master) }
    let granted = try function("grantpt", as: IntFunction.self)(master)
    let unlocked = try function("unlockpt", as: IntFunction.self)(master)
    try #require(granted == 0 && unlocked == 0)
    let found = try function("ptsname", as: NameFunction.self)(master)
    let name = try #require(found)
    let terminal = open(String(cString: name), O_RDWR | O_NOCTTY)
    try #require(terminal >= 0)
    defer { close(terminal) }
    for (environment, escapes) in [(["NO_COLOR": "1"], false), ([:], true)] {
      let console = Console(
        standardOutput: OutputStream(descriptor: 1), standardError: OutputStream(descriptor: terminal),
        standardInputDescriptor: terminal, environment: environment)
      var line = ProgressLine(console: console)
      #expect(line.isShown)
      line.update("3 of 5")
      var buffer = [UInt8](repeating: 0, count: 256)
      let count = read(master, &buffer, buffer.count)
      let text = String(decoding: buffer.prefix(max(0, count)), as: UTF8.self)
      #expect(text.contains("3 of 5"))
      #expect(text.contains("\u{1B}") == escapes, "\(environment)")
    }
  }
}

@Suite struct DurationTextTests {
  @Test func unitsAreSecondsMinutesHoursDays() {
    #expect(DurationText.seconds("0") == 0)
    #expect(DurationText.seconds("90s") == 90)
    #expect(DurationText.seconds("90m") == 5_400)
    #expect(DurationText.seconds("24h") == 86_400)
    #expect(DurationText.seconds("7d") == 604_800)
    for bad in ["", "h", "1", "-1h", "1w", "1.5h", "367d", "99999999999999999d"] {
      #expect(DurationText.seconds(bad) == nil, "\(bad)")
    }
  }
}
