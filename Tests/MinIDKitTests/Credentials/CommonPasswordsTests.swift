import Foundation
import Testing

@testable import MinIDKit

/// The common-password list is a data file compiled in at build time; these tests check that every line of
/// it reaches the library, and nothing else does.
@Suite struct CommonPasswordsTests {
  static let dataFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Sources/MinIDKit/Credentials/CommonPasswords/common-passwords.txt")

  static func lines() throws -> [String] {
    try String(contentsOf: dataFile, encoding: .utf8).split(separator: "\n").map(String.init)
  }

  @Test func everyLineOfTheDataFileIsInTheList() throws {
    let lines = try Self.lines()
    #expect(lines.count > 1000)
    #expect(CommonPasswords.count == Set(lines).count)
    for line in lines { #expect(CommonPasswords.contains(line), "\(line) is missing") }
  }

  @Test func theListIsComparedCaseInsensitively() throws {
    let first = try #require(try Self.lines().first(where: { $0.contains(where: \.isLetter) }))
    #expect(CommonPasswords.contains(first.uppercased()))
    #expect(!CommonPasswords.contains(first + "x9"))
  }

  @Test func theSourceAndLicenceSitBesideTheList() throws {
    let folder = Self.dataFile.deletingLastPathComponent()
    let readme = try String(contentsOf: folder.appendingPathComponent("README.md"), encoding: .utf8)
    let licence = try String(contentsOf: folder.appendingPathComponent("LICENSE"), encoding: .utf8)
    #expect(readme.contains("Django") && readme.contains("BSD-3-Clause"))
    #expect(licence.contains("Django Software Foundation"))
  }
}
