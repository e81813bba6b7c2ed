import Foundation
import MinIDKit
import Testing

@testable import MinIDCommandLine

@Suite struct ErrorReportTests {
  @Test(arguments: [
    (ErrorCategory.invalidInput, ExitCode.dataError), (.missingInput, .noInput), (.notFound, .notFound),
    (.conflict, .conflict), (.authenticationFailed, .authenticationFailed), (.stateForbids, .stateForbids),
    (.busy, .tempFail), (.cannotCreate, .cannotCreate), (.io, .ioError), (.configuration, .configuration),
    (.permission, .noPermission), (.refused, .failure), (.internal, .software),
  ])
  func everyCategoryHasItsExitStatus(_ category: ErrorCategory, _ status: ExitCode) {
    #expect(ExitCode(category) == status)
  }

  @Test func theTableFollowsSysexits() {
    #expect(ExitCode.usage.rawValue == 64)
    #expect(ExitCode.dataError.rawValue == 65)
    #expect(ExitCode.noInput.rawValue == 66)
    #expect(ExitCode.notFound.rawValue == 67)
    #expect(ExitCode.software.rawValue == 70)
    #expect(ExitCode.tempFail.rawValue == 75)
  }

  @Test func usageErrorsExit64WithUsage() {
    let report = ErrorReport(UsageError("Nope.", commandPath: ["minid", "id"]))
    #expect(report.status == .usage && report.usagePath == ["minid", "id"])
  }

  @Test func libraryErrorsKeepTheirCode() {
    let report = ErrorReport(StoreLocationError.noHome)
    #expect(report.code == "no_database_location")
    #expect(report.status == .configuration)
    #expect(report.message.hasPrefix("cannot choose"))
  }

  @Test func unknownErrorsAreInternal() {
    struct Oops: Error {}
    let report = ErrorReport(Oops())
    #expect(report.status == .software)
    #expect(report.message.contains("please report"))
  }

  @Test func colourPolicy() {
    #expect(ColorPolicy.allowsColor(isTerminal: true, environment: [:], noColorFlag: false))
    #expect(!ColorPolicy.allowsColor(isTerminal: false, environment: [:], noColorFlag: false))
    #expect(!ColorPolicy.allowsColor(isTerminal: true, environment: ["NO_COLOR": "1"], noColorFlag: false))
    #expect(ColorPolicy.allowsColor(isTerminal: true, environment: ["NO_COLOR": ""], noColorFlag: false))
    #expect(!ColorPolicy.allowsColor(isTerminal: true, environment: ["TERM": "dumb"], noColorFlag: false))
    #expect(!ColorPolicy.allowsColor(isTerminal: true, environment: [:], noColorFlag: true))
  }

  @Test func jsonWriterEscapes() {
    var writer = JSONWriter()
    writer.beginObject()
    writer.key("a")
    writer.string("q\"b\\n\n\t\u{1}é")
    writer.key("list")
    writer.beginArray()
    writer.int(1)
    writer.bool(false)
    writer.null()
    writer.endArray()
    writer.endObject()
    #expect(
      String(decoding: writer.bytes, as: UTF8.self) == #"{"a":"q\"b\\n\n\t\u0001é","list":[1,false,null]}"#)
    var invalid = JSONWriter()
    [UInt8]([0x61, 0xFF]).withUnsafeBytes { invalid.string(bytes: $0) }
    #expect(String(decoding: invalid.bytes, as: UTF8.self) == "\"a\u{FFFD}\"")
  }

  @Test func terminalTextShowsControlCharacters() {
    let text = Array("a\u{1B}[31mb".utf8).withUnsafeBytes { TerminalText.sanitized($0) }
    #expect(text == "a\\u{1B}[31mb")
  }

  /// Control characters, bidirectional controls and invisible characters are shown as escapes; letters,
  /// spaces and backslashes are not.
  @Test func terminalTextEscapesEverythingThatHidesOrMovesText() {
    #expect(TerminalText.escaped("kid\u{1B}[2J\nToken valid") == "kid\\u{1B}[2J\\u{A}Token valid")
    #expect(TerminalText.escaped("abc\u{202E}fed\u{2066}x\u{2069}") == "abc\\u{202E}fed\\u{2066}x\\u{2069}")
    #expect(TerminalText.escaped("a\u{200B}b\u{FEFF}c\u{200D}") == "a\\u{200B}b\\u{FEFF}c\\u{200D}")
    #expect(TerminalText.escaped("\u{9B}2J\u{7F}\r\t") == "\\u{9B}2J\\u{7F}\\u{D}\\u{9}")
    #expect(TerminalText.escaped("Sámediggi – Čáhcesuolu \\n ✓") == "Sámediggi – Čáhcesuolu \\n ✓")
    #expect(TerminalText.escaped(lines: "Storgata 1\n0155 Oslo\u{1B}") == "Storgata 1\n0155 Oslo\\u{1B}")
    let invalid: [UInt8] = [0x61, 0xFF, 0x1B]
    #expect(invalid.withUnsafeBytes { TerminalText.sanitized($0, truncated: true) } == "a\u{FFFD}\\u{1B}…")
  }

  /// JSON output escapes every control character (RFC 8259 §7), by either writer.
  @Test func jsonEscapesEveryControlCharacter() throws {
    let all = String(String.UnicodeScalarView((0..<32).compactMap(Unicode.Scalar.init) + ["\u{7F}"]))
    var writer = JSONWriter()
    writer.string(all)
    let encoder = JSONEncoder()
    for bytes in [writer.bytes, Array(try encoder.encode([all]))] {
      #expect(!bytes.contains { $0 < 32 }, "\(String(decoding: bytes, as: UTF8.self))")
      let decoded = try JSONSerialization.jsonObject(with: Data(bytes), options: .fragmentsAllowed)
      #expect((decoded as? String ?? (decoded as? [String])?.first) == all)
    }
  }
}
