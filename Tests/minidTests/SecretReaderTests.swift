import Foundation
import MinIDKit
import Testing

@testable import MinIDCommandLine

#if canImport(Glibc)
  import Glibc
#endif

/// The secrets helper every later command uses: files, standard input once, never more than 4096 bytes.
@Suite struct SecretReaderTests {
  /// A console whose standard input is a pipe holding `input` (so never a terminal).
  func console(stdin input: String) -> Console {
    var fds: [Int32] = [0, 0]
    pipe(&fds)
    _ = input.withCString { write(fds[1], $0, strlen($0)) }
    close(fds[1])
    return Console(
      standardOutput: .init(descriptor: -1), standardError: .init(descriptor: -1),
      standardInputDescriptor: fds[0], environment: [:])
  }

  func file(_ contents: [UInt8]) -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("secret-\(UUID().uuidString)")
      .path
    FileManager.default.createFile(atPath: path, contents: Data(contents))
    return path
  }

  @Test func fileWithOneTrailingNewlineRemoved() throws {
    let reader = SecretReader(console: console(stdin: ""))
    #expect(
      try reader.read(option: "password-file", path: file(Array("pa ss\n".utf8)), prompt: "").utf8
        == Array("pa ss".utf8))
    #expect(
      try reader.read(option: "password-file", path: file(Array("crlf\r\n".utf8)), prompt: "").utf8
        == Array("crlf".utf8))
    #expect(
      try reader.read(option: "password-file", path: file(Array("keep  ".utf8)), prompt: "").utf8
        == Array("keep  ".utf8))
  }

  @Test func standardInputOnlyOncePerCall() throws {
    let reader = SecretReader(console: console(stdin: "12345\n"))
    #expect(try reader.read(option: "code-file", path: "-", prompt: "").utf8 == Array("12345".utf8))
    #expect(throws: UsageError.self) { try reader.read(option: "password-file", path: "-", prompt: "") }
  }

  @Test func refusals() {
    let reader = SecretReader(console: console(stdin: ""))
    #expect(throws: SecretInputError.empty(option: "code-file", source: "standard input")) {
      try reader.read(option: "code-file", path: "-", prompt: "")
    }
    #expect(throws: SecretInputError.tooLong(option: "password-file")) {
      try reader.read(option: "password-file", path: file([UInt8](repeating: 65, count: 5000)), prompt: "")
    }
    #expect(throws: SecretInputError.multipleLines(option: "password-file")) {
      try reader.read(option: "password-file", path: file(Array("a\nb\n".utf8)), prompt: "")
    }
    #expect(throws: SecretInputError.self) {
      try reader.read(option: "password-file", path: "/nonexistent/minid-secret", prompt: "")
    }
  }

  @Test func noTerminalAndNoOptionIsAUsageError() {
    let reader = SecretReader(console: console(stdin: "hunter2"))
    #expect(throws: UsageError.self) {
      try reader.read(option: "password-file", path: nil, prompt: "Password: ")
    }
  }

  @Test func errorsNeverContainTheSecret() {
    let reader = SecretReader(console: console(stdin: ""))
    let path = file(Array("topsecret\nsecond line\n".utf8))
    do {
      _ = try reader.read(option: "password-file", path: path, prompt: "")
      Issue.record("a two-line file was accepted")
    } catch {
      #expect(!"\(error)".contains("topsecret"))
      #expect(!ErrorReport(error).message.contains("topsecret"))
    }
  }
}
