import Foundation
import Testing

/// Runs the built `minid` binary the way a CI script does: no terminal, arguments, optional standard input.
struct MinIDBinary {
  struct Result {
    let status: Int32
    let stdout: String
    let stderr: String
  }

  /// The binary next to the test bundle (`.build/<config>/minid`), or `MINID_BINARY`.
  static let url: URL = {
    if let path = ProcessInfo.processInfo.environment["MINID_BINARY"] { return URL(fileURLWithPath: path) }
    var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<4 {
      let candidate = directory.appendingPathComponent("minid")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      directory = directory.deletingLastPathComponent()
    }
    return packageRoot.appendingPathComponent(".build/debug/minid")
  }()

  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .deletingLastPathComponent()

  static func run(
    _ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]
  ) throws -> Result {
    let process = Process()
    process.executableURL = url
    process.arguments = arguments
    var env = ["PATH": "/usr/bin:/bin", "HOME": "/nonexistent-home", "COLUMNS": "80"]
    env.merge(environment) { $1 }
    process.environment = env
    // Standard input and error go through files, standard output through a pipe read to the end before
    // waiting, so no amount of output can block the child.
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
      "minid-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let inputURL = scratch.appendingPathComponent("stdin")
    let errorURL = scratch.appendingPathComponent("stderr")
    try Data((stdin ?? "").utf8).write(to: inputURL)
    _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
    let output = Pipe()
    process.standardOutput = output
    process.standardError = try FileHandle(forWritingTo: errorURL)
    process.standardInput = try FileHandle(forReadingFrom: inputURL)
    try process.run()
    let out = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    let err = try Data(contentsOf: errorURL)
    return Result(
      status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
      stderr: String(decoding: err, as: UTF8.self))
  }
}

/// Golden text under Fixtures/golden; `MINID_UPDATE_GOLDEN=1 swift test` rewrites them.
enum Golden {
  static let directory = MinIDBinary.packageRoot.appendingPathComponent("Fixtures/golden")

  static func check(_ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws
  {
    let url = directory.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["MINID_UPDATE_GOLDEN"] == "1" {
      try text.write(to: url, atomically: true, encoding: .utf8)
      return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    #expect(
      text == expected, "golden \(name) differs; MINID_UPDATE_GOLDEN=1 swift test rewrites it",
      sourceLocation: sourceLocation)
  }
}
