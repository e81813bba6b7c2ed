import Foundation
import MinIDKit
import Testing

@testable import MinIDCommandLine

#if canImport(Glibc)
  import Glibc
#endif

@Suite struct LineReaderTests {
  /// Reads `data` through a file with a small chunk size so lines straddle reads.
  func lines(_ data: [UInt8], chunkSize: Int = 7) throws -> [(String, Bool)] {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("lines-\(UUID().uuidString)")
    try Data(data).write(to: url)
    defer { try? FileManager.default.removeItem(at: url) }
    let descriptor = open(url.path, O_RDONLY)
    defer { close(descriptor) }
    var result: [(String, Bool)] = []
    try LineReader(descriptor: descriptor, chunkSize: chunkSize).forEachLine { line, truncated in
      result.append((String(decoding: line, as: UTF8.self), truncated))
    }
    return result
  }

  @Test(arguments: [1, 3, 7, 1 << 20])
  func linesAcrossReads(_ chunkSize: Int) throws {
    let text = "31129956715\r\n\nshort\nlast-without-newline"
    #expect(
      try lines(Array(text.utf8), chunkSize: chunkSize).map(\.0) == [
        "31129956715", "", "short", "last-without-newline",
      ])
  }

  @Test func emptyInput() throws {
    #expect(try lines([]).isEmpty)
  }

  @Test func overlongLinesAreCutOnceAndReadingGoesOn() throws {
    let long = [UInt8](repeating: 49, count: LineReader.maximumLineLength * 3 + 5)
    let data = Array("before\n".utf8) + long + Array("\nafter\n".utf8)
    let result = try lines(data, chunkSize: 1000)
    #expect(result.count == 3)
    #expect(result[0] == ("before", false))
    #expect(result[1].0.count == LineReader.maximumLineLength && result[1].1)
    #expect(result[2] == ("after", false))
  }

  @Test func splittingKeepsWholeLinesInOrder() {
    let text = (0..<20_000).map { String(format: "%011d", $0) }.joined(separator: "\n") + "\n"
    let bytes = Array(text.utf8)
    bytes.withUnsafeBytes { block in
      let parts = ValidationWorker.split(block, into: 2)
      #expect(parts.count == 2)
      #expect(parts.map(\.count).reduce(0, +) == block.count)
      for part in parts { #expect(part.last == 10) }
      let joined = parts.map { String(decoding: $0, as: UTF8.self) }.joined()
      #expect(joined == text)
    }
  }
}
